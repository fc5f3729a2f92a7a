"""Read unit activity reports (CSV or Excel) as they are: find the header row, name the columns.

No cleaning happens here: values stay text as typed, so validation can quote them back.

The header is the first row (of the first 30) that names every required column, in any of the
spellings of ``etl/reference/report_headers.csv`` (compared with ``names.text_key``: case,
accents, spacing and punctuation do not matter). A header may span two rows, as merged header
cells leave it: "Số người tham dự" over "Tổng số" | "Trong đó trẻ em", or "Thời gian" over
"Bắt đầu" | "Kết thúc". The rows above the header are the title; labelled cells there
("Đơn vị báo cáo: …", "Kỳ báo cáo: …", ``report_labels.csv``) say who reports for which period.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from etl.names import text_key
from etl.present.format import is_blank
from etl.reference import REFERENCE_DIR
from etl.reports.grid import Source, grid_preview, load_grid

HEADERS_PATH = REFERENCE_DIR / "report_headers.csv"
LABELS_PATH = REFERENCE_DIR / "report_labels.csv"
COLUMNS = (
    "row_number", "start_date", "end_date", "lead_unit", "partners", "activity_type",
    "audience", "commune", "village", "school", "participants", "children", "content",
    "latitude", "longitude", "note",
)  # fmt: skip
REQUIRED_COLUMNS = ("start_date", "lead_unit", "activity_type", "audience")
REPORT_SUFFIXES = (".csv", ".xlsx")
_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Layout:
    """Where a report's header and title are, and what its columns are called in the file."""

    header_row: int  # 1-based row of the header (its first row when it spans two)
    first_data_row: int  # 1-based
    headers: Mapping[str, str]  # column → header text as written in the file
    title: Mapping[str, str]  # "unit" / "period" → value written in the title rows
    title_text: tuple[str, ...]  # every non-empty cell above the header
    source: Source


def read_report(con: duckdb.DuckDBPyConnection, path: Path, name: str) -> Layout:
    """Create the view ``name`` on ``con``: ``source_row`` plus one VARCHAR column per
    :data:`COLUMNS`, over the cells read into the temporary table ``<name>_cells``.

    One row per file row below the header, blank ones included; ``source_row`` is the 1-based
    row number a clerk sees in Excel. Columns the file lacks are NULL; unknown columns are
    dropped. Raises ``ValueError`` if the file type is wrong or no header row is found.
    """
    if path.suffix.lower() not in REPORT_SUFFIXES:
        raise ValueError(f"path must end with one of {REPORT_SUFFIXES}, got {path.name!r}")
    if not _TABLE_NAME.match(name):
        raise ValueError(f"name must be a plain lower-case identifier, got {name!r}")
    cells = f"{name}_cells"
    source = load_grid(con, path, cells, _choose_delimiter)
    names, preview = grid_preview(con, cells)
    found = _find_header(preview)
    if found is None:
        con.execute(f"drop table {cells}")
        raise ValueError(f"{path.name}: no header row with {', '.join(REQUIRED_COLUMNS)}")
    header_index, data_index, mapping = found
    picks = {column: index for index, column in sorted(mapping.items(), reverse=True)}
    select = ", ".join(
        f"""nullif(trim("{names[picks[c]]}"), '') as {c}"""
        if c in picks
        else f"null::varchar as {c}"
        for c in COLUMNS
    )  # a cell holding only spaces (or an empty string, as some writers store one) is blank
    # Identifiers only (checked name, column names DuckDB gave the grid); the row is a literal int.
    con.execute(
        f"create or replace temp view {name} as "
        f"select (rowid + 1)::integer as source_row, {select} from {cells} "
        f"where rowid >= {int(data_index)}"
    )
    headers = {
        c: _header_text(preview, header_index, data_index, picks[c]) for c in COLUMNS if c in picks
    }
    title_cells = [str(v) for row in preview[:header_index] for v in row if not is_blank(v)]
    return Layout(
        header_row=header_index + 1,
        first_data_row=data_index + 1,
        headers=headers,
        title=_title_fields(preview[:header_index]),
        title_text=tuple(title_cells),
        source=source,
    )


def extract_activities(path: Path) -> pd.DataFrame:
    """Return the report's non-blank rows below the header as text, one column per header found.

    ``source_row`` holds the 1-based row number in the file. A convenience for looking at a file;
    the build reads reports with :func:`read_report`.
    """
    from etl import db  # here, not at import: a connection is work

    con = db.connect_path(":memory:")
    try:
        layout = read_report(con, path, "report")
        columns = ["source_row", *layout.headers]
        frame = con.execute("select * from report order by source_row").df()[columns]
    finally:
        con.close()
    frame = frame.dropna(how="all", subset=list(layout.headers))
    return frame.reset_index(drop=True)


def _find_header(rows: Sequence[Sequence[object]]) -> tuple[int, int, dict[int, str]] | None:
    """(header row index, first data row index, {column index: column}) or None."""
    known = _header_columns()
    required = set(REQUIRED_COLUMNS)
    for index, row in enumerate(rows):
        single = {i: known[text_key(_s(v))] for i, v in enumerate(row) if text_key(_s(v)) in known}
        if not single:
            continue
        below = rows[index + 1] if index + 1 < len(rows) else []
        sub = _sub_headers(row, below, known)
        if sub and required <= {*single.values(), *sub.values()}:
            return index, index + 2, {**single, **sub}
        if required <= set(single.values()):
            return index, index + 1, single
    return None


def _sub_headers(
    row: Sequence[object], below: Sequence[object], known: Mapping[str, str]
) -> dict[int, str]:
    """Columns named by a second header row: alone, or joined to the merged cell above it."""
    found = {}
    parent = ""
    for i, cell in enumerate(below):
        above = row[i] if i < len(row) else None
        if not is_blank(above):
            parent = _s(above)
        if is_blank(cell):
            continue
        for candidate in (f"{parent} {_s(cell)}", _s(cell)):
            if text_key(candidate) in known:
                found[i] = known[text_key(candidate)]
                break
    return found


def _header_text(
    rows: Sequence[Sequence[object]], header_index: int, data_index: int, column: int
) -> str:
    cells = [rows[r][column] for r in range(header_index, data_index) if column < len(rows[r])]
    return " / ".join(_s(c) for c in cells if not is_blank(c))


def _title_fields(rows: Sequence[Sequence[object]]) -> dict[str, str]:
    """Values of labelled title cells: "Đơn vị báo cáo: X" or "Đơn vị báo cáo" | "X"."""
    labels = _title_labels()
    fields: dict[str, str] = {}
    for row in rows:
        cells = [_s(v) for v in row if not is_blank(v)]
        for position, cell in enumerate(cells):
            label, _, value = cell.partition(":")
            field = labels.get(text_key(label))
            if field is None or field in fields:
                continue
            value = value.strip() or (cells[position + 1] if position + 1 < len(cells) else "")
            if value:
                fields[field] = value
    return fields


def _choose_delimiter(previews: Mapping[str, list[list[str]]]) -> str | None:
    for delimiter, rows in previews.items():
        if _find_header(rows) is not None:
            return delimiter
    return None


def _s(value: object) -> str:
    return "" if value is None else str(value)


@cache
def _header_columns() -> dict[str, str]:
    with HEADERS_PATH.open(encoding="utf-8", newline="") as handle:
        return {text_key(r["header"]): r["column"] for r in csv.DictReader(handle)}


@cache
def _title_labels() -> dict[str, str]:
    with LABELS_PATH.open(encoding="utf-8", newline="") as handle:
        return {text_key(r["label"]): r["field"] for r in csv.DictReader(handle)}
