"""Check a zip archive (an .xlsx, or a zipped shapefile) by streaming it, never trusting it.

The end record is read first, so an archive claiming a million entries is refused before
Python builds a list of them. Entry names must stay inside their folder. Each entry is then
inflated in chunks of :data:`CHUNK` bytes, counting the bytes really produced (declared sizes can
lie; a lie also breaks the entry's CRC, a broken archive) and stopping as soon as the total passes
the limit. In a workbook every XML part is parsed as it streams, with no DTD allowed (no entity
expansion, no external entity); worksheets are measured (rows, columns, cell size) and their
parsed elements dropped as they close, so memory stays a few chunks whatever the archive holds.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from typing import BinaryIO
from xml.etree import ElementTree

from etl.access.unsafe import Limits, UnsafeFile

CHUNK = 64 * 1024
_EOCD = b"PK\x05\x06"
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_REF = re.compile(r"([A-Z]{1,4})(\d+)")
_RANGE = re.compile(r"([A-Z]{1,4})(\d+)(?::([A-Z]{1,4})(\d+))?")
_WORKBOOK = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")


def scan_zip(file: str, handle: BinaryIO, size: int, limits: Limits, workbook: bool) -> str:
    """Check the archive in ``handle`` (``size`` bytes) and return what it is: ``xlsx``,
    ``xlsb``, ``docx``, ``pptx``, ``ods`` or ``zip``. With ``workbook``, an ``xlsx``'s XML is
    parsed and its sheets measured. Raises :class:`UnsafeFile` naming ``file``."""
    _check_end_record(file, handle, size, limits)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error):
        raise UnsafeFile("zip_truncated", file=file) from None
    with archive:
        entries = archive.infolist()
        _check_entries(file, entries, size, limits)
        names = {entry.filename for entry in entries}
        kind = _kind(archive, names)
        if kind == "xlsx" and not all(part in names for part in _WORKBOOK):
            missing = next(part for part in _WORKBOOK if part not in names)
            raise UnsafeFile("xlsx_part_missing", file=file, part=missing)
        _inflate(file, archive, entries, size, limits, parse=workbook and kind == "xlsx")
    return kind


def _check_end_record(file: str, handle: BinaryIO, size: int, limits: Limits) -> None:
    """Refuse an archive whose end record is missing (truncated) or counts too many entries."""
    start = max(0, size - (1 << 16) - 22)
    handle.seek(start)
    tail = handle.read()
    handle.seek(0)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise UnsafeFile("zip_truncated", file=file)
    count, directory_size = struct.unpack("<xxxxxxxxxxHI", tail[at : at + 16])
    max_entries = limits.max_entries
    if count > max_entries or directory_size > 46 * (max_entries + 1) + max_entries * 1024:
        raise UnsafeFile("zip_too_many_entries", file=file, count=count, limit=max_entries)


def _check_entries(file: str, entries: list[zipfile.ZipInfo], size: int, limits: Limits) -> None:
    max_entries = limits.max_entries
    if len(entries) > max_entries:
        raise UnsafeFile("zip_too_many_entries", file=file, count=len(entries), limit=max_entries)
    for entry in entries:
        name = entry.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise UnsafeFile("zip_path_entry", file=file)
        if entry.flag_bits & 0x1:
            raise UnsafeFile("zip_encrypted", file=file)
    declared = sum(entry.file_size for entry in entries)
    _check_total(file, declared, size, limits)


def _check_total(file: str, total: int, size: int, limits: Limits) -> None:
    most = limits.max_unzipped_bytes
    if total > most:
        raise UnsafeFile("zip_too_big_unpacked", file=file, limit_mb=most // (1024 * 1024))
    if total > limits.max_ratio * max(size, 1):
        raise UnsafeFile("upload_bomb", file=file)


def _kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names or any(n.startswith("xl/worksheets/") for n in names):
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "word/document.xml" in names:
        return "docx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
        try:
            if b"opendocument" in archive.read("mimetype"):
                return "ods"
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            return "zip"
    return "zip"


def _inflate(
    file: str,
    archive: zipfile.ZipFile,
    entries: list[zipfile.ZipInfo],
    size: int,
    limits: Limits,
    parse: bool,
) -> None:
    total = 0
    for entry in entries:
        if entry.is_dir():
            continue
        scan = _XmlScan(file, entry.filename, limits) if parse and _is_xml(entry) else None
        try:
            with archive.open(entry) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    _check_total(file, total, size, limits)
                    if scan is not None:
                        scan.feed(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, struct.error):
            raise UnsafeFile("zip_truncated", file=file) from None
        except NotImplementedError:  # a compression method no reader here knows
            raise UnsafeFile("upload_corrupt", file=file) from None
        if scan is not None:
            scan.close()


def _is_xml(entry: zipfile.ZipInfo) -> bool:
    return entry.filename.endswith((".xml", ".rels"))


class _XmlScan:
    """Parse one XML part as its chunks arrive; measure it if it is a worksheet or the shared
    strings; refuse DTDs, huge text runs, broken XML."""

    def __init__(self, file: str, part: str, limits: Limits) -> None:
        self.file, self.part = file, part
        self.sheet = part.startswith("xl/worksheets/")
        self.max_rows = limits.max_rows
        self.max_columns = limits.max_columns
        self.max_cell = limits.max_cell_chars
        self.parser: ElementTree.XMLPullParser = ElementTree.XMLPullParser(events=("start", "end"))
        self.stack: list[ElementTree.Element] = []
        self.tail = b""
        self.run = 0  # bytes since the last "<": one text node or attribute, unparsed
        self.rows = 0
        self.columns = 0
        self.in_row = 0

    def feed(self, chunk: bytes) -> None:
        if _DTD.search(self.tail + chunk):
            raise UnsafeFile("xml_entities", file=self.file, part=self.part)
        self.tail = chunk[-16:]
        self._check_runs(chunk)
        try:
            self.parser.feed(chunk)
            self._events()
        except ElementTree.ParseError:
            raise UnsafeFile("xml_broken", file=self.file, part=self.part) from None

    def close(self) -> None:
        try:
            self.parser.close()
            self._events()
        except ElementTree.ParseError:
            raise UnsafeFile("xml_broken", file=self.file, part=self.part) from None

    def _check_runs(self, chunk: bytes) -> None:
        first = chunk.find(b"<")
        if first < 0:
            self.run += len(chunk)
        else:
            longest = max(len(piece) for piece in chunk[first:].split(b"<"))
            if max(self.run + first, longest) > 4 * self.max_cell + 1024:
                self._too_long()
            self.run = len(chunk) - chunk.rfind(b"<") - 1
        if self.run > 4 * self.max_cell + 1024:  # UTF-8: at most 4 bytes a character
            self._too_long()

    def _too_long(self) -> None:
        raise UnsafeFile("cell_too_large", file=self.file, limit=self.max_cell, row=self.rows)

    def _events(self) -> None:
        for event, element in self.parser.read_events():  # type: ignore[misc]  # (str, Element)
            if event == "start":
                assert isinstance(element, ElementTree.Element)
                self.stack.append(element)
                if self.sheet:
                    self._start(element)
                continue
            assert isinstance(element, ElementTree.Element)
            if element.text is not None and len(element.text) > self.max_cell:
                self._too_long()
            self.stack.pop()
            if self.stack:  # drop what has been measured: memory stays one element deep
                self.stack[-1].remove(element)

    def _start(self, element: ElementTree.Element) -> None:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "row":
            number = element.get("r", "")
            self.rows = int(number) if number.isdigit() else self.rows + 1
            self.in_row = 0
            if self.rows > self.max_rows:
                self._rows()
        elif tag == "c":
            found = _REF.fullmatch(element.get("r", ""))
            self.in_row = _column(found.group(1)) if found else self.in_row + 1
            if self.in_row > self.max_columns:
                self._columns()
        elif tag == "dimension":
            found = _RANGE.fullmatch(element.get("ref", ""))
            if found and found.group(3):
                if int(found.group(4)) > self.max_rows:
                    self._rows()
                if _column(found.group(3)) > self.max_columns:
                    self._columns()

    def _rows(self) -> None:
        raise UnsafeFile("sheet_too_many_rows", file=self.file, limit=self.max_rows)

    def _columns(self) -> None:
        raise UnsafeFile("sheet_too_many_columns", file=self.file, limit=self.max_columns)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
