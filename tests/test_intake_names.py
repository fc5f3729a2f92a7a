"""Names typed loosely, through the real import into a real warehouse: what was read as what."""

from pathlib import Path

from etl import db
from etl.config import Settings
from etl.imports.activities import import_reports

HEADER = (
    "STT,Ngày bắt đầu,Ngày kết thúc,Đơn vị chủ trì,Đơn vị phối hợp,Loại hoạt động,Đối tượng,"
    '"Xã, thị trấn","Thôn, tổ dân phố",Trường học,Số người tham dự,Trong đó trẻ em,Nội dung,'
    "Vĩ độ,Kinh độ,Ghi chú"
)
PROBLEMS = (
    "select source_row, column_key, value, severity, reason_vi from raw_row_problems "
    "order by source_row, column_key"
)


def _report(folder: Path, name: str, title: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join([title, HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _import(settings: Settings, path: Path) -> list[tuple]:
    outcome = import_reports(settings, [path])
    if outcome.con is not None:
        outcome.con.close()
    con = db.connect(settings, read_only=True)
    try:
        return con.execute(PROBLEMS).fetchall()
    finally:
        con.close()


def test_names_read_loosely_load_with_a_notice(places_data: Settings, tmp_path: Path) -> None:
    path = _report(
        tmp_path,
        "phong_gd_2024-Q4.csv",
        "BÁO CÁO HOẠT ĐỘNG QUÝ IV/2024",
        [
            "1,08/10/2024,,Phòng GDĐT huyện Chợ Đồn,CA huyện Chợ Đồn; P.VH-TT,Tập huấn,"
            "Giáo viên,X. Nam Cường,,TH và THCS Nam Cường,30,,Tập huấn giáo viên,,,",
            "2,15/10/2024,,Phòng GD&ĐT,,Tuyên truyền trực tiếp,Học sinh,Nam Cường,"
            '"Nà Pài, huyện Chợ Đồn",,40,40,Buổi tuyên truyền ở thôn,,,',
        ],
    )
    found = _import(places_data, path)
    assert found == [
        (3, "commune", "X. Nam Cường", "notice", "Đã hiểu “X. Nam Cường” là “Xã Nam Cường”."),
        (3, "lead_unit", "Phòng GDĐT huyện Chợ Đồn", "notice",
         "Đã hiểu “Phòng GDĐT huyện Chợ Đồn” là “Phòng Giáo dục và Đào tạo”."),
        (3, "partners", "CA huyện Chợ Đồn; P.VH-TT", "notice",
         "Đã hiểu “CA huyện Chợ Đồn; P.VH-TT” là “Công an huyện; Phòng Văn hóa và Thông tin”."),
        (3, "school", "TH và THCS Nam Cường", "notice",
         "Đã hiểu “TH và THCS Nam Cường” là “Trường TH&THCS Nam Cường”."),
        (4, "village", "Nà Pài, huyện Chợ Đồn", "notice",
         "Đã hiểu “Nà Pài, huyện Chợ Đồn” là “Nà Pài”."),
    ]  # fmt: skip


def test_a_loose_name_fitting_two_places_is_refused_naming_both(
    places_data: Settings, tmp_path: Path
) -> None:
    path = _report(
        tmp_path,
        "ubnd_nam_cuong_2025-Q3.csv",
        "BÁO CÁO HOẠT ĐỘNG QUÝ III/2025",
        [
            "1,12/08/2025,,UBND xã Nam Cường,,Tuyên truyền trực tiếp,Người dân,Nam Cường,"
            "Thôn Nà Pài huyện Chợ Đồn,,50,,Họp thôn,,,",
        ],
    )
    found = _import(places_data, path)
    assert found == [
        (3, "village", "Thôn Nà Pài huyện Chợ Đồn", "error",
         "“Thôn Nà Pài huyện Chợ Đồn” trùng tên với nhiều nơi: Nà Pài (2020:02026:na-pai), "
         "Nà Pài (2020:02029:na-pai). Hãy ghi rõ hơn (đúng dấu, hoặc mã)."),
    ]  # fmt: skip
