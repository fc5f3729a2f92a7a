import unicodedata
from datetime import date

import pytest

from etl import db
from etl.reports.validate import COUNT_PATTERN, COUNT_SEPARATORS, SQL_DIR, Problem, sql_params
from etl.sql_files import create_table


def test_a_problem_reads_in_both_languages_with_suggestions() -> None:
    problem = Problem(12, "commune", "Phuong Vienn", "commune_unknown",
                      {"suggestions": "Xã Phương Viên"})  # fmt: skip
    assert problem.reason("vi") == (
        "Không tìm thấy xã, thị trấn “Phuong Vienn” vào ngày của hoạt động. "
        "Có phải: Xã Phương Viên?"
    )
    assert problem.reason("en") == (
        "No commune or town “Phuong Vienn” on the activity's date. Did you mean: Xã Phương Viên?"
    )
    plain = Problem(12, "commune", "Zzz", "commune_unknown", {"suggestions": ""})
    assert plain.reason("en") == "No commune or town “Zzz” on the activity's date."


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/07/2024", date(2024, 7, 5)),
        ("5/7/2024", date(2024, 7, 5)),
        (" 05/07/2024 ", date(2024, 7, 5)),
        ("05-07-2024", date(2024, 7, 5)),
        ("05.07.2024", date(2024, 7, 5)),
        ("2024-07-05", date(2024, 7, 5)),
        ("2024-07-05 00:00:00", date(2024, 7, 5)),
        ("45478", date(2024, 7, 5)),  # an Excel date cell: days since 1899-12-30
        ("45478.5", date(2024, 7, 5)),  # with a time of day
        ("5/7/24", date(2024, 7, 5)),  # a two-digit year is this century, never the year 24
        ("05-07-24", date(2024, 7, 5)),
        ("5.7.24", date(2024, 7, 5)),
        ("31/02/2024", None),
        ("hôm qua", None),
    ],
)
def test_dates_as_typed_or_as_excel_stores_them(text: str, day: date | None) -> None:
    con = db.connect_path(":memory:")
    con.execute("create temp table report_rows (start_date varchar, end_date varchar)")
    con.execute("insert into report_rows values (?, null)", [text])
    create_table(con, SQL_DIR, "dates", sql_params(date(2020, 1, 1)), table="lk_dates")
    assert con.execute("select date_text, day from lk_dates").fetchall() == [(text, day)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("120", 120),
        ("1.200", 1200),  # thousands, the Vietnamese way
        ("1,350", 1350),
        ("1 500", 1500),
        (" 60 ", 60),
        ("45 người", 45),
        ("45 Người", 45),
        ("1.200 lượt người", 1200),
        ("30 em", 30),
        ("30 HS", 30),
        (unicodedata.normalize("NFD", "30 người"), 30),  # combining accents: the same word
        ("45 phút", None),  # minutes are not people
        ("45 hộ", None),  # households are not people either
        ("khoảng 50", None),  # a guess is not a count
        ("-5", None),
        ("1.2000", None),
    ],
)
def test_counts_as_typed(text: str, count: int | None) -> None:
    con = db.connect_path(":memory:")
    found = con.execute("select typed_count(?, ?, ?)", [text, COUNT_PATTERN, COUNT_SEPARATORS])
    assert found.fetchone() == (count,)


def test_table_kinds_are_checked() -> None:
    con = db.connect_path(":memory:")
    with pytest.raises(ValueError, match="kind must be one of"):
        create_table(con, SQL_DIR, "dates", {}, kind="view")
