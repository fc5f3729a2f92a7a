"""Check a text file (a CSV report or list; a GeoJSON or KML boundary file) by streaming it.

The encoding is guessed from the first 256 KB exactly as the report reader does
(``etl.reports.grid``), then the whole file is decoded in chunks with it, strictly: a file that
changes encoding later (a cp1258 line pasted into a UTF-8 file after the first megabyte) is
refused here, with its line, instead of failing inside the reader. NUL bytes mean a binary file.
A table (CSV) is also measured as it streams: rows, columns (of the delimiter its first lines
use most) and the longest cell, quotes respected; the check stops at the first limit passed.
"""

from __future__ import annotations

import codecs
import operator
import re
from typing import BinaryIO

from etl.access.unsafe import Limits, UnsafeFile
from etl.reports.grid import detect_encoding  # the reader's own guess: one rule, one place

CHUNK = 256 * 1024
_DELIMITERS = (",", ";", "\t")
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
          "utf-16-be": "UTF-16", "cp1258": "Windows-1258"}  # fmt: skip


def looks_like_text(head: bytes) -> bool:
    """True when ``head`` (a file's first bytes) decodes as UTF-8 or UTF-16 text with no NUL
    characters: what a CSV named ``.xlsx`` looks like."""
    encoding = detect_encoding(head)
    if encoding == "cp1258":
        return False
    text = head.decode(encoding, errors="ignore")
    return "\x00" not in text and bool(text.strip())


def scan_text(file: str, handle: BinaryIO, limits: Limits, table: bool) -> None:
    """Decode the whole of ``handle`` as the reader will; measure it when it is a ``table``.
    Raises :class:`UnsafeFile` naming ``file``."""
    chunk = handle.read(CHUNK)
    encoding = detect_encoding(chunk)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    counter = _TableCounter(file, limits) if table else None
    lines = 1
    while True:
        final = not chunk
        try:
            text = decoder.decode(chunk, final=final)
        except UnicodeDecodeError as error:
            before = chunk[: max(error.start, 0)].decode(encoding, errors="ignore")
            raise UnsafeFile("csv_encoding_mixed", file=file, line=lines + before.count("\n"),
                             encoding=_NAMES.get(encoding, encoding)) from None  # fmt: skip
        if "\x00" in text:
            raise UnsafeFile("csv_binary", file=file)
        if counter is not None:
            counter.feed(text)
        lines += text.count("\n")
        if final:
            return
        chunk = handle.read(CHUNK)


class _TableCounter:
    """Rows, columns and cell lengths of CSV text fed in pieces."""

    def __init__(self, file: str, limits: Limits) -> None:
        self.file, self.limits = file, limits
        self.pattern: re.Pattern[str] | None = None
        self.delimiter = ","
        self.offset = 0  # characters fed before this piece
        self.quoted = False
        self.closed_at = -1  # where the last closing quote ended ("" is an escaped quote)
        self.cell = 0
        self.columns = 1
        self.rows = 0

    def feed(self, text: str) -> None:
        if self.pattern is None:
            first = text[:65536]
            self.delimiter = max(_DELIMITERS, key=first.count)
            self.pattern = re.compile('["\n' + re.escape(self.delimiter) + "]")
        first_end, last_end = text.find("\n") + 1, text.rfind("\n") + 1
        if self.quoted or '"' in text or first_end == last_end:
            self._scan(text)
            return
        self._scan(text[:first_end])  # the row begun in the last piece
        self._whole_lines(text[first_end:last_end])
        self._scan(text[last_end:])  # a row the next piece ends

    def _whole_lines(self, text: str) -> None:
        """Complete lines with no quote: counted at C speed, cells looked at only in a line
        longer than a cell may be."""
        lines = text.split("\n")[:-1]
        self.rows += len(lines)
        if self.rows > self.limits.max_rows:
            raise UnsafeFile("sheet_too_many_rows", file=self.file, limit=self.limits.max_rows)
        widest = max(map(operator.methodcaller("count", self.delimiter), lines), default=0)
        if widest + 1 > self.limits.max_columns:
            raise UnsafeFile("sheet_too_many_columns", file=self.file,
                             limit=self.limits.max_columns)  # fmt: skip
        if max(map(len, lines), default=0) > self.limits.max_cell_chars:
            for number, line in enumerate(lines):
                if max(map(len, line.split(self.delimiter))) > self.limits.max_cell_chars:
                    self.rows += number - len(lines)
                    self._too_long()
        self.offset += len(text)

    def _scan(self, text: str) -> None:
        assert self.pattern is not None
        position = 0
        for found in self.pattern.finditer(text):
            start = found.start()
            self.cell += start - position
            position = start + 1
            mark, at = found.group(), self.offset + start
            if mark == '"':
                if self.quoted:
                    self.quoted, self.closed_at = False, at + 1
                elif self.cell == 0 or at == self.closed_at:
                    self.quoted = True
                self.cell += 1
            elif self.quoted:
                self.cell += 1
            elif mark == self.delimiter:
                self._cell_done()
                self.columns += 1
                if self.columns > self.limits.max_columns:
                    raise UnsafeFile("sheet_too_many_columns", file=self.file,
                                     limit=self.limits.max_columns)  # fmt: skip
            else:
                self._cell_done()
                self.rows += 1
                self.columns = 1
                if self.rows > self.limits.max_rows:
                    raise UnsafeFile("sheet_too_many_rows", file=self.file,
                                     limit=self.limits.max_rows)  # fmt: skip
        self.cell += len(text) - position
        self.offset += len(text)
        if self.cell > self.limits.max_cell_chars:
            self._too_long()

    def _cell_done(self) -> None:
        if self.cell > self.limits.max_cell_chars:
            self._too_long()
        self.cell = 0

    def _too_long(self) -> None:
        raise UnsafeFile("cell_too_large", file=self.file, limit=self.limits.max_cell_chars,
                         row=self.rows + 1)  # fmt: skip
