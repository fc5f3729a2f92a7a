"""Load a report file's cells, as text, into a DuckDB table: the "grid" the extractor reads.

A grid is a temporary table with one row per spreadsheet row (``rowid`` 0 = the file's first
row) and one VARCHAR column per spreadsheet column, in order. Nothing is interpreted here: no
header, no types.

- ``.xlsx``: DuckDB's ``read_xlsx`` (the bundled ``excel`` extension), over the sheet
  ``Hoạt động`` when there is one, else the first sheet, and over the range the sheet declares
  (``<dimension>``), so blank rows in the middle are kept.
- ``.csv``: DuckDB's ``read_csv`` with every column as text. Files in UTF-8 (with or without BOM)
  are read as they are; UTF-16 (what Excel's "Unicode Text" writes, tab-separated) and
  Windows-1258 are first re-encoded as UTF-8 into a temporary file. A file with empty lines is
  read with Python's ``csv`` module instead, because DuckDB skips empty lines and the row
  numbers a clerk sees would shift.
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pandas as pd

from etl.names import text_key

REPORT_SHEET = "Hoạt động"
PREVIEW_ROWS = 30
_PREVIEW_BYTES = 256 * 1024
_DELIMITERS = (",", ";", "\t")
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_DIMENSION = re.compile(rb"<dimension ref=[\"']([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?[\"']")
_CELL_REF = re.compile(rb"<c r=[\"']([A-Z]+)(\d+)[\"']")
_ROW_REF = re.compile(rb"<row r=[\"'](\d+)[\"']")
_EMPTY_LINE = re.compile(rb"\n\r?\n")
_SHEET_HEAD_BYTES = 1 << 20  # the first rows, with the header
_SHEET_TAIL_BYTES = 1 << 16  # the last rows

# Gets the first rows parsed with each candidate delimiter; returns the one holding the header.
Chooser = Callable[[Mapping[str, list[list[str]]]], str | None]


@dataclass(frozen=True)
class Source:
    """How a file was read: sheet (xlsx) or encoding and delimiter (csv)."""

    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None


def load_grid(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, choose_delimiter: Chooser
) -> Source:
    """Create the temporary ``table`` on ``con`` with every cell of ``path`` as text.

    ``choose_delimiter`` gets the first rows parsed with each candidate delimiter and returns the
    one whose rows hold the report's header (CSV only).
    """
    if not table.isidentifier() or not table.islower():
        raise ValueError(f"table must be a lower-case identifier, got {table!r}")
    if path.suffix.lower() == ".xlsx":
        return _load_xlsx(con, path, table)
    if path.suffix.lower() == ".csv":
        return _load_csv(con, path, table, choose_delimiter)
    raise ValueError(f"path must end with .csv or .xlsx, got {path.name!r}")


def grid_preview(
    con: duckdb.DuckDBPyConnection, table: str
) -> tuple[list[str], list[list[str | None]]]:
    """The column names of a grid ``table`` and its first :data:`PREVIEW_ROWS` rows."""
    cursor = con.execute(f"select * from {table} order by rowid limit {PREVIEW_ROWS}")
    rows = cursor.fetchall()
    return [d[0] for d in cursor.description or ()], [list(row) for row in rows]


# --- xlsx --------------------------------------------------------------------------------------


def _load_xlsx(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> Source:
    try:
        with zipfile.ZipFile(path) as archive:
            sheet, member = _choose_sheet(archive)
            cell_range = _sheet_range(archive, member)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise ValueError(f"{path.name}: not a readable .xlsx workbook ({error})") from error
    con.execute(
        f"create or replace temp table {table} as select * from read_xlsx("
        "?, sheet = ?, header = false, all_varchar = true, range = ?, stop_at_empty = false)",
        [str(path), sheet, cell_range],
    )
    return Source(sheet=sheet)


def _choose_sheet(archive: zipfile.ZipFile) -> tuple[str, str]:
    """(sheet name, archive member) of the report sheet: ``Hoạt động`` if present, else first."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    sheets = [
        (s.get("name", ""), targets[s.get(f"{{{_NS['r']}}}id")])
        for s in book.findall("m:sheets/m:sheet", _NS)
    ]
    if not sheets:
        raise KeyError("no sheets")
    wanted = text_key(REPORT_SHEET)
    name, target = next((s for s in sheets if text_key(s[0]) == wanted), sheets[0])
    member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return name, member


