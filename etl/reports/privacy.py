"""The one detector of personal numbers: phone numbers and citizen ID numbers, as people write them.

No personal data about children is stored. Notes, descriptions, even place names or file names
sometimes carry a phone or an ID number; :func:`mask_text` replaces each by :data:`MASK`.
It is the only definition, used everywhere:

- an import stores a masked copy of the received file (``etl.reports.masked_copy``);
- a file name is masked (:func:`mask_name`) before the ledger, the audit trail or a message
  sees it;
- the build masks every cell it reads (the SQL calls :func:`mask_cell`, registered on the
  connection by :func:`register`), so no warehouse table, rejected value or download holds one;
- the audit trail masks what it records (``etl.access.audit``).

What is masked (the corpus is ``tests/test_masking.py``):

- mobiles of 10 digits (``03x 05x 07x 08x 09x``, also ``04x 06x``), landlines and old mobiles
  of 11 (``02xx``, ``01xx``), national (``0…``) or international (``84``, ``+84``, ``(+84)``),
  digits split by single spaces, dots, dashes or a bracket round the first group; glued to a
  label (``ĐT.0912…``, ``SĐT:``, ``sdt``, ``Tel``), also when the leading 0 was lost;
- citizen IDs (CCCD) of 12 digits starting with 0, grouped or not, and any run of 12 digits;
- old IDs (CMND) of 9 digits, when a label (``CMND``, ``CMT``, ``số CMND``, ``CCCD``) says so;
- a cell holding nothing but a whole number of 9 to 12 digits (:func:`mask_cell`): a phone typed
  as a number, whose 0 the spreadsheet dropped. No count, date, code or coordinate has that many.

Never masked: a number glued to a Latin letter or digit (codes, hashes: ``S0001``), one inside a
longer number or a decimal (``1.500.000.000``, ``22.0912345678``; a comma is where a CSV
cell ends, so it always ends a number), counts, dates, money,
decision numbers, school years, times and ranges (too few digits, or not starting like a phone).

Python's ``re`` only: the boundaries need look-behind, which DuckDB's RE2 lacks, so the build
calls the Python function. :data:`SUSPECT_PATTERN` (nine digits, gaps of at most two other
characters) is RE2-safe and matches wherever the detector might: a cheap test before it.
"""

from __future__ import annotations

import re

import duckdb
from duckdb.sqltypes import VARCHAR

from etl.sql_files import ETL_SQL, read_sql

MASK = "[***]"
# Nine digits with gaps of at most two other characters: every number the detector masks has
# them. RE2 and Python both read it; a cheap test before the detector (Python and SQL).
SUSPECT_PATTERN = r"[0-9](?:[^0-9]{0,2}[0-9]){8}"

_SEP = r"(?:[ .\-]|\)[ ]?)?"  # between two digits: one space, dot or dash, or a closing bracket


def _digits(first: str, count: int) -> str:
    """``first`` (a digit or a class), then ``count - 1`` digits, each maybe after a separator."""
    return first + (_SEP + "[0-9]") * (count - 1)


# A phone without its trunk 0 (after 84 or a label): 9 digits of a mobile, 10 of a landline.
_SUBSCRIBER = rf"(?:{_digits('[12]', 10)}|{_digits('[3-9]', 9)})"
_PHONE = (
    rf"(?:\(?\+?84(?:\)[ ]?|[ .\-])?{_SUBSCRIBER}"  # +84 912 345 678, (+84) 912…, 84912345678
    rf"|\(?0{_SEP}{_SUBSCRIBER})"  # 0912 345 678, (0209) 3876 543, 0168 123 4567
)
_CITIZEN_ID = rf"(?:\(?{_digits('0', 12)}|[0-9]{{12}})"  # 0010 9500 1234, 001095001234
_PHONE_LABEL = r"(?:S?ĐT(?:DĐ)?|S?DT|DĐ|Tel|Phone|Mobile|Zalo|Hotline)"
_ID_LABEL = (
    r"(?:(?:số\s+)?(?:CMND|CMTND|CMT|CCCD|căn\s+cước(?:\s+công\s+dân)?|"
    r"chứng\s+minh(?:\s+nhân\s+dân)?)(?:\s*(?:số|no\.?))?)"
)
_DETECTOR = re.compile(
    rf"""
    (?<![0-9A-Za-z])(?<![0-9]\.)     # not inside a word, a code, a longer number or a decimal
    (?:
        (?P<id_label>{_ID_LABEL}[ :.#\-]*)(?:{_digits("[0-9]", 12)}|{_digits("[0-9]", 9)})
      | (?P<phone_label>{_PHONE_LABEL}[ .:]*)(?:{_PHONE}|{_SUBSCRIBER})
      | {_CITIZEN_ID}
      | {_PHONE}
    )
    (?![0-9])(?!\.[0-9])             # nor followed by more digits (a comma ends a CSV cell)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SUSPECT = re.compile(SUSPECT_PATTERN)
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")
_WHOLE_NUMBER = re.compile(r"\s*\+?[0-9]{9,12}(?:\.0+)?\s*")


def mask_text(text: str) -> str:
    """Return ``text`` with every phone number and ID number replaced by :data:`MASK` (a label
    before it is kept: ``ĐT: [***]``)."""
    if not _SUSPECT.search(text):
        return text
    return _DETECTOR.sub(_replace, text)


def mask_cell(value: str | None) -> str | None:
    """One spreadsheet cell: :data:`MASK` if it holds only a whole number of 9–12 digits (a
    phone typed as a number), else :func:`mask_text` of it."""
    if value is None:
        return None
    if _WHOLE_NUMBER.fullmatch(value):
        return MASK
    return mask_text(value)


def holds_personal(text: str) -> bool:
    """Whether :func:`mask_text` would change ``text``."""
    return bool(_SUSPECT.search(text)) and _DETECTOR.search(text) is not None


def mask_name(name: str) -> str:
    """A file name with its numbers masked, its extension kept:
    ``bao cao 0912345678.xlsx`` → ``bao cao [***].xlsx``."""
    found = _EXTENSION.search(name)
    stem, suffix = (name[: found.start()], found[0]) if found else (name, "")
    return mask_text(stem) + suffix


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Make ``mask_cell(varchar)`` callable from the SQL run on ``con`` (once per connection)."""
    found = con.execute(
        "select count(*) from duckdb_functions() where function_name = 'mask_cell'"
    ).fetchone()
    if found and found[0]:
        return
    con.create_function("mask_cell", mask_cell, [VARCHAR], VARCHAR, side_effects=False)


def mask_report_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Mask every cell of the build's ``report_rows`` (``etl/sql/intake/mask_rows.sql``)."""
    register(con)
    con.execute(read_sql(ETL_SQL / "intake", "mask_rows"), {"suspect_pattern": SUSPECT_PATTERN})


def _replace(match: re.Match[str]) -> str:
    label = match["id_label"] or match["phone_label"] or ""
    number = match[0][len(label) :]
    if number.startswith("(") and ")" not in number:  # "(0912345678)": keep the bracket
        label += "("
    return label + MASK
