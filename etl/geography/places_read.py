"""Read a village or school master list (CSV or XLSX) as typed: find the header, name the columns.

Headers vary ("Xã, thị trấn", "Xã/Thị trấn", "Tên xã"): they are matched through
``names.text_key`` against ``etl/reference/place_headers.csv``. Values stay text; the parsers
below turn one cell into a date, a number or a code, or say it cannot.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pandas as pd

from etl.names import text_key
from etl.present.errors import BrokenInput
from etl.present.format import TYPED_DAY_FORMATS, is_blank, is_missing
from etl.reference import REFERENCE_DIR
from etl.reports.grid import detect_encoding

LISTS = ("villages", "schools")
SUFFIXES = (".csv", ".xlsx")
REQUIRED = {"villages": ("village",), "schools": ("school", "school_level")}
_HEADER_SEARCH_ROWS = 20
_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_WHOLE = re.compile(r"^\d+([.,]0+)?$")


def read_place_list(path: Path, kind: str) -> pd.DataFrame:
    """Return the list's rows as text, one column per recognised header, plus ``source_row``.

    ``kind`` is ``villages`` or ``schools``. Raises :class:`BrokenInput` (a ``ValueError``)
    when the file is neither CSV nor XLSX, cannot be read as one, or has no header row naming
    the required columns and a commune (code or name).
    """
    if kind not in LISTS:
        raise ValueError(f"kind must be one of {LISTS}, got {kind!r}")
    if path.suffix.lower() not in SUFFIXES:
        raise BrokenInput("places_wrong_type", file=path.name)
    headers = _headers(kind)
    for grid in _grids(path):
        index = _find_header_row(grid, kind)
        if index is None:
            continue
        mapping = {i: headers[text_key(h)] for i, h in enumerate(grid.iloc[index])
                   if not is_missing(h) and text_key(h) in headers}  # fmt: skip
        body = grid.iloc[index + 1 :, list(mapping)]
        body.columns = list(mapping.values())
        body = body.loc[:, ~body.columns.duplicated()]
        body.insert(0, "source_row", body.index + 1)
        body = body.dropna(how="all", subset=[c for c in body.columns if c != "source_row"])
        return body.reset_index(drop=True)
    raise BrokenInput(f"places_no_header_{kind}", file=path.name)


def parse_date(value: object) -> date | None:
    """A day typed in one of ``TYPED_DAY_FORMATS`` (dd/mm/yyyy, ISO, …) or an Excel date →
    date; blank → None; raises ValueError."""
    if is_blank(value):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in TYPED_DAY_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"value is not a date: {value!r}")


def parse_count(value: object) -> int | None:
    """'1.200' or '1,200' (thousands) or '120' or '120.0' → int; blank → None; raises ValueError."""
    if is_blank(value):
        return None
    text = str(value).strip().replace(" ", "")
    if _THOUSANDS.match(text):
        return int(re.sub(r"[.,]", "", text))
    if _WHOLE.match(text):
        return int(re.split(r"[.,]", text)[0])
    raise ValueError(f"value is not a whole number: {value!r}")


def parse_degrees(value: object) -> float | None:
    """'22.1623' or '22,1623' → float; blank → None; raises ValueError."""
    if is_blank(value):
        return None
    text = str(value).strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"value is not a number of degrees: {value!r}") from None


def parse_code(value: object) -> str | None:
    """A GSO commune code as typed ('2071', '02071', 2071.0) → '02071'; blank → None."""
    if is_blank(value):
        return None
    text = str(value).strip()
    if _WHOLE.match(text):
        return re.split(r"[.,]", text)[0].zfill(5)
    return text


def clean_text(value: object) -> str | None:
    """Display text as typed with runs of spaces collapsed; blank → None."""
    if is_blank(value):
        return None
    return " ".join(str(value).split())


@cache
def vocabulary(name: str) -> dict[str, str]:
    """``village_kind`` or ``school_level`` spellings (by ``text_key``) → canonical value."""
    with (REFERENCE_DIR / "place_kinds.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["list"] == name]
    if not rows:
        raise ValueError(f"name must be village_kind or school_level, got {name!r}")
    return {text_key(r["value"]): r["canonical"] for r in rows}


def _grids(path: Path) -> list[pd.DataFrame]:
    """Every sheet (one for CSV) as cells of text, index = 0-based file row."""
    if path.suffix.lower() == ".csv":
        data = path.read_bytes()
        try:  # encoded as the report reader guesses it: UTF-8, UTF-16, cp1258
            text = data.decode(detect_encoding(data[:65536])).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise BrokenInput("places_not_text", file=path.name) from None
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
        width = max((len(r) for r in rows), default=0)
        grids = [pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)]
    else:
        if not zipfile.is_zipfile(path):
            raise BrokenInput("places_not_xlsx", file=path.name)
        try:
            sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str)
        except (zipfile.BadZipFile, KeyError):  # a zip, but no workbook inside
            raise BrokenInput("places_not_xlsx", file=path.name) from None
        grids = list(sheets.values())
    return [g.replace("", pd.NA).replace({None: pd.NA}) for g in grids]


def _delimiter(text: str) -> str:
    """The separator of a CSV list: of comma, semicolon (what Excel writes under Vietnamese
    regional settings) and tab, the one its first lines hold most of."""
    head = text[:4096]
    return max(",;\t", key=head.count)


def _find_header_row(grid: pd.DataFrame, kind: str) -> int | None:
    headers = _headers(kind)
    for index in range(min(_HEADER_SEARCH_ROWS, len(grid))):
        found = {headers.get(text_key(v)) for v in grid.iloc[index] if not is_missing(v)}
        if set(REQUIRED[kind]) <= found and found & {"commune_code", "commune"}:
            return index
    return None


@cache
def _headers(kind: str) -> dict[str, str]:
    with (REFERENCE_DIR / "place_headers.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["list"] in ("both", kind)]
    return {text_key(r["header"]): r["column"] for r in rows}
