from datetime import date

import pytest

from etl.periods import Period, parse_period
from etl.reports.period_inference import period_covering, period_in_file_name


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2024-Q3", "2024-Q3"),
        ("Quý III/2024", "2024-Q3"),
        ("quý 3 năm 2024", "2024-Q3"),
        ("Q4/2025", "2025-Q4"),
        ("2024-07", "2024-07"),
        ("Tháng 7/2024", "2024-07"),
        ("tháng 12 năm 2025", "2025-12"),
        ("07/2024", "2024-07"),
        ("2024-H1", "2024-H1"),
        ("6 tháng đầu năm 2024", "2024-H1"),
        ("6 tháng cuối năm 2024", "2024-H2"),
        ("Năm 2024", "2024"),
        ("2024", "2024"),
    ],
)
def test_periods_as_clerks_write_them(text: str, label: str) -> None:
    assert parse_period(text).period_id == label


def test_a_period_has_its_first_and_last_day() -> None:
    assert parse_period("2024-Q1") == Period("2024-Q1", "quarter", date(2024, 1, 1),
                                             date(2024, 3, 31))  # fmt: skip
    assert parse_period("2024-02") == Period("2024-02", "month", date(2024, 2, 1),
                                             date(2024, 2, 29))  # fmt: skip
    assert parse_period("Quý IV/2025") == Period("2025-Q4", "quarter", date(2025, 10, 1),
                                                 date(2025, 12, 31))  # fmt: skip


@pytest.mark.parametrize("text", ["Quý 5/2024", "2024-13", "sometime", ""])
def test_unclear_periods_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="period must look like"):
        parse_period(text)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("vhtt_2024-Q3.csv", "2024-Q3"),
        ("BC_Q4_2025.xlsx", "2025-Q4"),
        ("gddt_2025-Q1_utf16.csv", "2025-Q1"),
        ("ubnd 2024-11.xlsx", "2024-11"),
        ("tong_hop_2024H2.xlsx", "2024-H2"),
    ],
)
def test_period_in_a_file_name(name: str, label: str) -> None:
    found = period_in_file_name(name)
    assert found is not None and found.period_id == label


def test_no_period_in_a_plain_file_name() -> None:
    assert period_in_file_name("bao_cao_moi.xlsx") is None


def test_the_shortest_period_that_holds_the_dates() -> None:
    assert period_covering([date(2024, 7, 5), date(2024, 9, 3)]).period_id == "2024-Q3"  # type: ignore[union-attr]
    assert period_covering([date(2024, 5, 5), date(2024, 6, 3)]).period_id == "2024-Q2"  # type: ignore[union-attr]
    assert period_covering([date(2024, 4, 5), date(2024, 9, 3)]).period_id == "2024"  # type: ignore[union-attr]
    assert period_covering([date(2024, 1, 5), date(2024, 6, 3)]).period_id == "2024-H1"  # type: ignore[union-attr]
    assert period_covering([date(2024, 12, 5), date(2025, 1, 3)]) is None
    assert period_covering([]) is None
