from datetime import date
from pathlib import Path

import pytest
import shapely

from etl.geography.placeholders import placeholder_point
from etl.geography.places import prepare_places
from etl.geography.places_read import (
    parse_code,
    parse_count,
    parse_date,
    parse_degrees,
    read_place_list,
)
from tests.conftest import FIXTURES

VILLAGES = FIXTURES / "places" / "villages_cho_don.csv"
SCHOOLS = FIXTURES / "places" / "schools_cho_don.xlsx"


def test_villages_land_in_their_2020_commune_by_code_or_name() -> None:
    rows, problems = prepare_places(VILLAGES, "villages")
    assert problems == []
    got = rows[["source_row", "village_id", "commune_id", "village_name", "village_kind"]]
    assert got.values.tolist() == [
        [3, "2020:02020:1", "2020:02020", "Tổ dân phố 1", "Tổ dân phố"],
        [4, "2020:02020:2", "2020:02020", "Tổ dân phố 2", "Tổ dân phố"],  # code typed "2020"
        [5, "2020:02026:na-pai", "2020:02026", "Nà Pài", "Bản"],  # "xa nam cuong"
        [6, "2020:02029:na-pai", "2020:02029", "Nà Pài", "Thôn"],  # same name, other commune
        [7, "2020:02059:na-ca", "2020:02059", "Nà Cà", "Thôn"],  # Rã Bản before 2020
        [8, "2020:02071:na-ngan", "2020:02071", "Thôn Nà Ngần", "Thôn"],
        [10, "2020:02050:na-ban", "2020:02050", "Thôn Nà Bản", "Thôn"],  # blank row 9 skipped
    ]


def test_village_values_as_people_type_them() -> None:
    rows, _ = prepare_places(VILLAGES, "villages")
    by_id = rows.set_index("village_id")
    assert by_id.loc["2020:02020:1", "households"] == 1020  # "1.020"
    assert by_id.at["2020:02029:na-pai", "lat"] == 22.3211  # typed "22,3211"
    assert by_id.at["2020:02029:na-pai", "lon"] == 105.583
    assert by_id.at["2020:02059:na-ca", "valid_from"] == date(2015, 1, 1)
    assert by_id.at["2020:02059:na-ca", "valid_to"] == date(2020, 1, 31)


def test_schools_from_excel_with_header_variants() -> None:
    rows, problems = prepare_places(SCHOOLS, "schools")
    assert problems == []
    got = rows[["school_id", "commune_id", "school_level", "village_key", "students"]]
    assert got.astype(object).where(got.notna(), None).values.tolist() == [
        ["2020:02020:truong-thpt-cho-don", "2020:02020", "THPT", None, 1120],
        ["2020:02026:truong-th&thcs-nam-cuong", "2020:02026", "TH&THCS", "na pai", 412],
        ["2020:02071:truong-mam-non-nghia-ta", "2020:02071", "Mầm non", None, 96],
        ["2020:02059:truong-ptdtbt-thcs-dong-thang", "2020:02059", "PTDTBT", None, None],
    ]


def test_every_bad_row_is_named_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "thon.csv"
    path.write_text(
        "Mã xã,Xã,Thôn,Loại,Vĩ độ,Kinh độ,Số hộ,Hiệu lực từ,Hiệu lực đến\n"
        ",Xã Hà Nội,Nà Pài,,,,,,\n"
        "02071,Xã Bằng Lãng,Nà Ngần,,,,,,\n"
        ",Xã Chợ Đồn,Nà Ngần,,,,,01/08/2025,\n"
        ",Nghĩa Tá,Khuổi Ha,Xóm,,,,,\n"
        ",Nghĩa Tá,Nà Ngần,,105.5,22.1,,,\n"
        ",Nghĩa Tá,Bản Chang,,22.1,,mười,31/02/2024,\n"
        ",Nghĩa Tá,,,,,,,\n"
        ",Nghĩa Tá,Nà Ngần,,,,,01/01/2024,01/01/2023\n"
        ",Nghĩa Tá,Thôn Nà Ngần,,,,,,\n"
        ",Nghĩa Tá,Nà Ngần,,,,,,\n",
        encoding="utf-8",
    )
    rows, problems = prepare_places(path, "villages")
    assert rows["village_id"].tolist() == ["2020:02071:na-ngan"]
    assert [p.text("en") for p in problems] == [
        "Row 2: no commune “Xã Hà Nội” of Chợ Đồn district.",
        "Row 3: commune code 02071 and commune name “Xã Bằng Lãng” disagree.",
        "Row 4: commune “Xã Chợ Đồn” (from 2025-07-01) took over 4 former communes; "
        "give the commune code or name before 2025-07-01.",
        "Row 5: “Kind” = “Xóm” is not allowed; use one of: Bản, Thôn, Tổ dân phố.",
        "Row 6: the point (105.5, 22.1) is outside Viet Nam; are latitude and longitude swapped?",
        "Row 7: “Valid from” = “31/02/2024” is not a date (dd/mm/yyyy).",
        "Row 7: give both latitude and longitude, or neither.",
        "Row 7: “Households” = “mười” is not a whole number.",
        "Row 8: “Village” is empty.",
        "Row 9: “Valid to” is earlier than “Valid from”.",
        "Row 11: “Nà Ngần” already appears above (same name in the same commune; "
        "if they are two places, give each its own code).",
    ]
    assert (
        problems[0].text("vi")
        == "Dòng 2: không tìm thấy xã, thị trấn “Xã Hà Nội” của huyện Chợ Đồn."
    )


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Tên,Số\nA,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no header row"):
        read_place_list(path, "villages")
    with pytest.raises(ValueError, match="kind"):
        read_place_list(path, "roads")


@pytest.mark.parametrize(
    ("parse", "text", "expected"),
    [
        (parse_count, "1.200", 1200),
        (parse_count, "1,200", 1200),
        (parse_count, "120.0", 120),
        (parse_count, " ", None),
        (parse_degrees, "22,1623", 22.1623),
        (parse_degrees, "105.6012", 105.6012),
        (parse_code, "2071", "02071"),
        (parse_code, "2071.0", "02071"),
        (parse_date, "01/02/2020", date(2020, 2, 1)),
        (parse_date, "2020-02-01 00:00:00", date(2020, 2, 1)),
    ],
)
def test_cell_parsers(parse, text: str, expected: object) -> None:
    assert parse(text) == expected


def test_placeholder_is_inside_and_the_same_every_time() -> None:
    square = shapely.box(105.5, 22.0, 105.6, 22.1)
    first = placeholder_point(square, "2020:02071:na-ngan")
    assert first == placeholder_point(square, "2020:02071:na-ngan")
    assert first != placeholder_point(square, "2020:02071:khuoi-ha")
    lat, lon = first
    assert square.buffer(-0.003).contains(shapely.Point(lon, lat))
    with pytest.raises(ValueError, match="seed"):
        placeholder_point(square, "")
