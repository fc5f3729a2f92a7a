"""Headers read by their meaning, columns the import does not use named, and rows dated
outside their report's period flagged: unit tests of the reading, then real imports."""

from pathlib import Path

import pytest

from etl import db
from etl.config import Settings
from etl.imports.activities import import_reports
from etl.imports.printout import format_import
from etl.reports.header import read_report
from etl.reports.header_meaning import column_of
from etl.reports.submissions import ReportError


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Số lượng người tham gia", "participants"),
        ("Tổng số người dự", "participants"),
        ("SL người tham gia", "participants"),
        ("Số lượt người được tuyên truyền", "participants"),
        ("SO NGUOI THAM DU", "participants"),
        ("Số trẻ em tham gia", "children"),  # about children, though it says "tham gia"
        ("Trong đó: học sinh", "children"),
        ("Đối tượng được tuyên truyền", "audience"),
        ("Ngày BĐ", "start_date"),
        ("Thời gian tổ chức", "start_date"),
        ("Đến ngày", "end_date"),
        ("Cơ quan chủ trì", "lead_unit"),
        ("Đơn vị tổ chức", "lead_unit"),
        ("Cơ quan phối hợp", "partners"),
        ("Hình thức tuyên truyền", "activity_type"),
        ("Tên xã", "commune"),
        ("Xã, TT", "commune"),
        ("Địa bàn (xã)", "commune"),  # "bàn" is not "bản"
        ("Thôn/bản/TDP", "village"),
        ("Tên thôn", "village"),
        ("Cơ sở giáo dục", "school"),
        ("Vĩ độ (N)", "latitude"),
        ("Kinh độ (E)", "longitude"),
        ("Tóm tắt nội dung", "content"),
        ("Số TT", "row_number"),
        ("Kinh phí (đồng)", None),
        ("Thời lượng (phút)", None),
        ("Số tin, bài", None),
        ("Kết quả", None),
        ("", None),
    ],
)
def test_a_header_is_read_by_its_meaning(header: str, column: str | None) -> None:
    assert column_of(header) == column


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_data_row_under_the_header_is_not_a_second_header_row(tmp_path: Path) -> None:
    path = _write(tmp_path / "r.csv", [
        "Ngày thực hiện,Đơn vị thực hiện,Hình thức,Đối tượng,Tên xã",
        "05/10/2024,UBND xã Nam Cường,Tuyên truyền trực tiếp,Trẻ em,Nam Cường",
    ])  # fmt: skip
    layout = read_report(db.connect_path(":memory:"), path, "report")
    assert (layout.header_row, layout.first_data_row) == (1, 2)


def _report(tmp_path: Path) -> Path:
    return _write(tmp_path / "ubnd_nam_cuong_2024-Q4.csv", [
        "Đơn vị báo cáo: UBND xã Nam Cường",
        "Kỳ báo cáo: Quý IV/2024",
        "TT,Ngày tổ chức,Cơ quan chủ trì,Hình thức tuyên truyền,Đối tượng tham gia,Tên xã,"
        "Tên thôn,SL người tham gia,Số trẻ em,Kinh phí (đồng),,Ghi chú,Ghi chú thêm",
        '1,05/10/2024,UBND xã Nam Cường,Tuyên truyền trực tiếp,Trẻ em,Nam Cường,Nà Pài,40,25,'
        '"2.500.000",x,Phối hợp nhà trường,',
        "2,28/09/2024,UBND xã Nam Cường,Tuyên truyền trực tiếp,Cha mẹ,Nam Cường,Nà Pài,30,,,,,"
        "gửi muộn",
    ])  # fmt: skip


def test_unused_columns_and_a_row_outside_the_period_are_named(
    places_data: Settings, tmp_path: Path
) -> None:
    outcome = import_reports(places_data, [_report(tmp_path)])
    try:
        printout = format_import(outcome)
        english = format_import(outcome, "en")
    finally:
        if outcome.con is not None:
            outcome.con.close()
    assert "nạp 2, loại 0" in printout  # both rows load, with their counts
    assert "Cột “Kinh phí (đồng)” không dùng đến: bỏ qua." in printout
    assert "Cột K có dữ liệu nhưng không có tiêu đề: bỏ qua." in printout
    assert "Cột “Ghi chú thêm” không dùng đến: bỏ qua." in printout  # a second "Ghi chú"
    assert (
        "Dòng 5, cột “Ngày tổ chức”: Ngày 28/09/2024 ngoài kỳ báo cáo 2024-Q4 "
        "(01/10/2024–31/12/2024): hoạt động được tính vào kỳ của ngày này."
    ) in printout
    assert "Column “Kinh phí (đồng)” is not used: ignored." in english
    con = db.connect(places_data, read_only=True)
    try:
        rows = con.execute(
            "select start_date, participants, children from stg_activities order by start_date"
        ).fetchall()
    finally:
        con.close()
    assert [(str(d), p, c) for d, p, c in rows] == [("2024-09-28", 30, None),
                                                   ("2024-10-05", 40, 25)]  # fmt: skip


def test_a_missing_required_column_lists_the_headers_as_read(
    places_data: Settings, tmp_path: Path
) -> None:
    path = _write(tmp_path / "ubnd_nam_cuong_2024-Q4.csv", [
        "STT,Ngày,Người phụ trách,Hình thức,Đối tượng,Kinh phí",
        "1,05/10/2024,Anh Hùng,Tuyên truyền trực tiếp,Trẻ em,100000",
    ])  # fmt: skip
    with pytest.raises(ReportError) as refused:
        import_reports(places_data, [path])
    assert refused.value.key == "file_header_missing"
    assert refused.value.text("vi") == (
        "Không đọc được tệp ubnd_nam_cuong_2024-Q4.csv: thiếu cột “Đơn vị chủ trì”. Dòng 1 gần "
        "giống dòng tiêu đề nhất; các tiêu đề ở đó được hiểu là: “STT” → “STT”; “Ngày” → "
        "“Ngày bắt đầu”; “Người phụ trách” → không hiểu; “Hình thức” → “Loại hoạt động”; "
        "“Đối tượng” → “Đối tượng”; “Kinh phí” → không hiểu. Sửa tiêu đề theo mẫu báo cáo rồi "
        "gửi lại."
    )
    assert "“Người phụ trách” → not understood" in refused.value.text("en")
