from datetime import date, datetime

import pandas as pd
import pytest

from etl import db
from etl.present import format as fmt


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "shown"),
    [
        (1365, "vi", 0, "1.365"),
        (1365, "en", 0, "1,365"),
        (23.75, "vi", 1, "23,8"),
        (1234567.5, "vi", 1, "1.234.567,5"),
        (None, "vi", 0, "—"),
        (float("nan"), "en", 0, "—"),
        (pd.NA, "vi", 0, "—"),
    ],
)
def test_numbers_use_the_language_separators(value, lang, decimals, shown) -> None:
    assert fmt.number(value, lang, decimals) == shown


def test_percent_and_day() -> None:
    assert fmt.percent(16.666, "vi") == "16,7 %"
    assert fmt.percent(None, "vi") == "—"
    assert fmt.day(date(2024, 7, 2), "vi") == "02/07/2024"
    assert fmt.day(pd.Timestamp("2024-07-02"), "en") == "2024-07-02"
    assert fmt.day(pd.NaT, "vi") == "—"


@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        ("2024-07", "Tháng 7/2024", "Jul 2024"),
        ("2024-Q3", "Quý III/2024", "Q3 2024"),
        ("2024-H1", "6 tháng đầu năm 2024", "H1 2024"),
        ("2024-H2", "6 tháng cuối năm 2024", "H2 2024"),
        ("2024", "Năm 2024", "2024"),
        ("2024-2025", "Năm học 2024–2025", "School year 2024–2025"),
        ("2024-2025-HK2", "HK2, năm học 2024–2025", "HK2, school year 2024–2025"),
    ],
)
def test_period_names(period: str, vi: str, en: str) -> None:
    assert fmt.period_label(period, "vi") == vi
    assert fmt.period_label(period, "en") == en


def test_open_period_says_so() -> None:
    assert fmt.period_label("2026-Q4", "vi", is_open=True) == "Quý IV/2026 (đang diễn ra)"


def test_codes_become_names_and_unknown_codes_stay() -> None:
    assert fmt.unit_kind_name("vhtt", "vi") == "Phòng VH&TT"
    assert fmt.unit_kind_name("new_kind", "vi") == "new_kind"
    assert fmt.state_name("not_reported", "en") == "No commune report for the whole period"
    assert fmt.kinds_text(["cah", "ttvhtttt|vhtt"], "vi") == (
        "Công an huyện, TT VH-TT&TT hoặc Phòng VH&TT"
    )
    assert fmt.kinds_text([], "vi") == ""


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        fmt.number(1, "fr")


@pytest.mark.parametrize(
    ("value", "missing", "blank"),
    [
        (None, True, True),
        (pd.NA, True, True),
        (pd.NaT, True, True),
        (float("nan"), True, True),
        ("  ", False, True),
        ("", False, True),
        (0, False, False),
        ("Nà Pài", False, False),
    ],
)
def test_missing_and_blank(value: object, missing: bool, blank: bool) -> None:
    assert fmt.is_missing(value) is missing
    assert fmt.is_blank(value) is blank


def test_days_as_clerks_write_them() -> None:
    assert fmt.vn_day(date(2024, 7, 2)) == "02/07/2024"
    assert fmt.vn_day("2025-02-28") == "28/02/2025"
    assert fmt.vn_day(datetime(2024, 7, 2, 14, 5), with_time=True) == "02/07/2024 14:05"
    assert fmt.vn_day(pd.NaT) == ""


def test_unit_display_name() -> None:
    assert fmt.unit_display_name("UBND xã/thị trấn", "Xã Nam Cường") == (
        "UBND xã/thị trấn – Xã Nam Cường"
    )
    assert fmt.unit_display_name("Phòng Giáo dục và Đào tạo", None) == "Phòng Giáo dục và Đào tạo"


def test_the_sql_macros_follow_the_same_rules() -> None:
    con = db.connect_path(":memory:", extensions=())
    row = con.execute(
        "select unit_display_name(?, ?), unit_display_name(?, null), vn_day(?::date), "
        "vn_day(?::timestamp, with_time := true)",
        ["Công an xã", "Xã Nam Cường", "Công an huyện", "2024-07-02", "2024-07-02 14:05"],
    ).fetchone()
    assert row == (
        fmt.unit_display_name("Công an xã", "Xã Nam Cường"),
        fmt.unit_display_name("Công an huyện", None),
        fmt.vn_day(date(2024, 7, 2)),
        fmt.vn_day(datetime(2024, 7, 2, 14, 5), with_time=True),
    )
