"""Reporting periods: one definition of what each period text means, and the ``raw_periods`` table.

Period texts (``period_id``), each naming inclusive start and end dates:

- ``2024-06`` month, ``2024-Q3`` quarter, ``2024-H1`` half-year, ``2024`` calendar year;
- ``2024-2025`` school year, 1 September 2024 – 31 May 2025;
- ``2024-2025-HK1`` a semester of that school year, as configured in
  ``etl/reference/semesters.csv`` (Decision 830's school indicator counts sessions per semester).

:func:`parse_period` also reads a month, quarter, half-year or year the way clerks write it
("Quý III/2024", "Tháng 7 năm 2024", "07/2024", "6 tháng đầu năm 2024", "Năm 2024").

The build writes every period of every kind that overlaps the data's date range into
``raw_periods``, so the marts are computed once per period and readers only filter.
"""

from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from etl.names import text_key
from etl.reference import REFERENCE_DIR
from etl.sql_files import ETL_SQL, read_sql

SEMESTERS_PATH = REFERENCE_DIR / "semesters.csv"
LOAD_SQL = ETL_SQL / "load"
KINDS = ("month", "quarter", "half", "year", "school_year", "semester")
SCHOOL_YEAR_START = (9, 1)  # 1 September of the first calendar year
SCHOOL_YEAR_END = (5, 31)  # 31 May of the second

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# How clerks write a period, matched against ``etl.names.text_key`` of the text (folded,
# punctuation as spaces), each with the ``period_id`` it means.
_WRITTEN_FORMS: tuple[tuple[re.Pattern[str], Callable[..., str]], ...] = (
    (re.compile(r"^(?:nam )?(\d{4}) q([1-4])$"), lambda y, q: f"{y}-Q{q}"),
    (re.compile(r"^(?:quy|q) ?(i{1,3}|iv|[1-4])(?: nam)? (\d{4})$"),
     lambda q, y: f"{y}-Q{_ROMAN.get(q) or int(q)}"),
    (re.compile(r"^(?:thang )?(\d{1,2})(?: nam)? (\d{4})$"), lambda m, y: f"{y}-{int(m):02d}"),
    (re.compile(r"^(\d{4}) (\d{2})$"), lambda y, m: f"{y}-{m}"),
    (re.compile(r"^(\d{4}) h([12])$"), lambda y, h: f"{y}-H{h}"),
    (re.compile(r"^6 thang (dau|cuoi) nam (\d{4})$"),
     lambda h, y: f"{y}-H{1 if h == 'dau' else 2}"),
    (re.compile(r"^nam (\d{4})$"), lambda y: y),
)  # fmt: skip
_PATTERNS = (
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("year", re.compile(r"^(\d{4})$")),
    ("school_year", re.compile(r"^(\d{4})-(\d{4})$")),
    ("semester", re.compile(r"^(\d{4})-(\d{4})-(HK\d)$")),
)


@dataclass(frozen=True)
class Period:
    """One reporting period with inclusive dates."""

    period_id: str
    kind: str
    start: date
    end: date
    school_year_id: str | None = None
    semester: str | None = None


@dataclass(frozen=True)
class Semester:
    """A semester of every school year, by month and day (Sep–Dec: first year, Jan–May: second)."""

    semester: str
    starts: tuple[int, int]
    ends: tuple[int, int]


def parse_period(text: str) -> Period:
    """Return the period named by ``text``: a ``period_id`` (see the module docstring) or a
    clerk's way of writing a month, quarter, half-year or year. ``ValueError`` if unclear."""
    if not isinstance(text, str):
        raise ValueError(f"period must be text like 2024-06, got {text!r}")
    value = text.strip().upper()
    for kind, pattern in _PATTERNS:
        match = pattern.match(value)
        if match:
            return _build(kind, match.groups(), text)
    written = _as_written(text)
    if written is not None:
        return parse_period(written)
    raise ValueError(
        f"period must look like 2024-06, 2024-Q3, 2024-H1, 2024, 2024-2025 or 2024-2025-HK1 "
        f"(or Quý III/2024, Tháng 7/2024, 6 tháng đầu năm 2024), got {text!r}"
    )


