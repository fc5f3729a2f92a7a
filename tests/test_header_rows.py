"""The header row is found by its position and content: a data row under it stays data.

Files are written as a clerk types them: a first row whose date is missing or typed in words,
whose content or place holds a header word, next to a column the header leaves untitled (the
case that made the row read as a second header row, and vanish).
"""

from pathlib import Path

import openpyxl
import pytest

from etl import db
from etl.reports.header import extract_activities, read_report

HEADER = ["STT", "Ngày bắt đầu", "Đơn vị chủ trì", "Loại hoạt động", "Đối tượng",
          "Xã, thị trấn", "Thôn, tổ dân phố", "Số người tham dự", "Nội dung", None]  # fmt: skip
SECOND = [2, "02/10/2024", "UBND xã Nam Cường", "Tập huấn", "Học sinh", "Nam Cường", "Nà Pài", 30,
          "Buổi 2", None]  # fmt: skip


def _book(path: Path, *rows: list) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hoạt động"
    for row in (HEADER, *rows):
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "first",
    [
        # no date, no count, a note in the untitled column, a place that holds "Địa điểm"
        [
            None,
            None,
            "Phòng VH&TT",
            "Tập huấn",
            "Giáo viên",
            "Nam Cường",
            "Thôn Địa điểm",
            None,
            None,
            "ghi chú",
        ],
        # content "Nội dung tuyên truyền", date in words
        [
            None,
            "ngày 5 tháng 10",
            "UBND xã Nam Cường",
            "Tuyên truyền trực tiếp",
            "Học sinh",
            "Nam Cường",
            None,
            "30 người",
            "Nội dung tuyên truyền",
            "x",
        ],
        # content exactly "Nội dung", place "Địa điểm", audience "Học sinh" (a header word too)
        [
            None,
            None,
            "Công an huyện",
            "Tập huấn",
            "Học sinh",
            "Nam Cường",
            "Địa điểm",
            None,
            "Nội dung",
            "chưa ghi ngày",
        ],
    ],
    ids=["place-dia-diem", "content-noi-dung-tuyen-truyen", "content-noi-dung"],
)
def test_a_first_data_row_with_header_words_stays_data(tmp_path: Path, first: list) -> None:
    path = _book(tmp_path / "report.xlsx", first, SECOND)
    con = db.connect_path(":memory:")
    layout = read_report(con, path, "report")
    assert (layout.header_row, layout.first_data_row) == (1, 2)
    frame = extract_activities(path)
    assert frame["source_row"].tolist() == [2, 3]
    assert frame.loc[0, "lead_unit"] == first[2]


def test_a_real_second_header_row_is_still_read_as_one() -> None:
    """The merged two-row header of the fixtures ("Thời gian" over "Bắt đầu" | "Kết thúc")."""
    from tests.conftest import REPORTS

    con = db.connect_path(":memory:")
    layout = read_report(con, REPORTS / "ubnd_nam_cuong_2024-Q4.xlsx", "report")
    assert (layout.header_row, layout.first_data_row) == (5, 7)


def test_a_two_row_header_written_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "two_rows.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Thời gian", None, "Đơn vị chủ trì", "Loại hoạt động", "Đối tượng",
                  "Số người tham dự", None])  # fmt: skip
    sheet.append(["Bắt đầu", "Kết thúc", None, None, None, "Tổng số", "Trong đó trẻ em"])
    sheet.append(["01/10/2024", None, "Phòng VH&TT", "Tập huấn", "Giáo viên", 40, 0])
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("F1:G1")
    book.save(path)
    con = db.connect_path(":memory:")
    layout = read_report(con, path, "report")
    assert (layout.header_row, layout.first_data_row) == (1, 3)
    assert layout.headers["children"] == "Trong đó trẻ em"
