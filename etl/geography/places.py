"""Village and school master lists: check each row, place it in its 2020 commune, give it an id.

Each village and school belongs to a 2020-epoch commune (docs/warehouse.md). The commune comes
from ``Mã xã`` (GSO code) when given, else from the name, resolved by
:func:`etl.geography.commune_names.resolve_commune` on the row's ``Hiệu lực từ`` date (then on the
first day of the 2020 and of the 2025 epochs), and mapped to 2020 through the crosswalk. A 2025
commune formed from several old ones cannot say which: that row is a problem, never a guess.
Locations stay empty here when not given; the build fills placeholders
(``etl.geography.placeholders``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import pandas as pd

from etl.geography import commune_names, gazetteer
from etl.geography.places_read import (
    clean_text,
    parse_code,
    parse_count,
    parse_date,
    parse_degrees,
    read_place_list,
    vocabulary,
)  # fmt: skip
from etl.names import admin_key, text_key
from etl.present.i18n import t

PLACES_DIR = "places"  # inside the data folder: places/villages/<file>, places/schools/<file>
VILLAGE_COLUMNS = [
    "source_file", "source_row", "village_id", "commune_id", "village_name", "village_key",
    "village_kind", "village_code", "valid_from", "valid_to", "lat", "lon", "households",
]  # fmt: skip
SCHOOL_COLUMNS = [
    "source_file", "source_row", "school_id", "commune_id", "school_name", "school_key",
    "school_level", "school_code", "village_name", "village_key", "lat", "lon", "students",
]  # fmt: skip
_TYPES = {
    "source_file": "string", "source_row": "Int64", "village_id": "string",
    "school_id": "string", "commune_id": "string", "village_name": "string",
    "village_key": "string", "village_kind": "string", "village_code": "string",
    "school_name": "string", "school_key": "string", "school_level": "string",
    "school_code": "string", "lat": "Float64", "lon": "Float64", "households": "Int64",
    "students": "Int64",
}  # fmt: skip
_T = TypeVar("_T")
_LAT_RANGE = (8.0, 24.0)  # Việt Nam
_LON_RANGE = (102.0, 110.0)


@dataclass(frozen=True)
class PlaceProblem:
    """One reason a row of a master list cannot be loaded, with the message to show."""

    source_row: int
    column: str
    value: str
    message: str  # key in etl/present/messages.toml
    fields: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str = "vi") -> str:
        """The problem as a sentence in ``lang``, naming the row and the value."""
        header = t(f"places_column_{self.column}", lang)
        return t(self.message, lang, row=self.source_row, value=self.value, header=header,
                 **self.fields)  # fmt: skip


def prepare_places(path: Path, kind: str) -> tuple[pd.DataFrame, list[PlaceProblem]]:
    """Read the list at ``path`` (``kind`` villages or schools) → (rows, problems).

    Rows have :data:`VILLAGE_COLUMNS` or :data:`SCHOOL_COLUMNS`; rows with problems are left out.
    """
    raw = read_place_list(path, kind)
    rows: list[dict[str, object]] = []
    problems: list[PlaceProblem] = []
    for cells in raw.to_dict("records"):
        record = {str(k): v for k, v in cells.items()}
        found: list[PlaceProblem] = []
        row = (_village if kind == "villages" else _school)(record, found)
        if not found:
            row = {"source_file": path.name, "source_row": record["source_row"], **row}
            rows.append(row)
        problems += found
    columns = VILLAGE_COLUMNS if kind == "villages" else SCHOOL_COLUMNS
    frame = pd.DataFrame(rows, columns=columns)
    noun = "village" if kind == "villages" else "school"
    repeated = frame[frame[f"{noun}_id"].duplicated()]
    for source_row, name in zip(repeated["source_row"], repeated[f"{noun}_name"], strict=True):
        problems.append(PlaceProblem(int(source_row), noun, str(name), "places_duplicate"))
    frame = frame.drop_duplicates(f"{noun}_id").astype(
        {c: t for c, t in _TYPES.items() if c in frame.columns}
    )
    return frame, sorted(problems, key=lambda p: p.source_row)


def place_list_file(data_dir: Path, kind: str) -> Path | None:
    """The stored master list of ``kind`` in ``data_dir`` (the one file as imported), or None."""
    folder = data_dir / PLACES_DIR / kind
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in (".csv", ".xlsx"))
    if len(files) > 1:
        raise ValueError(f"{folder} must hold one list, found {[p.name for p in files]}")
    return files[0] if files else None


def _village(record: dict[str, object], problems: list[PlaceProblem]) -> dict[str, object]:
    row_number = int(str(record["source_row"]))
    check = _Checker(record, row_number, problems)
    name = check.required("village")
    valid_from = check.parsed("valid_from", parse_date)
    valid_to = check.parsed("valid_to", parse_date)
    if valid_from and valid_to and valid_to < valid_from:
        check.fail("valid_to", "places_dates_reversed")
    commune_id = check.commune(valid_from)
    kind = check.vocab("village_kind", "village_kind") or _kind_from_name(name)
    code = clean_text(record.get("village_code"))
    key = admin_key(name)
    lat, lon = check.point()
    return {
        "village_id": f"{commune_id}:{code or key.replace(' ', '-')}",
        "commune_id": commune_id, "village_name": name, "village_key": key,
        "village_kind": kind, "village_code": code, "valid_from": valid_from,
        "valid_to": valid_to, "lat": lat, "lon": lon,
        "households": check.parsed("households", parse_count),
    }  # fmt: skip


def _school(record: dict[str, object], problems: list[PlaceProblem]) -> dict[str, object]:
    row_number = int(str(record["source_row"]))
    check = _Checker(record, row_number, problems)
    name = check.required("school")
    level = check.vocab("school_level", "school_level") if check.required("school_level") else None
    commune_id = check.commune(None)
    code = clean_text(record.get("school_code"))
    key = admin_key(name)
    village = clean_text(record.get("village"))
    lat, lon = check.point()
    return {
        "school_id": f"{commune_id}:{code or key.replace(' ', '-')}",
        "commune_id": commune_id, "school_name": name, "school_key": key,
        "school_level": level, "school_code": code, "village_name": village,
        "village_key": admin_key(village) if village else None, "lat": lat, "lon": lon,
        "students": check.parsed("students", parse_count),
    }  # fmt: skip


def _kind_from_name(name: str | None) -> str:
    """Without a ``Loại``, the name's own prefix says it: "Tổ dân phố 3", "Bản Nà Pài"."""
    words = text_key(name).split()
    for size in (3, 1):
        kind = vocabulary("village_kind").get(" ".join(words[:size]))
        if kind and len(words) > size:
            return kind
    return "Thôn"


