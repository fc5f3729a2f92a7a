"""The copy of a received report that the data folder keeps: the file with personal numbers
masked (``etl.reports.privacy``) in every cell, its layout and encoding kept.

- CSV (any delimiter, quoted or not): the text, and each cell holding only a 9–12-digit number;
- .xlsx: shared and inline strings, the text a formula left (the formula dropped then), and
  number cells whose value is a whole number of 9 to 12 digits (they become the text
  :data:`etl.reports.privacy.MASK`).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from etl.reports.privacy import MASK, SUSPECT_PATTERN, mask_cell, mask_text

_SUSPECT = re.compile(SUSPECT_PATTERN.encode("ascii"))
_XLSX_TEXT_PARTS = re.compile(r"^xl/(sharedStrings\.xml|worksheets/[^/]+\.xml)$")
_TEXT = re.compile(r"(<t(?: [^>]*)?>)([^<]*)(</t>)")
# A cell with a number value (no type, or t="n"), maybe a formula: <c r="B2" s="1"><v>…</v></c>
_NUMBER_CELL = re.compile(
    r'<c\b(?P<attrs>(?:\s+(?!t=)[\w:]+="[^"]*")*)(?:\s+t="n")?(?P<rest>(?:\s+(?!t=)[\w:]+="[^"]*")*)'
    r"\s*>(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?<v>(?P<value>[^<]*)</v></c>"
)
# The text a formula left in a cell (t="str"): <c r="B2" t="str"><f>…</f><v>…</v></c>
_FORMULA_TEXT = re.compile(
    r'(?P<open><c\b[^>]*\st="str"[^>]*>)(?P<f><f\b[^>]*?(?:/>|>[^<]*</f>))?<v>(?P<value>[^<]*)</v>'
)
# A CSV cell holding only a whole number (maybe quoted): from a line start or a delimiter to the
# next delimiter or line end
_CSV_NUMBER_CELL = re.compile(
    r'(?m)(?:^|(?<=[,;\t|]))(?P<q>"?)[ ]*\+?[0-9]{9,12}(?:\.0+)?[ ]*(?P=q)(?=[,;\t|]|\r?$)'
)


def mask_file(name: str, data: bytes) -> bytes:
    """Return the file's bytes with personal numbers masked in every cell (the very bytes given,
    ``is data``, when there were none).

    ``name`` gives the type (``.csv`` or ``.xlsx``). CSV keeps its encoding and BOM. An
    ``.xlsx`` that is no workbook at all is returned as it is: reading it is what refuses it.
    """
    if name.lower().endswith(".csv"):
        return _mask_csv(data)
    if name.lower().endswith(".xlsx"):
        return _mask_xlsx(data) if zipfile.is_zipfile(io.BytesIO(data)) else data
    raise ValueError(f"name must end with .csv or .xlsx, got {name!r}")


def _mask_csv(data: bytes) -> bytes:
    encodings = _csv_encodings(data)
    if encodings != ("utf-16",) and not _SUSPECT.search(data):
        return data
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        masked = _CSV_NUMBER_CELL.sub(lambda m: m["q"] + MASK + m["q"], mask_text(text))
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
        if not _SUSPECT.search(raw):
            continue
        xml = raw.decode("utf-8")
        masked = _TEXT.sub(lambda m: m[1] + (mask_cell(m[2]) or "") + m[3], xml)
        masked = _FORMULA_TEXT.sub(_mask_formula_text, masked)
        masked = _NUMBER_CELL.sub(_mask_number_cell, masked)
        if masked != xml:
            changed[info.filename] = masked.encode("utf-8")
    if not changed:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, changed.get(info.filename, source.read(info)))
    return out.getvalue()


def _mask_formula_text(match: re.Match[str]) -> str:
    """A formula's text result, masked; the formula goes with a masked result (it made it)."""
    value = mask_cell(match["value"]) or ""
    if value == match["value"]:
        return match[0]
    return f"{match['open']}<v>{value}</v>"


def _mask_number_cell(match: re.Match[str]) -> str:
    """A number cell whose value is a whole number of 9–12 digits, as the inline text MASK."""
    try:
        value = float(match["value"])
    except ValueError:
        return match[0]
    if not (value.is_integer() and 10**8 <= abs(value) < 10**12):
        return match[0]
    attrs = match["attrs"] + match["rest"]
    return f'<c{attrs} t="inlineStr"><is><t>{MASK}</t></is></c>'
