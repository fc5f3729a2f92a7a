"""Reviewers' choices: the place a name typed in reports means, when matching found none.

``data/name_choices.csv`` holds one row per choice: which field (``commune``, ``village`` or
``school``), the commune the row named (empty for a commune choice), the name as typed, the place
chosen, who chose it and when, and, once revoked, who revoked it and when. A choice is an alias
for every build: when matching finds no place (or several) for a name, :class:`ChosenNames`
looks the name up among the choices in force before the problem is reported, so the row counts
and the import report says who read the name so. Names compare by their exact key
(``etl.names.exact_key``: case, spacing, punctuation and prefixes do not matter, accents do). A
commune chosen answers only rows dated while it is in force (a 2020 commune does not place a
row of 2026: that row waits, offered the communes of its day).

A choice obeys the period locks (``etl.reports.locks``): it does not bring in a row dated in a
period locked before the choice was made, so a locked period's figures stay put. The file
changes only through the actions of ``etl.imports.name_choices`` (``python -m etl names``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from etl.config import Settings
from etl.geography.place_lookup import Places
from etl.load import load_raw
from etl.names import exact_key
from etl.present.format import vn_day
from etl.reports.locks import Lock, lock_covering
from etl.reports.matching import Match

CHOICE_COLUMNS = (
    "choice_id", "field", "commune_id", "typed", "place_id", "place_name", "chosen_at",
    "chosen_by", "revoked_at", "revoked_by",
)  # fmt: skip
FIELDS = ("commune", "village", "school")
# what matching says when it cannot place a name: the problems a choice may answer
UNPLACED = frozenset({"commune_unknown", "village_unknown", "school_unknown", "name_ambiguous"})


@dataclass(frozen=True)
class Choice:
    """One reviewer's choice: ``typed`` in ``commune_id`` means ``place_id``."""

    choice_id: str
    field: str
    commune_id: str
    typed: str
    place_id: str
    place_name: str
    chosen_at: datetime
    chosen_by: str
    revoked_at: datetime | None = None
    revoked_by: str = ""

    @property
    def in_force(self) -> bool:
        """Whether the choice is used by builds (not revoked)."""
        return self.revoked_at is None

    def revoked(self, by: str, now: datetime) -> Choice:
        """This choice, revoked by ``by`` at ``now``."""
        return replace(self, revoked_at=now, revoked_by=by)


def read_choices(settings: Settings) -> list[Choice]:
    """Every choice, in the order made (none when there is no file)."""
    path = settings.name_choices_path
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(CHOICE_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path.name} lacks columns {sorted(missing)}")
        return [_choice(row) for row in reader]


def _choice(row: dict[str, str]) -> Choice:
    """One row of ``name_choices.csv``."""
    revoked = row["revoked_at"]
    return Choice(
        choice_id=row["choice_id"],
        field=row["field"],
        commune_id=row["commune_id"],
        typed=row["typed"],
        place_id=row["place_id"],
        place_name=row["place_name"],
        chosen_at=datetime.fromisoformat(row["chosen_at"]),
        chosen_by=row["chosen_by"],
        revoked_at=datetime.fromisoformat(revoked) if revoked else None,
        revoked_by=row["revoked_by"],
    )


def choices_bytes(choices: Sequence[Choice]) -> bytes:
    """``name_choices.csv`` holding ``choices``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CHOICE_COLUMNS)
    for c in choices:
        writer.writerow([
            c.choice_id, c.field, c.commune_id, c.typed, c.place_id, c.place_name,
            c.chosen_at.isoformat(timespec="seconds"), c.chosen_by,
            c.revoked_at.isoformat(timespec="seconds") if c.revoked_at else "", c.revoked_by,
        ])  # fmt: skip
    return out.getvalue().encode("utf-8")


def choice_key(field: str, commune_id: str, typed: str) -> tuple[str, str, str]:
    """What a choice answers: a field, a commune and the exact key of the name."""
    return field, commune_id, exact_key(typed)


class ChosenNames:
    """The choices in force, looked up when matching could not place a name."""

    def __init__(
        self,
        choices: Sequence[Choice] = (),
        locks: Sequence[Lock] = (),
        places: Places | None = None,
    ) -> None:
        self._choices = {
            choice_key(c.field, c.commune_id, c.typed): c for c in choices if c.in_force
        }
        self._locks = tuple(locks)
        self._places = places  # to tell whether a chosen commune is in force on a row's day

    def hook(self, field: str, match: Callable[..., Match]) -> Callable[..., Match]:
        """``match`` (a matcher's ``commune``, ``village`` or ``school``), answered by a choice
        when it cannot place the name. The hook takes the lookup's inputs: ``(text, day)`` for
        a commune, ``(commune_id, text, day)`` for a village or a school. A match made so
        carries the choice in its fields (:meth:`notice`)."""
        if field not in FIELDS:
            raise ValueError(f"field must be one of {FIELDS}, got {field!r}")

        def matched(*inputs: Any) -> Match:
            commune_id, text, day = ("", *inputs) if field == "commune" else (*inputs, None)[:3]
            if field == "commune":
                found = match(text, day)
            elif field == "school":
                found = match(commune_id, text)
            else:
                found = match(commune_id, text, day)
            if found.problem not in UNPLACED:
                return found
            choice = self._choices.get(choice_key(field, commune_id, text))
            if choice is None or self._locked_out(choice, day) or not self._fits(choice, day):
                return found
            return Match(choice.place_id, fields={
                "place": choice.place_name, "by": choice.chosen_by,
                "day": vn_day(choice.chosen_at),
            })  # fmt: skip

        return matched

    @staticmethod
    def notice(found: Match) -> str | None:
        """The fields (JSON) of the notice "read by a reviewer's choice", for a match a
        choice made (:meth:`hook`); None for any other."""
        if found.problem is not None or "by" not in found.fields:
            return None
        return json.dumps(found.fields, ensure_ascii=False)

    def _fits(self, choice: Choice, day: date | None) -> bool:
        """Whether the place chosen may answer a row of ``day``: a commune only while it is in
        force (villages and schools are looked up within the row's commune already)."""
        if choice.field != "commune" or self._places is None or day is None:
            return True
        commune = self._places.commune(choice.place_id)
        return commune is not None and commune.valid_on(day)

    def _locked_out(self, choice: Choice, day: date | None) -> bool:
        """Whether the row's day lies in a period locked before the choice was made."""
        lock = None if day is None else lock_covering(self._locks, day, day)
        return lock is not None and lock.locked_at < choice.chosen_at


def load_choices(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Write ``raw_name_choices``: ``name_choices.csv`` as it stands when the build runs."""
    rows = [
        (c.choice_id, c.field, c.commune_id or None, c.typed, c.place_id, c.place_name,
         c.chosen_at, c.chosen_by, c.revoked_at, c.revoked_by or None)
        for c in read_choices(settings)
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(CHOICE_COLUMNS))
    text = [c for c in CHOICE_COLUMNS if c not in ("chosen_at", "revoked_at")]
    frame = frame.astype(dict.fromkeys(text, "string"))
    frame["chosen_at"] = pd.to_datetime(frame["chosen_at"], utc=True)
    frame["revoked_at"] = pd.to_datetime(frame["revoked_at"], utc=True)
    load_raw(con, "raw_name_choices", frame)
