from datetime import date

import pytest

from etl import db, pipeline
from etl.config import Settings
from tests.conftest import FIXTURES, make_data_dir


def test_build_loads_the_20_communes_of_cho_don(warehouse: Settings) -> None:
    con = db.connect(warehouse, read_only=True)
    rows = con.execute(
        "select count(*), min(commune_code), max(commune_code) from commune_boundaries "
        "where geography = '2020'"
    ).fetchone()
    assert rows == (20, "02020", "02083")
    names = dict(
        con.execute(
            "select commune_code, commune_name from commune_boundaries where geography = '2020'"
        ).fetchall()
    )
    assert names["02020"] == "Bằng Lũng"
    assert names["02065"] == "Bằng Lãng"


def test_activities_match_communes_by_name_whatever_the_spelling(warehouse: Settings) -> None:
    con = db.connect(warehouse, read_only=True)
    got = con.execute(
        "select commune_code, date_trunc('month', start_date)::date, count(*), sum(participants) "
        "from stg_activities where commune_code is not null group by all order by commune_code"
    ).fetchall()
    assert got == [
        ("02020", date(2024, 7, 1), 1, 120),  # "TT Bằng Lũng"
        ("02050", date(2024, 8, 1), 1, 45),  # "xa phuong vien"
        ("02053", date(2024, 7, 1), 1, None),  # broadcast, no count
        ("02065", date(2024, 9, 1), 1, 1200),  # "1.200" is twelve hundred
    ]


def test_impossible_dates_and_total_rows_are_not_activities(warehouse: Settings) -> None:
    con = db.connect(warehouse, read_only=True)
    rows = con.execute("select source_row from stg_activities order by source_row").fetchall()
    assert [r[0] for r in rows] == [3, 4, 5, 6]  # 31/02 (row 7) and "Tổng cộng" (row 9) left out


def test_warehouse_info_marks_schematic_boundaries(warehouse: Settings) -> None:
    con = db.connect(warehouse, read_only=True)
    info = con.execute("select is_sample, is_schematic, boundary_source from warehouse_info")
    assert info.fetchone() == (False, True, "ranh giới minh họa / schematic")


def test_second_warehouse_from_other_inputs_leaves_the_first_alone(
    warehouse: Settings, tmp_path
) -> None:
    before = warehouse.db_path.stat().st_mtime_ns
    other = make_data_dir(tmp_path, [])
    result = pipeline.build(other)
    assert result.activity_rows == 0
    con = db.connect(other, read_only=True)
    assert con.execute("select count(*) from activity_list").fetchone() == (0,)
    assert warehouse.db_path.stat().st_mtime_ns == before


def test_failed_build_keeps_the_previous_warehouse(tmp_path) -> None:
    settings = make_data_dir(tmp_path, sorted((FIXTURES / "activities").iterdir()))
    pipeline.build(settings)
    before = settings.db_path.read_bytes()
    (settings.activities_dir / "broken.csv").write_text("no header here\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="thiếu cột"):
        pipeline.build(settings)
    assert settings.db_path.read_bytes() == before
    assert not list(settings.db_path.parent.glob("*.building"))
