"""Guards for what arrives from outside: uploaded files, their names, cells headed for Excel."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import PurePosixPath, PureWindowsPath

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = (".xlsx", ".csv")
_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_MAX_RATIO = 200
_MAX_ENTRIES = 2_000
_SAFE_CHARS = re.compile(r"[^\w.\-() ]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class UnsafeFile(ValueError):
    """An upload refused before it is parsed; ``reason`` is a catalogue key."""

    def __init__(self, reason: str, **fields: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fields = fields


def check_upload(name: str, data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Return a safe file name for ``data`` or raise :class:`UnsafeFile`.

    Refuses files over ``max_bytes``, other types than .xlsx/.csv, and .xlsx archives that are
    malformed or would unpack to far more than they weigh (zip bombs).
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    safe = safe_filename(name)
    if len(data) > max_bytes:
        raise UnsafeFile("upload_too_large", limit_mb=max_bytes // (1024 * 1024))
    suffix = PurePosixPath(safe).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UnsafeFile("upload_wrong_type", allowed=", ".join(ALLOWED_SUFFIXES))
    if suffix == ".xlsx":
        _check_archive(data)
    return safe


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


def _check_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnsafeFile("upload_corrupt") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > _MAX_ENTRIES or "[Content_Types].xml" not in archive.namelist():
            raise UnsafeFile("upload_corrupt")
        unzipped = sum(e.file_size for e in entries)
        if unzipped > _MAX_UNZIPPED_BYTES or unzipped > _MAX_RATIO * max(len(data), 1):
            raise UnsafeFile("upload_bomb")
        if any(
            e.filename.startswith(("/", "..")) or ".." in e.filename.split("/") for e in entries
        ):
            raise UnsafeFile("upload_corrupt")