def _as_written(text: str) -> str | None:
    """The ``period_id`` of a period written the way clerks write it, if it is one."""
    key = text_key(text)
    for pattern, period_id in _WRITTEN_FORMS:
        found = pattern.match(key)
        if found:
            return period_id(*found.groups())
    return None


def periods_overlapping(first: date, last: date) -> list[Period]:
    """Every period of every kind that shares at least one day with ``first`` … ``last``.

    A school year comes with all its semesters, so Decision 830's "each semester" can count a
    semester nobody reported in.
    """
    if first > last:
        raise ValueError(f"first must not be after last, got {first} > {last}")
    found = []
    for year in range(first.year - 1, last.year + 1):
        candidates = [parse_period(f"{year}-{month:02d}") for month in range(1, 13)]
        candidates += [parse_period(f"{year}-Q{q}") for q in range(1, 5)]
        candidates += [parse_period(f"{year}-H{h}") for h in (1, 2)]
        candidates.append(parse_period(f"{year}"))
        candidates.append(parse_period(f"{year}-{year + 1}"))
        candidates += [parse_period(f"{year}-{year + 1}-{s.semester}") for s in semesters()]
        found += [p for p in candidates if p.start <= last and p.end >= first]
    school_years = {p.period_id for p in found if p.kind == "school_year"}
    found += [
        parse_period(f"{school_year}-{s.semester}")
        for school_year in school_years
        for s in semesters()
        if f"{school_year}-{s.semester}" not in {p.period_id for p in found}
    ]
    return sorted(found, key=lambda p: (KINDS.index(p.kind), p.start))


def period_atoms(
    found: Sequence[Period], today: date | None = None
) -> list[tuple[date, date, str]]:
    """Split the days of ``found`` at every period boundary: (atom_start, atom_end, period_id).

    Each atom lies wholly inside every period it meets, so facts summed per atom add up to
    exact period totals (months, quarters, school years and semesters at once, each activity
    counted once per period). ``today``, when given, is a boundary too, so every period's
    ``as_of_date`` is the last day of an atom.
    """
    edges = {p.start for p in found} | {p.end + timedelta(days=1) for p in found}
    if today is not None and found and min(edges) <= today < max(edges):
        edges.add(today + timedelta(days=1))
    cuts = sorted(edges)
    atoms = list(zip(cuts, [c - timedelta(days=1) for c in cuts[1:]], strict=False))
    return [
        (atom_start, atom_end, p.period_id)
        for atom_start, atom_end in atoms
        for p in found
        if p.start <= atom_start and atom_end <= p.end
    ]


def load_periods(con: duckdb.DuckDBPyConnection, today: date) -> int:
    """Write ``raw_periods`` and ``raw_period_atoms`` for the data's date range.

    The range runs from the first to the last activity start date or submission period day in
    ``stg_activities`` and ``stg_submissions``. ``as_of_date`` is the day recency is measured
    on: the period's last day, or ``today`` when the period has not ended yet (``is_open``).
    Returns the number of periods written (none when there is no dated data).
    """
    first, last = con.execute(read_sql(LOAD_SQL, "data_range")).fetchone() or (None, None)
    found = [] if first is None or last is None else periods_overlapping(first, last)
    con.execute(read_sql(LOAD_SQL, "raw_periods"))
    con.execute(read_sql(LOAD_SQL, "raw_period_atoms"))
    if found:
        _insert(con, "raw_periods", [_row(p, today) for p in found])
        _insert(con, "raw_period_atoms", period_atoms(found, today))
    return len(found)


