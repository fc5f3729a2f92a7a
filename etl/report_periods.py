"""Report periods: a month, quarter, half-year or year, written as ``2024-07``, ``2024-Q3``,
``2024-H1`` or ``2024``, and read from how clerks write them ("Quý III/2024", "Tháng 7 năm
2024", "6 tháng đầu năm 2024") or from a file name (``vhtt_2024-Q3.xlsx``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from etl.names import text_key

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_TEXT_FORMS = (
    (re.compile(r"^(?:nam )?(\d{4}) q([1-4])$"), "quarter_year_first"),
    (re.compile(r"^(?:quy|q) ?(i{1,3}|iv|[1-4])(?: nam)? (\d{4})$"), "quarter"),
    (re.compile(r"^(?:thang )?(\d{1,2})(?: nam)? (\d{4})$"), "month"),
    (re.compile(r"^(\d{4}) (\d{2})$"), "month_year_first"),
    (re.compile(r"^(\d{4}) h([12])$"), "half_year_first"),
    (re.compile(r"^6 thang (dau|cuoi) nam (\d{4})$"), "half"),
    (re.compile(r"^(?:nam )?(\d{4})$"), "year"),
)
_IN_FILE_NAME = (
    (re.compile(r"(?<!\d)(\d{4})[-_ .]?[Qq]([1-4])(?!\d)"), "quarter_year_first"),
    (re.compile(r"(?<![A-Za-z0-9])[Qq]([1-4])[-_ .]?(\d{4})(?!\d)"), "quarter"),
    (re.compile(r"(?<!\d)(\d{4})[-_ .]?[Hh]([12])(?!\d)"), "half_year_first"),
    (re.compile(r"(?<!\d)(\d{4})[-_.](0[1-9]|1[0-2])(?!\d)"), "month_year_first"),
)


@dataclass(frozen=True)
class Period:
    """A report period with its first and last day."""

    label: str
    start: date
    end: date


def parse_period(text: str) -> Period:
    """Read a period as written in a report or on the command line; ``ValueError`` if unclear."""
    key = text_key(text)
    for pattern, form in _TEXT_FORMS:
        found = pattern.match(key)
        if found:
            return _build(form, found.groups())
    raise ValueError(f"period must look like 2024-Q3, 2024-07, 2024-H1 or 2024, got {text!r}")


def period_in_file_name(name: str) -> Period | None:
    """The period a file name states (``…2024-Q3…``, ``…Q3_2024…``, ``…2024-07…``), if any."""
    for pattern, form in _IN_FILE_NAME:
        found = pattern.search(name)
        if found:
            return _build(form, found.groups())
    return None


def period_covering(days: Iterable[date]) -> Period | None:
    """The shortest quarter, half-year or year holding every day; None if none or over a year."""
    days = list(days)
    if not days:
        return None
    first, last = min(days), max(days)
    if first.year != last.year:
        return None
    if (first.month - 1) // 3 == (last.month - 1) // 3:
        return _quarter(first.year, (first.month - 1) // 3 + 1)
    if (first.month - 1) // 6 == (last.month - 1) // 6:
        return _half(first.year, (first.month - 1) // 6 + 1)
    return _year(first.year)


def _build(form: str, groups: tuple[str | None, ...]) -> Period:
    a, b = ([g or "" for g in groups] + [""])[:2]
    if form == "quarter":
        return _quarter(int(b), _ROMAN.get(a) or int(a))
    if form == "quarter_year_first":
        return _quarter(int(a), int(b))
    if form == "month":
        return _month(int(b), int(a))
    if form == "month_year_first":
        return _month(int(a), int(b))
    if form == "half":
        return _half(int(b), 1 if a == "dau" else 2)
    if form == "half_year_first":
        return _half(int(a), int(b))
    return _year(int(a))


def _quarter(year: int, quarter: int) -> Period:
    return Period(
        f"{year}-Q{quarter}", date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    )


def _half(year: int, half: int) -> Period:
    return Period(f"{year}-H{half}", date(year, 6 * half - 5, 1), _month_end(year, 6 * half))


def _month(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise ValueError(f"period must look like 2024-07 with a month 01-12, got month {month}")
    return Period(f"{year}-{month:02d}", date(year, month, 1), _month_end(year, month))


def _year(year: int) -> Period:
    return Period(str(year), date(year, 1, 1), date(year, 12, 31))


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
