from datetime import date
from itertools import pairwise

import pytest

from etl import db
from etl.config import Settings
from etl.geography import gazetteer
from etl.geography.commune_names import commune_names, communes_2020_of, resolve_commune


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("Xã Nghĩa Tá", date(2024, 5, 1), "2020:02071"),
        ("Xã Nghĩa Tá", date(2025, 9, 1), "2025:02071"),
        ("TT Bằng Lũng", date(2024, 5, 1), "2020:02020"),
        ("thi tran bang lung", date(2024, 5, 1), "2020:02020"),
        ("Bằng Lãng", date(2024, 5, 1), "2020:02065"),
        ("X. Nghĩa Tá, huyện Chợ Đồn", date(2024, 5, 1), "2020:02071"),  # as clerks type it
        ("\u00d0ồng Lạc (huyện Chợ Đồn)", date(2024, 5, 1), "2020:02029"),  # Ð of old encodings
        ("Xa Bang Lang - tinh Bac Kan", date(2024, 5, 1), "2020:02065"),
        ("Bằng Lũng Mới", date(2024, 5, 1), None),  # words after a name that are not an area
        ("02071", date(2024, 5, 1), "2020:02071"),
        ("2071", date(2025, 9, 1), "2025:02071"),  # Excel dropped the leading zero
        ("Xã Chợ Đồn", date(2025, 9, 1), "2025:02020"),
        ("Xã Phương Viên", date(2025, 9, 1), "2025:02020"),  # old name after the reform
        ("Rã Bản", date(2019, 6, 1), "pre2020:02056"),
        ("Rã Bản", date(2021, 6, 1), "2020:02059"),
        ("Rã Bản", date(2025, 9, 1), "2025:02014"),
        ("Đồng Thắng", date(2019, 6, 1), None),  # did not exist yet
        ("Chợ Đồn", date(2024, 5, 1), None),  # the district, not a commune
        ("Hà Nội", date(2024, 5, 1), None),
    ],
)
def test_a_name_or_code_means_one_unit_on_a_day(text: str, day: date, expected: str) -> None:
    assert resolve_commune(text, day) == expected


def test_no_key_means_two_units_on_one_day() -> None:
    table = commune_names(gazetteer.extract_communes(), gazetteer.extract_crosswalk())
    for _key, rows in table.groupby("name_key"):
        spans = sorted(zip(rows["valid_from"], rows["valid_to"], rows["commune_id"], strict=True))
        for (_, end, _), (start, _, _) in pairwise(spans):
            assert end < start


def test_rejects_a_day_that_is_not_a_date() -> None:
    with pytest.raises(ValueError, match="on_date"):
        resolve_commune("Nghĩa Tá", "2024-05-01")  # type: ignore[arg-type]


def test_2020_communes_behind_each_unit() -> None:
    assert communes_2020_of("pre2020:02074") == ("2020:02083",)
    assert communes_2020_of("2020:02041") == ("2020:02041",)
    assert communes_2020_of("2025:01933") == ("2020:02041",)
    assert communes_2020_of("2025:02071") == ("2020:02062", "2020:02071", "2020:02080")


def test_sql_resolves_the_same_way(warehouse: Settings) -> None:
    con = db.connect(warehouse, read_only=True)
    query = """
        select commune_id from stg_commune_names
        where name_key = admin_key($text) and $day between valid_from and valid_to
    """
    for day, expected in ((date(2024, 5, 1), "2020:02071"), (date(2025, 9, 1), "2025:02071")):
        rows = con.execute(query, {"text": "Xã Nghĩa Tá", "day": day}).fetchall()
        assert rows == [(expected,)]
