"""Excel downloads: DataFrames → ``.xlsx`` bytes that cannot run anything when opened.

Every text cell and header that a spreadsheet would read as a formula (``=``, ``+``, ``-``,
``@``…) is neutralised with ``etl.safety.neutralise_formula``: file names, unit names and
notes come from files people sent, and ``=HYPERLINK(…)`` in one of them must stay text.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook

from etl.safety import neutralise_formula

_SHEET_NAME_MAX = 31  # Excel's limit


def workbook(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One sheet per entry of ``sheets`` (name → table), header row first."""
    if not sheets:
        raise ValueError("sheets must name at least one table")
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, frame in sheets.items():
        sheet = book.create_sheet(name[:_SHEET_NAME_MAX])  # names come from the catalogue
        sheet.append([neutralise_formula(str(c)) for c in frame.columns])
        for values in _plain(frame).itertuples(index=False, name=None):
            sheet.append([neutralise_formula(v) for v in values])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values openpyxl can write: no time zones, no pandas missing markers."""
    plain = frame.copy()
    for column in plain.columns:
        values = plain[column]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            plain[column] = values.dt.tz_convert("Asia/Ho_Chi_Minh").dt.tz_localize(None)
    return plain.astype(object).where(plain.notna(), None)
