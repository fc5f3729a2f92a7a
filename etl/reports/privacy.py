"""Mask what looks like personal data in free text: phone numbers and 12-digit citizen IDs.

No personal data about children is stored. Notes and descriptions in reports
sometimes carry a phone number or an ID number; they are replaced by :data:`MASK`:

- in the warehouse, by the build (SQL, with the same patterns passed as parameters);
- in the data folder, by an import, which stores a masked copy of the received file (text cells
  of a CSV, shared and inline strings of an .xlsx; a number typed as an Excel number is left
  in the file and masked in the warehouse).

The patterns use only syntax that Python's ``re`` and DuckDB's RE2 both read, so there is one
definition. A match keeps the character before and after it (groups 1 and last).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

MASK = "[***]"
# 10-digit Vietnamese mobile/landline numbers (0… or +84…), digits maybe split by space . or -
PHONE_PATTERN = r"(^|[^0-9.,])((\+?84|0)([ .-]?[0-9]){9})([^0-9]|$)"
PHONE_REPLACEMENT = r"\1" + MASK + r"\5"
# 12-digit citizen identity numbers (CCCD)
CITIZEN_ID_PATTERN = r"(^|[^0-9.,])([0-9]{12})([^0-9]|$)"
CITIZEN_ID_REPLACEMENT = r"\1" + MASK + r"\3"
# Cheap test first: nine or more digits in a run, maybe split by single separators
SUSPECT_PATTERN = r"[0-9]([ .-]?[0-9]){8}"
_RULES = (
    (re.compile(PHONE_PATTERN), PHONE_REPLACEMENT),
    (re.compile(CITIZEN_ID_PATTERN), CITIZEN_ID_REPLACEMENT),
)
_SUSPECT = re.compile(SUSPECT_PATTERN)
_DIGITS_AS_NINE = bytes.maketrans(b"0123456789", b"9" * 10)
_XLSX_TEXT_PARTS = re.compile(r"^xl/(sharedStrings\.xml|worksheets/[^/]+\.xml)$")
_INLINE_TEXT = re.compile(r"(<t(?: [^>]*)?>)([^<]*)(</t>)")


def mask_text(text: str) -> str:
    """Return ``text`` with phone numbers and 12-digit ID numbers replaced by :data:`MASK`."""
    if not _SUSPECT.search(text):
        return text
    for pattern, replacement in _RULES:
        for _ in range(2):  # a second pass catches a number right after a masked one
            text = pattern.sub(replacement, text)
    return text


def mask_file(name: str, data: bytes) -> bytes:
    """Return the file's bytes with personal data masked in its text (unchanged if none).

    ``name`` gives the type (``.csv`` or ``.xlsx``). CSV keeps its encoding and BOM. An
    ``.xlsx`` that is no workbook at all is returned as it is: reading it is what refuses it.
    """
    if name.lower().endswith(".csv"):
        return _mask_csv(data)
    if name.lower().endswith(".xlsx"):
        return _mask_xlsx(data) if zipfile.is_zipfile(io.BytesIO(data)) else data
    raise ValueError(f"name must end with .csv or .xlsx, got {name!r}")


def _suspect(data: bytes) -> bool:
    """Nine digits in a row, once spaces, dots and dashes are dropped (a fast, loose test)."""
    return b"999999999" in data.translate(_DIGITS_AS_NINE, b" .-")


def _mask_csv(data: bytes) -> bytes:
    encodings = _csv_encodings(data)
    if encodings != ("utf-16",) and not _suspect(data):
        return data
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        masked = mask_text(text)
        return data if masked == text else masked.encode(encoding)
    return data


def _csv_encodings(data: bytes) -> tuple[str, ...]:
    if data.startswith(codecs.BOM_UTF8):
        return ("utf-8-sig",)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16",)
    return ("utf-8", "cp1258")


def _mask_xlsx(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    changed: dict[str, bytes] = {}
    for info in source.infolist():
        if not _XLSX_TEXT_PARTS.match(info.filename):
            continue
        raw = source.read(info)
        if not _suspect(raw):
            continue
        xml = raw.decode("utf-8")
        masked = _INLINE_TEXT.sub(lambda m: m[1] + mask_text(m[2]) + m[3], xml)
        if masked != xml:
            changed[info.filename] = masked.encode("utf-8")
    if not changed:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, changed.get(info.filename, source.read(info)))
    return out.getvalue()