def _sheet_range(archive: zipfile.ZipFile, member: str) -> str:
    """``A1:<last column><last row>`` from the sheet's ``<dimension>``, else from its cells.

    Without a dimension (some writers leave it out) the columns come from the first rows (the
    header is there; columns beyond it are not read anyway) and the last row from the end.
    """
    with archive.open(member) as stream:
        head = stream.read(_SHEET_HEAD_BYTES)
        found = _DIMENSION.search(head[:4096])
        if found and found.group(3):
            return f"A1:{found.group(3).decode()}{found.group(4).decode()}"
        tail = head[-_SHEET_TAIL_BYTES:]
        while chunk := stream.read(1 << 20):
            tail = (tail + chunk)[-_SHEET_TAIL_BYTES:]
    columns = [m.group(1).decode() for m in _CELL_REF.finditer(head)]
    rows = [int(m.group(2)) for m in _CELL_REF.finditer(tail)]
    rows += [int(m.group(1)) for m in _ROW_REF.finditer(tail)]
    if not columns or not rows:
        return "A1:AZ"  # no cell references at all: read to the sheet's end
    last_column = max(columns, key=lambda c: (len(c), c))
    return f"A1:{last_column}{max(rows)}"


# --- csv ---------------------------------------------------------------------------------------


def _load_csv(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, choose_delimiter: Chooser
) -> Source:
    with path.open("rb") as handle:
        head = handle.read(_PREVIEW_BYTES)
    encoding = _detect_encoding(head)
    text = _decode_prefix(head, encoding)
    previews = {d: _parse_prefix(text, d) for d in _DELIMITERS}
    delimiter = choose_delimiter(previews) or ","
    width = max((len(r) for r in previews[delimiter]), default=1)
    with _utf8_copy(path, encoding) as readable:
        if _has_empty_lines(readable):
            _load_csv_python(con, readable, table, delimiter)
        else:
            _load_csv_duckdb(con, readable, table, delimiter, width)
    return Source(encoding=encoding, delimiter=delimiter)


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head[:200].count(b"\x00") > 20:
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the end of the prefix
            return "cp1258"
    return "utf-8"


def _decode_prefix(head: bytes, encoding: str) -> str:
    if encoding.startswith("utf-16") and len(head) % 2:
        head = head[:-1]
    text = head.decode(encoding, errors="ignore")
    return unicodedata.normalize("NFC", text) if encoding == "cp1258" else text


def _parse_prefix(text: str, delimiter: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[:PREVIEW_ROWS]


@contextmanager
def _utf8_copy(path: Path, encoding: str) -> Iterator[Path]:
    """``path`` itself if it is UTF-8, else a temporary UTF-8 copy (NFC for Windows-1258)."""
    if encoding in ("utf-8", "utf-8-sig"):
        yield path
        return
    text = path.read_bytes().decode(encoding)
    if encoding == "cp1258":
        text = unicodedata.normalize("NFC", text)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "report.csv"
        copy.write_text(text.lstrip("\ufeff"), encoding="utf-8")
        yield copy


def _has_empty_lines(path: Path) -> bool:
    if path.stat().st_size == 0:
        return False
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return _EMPTY_LINE.search(data) is not None  # one pass; faster than two finds


def _load_csv_duckdb(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, delimiter: str, width: int
) -> None:
    columns = {f"c{i:03d}": "VARCHAR" for i in range(width)}
    query = (
        f"create or replace temp table {table} as select * from read_csv(?, auto_detect = false, "
        "header = false, delim = ?, quote = '\"', escape = '\"', columns = ?, "
        "null_padding = true, parallel = ?, strict_mode = false, encoding = 'utf-8')"
    )
    try:
        con.execute(query, [str(path), delimiter, columns, True])
    except duckdb.Error as error:  # quoted line breaks: the parallel reader cannot pad rows
        if "parallel" not in str(error):
            raise
        con.execute(query, [str(path), delimiter, columns, False])


def _load_csv_python(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, delimiter: str
) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    width = max((len(r) for r in rows), default=1)
    frame = pd.DataFrame(
        [[v if v != "" else None for v in r] + [None] * (width - len(r)) for r in rows],
        columns=[f"c{i:03d}" for i in range(width)],
        dtype="string",
    )
    con.register("_grid_rows", frame)
    try:
        con.execute(f"create or replace temp table {table} as select * from _grid_rows")
    finally:
        con.unregister("_grid_rows")
