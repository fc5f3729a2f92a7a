"""Read unit activity reports (CSV or Excel) as they are: find the header row, name the columns.

No cleaning happens here: values stay text as typed, so validation can quote them back.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pandas as pd

from etl.names import text_key

HEADERS_PATH = Path(__file__).with_name("reference") / "report_headers.csv"
REPORT_SHEET = "Hoạt động"
REQUIRED_COLUMNS = ("start_date", "lead_unit", "activity_type", "audience")
REPORT_SUFFIXES = (".csv", ".xlsx")
_HEADER_SEARCH_ROWS = 20


def extract_activities(path: Path) -> pd.DataFrame:
    """Return the report's rows as text, one column per recognised header.

    Columns are the canonical English names of ``etl/reference/report_headers.csv``; unknown
    headers are dropped. ``source_row`` holds the 1-based row number in the file, so problems can
    point at the row a clerk sees. Raises ``ValueError`` if no header row is found.
    """
    if path.suffix.lower() not in REPORT_SUFFIXES:
        raise ValueError(f"path must end with one of {REPORT_SUFFIXES}, got {path.name!r}")
    grid = _read_grid(path)
    header_index = _find_header_row(grid)
    if header_index is None:
        raise ValueError(f"{path.name}: no header row with {', '.join(REQUIRED_COLUMNS)}")
    mapping = {
        i: _header_columns()[text_key(h)]
        for i, h in enumerate(grid.iloc[header_index])
        if text_key(h) in _header_columns()
    }
    body = grid.iloc[header_index + 1 :, list(mapping)].rename(columns=mapping)
    body.insert(0, "source_row", body.index + 1)
    body = body.dropna(how="all", subset=list(mapping.values()))
    return body.reset_index(drop=True)


def _read_grid(path: Path) -> pd.DataFrame:
    """All cells as strings (or NA), no header interpretation, index = 0-based file row."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        width = max((len(r) for r in rows), default=0)
        grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    else:
        sheets = pd.ExcelFile(path).sheet_names
        sheet = REPORT_SHEET if REPORT_SHEET in sheets else sheets[0]
        grid = pd.read_excel(path, sheet_name=sheet, header=None, dtype=str)
    return grid.replace("", pd.NA).replace({None: pd.NA})


def _find_header_row(grid: pd.DataFrame) -> int | None:
    for index in range(min(_HEADER_SEARCH_ROWS, len(grid))):
        found = {_header_columns().get(text_key(v)) for v in grid.iloc[index] if pd.notna(v)}
        if set(REQUIRED_COLUMNS) <= found:
            return index
    return None


@cache
def _header_columns() -> dict[str, str]:
    with HEADERS_PATH.open(encoding="utf-8", newline="") as handle:
        return {text_key(r["header"]): r["column"] for r in csv.DictReader(handle)}
