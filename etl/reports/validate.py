"""Check report rows: every problem a clerk must fix, with its row, column and a plain reason.

The rows of all reports sit in one DuckDB table (``report_rows``, see ``etl.reports.intake``);
checks
are SQL over it (``etl/sql/intake/``), and names are matched once per distinct value in Python
(``etl.reports.matching``), so a million-row file costs a few joins, not a million lookups.

Rules: required fields (start date, lead unit, activity type, audience); dates as Excel serials
or ``dd/mm/yyyy`` text, not after the day the report was received (or built, for files with no
ledger row) and not before ``Settings.earliest_activity_date``; counts are non-negative whole
numbers ("1.200" is 1200, "45 người" is 45); children ≤ participants; activity type and
audience from the taxonomy; units, communes, villages and schools matched
(``etl.reports.matching``); coordinates in range and within :data:`MAX_DISTANCE_METRES` of the
named commune; a row repeating an earlier one, in the same submission or in an earlier active
one, is a duplicate. Reasons come from ``etl/present/messages.toml`` (``problem_<key>``),
Vietnamese and English.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from etl.load import load_temp
from etl.names import text_key
from etl.present.format import TYPED_DAY_FORMATS
from etl.present.i18n import t
from etl.reference import REFERENCE_DIR
from etl.reports import privacy
from etl.reports.header import repeats_header
from etl.reports.matching import NO_ACTIVITY_KEYS, Match, Matcher
from etl.sql_files import ETL_SQL, fetch_rows

if TYPE_CHECKING:  # name_choices reads the locks, which read this module
    from etl.reports.name_choices import ChosenNames

SQL_DIR = ETL_SQL / "intake"
SERIAL_PATTERN = r"[0-9]{5}(\.[0-9]+)?"  # Excel day number, 10000-99999 = 1927-2173
COUNT_WORDS_PATH = REFERENCE_DIR / "count_words.csv"


def _count_pattern() -> str:
    """A count as typed: the number (group 1; "1.200" is 1200), then at most one of the words
    of ``count_words.csv`` ("45 người", "30 em"), in any case."""
    with COUNT_WORDS_PATH.open(encoding="utf-8", newline="") as handle:
        words = sorted((row["word"] for row in csv.DictReader(handle)), key=len, reverse=True)
    spelled = "|".join(re.escape(unicodedata.normalize("NFC", word)) for word in words)
    return f"(?i)^\\s*([0-9]{{1,3}}(?:[., \u00a0][0-9]{{3}})+|[0-9]+)\\s*(?:(?:{spelled})\\s*)?$"


COUNT_PATTERN = _count_pattern()
COUNT_SEPARATORS = "[., \u00a0\\s]"
NEGATIVE_PATTERN = "-\\s*[0-9]+([., \u00a0][0-9]{3})*"
MAX_DISTANCE_METRES = 200
SUSPECT_COLUMNS = ("row_number", "start_date", "end_date", "lead_unit", "partners",
                   "activity_type", "audience", "commune", "village", "school", "participants",
                   "children", "content", "note")  # fmt: skip  # suspect_rows.sql's, in order
TOTAL_KEYS = frozenset({"tong cong", "tong", "cong", "tong so", "tong cong toan huyen"})
_TEXT_OUTPUTS = ("problem", "fields", "read_as", "chosen")


@dataclass(frozen=True)
class Problem:
    """One problem of one report row: where it is, the value as typed, and why."""

    source_row: int
    column: str
    value: str | None
    key: str
    fields: Mapping[str, str] = field(default_factory=dict)
    severity: str = "error"  # "error": the row is rejected; "notice": loaded, but see

    def reason(self, lang: str = "vi") -> str:
        """The reason in ``lang``, from the message catalogue."""
        return reason(self.key, {"value": self.value or "", **self.fields}, lang)


def reason(key: str, fields: Mapping[str, object], lang: str = "vi") -> str:
    """Message ``problem_<key>`` with ``fields``, plus "did you mean …" when there are
    suggestions."""
    values = {k: "" if v is None else str(v) for k, v in fields.items()}
    names = values.get("suggestions", "")
    values["hint"] = t("did_you_mean", lang, names=names) if names else ""
    return t(f"problem_{key}", lang, **values)


def sql_params(earliest: date) -> dict[str, object]:
    """Parameters the SQL files in ``etl/sql/intake/`` take."""
    return {
        "date_formats": list(TYPED_DAY_FORMATS),
        "serial_pattern": SERIAL_PATTERN,
        "count_pattern": COUNT_PATTERN,
        "count_separators": COUNT_SEPARATORS,
        "negative_pattern": NEGATIVE_PATTERN,
        "earliest": earliest,
        "max_metres": MAX_DISTANCE_METRES,
        "mask": privacy.MASK,
    }


def classify_rows(con: duckdb.DuckDBPyConnection) -> None:
    """``row_kinds``: blank rows (spaces only), rows repeating the header
    (``etl.reports.header.repeats_header``), total rows ("Tổng cộng") and "no activities"
    declarations, among the rows lacking a date, unit or type (the others are activities)."""
    kinds = []
    for receipt_no, source_row, *cells in fetch_rows(con, SQL_DIR, "suspect_rows"):
        keys = [text_key(c) for c in cells if c is not None]
        if not any(keys):
            kinds.append((receipt_no, source_row, "blank"))
        elif repeats_header(dict(zip(SUSPECT_COLUMNS, cells, strict=True))):
            kinds.append((receipt_no, source_row, "header"))  # skipped, with a notice
        elif any(k in TOTAL_KEYS for k in keys):
            kinds.append((receipt_no, source_row, "total"))
        elif any(n in k for k in keys for n in NO_ACTIVITY_KEYS):
            kinds.append((receipt_no, source_row, "declaration"))
    frame = pd.DataFrame(kinds, columns=["receipt_no", "source_row", "kind"])
    frame = frame.astype({"receipt_no": "int64", "source_row": "int64"})
    load_temp(con, "row_kinds", frame, _types(frame))


def resolve_names(con: duckdb.DuckDBPyConnection, matcher: Matcher, chosen: ChosenNames) -> None:
    """Lookup tables for units, partners, activity types, audiences and communes (by date); a
    commune name matching no commune is looked up among the reviewers' choices (``chosen``), and
    a match made so keeps the choice (column ``chosen``) for its notice."""
    names = _by_field(fetch_rows(con, SQL_DIR, "distinct_names"))
    _lookup(con, "lk_unit", names["lead_unit"], _required(matcher.unit),
            ["lead_unit", "start_on"], _unit_columns)  # fmt: skip
    _lookup(con, "lk_partner", names["partners"], matcher.partners,
            ["partners", "start_on"], lambda m: {"kinds": m.value})  # fmt: skip
    _lookup(con, "lk_commune", names["commune"], _optional(chosen.hook("commune", matcher.commune)),
            ["commune", "start_on"],
            lambda m: {"commune_id": m.value, "blank": m.blank,
                       "chosen": chosen.notice(m)})  # fmt: skip
    _lookup(con, "lk_type", [r[:1] for r in names["activity_type"]],
            _required(matcher.activity_type), ["activity_type"],
            lambda m: {"code": m.value})  # fmt: skip
    _lookup(con, "lk_audience", [r[:1] for r in names["audience"]], _required(matcher.audience),
            ["audience"], lambda m: {"code": m.value})  # fmt: skip


def resolve_places(con: duckdb.DuckDBPyConnection, matcher: Matcher, chosen: ChosenNames) -> None:
    """Lookup tables for villages (by commune and date) and schools (by commune and date); a
    name matching no place is looked up among the reviewers' choices (``chosen``), and a match
    made so keeps the choice (column ``chosen``) for its notice."""
    places = _by_field(fetch_rows(con, SQL_DIR, "distinct_places"))
    _lookup(
        con, "lk_village", places["village"], chosen.hook("village", matcher.village),
        ["commune_id", "village", "start_on"],
        lambda m: {"village_id": m.value, "chosen": chosen.notice(m)},
    )  # fmt: skip
    _lookup(
        con, "lk_school", places["school"], chosen.hook("school", matcher.school),
        ["commune_id", "school", "start_on"],
        lambda m: {"school_id": m.value, "chosen": chosen.notice(m)},
    )  # fmt: skip


def _by_field(rows: Iterable[tuple]) -> defaultdict[str, list[tuple]]:
    """``(field, *values)`` rows grouped by field, the field dropped."""
    grouped: defaultdict[str, list[tuple]] = defaultdict(list)
    for field_name, *values in rows:
        grouped[field_name].append(tuple(values))
    return grouped


def problem_frame(
    con: duckdb.DuckDBPyConnection, files: Mapping[int, tuple[str, Mapping[str, str]]]
) -> pd.DataFrame:
    """Every problem with its reasons in Vietnamese and English, values masked.

    ``files`` maps a receipt number to its file name and its headers (column → header text as
    written), so a problem names the column the way the clerk's file does.
    """
    rows = con.execute(
        "select receipt_no, submission_id, source_row, column_name, value, problem, fields, "
        "severity from problems order by receipt_no, source_row, column_name, problem"
    ).fetchall()
    texts: dict[tuple[str, str | None, str | None], tuple[str, str]] = {}
    records = []
    for receipt_no, submission_id, source_row, column, value, key, fields, severity in rows:
        masked = privacy.mask_text(value) if value is not None else None
        found = Problem(source_row, column, masked, key, json.loads(fields or "{}"), severity)
        if (key, masked, fields) not in texts:  # reasons repeat: format each once
            texts[(key, masked, fields)] = (found.reason("vi"), found.reason("en"))
        vi, en = texts[(key, masked, fields)]
        file_name, headers = files[receipt_no]
        header = privacy.mask_text(headers.get(column, column))  # as the file wrote it
        records.append((submission_id, file_name, found.source_row, header,
                        found.column, found.value, vi, en, found.severity))  # fmt: skip
    frame = pd.DataFrame(records, columns=PROBLEM_COLUMNS)
    text_columns = {c: "string" for c in PROBLEM_COLUMNS if c != "source_row"}
    return frame.astype(text_columns).astype({"source_row": "int64"})


PROBLEM_COLUMNS = [
    "submission_id", "file_name", "source_row", "column_name", "column_key", "value",
    "reason_vi", "reason_en", "severity",
]  # fmt: skip


def _lookup(
    con: duckdb.DuckDBPyConnection,
    table: str,
    distinct: list[tuple],
    match: Callable[..., Match],
    keys: list[str],
    outputs: Callable[[Match], dict[str, object]],
) -> None:
    """``table``: each of the ``distinct`` inputs (``keys``) with what ``match`` made of it."""
    records = []
    for inputs in distinct:
        found = match(*inputs)
        fields = json.dumps(found.fields, ensure_ascii=False) if found.problem else None
        read_as = found.read_as if found.problem is None else None
        records.append({**dict(zip(keys, inputs, strict=True)), **outputs(found),
                        "problem": found.problem, "fields": fields,
                        "read_as": read_as})  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=_columns(keys, outputs))
    load_temp(con, table, frame, _types(frame))


def _required(match: Callable[..., Match]) -> Callable[..., Match]:
    """``match``, but a cell holding only spaces is a missing required value."""

    def checked(text: str, *rest: object) -> Match:
        return Match(problem="required_missing") if not text_key(text) else match(text, *rest)

    return checked


def _optional(match: Callable[..., Match]) -> Callable[..., Match]:
    """``match``, but a cell holding only spaces names nothing."""

    def checked(text: str, *rest: object) -> Match:
        return Match(blank=True) if not text_key(text) else match(text, *rest)

    return checked


def _columns(keys: list[str], outputs: Callable[[Match], dict[str, object]]) -> list[str]:
    return [*keys, *outputs(Match()), "problem", "fields", "read_as"]


def _unit_columns(found: Match) -> dict[str, object]:
    return {"unit_id": found.value, "unit_kind": found.kind if found.value else None,
            "unit_commune_id": found.commune_id}  # fmt: skip


def _types(frame: pd.DataFrame) -> dict[str, str]:
    """How a frame of this module is stored: days as DATE, ``blank`` as BOOLEAN, text as
    VARCHAR, numbers as they are."""
    return {
        c: "date" if c == "start_on" else "boolean" if c == "blank" else "varchar"
        for c in frame.columns
        if c in ("start_on", "blank") or frame[c].dtype == object or c in _TEXT_OUTPUTS
    }
