"""The one Excel writer: tables → ``.xlsx`` bytes that cannot run anything when opened.

Every text cell and header that a spreadsheet would read as a formula (``=``, ``+``, ``-``,
``@``…) is neutralised with ``etl.access.upload_safety.neutralise_formula``: file names, unit and
place names
come from files people sent, and ``=HYPERLINK(…)`` in one of them must stay text. Each sheet has
an optional title row, a frozen header row and column widths fitted to the text. The CLI exports,
the dashboard's downloads (gaps, submission history, audit trail) all write through here.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from etl.access.upload_safety import neutralise_formula

SHEET_NAME_MAX = 31  # Excel's limit
_WIDTH_MIN, _WIDTH_MAX = 8, 60
_TIME_ZONE = "Asia/Ho_Chi_Minh"
_DAY, _DAY_TIME = "DD/MM/YYYY", "DD/MM/YYYY HH:MM"  # days as clerks write them, still dates


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name (≤ 31 characters), the table, an optional title row above it and
    note rows under it (why its rows do not add up to a total)."""

    name: str
    table: pd.DataFrame
    title: str = ""
    notes: tuple[str, ...] = ()  # lines under the table, after a blank row


def workbook(sheets: Mapping[str, pd.DataFrame] | list[Sheet], title: str = "") -> bytes:
    """An .xlsx with one sheet per entry of ``sheets`` (name → table, or :class:`Sheet`s):
    the title row (``title`` applies to every sheet given as a mapping), then the header row,
    frozen, then the rows. Numbers stay numbers and days stay dates (shown ``DD/MM/YYYY``);
    time zones become Vietnam's time."""
    items = (
        [Sheet(name, frame, title) for name, frame in sheets.items()]
        if isinstance(sheets, Mapping)
        else list(sheets)
    )
    if not items:
        raise ValueError("sheets must name at least one table")
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for item in items:
        _write_sheet(book, item)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(book: Workbook, item: Sheet) -> None:
    sheet = book.create_sheet(item.name[:SHEET_NAME_MAX])
    if item.title:
        sheet.append([neutralise_formula(item.title)])
        sheet["A1"].font = Font(bold=True, size=12)
    header_row = sheet.max_row + 1 if item.title else 1
    sheet.append([neutralise_formula(str(c)) for c in item.table.columns])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    plain = _plain(item.table)
    for values in plain.itertuples(index=False, name=None):
        sheet.append([neutralise_formula(v) for v in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = _DAY_TIME
            elif isinstance(cell.value, datetime.date):
                cell.number_format = _DAY
    if item.notes:
        sheet.append([])
    for note in item.notes:
        sheet.append([neutralise_formula(note)])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True)
    for index, column in enumerate(plain.columns, start=1):
        texts = [str(column), *(str(v) for v in plain[column] if v is not None)]
        width = max(len(text) for text in texts)
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(width + 2, _WIDTH_MIN), _WIDTH_MAX
        )
    sheet.freeze_panes = f"A{header_row + 1}"


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values openpyxl can write: no time zones, no pandas missing markers, no lists."""
    plain = frame.copy()
    for column in plain.columns:
        values = plain[column]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            plain[column] = values.dt.tz_convert(_TIME_ZONE).dt.tz_localize(None)
    plain = plain.astype(object).where(plain.notna(), None)
    return plain.map(_cell)


def _cell(value: object) -> object:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value
