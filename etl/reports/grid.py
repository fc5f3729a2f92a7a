"""Load a report file's cells, as text, into a DuckDB table: the "grid" the extractor reads.

A grid is a temporary table with one row per spreadsheet row (``rowid`` 0 = the file's first
row) and one VARCHAR column per spreadsheet column, in order. Nothing is interpreted here: no
header, no types.

- ``.xlsx``: DuckDB's ``read_xlsx`` (the bundled ``excel`` extension), over the sheet
  ``Hoạt động`` when there is one, else the first sheet, and over the range its cells really
  fill (found by streaming the sheet's XML; its declared ``<dimension>`` may be stale), so blank
  rows in the middle are kept.
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
# A <row> or <c> start tag (any namespace prefix): name, attributes, "/" when self-closed, and
# the end tag when one follows at once (an empty cell).
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)\b([^>]*?)(/?)>(</(?:[\w.-]+:)?c>)?")
_REF = re.compile(rb"\br\s*=\s*[\"']([^\"']*)[\"']")
_CELL_NAME = re.compile(rb"\$?([A-Z]{1,3})\$?(\d+)")
MAX_COLUMNS = 256  # a stray cell far right must not make thousands of empty columns
_EMPTY_LINE = re.compile(rb"\n\r?\n")
_REF_AT = re.compile(rb" r=[\"']\$?[A-Z]{0,3}\$?(\d+)[\"']")
_VALUE_ENDS = (b"</v>", b"</is>", b":v>", b":is>")  # a cell value's end, any namespace prefix
_SHEET_HEAD_BYTES = 1 << 20  # the first rows, with the header
_SHEET_CHUNK_BYTES = 1 << 20
_SHEET_OVERLAP_BYTES = 1 << 16

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
    """``A1:<last column><last row>`` of the cells that hold something, from the sheet's XML.

    The sheet's ``<dimension>`` is not trusted: writers leave it out or out of date (one that
    said ``A1:H2`` over 40 rows had 39 of them unread). The sheet part is streamed once. Its
    first rows (the header is there; columns beyond them are not read anyway) are looked at tag
    by tag for the last column; after them, the last row is the row of the last value (rows come
    in order), so a styled empty cell (``<c r="A9" s="1"/>``) stretches nothing. A sheet whose
    rows or cells have no ``r`` (they follow the one before, as the format allows) is looked at
    tag by tag to its end. At most :data:`MAX_COLUMNS` columns are read.
    """
    extent = _Extent()
    with archive.open(member) as stream:
        head = stream.read(_SHEET_HEAD_BYTES)
        cut = head.rfind(b"<")  # a tag may be cut at the chunk's end: keep it for the next
        extent.scan(head[:cut] if cut > 0 else head)
        rest = head[cut:] if cut > 0 else b""
        while chunk := stream.read(_SHEET_CHUNK_BYTES):
            data = rest + chunk
            if extent.unreferenced:
                cut = data.rfind(b"<")
                extent.scan(data[:cut] if cut > 0 else data)
                rest = data[cut:] if cut > 0 else b""
            else:
                extent.last_row = max(extent.last_row, _last_value_row(data))
                rest = data[-_SHEET_OVERLAP_BYTES:]  # a cell's tag may sit before its value
        if extent.unreferenced:
            extent.scan(rest)
    if extent.last_row == 0:
        return "A1:A1"  # nothing in the sheet
    return f"A1:{_column_letter(min(extent.last_column, MAX_COLUMNS))}{extent.last_row}"


def _last_value_row(data: bytes) -> int:
    """The row of the last cell value in ``data`` (0: none), from the last ``r`` before it."""
    value = max(data.rfind(marker) for marker in _VALUE_ENDS)
    if value < 0:
        return 0
    ref = max(data.rfind(b' r="', 0, value), data.rfind(b" r='", 0, value))
    found = _REF_AT.match(data, ref) if ref >= 0 else None
    return int(found.group(1)) if found else 0


class _Extent:
    """The last row and column holding a cell with something in it, fed the sheet XML in order."""

    def __init__(self) -> None:
        self.row = 0  # the row being read
        self.column = 0  # the last cell's column in it
        self.last_row = 0
        self.last_column = 0
        self.unreferenced = False  # some row or cell has no ``r``

    def scan(self, data: bytes) -> None:
        for found in _TAG.finditer(data):
            name, attributes = found.group(1), found.group(2)
            empty = found.group(3) == b"/" or found.group(4) is not None
            ref = _REF.search(attributes)
            if name == b"row":
                self.row = int(ref.group(1)) if ref else self.row + 1
                self.unreferenced |= ref is None
                self.column = 0
                continue
            cell = _CELL_NAME.fullmatch(ref.group(1)) if ref else None
            if cell is not None:
                self.column = _column_number(cell.group(1).decode())
                self.row = int(cell.group(2))
            else:
                self.column += 1
                self.unreferenced = True
            if not empty:
                self.last_row = max(self.last_row, self.row)
                self.last_column = max(self.last_column, self.column)


def _column_number(letters: str) -> int:
    """1-based number of a column's letters: A → 1, AA → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _column_letter(number: int) -> str:
    """Letters of the 1-based column ``number``: 1 → A, 27 → AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- csv ---------------------------------------------------------------------------------------


def _load_csv(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, choose_delimiter: Chooser
) -> Source:
    with path.open("rb") as handle:
        head = handle.read(_PREVIEW_BYTES)
    encoding = detect_encoding(head)
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


def detect_encoding(head: bytes) -> str:
    """The encoding of a CSV from its first bytes: a BOM, UTF-16 without one, UTF-8, or the
    Vietnamese Windows code page (cp1258) when the bytes are no UTF-8."""
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