class _Checker:
    """Reads the cells of one row, recording a problem for each one that does not parse."""

    def __init__(self, record: dict[str, object], row: int, problems: list[PlaceProblem]) -> None:
        self.record, self.row, self.problems = record, row, problems

    def fail(self, column: str, message: str, **fields: object) -> None:
        value = clean_text(self.record.get(column)) or ""
        self.problems.append(PlaceProblem(self.row, column, value, message, fields))

    def required(self, column: str) -> str | None:
        value = clean_text(self.record.get(column))
        if value is None:
            self.fail(column, "places_missing_value")
        return value

    def parsed(self, column: str, parse: Callable[[object], _T]) -> _T | None:
        try:
            return parse(self.record.get(column))
        except ValueError:
            self.fail(column, f"places_bad_{parse.__name__.removeprefix('parse_')}")
            return None

    def vocab(self, column: str, vocabulary_name: str) -> str | None:
        value = clean_text(self.record.get(column))
        if value is None:
            return None
        canonical = vocabulary(vocabulary_name).get(text_key(value))
        if canonical is None:
            allowed = ", ".join(sorted(set(vocabulary(vocabulary_name).values())))
            self.fail(column, "places_bad_value", allowed=allowed)
        return canonical

    def point(self) -> tuple[float | None, float | None]:
        lat, lon = self.parsed("lat", parse_degrees), self.parsed("lon", parse_degrees)
        if (lat is None) != (lon is None):
            self.fail("lat" if lat is None else "lon", "places_half_point")
            return None, None
        if (
            lat is not None
            and lon is not None
            and not (
                _LAT_RANGE[0] <= lat <= _LAT_RANGE[1] and _LON_RANGE[0] <= lon <= _LON_RANGE[1]
            )
        ):
            self.fail("lat", "places_point_outside", lat=lat, lon=lon)
            return None, None
        return lat, lon

    def commune(self, day: date | None) -> str | None:
        code = parse_code(self.record.get("commune_code"))
        name = clean_text(self.record.get("commune"))
        if code is None and name is None:
            self.fail("commune", "places_missing_value")
            return None
        column, text = ("commune_code", code) if code else ("commune", name)
        days = list(dict.fromkeys(d for d in (day, gazetteer.EPOCH_2020_FROM,
                                              gazetteer.EPOCH_2025_FROM) if d))  # fmt: skip
        found = self._first_found(column, text, days)
        if found is None:
            return None
        targets = commune_names.communes_2020_of(found)
        if code and name:
            by_name = self._first_found("commune", name, days, quiet=True)
            if by_name and targets[0] not in commune_names.communes_2020_of(by_name):
                self.fail("commune", "places_commune_mismatch", code=code)
                return None
        if len(targets) > 1:
            self.fail(column, "places_commune_split", count=len(targets))
            return None
        return targets[0]

    def _first_found(
        self, column: str, text: str | None, days: list[date], *, quiet: bool = False
    ) -> str | None:
        for day in days:
            try:
                found = commune_names.resolve_commune(text, day)
            except ValueError:
                if not quiet:
                    self.fail(column, "places_commune_ambiguous")
                return None
            if found:
                return found
        if not quiet:
            self.fail(column, "places_unknown_commune")
        return None
