"""Read unit activity reports (CSV or Excel) as they are: find the header row, name the columns.

No cleaning happens here: values stay text as typed, so validation can quote them back.

The header is the first row (of the first 30) that names every required column, in any of the
wordings ``etl.reports.header_meaning`` understands. A header may span two rows, as merged
header cells leave it: "Số người tham dự" over "Tổng số" | "Trong đó trẻ em", or "Thời gian"
over "Bắt đầu" | "Kết thúc"; a row holding a number or a date is data, never a second header
row. When two columns mean the same, the first is read. A column the file fills but the import
does not read (an unknown header, a second one of the same meaning, or none at all) is listed
in ``Layout.unused``, so the import's report names it. The rows above the header are the title;
labelled cells there ("Đơn vị báo cáo: …", "Kỳ báo cáo: …", ``report_labels.csv``) say who
reports for which period.
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
from etl.reports.header_meaning import column_of

LABELS_PATH = REFERENCE_DIR / "report_labels.csv"
COLUMNS = (
    "row_number", "start_date", "end_date", "lead_unit", "partners", "activity_type",
    "audience", "commune", "village", "school", "participants", "children", "content",
    "latitude", "longitude", "note",
)  # fmt: skip
REQUIRED_COLUMNS = ("start_date", "lead_unit", "activity_type", "audience")
REPORT_SUFFIXES = (".csv", ".xlsx")
_VALUE = re.compile(r"[0-9\s./,:\-]+")  # a number, a date or a time: a data cell, not a label
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
    unused: tuple[tuple[str, str], ...] = ()  # (header as written or "", column letter)


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
        raise HeaderNotFound(path.name, *_best_guess(preview))
    header_index, data_index, mapping = found
    picks = {column: index for index, column in sorted(mapping.items(), reverse=True)}
    unused = _unused(con, cells, names, preview, header_index, data_index, set(picks.values()))
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
        unused=unused,
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


class HeaderNotFound(ValueError):
    """No row of a report's first rows names every required column. ``row`` is the 1-based
    row that came nearest, ``headers`` its cells with the column each was read as (None: not
    understood), ``missing`` the required columns it lacks."""

    def __init__(
        self, file_name: str, row: int, headers: Sequence[tuple[str, str | None]],
        missing: Sequence[str],
    ) -> None:  # fmt: skip
        self.file_name, self.row = file_name, row
        self.headers, self.missing = tuple(headers), tuple(missing)
        super().__init__(f"{file_name}: no header row with {', '.join(missing)}")


def _find_header(rows: Sequence[Sequence[object]]) -> tuple[int, int, dict[int, str]] | None:
    """(header row index, first data row index, {column index: column}) or None."""
    required = set(REQUIRED_COLUMNS)
    for index, row in enumerate(rows):
        single = _meanings(row)
        if not single:
            continue
        below = rows[index + 1] if index + 1 < len(rows) else []
        sub = _sub_headers(row, below, single)
        if sub and required <= {*single.values(), *sub.values()}:
            return index, index + 2, {**single, **sub}
        if required <= set(single.values()):
            return index, index + 1, single
    return None


def repeats_header(cells: Mapping[str, object]) -> bool:
    """Whether a row below the header is the header again (a printed sheet repeats it on every
    page): each of its cells (column → text) names the very column it sits in, and every required
    column is named. Such a row is skipped and reported; a row holding any value (a date, a unit,
    a place) is data, whatever header words it holds."""
    named = {column for column, cell in cells.items() if not is_blank(cell)}
    return set(REQUIRED_COLUMNS) <= named and all(
        column_of(_s(cells[column])) == column for column in named
    )


def _meanings(row: Sequence[object]) -> dict[int, str]:
    """{column index: column} of the cells of ``row`` that name a column."""
    found = {}
    for i, cell in enumerate(row):
        column = None if is_blank(cell) else column_of(_s(cell))
        if column is not None:
            found[i] = column
    return found


def _sub_headers(
    row: Sequence[object], below: Sequence[object], single: Mapping[int, str]
) -> dict[int, str]:
    """Columns named by a second header row: alone, or joined to the merged cell above it.

    A second header row continues a merged cell (some cell of it sits under a blank one),
    leaves blank the cell under some required column's header (merged down over both rows),
    holds no number or date, and under a header naming a required column holds nothing or a
    header of its own. A data row holds values there ("Phòng VH&TT" under "Đơn vị chủ trì"), so
    a first data row lacking its date, or whose content says "Nội dung tuyên truyền" or place
    "Thôn Địa điểm", stays data."""
    cells = [(i, _s(cell)) for i, cell in enumerate(below) if not is_blank(cell)]
    if any(_VALUE.fullmatch(text.strip()) for _, text in cells):
        return {}
    if not any(i >= len(row) or is_blank(row[i]) for i, _ in cells):
        return {}
    if not any(
        column in REQUIRED_COLUMNS and (i >= len(below) or is_blank(below[i]))
        for i, column in single.items()
    ):
        return {}
    found = {}
    parent = ""
    for i, cell in enumerate(below):
        above = row[i] if i < len(row) else None
        if not is_blank(above):
            parent = _s(above)
        if is_blank(cell):
            continue
        for candidate in (f"{parent} {_s(cell)}", _s(cell)):
            column = column_of(candidate)
            if column is not None:
                found[i] = column
                break
        if single.get(i) in REQUIRED_COLUMNS and column_of(_s(cell)) is None:
            return {}  # a value under a required column's own header: "Phòng VH&TT", data
    return found


def _best_guess(
    rows: Sequence[Sequence[object]],
) -> tuple[int, list[tuple[str, str | None]], list[str]]:
    """The row naming the most required columns (1-based), its headers with their reading,
    and the required columns it lacks."""
    best, best_found = 0, -1
    for index, row in enumerate(rows):
        named = len(set(_meanings(row).values()) & set(REQUIRED_COLUMNS))
        if named > best_found:
            best, best_found = index, named
    row = rows[best] if rows else []
    headers = [(_s(cell).strip(), column_of(_s(cell))) for cell in row if not is_blank(cell)]
    read = {column for _, column in headers}
    return best + 1, headers, [c for c in REQUIRED_COLUMNS if c not in read]


def _unused(
    con: duckdb.DuckDBPyConnection,
    cells: str,
    names: Sequence[str],
    rows: Sequence[Sequence[object]],
    header_index: int,
    data_index: int,
    used: set[int],
) -> tuple[tuple[str, str], ...]:
    """(header as written, column letter) of each column below the header that holds a value
    but is not read; the header is "" for a column with none."""
    others = [i for i in range(len(names)) if i not in used]
    if not others:
        return ()
    counts = ", ".join(f"""count(nullif(trim("{names[i]}"), ''))""" for i in others)
    # Identifiers only (column names DuckDB gave the grid); the row is a literal int.
    filled = (
        con.execute(f"select {counts} from {cells} where rowid >= {int(data_index)}").fetchone()
        or ()
    )
    return tuple(
        (_header_text(rows, header_index, data_index, i), _letter(i))
        for i, count in zip(others, filled, strict=True)
        if count
    )


def _letter(index: int) -> str:
    """The spreadsheet letter of the 0-based column ``index``: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
def _title_labels() -> dict[str, str]:
    with LABELS_PATH.open(encoding="utf-8", newline="") as handle:
        return {text_key(r["label"]): r["field"] for r in csv.DictReader(handle)}
