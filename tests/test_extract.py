from pathlib import Path

import pandas as pd
import pytest

from etl import db
from etl.reports.header import extract_activities, read_report
from tests.conftest import FIXTURES, REPORTS


def test_header_found_under_a_title_row() -> None:
    df = extract_activities(FIXTURES / "activities" / "vhtt_2024-Q3.csv")
    assert df["source_row"].tolist() == [3, 4, 5, 6, 7, 9]  # blank row 8 dropped
    assert df.loc[0, "commune"] == "TT Bằng Lũng"
    assert df.loc[3, "participants"] == "1.200"  # kept as typed


def test_header_variants(tmp_path: Path) -> None:
    path = tmp_path / "variants.xlsx"
    pd.DataFrame(
        [["01/10/2024", "Phòng VH&TT", "Tập huấn", "Giáo viên", "Xã Yên Mỹ"]],
        columns=["NGÀY BẮT ĐẦU", "Đơn vị  chủ trì", "loai hoat dong", "Đối tượng", "Tên xã"],
    ).to_excel(path, index=False, sheet_name="Hoạt động")
    df = extract_activities(path)
    assert [df.loc[0, "start_date"], df.loc[0, "commune"]] == ["01/10/2024", "Xã Yên Mỹ"]


def test_rejects_files_without_the_template_header(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no header row"):
        extract_activities(path)


def test_rejects_other_file_types(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="path must end with"):
        extract_activities(tmp_path / "report.pdf")


def test_two_row_merged_header_title_fields_and_excel_dates() -> None:
    path = REPORTS / "ubnd_nam_cuong_2024-Q4.xlsx"
    con = db.connect_path(":memory:")
    layout = read_report(con, path, "report")
    assert (layout.header_row, layout.first_data_row) == (5, 7)
    assert layout.title == {"unit": "UBND xã Nam Cường", "period": "Quý IV/2024"}
    assert layout.headers["start_date"] == "Thời gian / Bắt đầu"
    assert layout.headers["participants"] == "Số người tham dự / Tổng số"
    assert layout.headers["children"] == "Trong đó trẻ em"
    assert layout.source.sheet == "Hoạt động"
    df = extract_activities(path)
    assert df["source_row"].tolist() == [7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 19]  # 9, 18 blank
    assert df.loc[0, "start_date"] == "45570"  # an Excel date cell: its day number, 2024-10-05
    assert df.loc[1, "start_date"] == "12/10/2024"  # a date typed as text
    assert df.loc[0, "village"] == "Nà Pài"
    assert df.loc[9, "row_number"] == "Tổng cộng"  # kept here; the intake skips it


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "first"),
    [
        ("gddt_2025-Q1_utf16.csv", "utf-16", "\t", [3, "14/01/2025", "Phòng GD&ĐT", "02020"]),
        ("cah_2025-Q1_cp1258.csv", "cp1258", ",", [2, "08/01/2025", "Công an huyện Chợ Đồn", None]),
        ("tong_hop_2024-Q4.csv", "utf-8-sig", ",", [3, "02/10/2024", "Phòng VH&TT", None]),
    ],
)
def test_csv_encodings_as_excel_and_old_windows_write_them(
    name: str, encoding: str, delimiter: str, first: list
) -> None:
    con = db.connect_path(":memory:")
    layout = read_report(con, REPORTS / name, "report")
    assert (layout.source.encoding, layout.source.delimiter) == (encoding, delimiter)
    row = con.execute(
        "select source_row, start_date, lead_unit, commune from report order by source_row limit 1"
    ).fetchone()
    assert list(row or ()) == first


@pytest.mark.parametrize("end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_empty_lines_keep_the_row_numbers_a_clerk_sees(tmp_path: Path, end: str) -> None:
    path = tmp_path / "gaps.csv"
    text = (
        "Ngày bắt đầu;Đơn vị chủ trì;Loại hoạt động;Đối tượng\n"
        "05/07/2024;Phòng VH&TT;Tập huấn;Giáo viên\n\n\n"
        "06/07/2024;Phòng VH&TT;Tập huấn;Giáo viên\n"
    )
    path.write_bytes(text.replace("\n", end).encode("utf-8"))
    df = extract_activities(path)
    assert df["source_row"].tolist() == [2, 5]
    assert df["start_date"].tolist() == ["05/07/2024", "06/07/2024"]
