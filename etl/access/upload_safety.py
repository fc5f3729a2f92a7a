"""The one guard for files that arrive from outside, whatever the way in; file names; cells
headed for Excel.

Every way a file enters calls it before anything parses the file: the upload page
(``etl.imports.uploads.stage``, :func:`check_upload` on the browser's bytes), report imports
(``etl.imports.activities.import_reports``, :func:`check_file`, so the command line and any future
caller run it too), village and school lists (``etl.imports.places``) and boundary files
(``etl.imports.boundaries``). It refuses, with :class:`UnsafeFile` (a message of the catalogue
saying what to do):

- a file name longer than ``max_name_chars`` or holding control or hidden direction characters;
- an empty file, or one over ``max_bytes``;
- a file whose content is not what its name says, told by its first bytes and, for archives,
  their parts: an old ``.xls`` (OLE), a PDF, an image, a program, a Word or LibreOffice file,
  a plain zip, a CSV named ``.xlsx`` and an ``.xlsx`` named ``.csv`` each get their own message;
- archives (``etl.access.archive_scan``): too many entries, entries that climb out of their
  folder, encrypted, truncated or broken parts, DTDs and entities in their XML (billion laughs,
  XXE), more than ``max_unzipped_bytes`` or ``max_ratio`` × the file's size once unpacked, a
  sheet over ``max_rows`` rows or ``max_columns`` columns, a cell over ``max_cell_chars``;
- CSV (``etl.access.text_scan``): NUL bytes, an encoding that changes late in the file, more
  rows, columns or a longer cell than the limits allow.

It streams: archive parts are inflated in chunks, real bytes are counted (declared sizes can
lie) and the check stops at the limit, so checking a hostile file takes a few MB whatever it
claims to hold. The limits are settings (``etl.config.Settings.max_*``, environment variables
``CHODON_MAX_*``); :meth:`Limits.from_settings` reads them.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from etl.access import archive_scan, text_scan
from etl.access.unsafe import MB, Limits, UnsafeFile, shown_name
from etl.config import Settings

__all__ = [
    "MB", "Limits", "UnsafeFile", "check_file", "check_upload", "neutralise_formula",
    "safe_filename",
]  # fmt: skip

MAX_UPLOAD_BYTES = Settings.max_file_mb * MB  # the default; Settings.max_file_mb sets it
REPORT_SUFFIXES = (".xlsx", ".csv")
ALLOWED_SUFFIXES = REPORT_SUFFIXES
BOUNDARY_SUFFIXES = (".geojson", ".json", ".shp", ".zip", ".gpkg", ".kml")
_SAFE_CHARS = re.compile(r"[^\w.\-() ]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HEAD = 4096
# First bytes of file kinds people send instead of a workbook, and the message for each.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "file_is_xls"),
    (b"%PDF", "file_is_pdf"),
    (b"\x89PNG", "file_is_image"),
    (b"\xff\xd8\xff", "file_is_image"),
    (b"GIF8", "file_is_image"),
    (b"\x7fELF", "file_is_program"),
    (b"Rar!", "file_is_archive"),
    (b"7z\xbc\xaf", "file_is_archive"),
    (b"\x1f\x8b", "file_is_archive"),
    (b"{\\rtf", "file_is_rtf"),
)
_ZIP_KIND_KEYS = {"docx": "file_is_docx", "pptx": "file_is_docx", "ods": "file_is_ods",
                  "xlsb": "file_is_xlsb", "zip": "file_is_archive"}  # fmt: skip


def check_upload(
    name: str, data: bytes, limits: Limits | None = None, *, max_bytes: int | None = None
) -> str:
    """Return a safe file name for ``data`` sent as ``name``, or raise :class:`UnsafeFile`.

    ``max_bytes`` overrides ``limits.max_bytes`` (a smaller test limit)."""
    limits = limits or Limits()
    if max_bytes is not None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        limits = Limits(**{**limits.__dict__, "max_bytes": max_bytes})
    _check_name(name, limits)
    safe = safe_filename(name)
    _check_content(safe, io.BytesIO(data), len(data), limits, REPORT_SUFFIXES)
    return safe


def check_file(
    path: Path, limits: Limits | None = None, suffixes: tuple[str, ...] = REPORT_SUFFIXES
) -> None:
    """Raise :class:`UnsafeFile` unless the file at ``path`` may be read as one of
    ``suffixes``. A folder (a shapefile's, for boundaries) is checked by name only.

    Raises ``OSError`` (``PermissionError``…) when the file cannot be read at all."""
    limits = limits or Limits()
    _check_name(path.name, limits)
    if path.is_dir() and ".shp" in suffixes:
        return
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        _check_content(path.name, handle, size, limits, suffixes)


def safe_filename(name: str) -> str:
    """The last path component of ``name`` with unsafe characters replaced; never hidden, never
    empty, never able to leave the folder it is written into."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = _SAFE_CHARS.sub("_", unicodedata.normalize("NFC", base)).strip(" .")
    return base or "upload"


def neutralise_formula(value: object) -> object:
    """Prefix text a spreadsheet would run as a formula with an apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _check_name(name: str, limits: Limits) -> None:
    base = PureWindowsPath(PurePosixPath(name).name).name
    if len(base) > limits.max_name_chars:
        raise UnsafeFile("file_name_too_long", file=shown_name(base), limit=limits.max_name_chars)
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in base):
        raise UnsafeFile("file_name_hidden_chars", file=shown_name(base))


def _check_content(
    name: str, handle: BinaryIO, size: int, limits: Limits, suffixes: tuple[str, ...]
) -> None:
    file = shown_name(name)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in suffixes:
        raise UnsafeFile("upload_wrong_type", file=file, allowed=", ".join(suffixes))
    if size > limits.max_bytes:
        raise UnsafeFile("upload_too_large", file=file, limit_mb=limits.max_bytes // MB)
    head = handle.read(_HEAD)
    handle.seek(0)
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnsafeFile("file_empty", file=file)
    if suffix in (".shp", ".gpkg"):
        return  # binary formats of their own, read by GDAL; size and name are checked
    for magic, key in _MAGIC:
        if head.startswith(magic):
            raise UnsafeFile(key, file=file)
    if head.startswith(b"MZ") and b"\x00" in head[:64]:  # a Windows program
        raise UnsafeFile("file_is_program", file=file)
    if head.startswith(b"PK"):
        kind = archive_scan.scan_zip(file, handle, size, limits, workbook=suffix == ".xlsx")
        if suffix == ".zip":
            return
        if kind != "xlsx":
            raise UnsafeFile(_ZIP_KIND_KEYS[kind], file=file)
        if suffix == ".csv":
            raise UnsafeFile("file_is_xlsx_named_csv", file=file)
        return
    if suffix in (".xlsx", ".zip"):
        looks_text = text_scan.looks_like_text(head)
        key = "file_is_csv_named_xlsx" if looks_text and suffix == ".xlsx" else "upload_corrupt"
        raise UnsafeFile(key, file=file)
    text_scan.scan_text(file, handle, limits, table=suffix == ".csv")
