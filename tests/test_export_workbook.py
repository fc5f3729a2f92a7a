"""Excel downloads neutralise formulas: text from files stays text when opened."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from etl.export.workbook import workbook


def test_formulas_become_text() -> None:
    frame = pd.DataFrame(
        {
            "=cmd|' /C calc'!A0": ['=HYPERLINK("http://x","bấm")', "Thôn 3", "+1", None],
            "Số": [1, -2, 3, None],
            "Nhận lúc": pd.to_datetime(["2024-10-01 02:00"] * 4, utc=True),
        }
    )
    sheet = load_workbook(io.BytesIO(workbook({"Lịch sử": frame})))["Lịch sử"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["'=cmd|' /C calc'!A0", "Số", "Nhận lúc"]
    assert [r[0] for r in rows[1:]] == ['\'=HYPERLINK("http://x","bấm")', "Thôn 3", "'+1", None]
    assert [r[1] for r in rows[1:]] == [1, -2, 3, None]  # numbers stay numbers
    assert str(rows[1][2]) == "2024-10-01 09:00:00"  # shown in Vietnam's time
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_no_sheets_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="sheets must name"):
        workbook({})
