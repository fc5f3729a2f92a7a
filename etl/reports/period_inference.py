"""The period a report is for, when nobody said: from its file name (``vhtt_2024-Q3.xlsx``,
``BC_Q4_2025.xlsx``) or from the dates of its rows. Periods themselves, and the ways clerks
write them, are defined once in ``etl.periods``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from etl.periods import Period, parse_period

_IN_FILE_NAME: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<!\d)(\d{4})[-_ .]?[Qq]([1-4])(?!\d)"), "{0}-Q{1}"),
    (re.compile(r"(?<![A-Za-z0-9])[Qq]([1-4])[-_ .]?(\d{4})(?!\d)"), "{1}-Q{0}"),
    (re.compile(r"(?<!\d)(\d{4})[-_ .]?[Hh]([12])(?!\d)"), "{0}-H{1}"),
    (re.compile(r"(?<!\d)(\d{4})[-_.](0[1-9]|1[0-2])(?!\d)"), "{0}-{1}"),
)


def period_in_file_name(name: str) -> Period | None:
    """The period a file name states (``…2024-Q3…``, ``…Q3_2024…``, ``…2024-07…``), if any."""
    for pattern, period_id in _IN_FILE_NAME:
        found = pattern.search(name)
        if found:
            return parse_period(period_id.format(*found.groups()))
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
        return parse_period(f"{first.year}-Q{(first.month - 1) // 3 + 1}")
    if (first.month - 1) // 6 == (last.month - 1) // 6:
        return parse_period(f"{first.year}-H{(first.month - 1) // 6 + 1}")
    return parse_period(str(first.year))