@cache
def semesters(path: Path = SEMESTERS_PATH) -> tuple[Semester, ...]:
    """The configured semesters, in school-year order; each must lie inside Sep 1 – May 31."""
    with path.open(encoding="utf-8", newline="") as handle:
        found = tuple(
            Semester(row["semester"], _month_day(row["starts"]), _month_day(row["ends"]))
            for row in csv.DictReader(handle)
        )
    for semester in found:
        start, end = (_school_year_offset(semester.starts), _school_year_offset(semester.ends))
        if start > end:
            raise ValueError(f"{path.name}: semester {semester.semester} ends before it starts")
    return found


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple]) -> None:
    """Append ``rows`` to ``table`` (one of the two period tables) in one statement."""
    if table not in ("raw_periods", "raw_period_atoms"):
        raise ValueError(f"table must be raw_periods or raw_period_atoms, got {table!r}")
    columns = [c[0] for c in con.execute(f"select * from {table} limit 0").description or []]
    frame = pd.DataFrame(list(rows), columns=columns)
    con.register("_rows", frame)
    try:
        con.execute(f"insert into {table} select * from _rows")
    finally:
        con.unregister("_rows")


def _row(period: Period, today: date) -> tuple[object, ...]:
    return (
        period.period_id,
        period.kind,
        period.start,
        period.end,
        (period.end - period.start).days + 1,
        period.school_year_id,
        period.semester,
        min(period.end, today),
        period.end > today,
    )


def _build(kind: str, groups: Sequence[str], text: str) -> Period:
    year = int(groups[0])
    if kind == "month":
        month = int(groups[1])
        if not 1 <= month <= 12:
            raise ValueError(f"period must look like 2024-06 with a month 01–12, got {text!r}")
        return Period(f"{year}-{month:02d}", kind, date(year, month, 1), _month_end(year, month))
    if kind == "quarter":
        q = int(groups[1])
        first = 3 * q - 2
        return Period(f"{year}-Q{q}", kind, date(year, first, 1), _month_end(year, first + 2))
    if kind == "half":
        h = int(groups[1])
        first = 6 * h - 5
        return Period(f"{year}-H{h}", kind, date(year, first, 1), _month_end(year, first + 5))
    if kind == "year":
        return Period(f"{year}", kind, date(year, 1, 1), date(year, 12, 31))
    if int(groups[1]) != year + 1:
        raise ValueError(f"a school year spans two consecutive years, like 2024-2025, got {text!r}")
    school_year = f"{year}-{year + 1}"
    if kind == "school_year":
        start, end = date(year, *SCHOOL_YEAR_START), date(year + 1, *SCHOOL_YEAR_END)
        return Period(school_year, kind, start, end, school_year_id=school_year)
    return _semester(year, groups[2], text)


def _semester(year: int, name: str, text: str) -> Period:
    by_name = {s.semester: s for s in semesters()}
    if name not in by_name:
        raise ValueError(f"semester must be one of {sorted(by_name)}, got {text!r}")
    semester = by_name[name]
    start = date(year + _school_year_offset(semester.starts)[0], *semester.starts)
    end = date(year + _school_year_offset(semester.ends)[0], *semester.ends)
    school_year = f"{year}-{year + 1}"
    return Period(f"{school_year}-{name}", "semester", start, end, school_year, name)


def _school_year_offset(month_day: tuple[int, int]) -> tuple[int, int, int]:
    """(calendar-year offset, month, day): Sep–Dec fall in the first year, Jan–May in the second."""
    month, day = month_day
    if SCHOOL_YEAR_END[0] < month < SCHOOL_YEAR_START[0]:
        raise ValueError(f"semester dates must fall between September and May, got {month:02d}")
    return (0 if month >= SCHOOL_YEAR_START[0] else 1, month, day)


def _month_day(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{2})-(\d{2})", text.strip())
    if not match:
        raise ValueError(f"semester dates must look like MM-DD, got {text!r}")
    month, day = int(match[1]), int(match[2])
    date(2001, month, day)  # raises ValueError for an impossible day (29 Feb is not allowed)
    return month, day


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
