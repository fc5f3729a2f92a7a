import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import tables

GAPS = pd.DataFrame(
    {
        "priority_rank": [1, 2],
        "commune_name": ["Xuân Lạc", "Bằng Lũng"],
        "village_name": ['=HYPERLINK("http://x","Bấm")', "Tổ 3"],
        "state": ["not_reached", "not_reported"],
        "priority_score": [85.25, 74.0],
        "state_points": [40.0, 30.0],
        "recency_points": [30.0, 30.0],
        "children_points": [5.25, 4.0],
        "missing_kind_points": [10.0, 10.0],
        "days_since_direct": [None, 42],
        "missing_unit_kinds": [["cah", "ttvhtttt|vhtt"], []],
    }
)
SCHOOLS = pd.DataFrame(
    {
        "commune_name": ["Xuân Lạc"],
        "school_name": ["+Trường THCS Xuân Lạc"],
        "school_level": ["THCS"],
        "students": [210],
        "last_activity_date": [pd.NaT],
        "days_since_activity": [None],
        "location_approx": [True],
        "status_semester": ["2024-2025-HK1"],
        "session_status": ["never"],
    }
)


def test_gap_rows_read_as_people_write_them() -> None:
    shown = tables.village_gaps(GAPS, "vi")
    assert list(shown.columns)[:5] == [
        "Thứ tự",
        "Xã, thị trấn",
        "Thôn, tổ dân phố",
        "Trạng thái",
        "Điểm ưu tiên",
    ]
    assert shown.iloc[0].tolist()[3:] == [
        "Chưa đến (xã đã báo cáo)",
        "85,2",
        "40,0",
        "30,0",
        "5,2",
        "10,0",
        "—",
        "Công an huyện, TT VH-TT&TT hoặc Phòng VH&TT",
    ]
    assert shown.iloc[1, -1] == "—"


def test_the_excel_export_neutralises_formulas() -> None:
    data = tables.gaps_workbook(GAPS, SCHOOLS, "vi", "=Khoảng trống — Quý IV/2024")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Thôn ưu tiên", "Trường chưa đến"]
    villages = book["Thôn ưu tiên"]
    assert villages["A1"].value == "'=Khoảng trống — Quý IV/2024"
    assert villages["A2"].value == "Thứ tự"
    assert villages["C3"].value == '\'=HYPERLINK("http://x","Bấm")'
    assert villages["C4"].value == "Tổ 3"
    assert villages.max_row == 4
    schools = book["Trường chưa đến"]
    assert schools["B3"].value == "'+Trường THCS Xuân Lạc"
    assert schools["G3"].value == "có"
    assert schools["H3"].value == "HK1, năm học 2024–2025"
    assert schools["I3"].value == "Chưa từng có buổi"
    assert all(cell.data_type != "f" for row in villages.iter_rows() for cell in row)


def test_activity_detail_in_two_columns() -> None:
    row = {
        "start_date": pd.Timestamp("2024-07-10"),
        "end_date": pd.Timestamp("2024-07-10"),
        "lead_unit_name_en": "Commune People's Committee – Xã Nam Cường",
        "partner_kinds": ["doan_the"],
        "activity_type_en": "Direct communication session",
        "audience_en": "Children, pupils",
        "place_scope": "village",
        "commune_name": "Xã Nam Cường",
        "village_name": "Nà Pài",
        "school_name": None,
        "participants": 40,
        "children": 40,
        "source_file": "ubnd_xa_nam_cuong_2024-Q3.csv",
        "source_row": 3,
    }
    shown = tables.activity_fields(row, "en").set_index("Field")["Value"]
    assert shown["Start"] == "2024-07-10"
    assert shown["Partners"] == "Mass organisations"
    assert shown["Scope"] == "In a village"
    assert shown["School"] == "—"
    assert shown["Source"] == "file ubnd_xa_nam_cuong_2024-Q3.csv, row 3"


def test_rejects_a_frame_without_the_columns() -> None:
    with pytest.raises(ValueError, match="priority_rank"):
        tables.village_gaps(GAPS.drop(columns=["priority_rank"]), "vi")
