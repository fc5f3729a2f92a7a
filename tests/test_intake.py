"""Reports through the real ETL into a real warehouse: what loads, what is rejected and why."""

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
import shapely
from openpyxl import load_workbook
from pyproj import Transformer
from shapely.geometry import Point, shape

from etl import db
from etl.config import Settings
from etl.imports.activities import import_reports
from etl.reports.privacy import MASK
from etl.reports.submissions import ReportError
from tests.conftest import REPORTS


def _import(settings: Settings, *paths: Path) -> None:
    outcome = import_reports(settings, list(paths))
    if outcome.con is not None:
        outcome.con.close()


def _rows(settings: Settings, sql: str) -> list[tuple]:
    con = db.connect(settings, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


ACTIVITY = (
    "select activity_id, lead_unit_id, partner_kinds, start_date, activity_type, coverage, "
    "audience, commune_id, village_id, school_id, place_scope, participants, children "
    "from stg_activities order by submission_id, source_row"
)
REJECTED = (
    "select submission_id, source_row, column_name, column_key, value, reason_vi "
    "from stg_rejected_rows order by submission_id, source_row, column_key"
)
SUBMISSION = (
    "select submission_id, unit_id, period, period_start, period_end, status, no_activities, "
    "rows_read, rows_loaded, rows_rejected, unit_source, period_source from stg_submissions "
    "order by submission_id"
)


def test_a_messy_commune_report(places_data: Settings) -> None:
    _import(places_data, REPORTS / "ubnd_nam_cuong_2024-Q4.xlsx")
    today = date.today().strftime("%d/%m/%Y")
    assert _rows(places_data, SUBMISSION) == [
        ("S0001", "ubnd_xa:2020:02026", "2024-Q4", date(2024, 10, 1), date(2024, 12, 31),
         "active", False, 9, 3, 6, "title", "title"),
    ]  # fmt: skip
    assert _rows(places_data, ACTIVITY) == [
        ("S0001:7", "ubnd_xa:2020:02026", ["doan_the"], date(2024, 10, 5), "session", "direct",
         "children", "2020:02026", "2020:02026:na-pai", "2020:02026:truong-th&thcs-nam-cuong",
         "school", 85, 80),
        ("S0001:8", "ubnd_xa:2020:02026", [], date(2024, 10, 12), "session", "direct",
         "community", "2020:02026", "2020:02026:na-pai", None, "village", 1200, None),
        ("S0001:11", "ubnd_xa:2020:02026", [], date(2024, 12, 25), "broadcast", "indirect",
         "community", "2020:02026", None, None, "commune", None, None),
    ]  # fmt: skip
    assert _rows(places_data, REJECTED) == [
        ("S0001", 10, "Thôn, bản", "village", "Nà Pàii",
         "Không tìm thấy thôn, tổ dân phố “Nà Pàii” trong xã đã ghi. Có phải: Nà Pài?"),
        ("S0001", 12, "Trong đó trẻ em", "children", "45",
         "Số trẻ em (45) lớn hơn tổng số người tham dự (30)."),
        ("S0001", 13, "Thời gian / Bắt đầu", "start_date", "15/12/2099",
         f"Ngày “15/12/2099” sau ngày nhận báo cáo ({today}): hoạt động chưa diễn ra không "
         "được báo cáo."),
        ("S0001", 14, "Thời gian / Bắt đầu", "start_date", "10/10/2019",
         "Ngày “10/10/2019” trước 01/01/2020: kiểm tra lại năm."),
        ("S0001", 15, "Thời gian / Bắt đầu", "start_date", "12/10/2024",
         "Trùng với dòng 8 của cùng báo cáo."),
        ("S0001", 16, "Số người tham dự / Tổng số", "participants", "-5",
         "Số “-5” âm: số người phải là số nguyên không âm."),
    ]  # fmt: skip


def test_personal_data_is_masked_in_the_stored_file_and_reported(places_data: Settings) -> None:
    _import(places_data, REPORTS / "ubnd_nam_cuong_2024-Q4.xlsx")
    stored = load_workbook(places_data.activities_dir / "S0001_ubnd_nam_cuong_2024-Q4.xlsx")
    assert stored["Hoạt động"]["P11"].value == f"Liên hệ anh Hùng {MASK}"
    assert _rows(
        places_data,
        "select source_row, column_key, value, severity from raw_row_problems "
        "where severity = 'notice'",
    ) == [(11, "note", None, "notice")]
    assert _rows(places_data, "select cells_masked from stg_submissions") == [(1,)]
    assert "0912" not in json.dumps(_rows(places_data, "select * from raw_row_problems"))


def test_education_office_in_utf16_with_schools_and_a_point_far_away(
    places_data: Settings,
) -> None:
    _import(places_data, REPORTS / "gddt_2025-Q1_utf16.csv")
    assert _rows(places_data, ACTIVITY) == [
        ("S0001:3", "gddt", [], date(2025, 1, 14), "session", "direct", "children",
         "2020:02020", None, "2020:02020:truong-thpt-cho-don", "school", 620, 600),
        ("S0001:4", "gddt", ["cah"], date(2025, 2, 20), "filtering", "school", "teachers",
         "2020:02026", None, "2020:02026:truong-th&thcs-nam-cuong", "school", 25, None),
    ]  # fmt: skip
    rejected = _rows(places_data, REJECTED)
    assert rejected[0] == (
        "S0001", 5, "Đối tượng", "audience", "Sinh viên",
        "Đối tượng “Sinh viên” không có trong danh mục. Có phải: Học sinh sinh viên, Giáo viên, "
        "Biên tập viên?",
    )  # fmt: skip
    assert rejected[1][:5] == ("S0001", 6, "Vĩ độ", "latitude", "21.0285, 105.8542")
    assert rejected[1][5].startswith("Vị trí (21.0285, 105.8542) nằm ngoài xã đã ghi, cách ranh")
    assert len(rejected) == 2


def test_district_police_in_windows_1258_after_it_ended(places_data: Settings) -> None:
    _import(places_data, REPORTS / "cah_2025-Q1_cp1258.csv")
    assert _rows(places_data, ACTIVITY) == [
        ("S0001:2", "cah", ["vhtt"], date(2025, 1, 8), "content_review", "none", "officials",
         None, None, None, "district", None, None),
        ("S0001:3", "cah", [], date(2025, 2, 18), "session", "direct", "children", "2020:02077",
         None, None, "commune", 150, 150),
    ]  # fmt: skip
    assert _rows(places_data, REJECTED) == [
        ("S0001", 4, "Đơn vị chủ trì", "lead_unit", "Công an huyện",
         "Công an huyện chỉ hoạt động đến 28/02/2025; sau ngày đó hãy ghi đơn vị kế nhiệm "
         "(ví dụ Công an xã …)."),
    ]  # fmt: skip


def test_a_report_of_no_activities_is_a_submission(places_data: Settings) -> None:
    _import(places_data, REPORTS / "ttvhtttt_2025-Q2.xlsx")
    assert _rows(places_data, SUBMISSION) == [
        ("S0001", "ttvhtttt", "2025-Q2", date(2025, 4, 1), date(2025, 6, 30), "active", True,
         0, 0, 0, "title", "title"),
    ]  # fmt: skip
    assert _rows(places_data, ACTIVITY) == []


def test_a_file_mixing_units_is_split(places_data: Settings) -> None:
    _import(places_data, REPORTS / "tong_hop_2024-Q4.csv")
    assert _rows(places_data, SUBMISSION) == [
        ("S0001/gddt", "gddt", "2024-Q4", date(2024, 10, 1), date(2024, 12, 31), "active", False,
         1, 1, 0, "lead_unit", "file_name"),
        ("S0001/vhtt", "vhtt", "2024-Q4", date(2024, 10, 1), date(2024, 12, 31), "active", False,
         4, 4, 0, "lead_unit", "file_name"),
    ]  # fmt: skip
    assert _rows(places_data, "select activity_id, lead_unit_id, place_scope, commune_id from "
                              "stg_activities order by source_row") == [
        ("S0001/vhtt:3", "vhtt", "online", None),
        ("S0001/vhtt:4", "vhtt", "commune", "2020:02083"),
        ("S0001/gddt:5", "gddt", "commune", "2020:02035"),
        ("S0001/vhtt:6", "doan_the", "commune", "2020:02041"),  # goes with the largest unit
        ("S0001/vhtt:7", "vhtt", "commune", "2020:02038"),
    ]  # fmt: skip


def test_after_the_reform_names_resolve_by_date(places_data: Settings) -> None:
    _import(places_data, REPORTS / "ubnd_cho_don_2025-Q3.csv")
    assert _rows(places_data, ACTIVITY) == [
        ("S0001:2", "ubnd_xa:2025:02020", ["ca_xa"], date(2025, 8, 12), "session", "direct",
         "children", "2025:02020", None, None, "commune", 90, 85),
        ("S0001:3", "ubnd_xa:2025:02020", [], date(2025, 8, 19), "broadcast", "indirect",
         "community", "2025:02020", None, None, "commune", None, None),
    ]  # fmt: skip
    assert [r[1:5] for r in _rows(places_data, REJECTED)] == [
        (4, "Thôn, tổ dân phố", "village", "Nà Pài"),  # in two old communes of 2025 Nam Cường
        (5, "Đơn vị chủ trì", "lead_unit", "Công an huyện"),
    ]


def test_the_same_activity_in_two_files_is_loaded_once(
    places_data: Settings, tmp_path: Path
) -> None:
    _import(places_data, REPORTS / "tong_hop_2024-Q4.csv")
    again = tmp_path / "vhtt_2024-10.csv"
    again.write_text(
        "Ngày bắt đầu,Đơn vị chủ trì,Loại hoạt động,Đối tượng,Xã,Nội dung\n"
        "09/10/2024,Phòng VH&TT,Phát thanh,Người dân,Yên Phong,Phát thanh loa xã\n"
        "10/10/2024,Phòng VH&TT,Phát thanh,Người dân,Yên Phong,Phát thanh loa xã\n",
        encoding="utf-8",
    )
    _import(places_data, again)
    assert _rows(places_data, REJECTED) == [
        ("S0002", 2, "Ngày bắt đầu", "start_date", "09/10/2024",
         "Hoạt động này đã được báo cáo ở dòng 4 của tệp tong_hop_2024-Q4.csv (S0001/vhtt)."),
    ]  # fmt: skip
    assert _rows(places_data, "select activity_id from stg_activities where "
                              "submission_id = 'S0002'") == [("S0002:3",)]  # fmt: skip


def test_the_earliest_date_is_a_setting(places_data: Settings) -> None:
    later = dataclasses.replace(places_data, earliest_activity_date=date(2024, 11, 1))
    _import(later, REPORTS / "ubnd_nam_cuong_2024-Q4.xlsx")
    too_early = _rows(later, "select source_row, reason_en from stg_rejected_rows "
                             "where reason_en like '%check the year%' order by 1")  # fmt: skip
    assert too_early == [
        (7, "Date “05/10/2024” is before 01/11/2024: check the year."),  # an Excel date cell
        (8, "Date “12/10/2024” is before 01/11/2024: check the year."),
        (14, "Date “10/10/2019” is before 01/11/2024: check the year."),
        (15, "Date “12/10/2024” is before 01/11/2024: check the year."),
    ]


def test_a_file_with_no_rows_and_no_declaration_changes_nothing(
    places_data: Settings, tmp_path: Path
) -> None:
    empty = tmp_path / "gddt_2024-Q4.csv"
    empty.write_text("Ngày bắt đầu,Đơn vị chủ trì,Loại hoạt động,Đối tượng\n,,,\n", "utf-8")
    before = places_data.db_path.read_bytes()
    with pytest.raises(ReportError) as failure:
        _import(places_data, empty)
    assert failure.value.key == "file_without_rows"
    assert places_data.db_path.read_bytes() == before
    assert list(places_data.activities_dir.iterdir()) == []
    assert not places_data.ledger_path.exists()


def test_points_within_200_m_of_the_commune_count_as_in_it(
    places_data: Settings, tmp_path: Path
) -> None:
    near, far = _points_outside_bang_lung(places_data, [150, 500])
    report = tmp_path / "vhtt_2024-Q3.csv"
    report.write_text(
        "Ngày bắt đầu,Đơn vị chủ trì,Loại hoạt động,Đối tượng,Xã,Vĩ độ,Kinh độ\n"
        f"05/07/2024,Phòng VH&TT,Tập huấn,Giáo viên,TT Bằng Lũng,{near.y:.6f},{near.x:.6f}\n"
        f"06/07/2024,Phòng VH&TT,Tập huấn,Giáo viên,TT Bằng Lũng,{far.y:.6f},{far.x:.6f}\n",
        encoding="utf-8",
    )
    _import(places_data, report)
    assert _rows(places_data, "select source_row from stg_activities") == [(2,)]
    assert _rows(places_data, "select source_row, column_key from stg_rejected_rows") == [
        (3, "latitude")
    ]


def _points_outside_bang_lung(settings: Settings, metres: list[int]) -> list[Point]:
    """Points that lie the given distances outside Bằng Lũng's schematic polygon."""
    path = next(settings.boundaries_dir.glob("*.geojson"))
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    polygon = next(
        shape(f["geometry"]) for f in features if f["properties"]["commune_code"] == "02020"
    )
    to_metres = Transformer.from_crs(4326, 32648, always_xy=True).transform
    to_degrees = Transformer.from_crs(32648, 4326, always_xy=True).transform
    outline = shapely.transform(polygon, lambda x, y: to_metres(x, y), interleaved=False)
    centre = outline.centroid
    edge = outline.exterior.interpolate(0.25, normalized=True)
    dx, dy = edge.x - centre.x, edge.y - centre.y
    length = (dx**2 + dy**2) ** 0.5
    found = []
    for distance in metres:
        step = 0.0
        point = edge
        while outline.distance(point) < distance:
            step += 5
            point = Point(edge.x + dx / length * step, edge.y + dy / length * step)
        found.append(Point(*to_degrees(point.x, point.y)))
    return found


def test_cells_holding_an_empty_string_or_spaces_are_blank(
    places_data: Settings, tmp_path: Path
) -> None:
    # DuckDB's (and some other programs') xlsx writer stores an empty cell as an empty string;
    # a clerk may leave a space in a cell. Neither is a village or school named "".
    path = tmp_path / "vhtt_2024-Q3.xlsx"
    con = db.connect_path(":memory:")
    con.execute(
        """copy (select '05/07/2024' as "Ngày bắt đầu", 'Phòng VH&TT' as "Đơn vị chủ trì",
                        'Tập huấn' as "Loại hoạt động", 'Giáo viên' as "Đối tượng",
                        'Xã Nam Cường' as "Xã", v as "Thôn, tổ dân phố", s as "Trường học",
                        p as "Số người tham dự"
                 from (values ('', '  ', '30'), (' ', '', ' ')) as t(v, s, p))
           to '"""
        + str(path)
        + "' (format xlsx, header true)"
    )
    con.close()
    _import(places_data, path)
    loaded = "select source_row, place_scope, participants from stg_activities order by 1"
    assert _rows(places_data, loaded) == [(2, "commune", 30), (3, "commune", None)]
    assert _rows(places_data, "select count(*) from stg_rejected_rows") == [(0,)]
