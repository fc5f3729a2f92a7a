"""Report workbooks in the district template's layout, byte-for-byte reproducible.

The layout is the district template's (``etl.reports.template``: sheet ``Hoạt động``, the title,
"Đơn vị báo cáo:" and "Kỳ báo cáo:" with their values in the next cell, the header in row 5), with
the "DỮ LIỆU MẪU" note in the row the template leaves empty, and the rows filled in. The template
writer itself makes a blank form (drop-down lists, an instructions sheet: about 17 kB a file);
this writes only what a filled report needs (about 6 kB), so the committed sample stays small.
openpyxl stamps the save time into ``docProps/core.xml`` and the zip entries, and serialises XML
differently with and without lxml installed; here the times are fixed and every XML part is
canonicalised (C14N 2.0), so the same rows give the same bytes on any machine.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from xml.etree.ElementTree import canonicalize

from openpyxl import Workbook
from openpyxl.styles import Font

from etl.reports.template import REPORT_SHEET

SAMPLE_NOTE = "DỮ LIỆU MẪU – không phải báo cáo thật / SAMPLE DATA – not a real report"
FIXED_TIME = datetime(2024, 1, 1)
_DATE_FORMAT = "DD/MM/YYYY"
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def report_workbook(
    titles: Sequence[Sequence[object]],
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
) -> bytes:
    """The .xlsx bytes of one report: ``titles`` (rows of cells) above ``headers`` above ``rows``.

    Cells may be text, numbers, dates (written as Excel dates shown dd/mm/yyyy) or None.
    """
    if not headers:
        raise ValueError("headers must not be empty")
    book = Workbook()
    sheet = book.active
    sheet.title = REPORT_SHEET
    for line in titles:
        sheet.append(list(line))
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append(list(headers))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # a string: sheet.cell() would add a row
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = _DATE_FORMAT
    book.properties.creator = "python -m etl demo"
    book.properties.title = SAMPLE_NOTE
    book.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """Rewrite an .xlsx (a zip) with fixed entry times and fixed document timestamps."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                content = canonicalize(content.decode("utf-8")).encode("utf-8")
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()
