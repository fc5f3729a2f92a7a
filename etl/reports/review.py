"""The rows waiting for a reviewer: refused only because a commune, village or school name could
not be placed, each with the places a reviewer may choose from.

The places offered for a village or a school are those of the row's commune (for a 2025 commune,
of the 2020 communes it covers) in force on the row's day; for a commune, the communes in force
on the row's day. The matcher's suggestions ("Có phải …?") come first, then the rest by name.
What a reviewer chooses is kept by ``etl.imports.name_choices``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from etl.geography.place_lookup import Place
from etl.reports.matching import Match, Matcher

WAITING_COLUMNS = [
    "submission_id", "source_row", "field", "value", "commune_id", "start_on", "problem",
    "suggested", "candidate_ids", "candidate_names",
]  # fmt: skip


def waiting_frame(rows: Iterable[tuple], matcher: Matcher) -> pd.DataFrame:
    """``raw_waiting_rows`` from the rows of ``etl/sql/intake/waiting_rows.sql``: each with the
    number of suggestions (``suggested``) and the places offered, ids and names in one order."""
    offers: dict[tuple, tuple[int, list[str], list[str]]] = {}
    records = []
    for submission_id, source_row, field, value, commune_id, start_on, problem in rows:
        key = (field, commune_id, value, start_on)
        if key not in offers:
            offers[key] = _offer(matcher, field, commune_id, value, start_on)
        suggested, ids, names = offers[key]
        records.append((submission_id, source_row, field, value, commune_id, start_on, problem,
                        suggested, ids, names))  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=WAITING_COLUMNS)
    text = ["submission_id", "field", "value", "commune_id", "problem"]
    frame["start_on"] = pd.to_datetime(frame["start_on"])
    return frame.astype({**dict.fromkeys(text, "string"), "source_row": "int64",
                         "suggested": "int64"})  # fmt: skip


def _offer(
    matcher: Matcher, field: str, commune_id: str, value: str, day: date | None
) -> tuple[int, list[str], list[str]]:
    """(how many are suggestions, place ids, place names) offered for one name (a commune
    name's row has no ``commune_id``)."""
    places = matcher.places
    if field == "commune":
        pool = [c for c in places.communes if day is None or c.valid_on(day)]
        found = matcher.commune(value, day)
    elif field == "village":
        members = places.members_2020(commune_id)
        pool = [v for v in places.villages if v.parent_id in members
                and (day is None or v.valid_on(day))]  # fmt: skip
        found = matcher.village(commune_id, value, day)
    else:
        members = places.members_2020(commune_id)
        pool = [s for s in places.schools if s.parent_id in members]
        found = matcher.school(commune_id, value)
    first = _suggested(found, pool)
    rest = sorted((p for p in pool if p not in first), key=lambda p: (_name(p), p.place_id))
    ordered = [*first, *rest]
    return len(first), [p.place_id for p in ordered], [_name(p) for p in ordered]


def _suggested(found: Match, pool: list[Place]) -> list[Place]:
    """The places of ``pool`` the match suggested, or named as candidates, in its order."""
    if "candidates" in found.fields:  # "Nà Pài (v1), Nà Pài (v2)": ids in brackets
        text = found.fields["candidates"]
        return [p for p in pool if f"({p.place_id})" in text]
    names = [n.strip() for n in found.fields.get("suggestions", "").split(",") if n.strip()]
    return [p for n in names for p in pool if _name(p) == n][: len(names)]


def _name(place: Place) -> str:
    return place.full_name or place.name
