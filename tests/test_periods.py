import itertools
from datetime import date
from pathlib import Path

import pytest

from etl import db, periods
from etl.periods import Period, parse_period, period_atoms, periods_overlapping


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06", Period("2024-06", "month", date(2024, 6, 1), date(2024, 6, 30))),
        ("2024-02", Period("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29))),
        ("2024-Q3", Period("2024-Q3", "quarter", date(2024, 7, 1), date(2024, 9, 30))),
        ("2024-q4", Period("2024-Q4", "quarter", date(2024, 10, 1), date(2024, 12, 31))),
        ("2024-H1", Period("2024-H1", "half", date(2024, 1, 1), date(2024, 6, 30))),
        ("2024-H2", Period("2024-H2", "half", date(2024, 7, 1), date(2024, 12, 31))),
        ("2024", Period("2024", "year", date(2024, 1, 1), date(2024, 12, 31))),
        (
            " 2024-2025 ",
            Period("2024-2025", "school_year", date(2024, 9, 1), date(2025, 5, 31), "2024-2025"),
        ),
        (
            "2024-2025-HK1",
            Period(
                "2024-2025-HK1", "semester", date(2024, 9, 1), date(2025, 1, 15), "2024-2025", "HK1"
            ),
        ),
        (
            "2024-2025-hk2",
            Period(
                "2024-2025-HK2",
                "semester",
                date(2025, 1, 16),
                date(2025, 5, 31),
                "2024-2025",
                "HK2",
            ),
        ),
    ],
)
def test_periods_parse_to_inclusive_dates(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text", ["2024-13", "2024-00", "2024-Q5", "2024-H3", "2024-2026", "2024-2025-HK3", "24-06", ""]
)
def test_malformed_periods_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"period|semester|school year"):
        parse_period(text)


def test_periods_overlapping_a_range_come_with_whole_school_years() -> None:
    found = periods_overlapping(date(2024, 7, 3), date(2024, 9, 20))
    assert [p.period_id for p in found] == [
        "2024-07", "2024-08", "2024-09", "2024-Q3", "2024-H2", "2024", "2024-2025",
        "2024-2025-HK1", "2024-2025-HK2",  # HK2 starts after the range, but the year needs it
    ]  # fmt: skip


def test_summer_days_belong_to_no_school_year() -> None:
    found = periods_overlapping(date(2024, 6, 10), date(2024, 8, 20))
    assert [p.period_id for p in found if p.kind in ("school_year", "semester")] == []


def test_atoms_tile_every_period_exactly() -> None:
    found = periods_overlapping(date(2024, 12, 20), date(2025, 2, 3))
    atoms = period_atoms(found)
    for period in found:
        mine = sorted((start, end) for start, end, pid in atoms if pid == period.period_id)
        assert mine[0][0] == period.start
        assert mine[-1][1] == period.end
        assert all((b[0] - a[1]).days == 1 for a, b in itertools.pairwise(mine))
    january = sorted({(s, e) for s, e, _ in atoms if s.year == 2025 and s.month == 1})
    assert january == [
        (date(2025, 1, 1), date(2025, 1, 15)),
        (date(2025, 1, 16), date(2025, 1, 31)),
    ]


def test_semesters_must_fall_inside_the_school_year(tmp_path: Path) -> None:
    bad = tmp_path / "semesters.csv"
    bad.write_text("semester,starts,ends\nHK1,07-01,12-31\n", encoding="utf-8")
    with pytest.raises(ValueError, match="between September and May"):
        periods.semesters(bad)
    reversed_ = tmp_path / "reversed.csv"
    reversed_.write_text("semester,starts,ends\nHK1,02-01,10-31\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ends before it starts"):
        periods.semesters(reversed_)


def test_load_periods_covers_the_data_and_closes_open_periods() -> None:
    con = db.connect_path(":memory:")
    con.execute("create table stg_activities as select date '2025-09-03' as start_date")
    con.execute(
        "create table stg_submissions as "
        "select date '2025-07-01' as period_start, date '2025-09-30' as period_end"
    )
    assert periods.load_periods(con, today=date(2025, 8, 15)) == 9
    rows = con.execute(
        "select period_id, as_of_date, is_open from raw_periods "
        "where period_kind in ('quarter', 'month') order by period_start, period_kind"
    ).fetchall()
    assert rows == [
        ("2025-07", date(2025, 7, 31), False),
        ("2025-Q3", date(2025, 8, 15), True),
        ("2025-08", date(2025, 8, 15), True),
        ("2025-09", date(2025, 8, 15), True),
    ]
    con.execute("delete from stg_activities")
    con.execute("delete from stg_submissions")
    assert periods.load_periods(con, today=date(2025, 8, 15)) == 0
    assert con.execute("select count(*) from raw_period_atoms").fetchone() == (0,)
