"""The dashboard's marts and queries, through the real build of ``dashboard_warehouse``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pytest

from dashboard import queries
from etl import db
from etl.config import Settings


@pytest.fixture(scope="module")
def con(dashboard_warehouse: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect_path(dashboard_warehouse.db_path, read_only=True)
    yield connection
    connection.close()


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_district_figures_per_quarter(con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(con, """
        select period_id, villages_applicable, villages_reached, coverage_pct, schools,
            schools_reached, activities, participants_total, children_reached,
            child_population, units_expected, units_reported
        from district_coverage where geography = '2020' and period_kind = 'quarter'
        order by period_id""")  # fmt: skip
    assert rows == [
        # 45 units expected: 5 district units, 20 People's Committees, 20 commune police
        ("2024-Q3", 6, 1, 16.7, 3, 1, 3, 160, 150, 12069, 45, 1),
        ("2024-Q4", 7, 1, 14.3, 3, 1, 2, 1055, 980, 12069, 45, 1),
    ]


def test_activity_list_names_units_types_and_places(con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(con, """
        select source_row, units.label_vi, types.label_vi, audiences.label_en, place_scope,
            commune_ids_2020, commune_id_2025, communes.label_vi, villages.label_vi,
            schools.label_vi
        from activity_list as activities
        left join activity_labels as units
            on units.field = 'unit' and units.value = activities.lead_unit_id
        left join activity_labels as types
            on types.field = 'type' and types.value = activities.activity_type
        left join activity_labels as audiences
            on audiences.field = 'audience' and audiences.value = activities.audience
        left join activity_labels as communes
            on communes.field = 'commune' and communes.value = activities.commune_id
        left join activity_labels as villages
            on villages.field = 'village' and villages.value = activities.village_id
        left join activity_labels as schools
            on schools.field = 'school' and schools.value = activities.school_id
        where source_file = 'ubnd_xa_nam_cuong_2024-Q3.csv'
        order by source_row""")  # fmt: skip
    unit = "UBND xã/thị trấn – Xã Nam Cường"
    assert rows == [
        (3, unit, "Tuyên truyền trực tiếp", "Children, pupils", "village", ["2020:02026"],
         "2025:02026", "Xã Nam Cường", "Nà Pài", None),
        (4, unit, "Phát thanh", "Community", "commune", ["2020:02026"], "2025:02026",
         "Xã Nam Cường", None, None),
        (5, unit, "Tuyên truyền trực tiếp", "Children, pupils", "school", ["2020:02026"],
         "2025:02026", "Xã Nam Cường", None, "Trường Tiểu học Nam Cường"),
    ]  # fmt: skip


def test_unit_kinds_and_audiences_per_commune(con: duckdb.DuckDBPyConnection) -> None:
    kinds = _rows(con, """
        select geography, commune_id, unit_kind, activities, led_activities, partner_activities
        from commune_unit_activity where period_id = '2024-Q4' order by all""")  # fmt: skip
    assert kinds == [
        ("2020", "2020:02023", "cah", 1, 0, 1),
        ("2020", "2020:02023", "ubnd_xa", 2, 2, 0),
        ("2025", "2025:02026", "cah", 1, 0, 1),  # Xuân Lạc went into Nam Cường in 2025
        ("2025", "2025:02026", "ubnd_xa", 2, 2, 0),
    ]
    audiences = _rows(con, """
        select commune_id, audience, activities, participants from commune_audience
        where period_id = '2024-Q3' and geography = '2020' order by all""")  # fmt: skip
    assert audiences == [("2020:02026", "children", 2, 160), ("2020:02026", "community", 1, None)]


def test_trend_per_month_and_lead_unit_kind(con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(con, "select period_id, unit_kind, activities, participants "
                      "from monthly_unit_activity order by month")  # fmt: skip
    assert rows == [
        ("2024-07", "ubnd_xa", 1, 40), ("2024-08", "ubnd_xa", 1, None),
        ("2024-09", "ubnd_xa", 1, 120), ("2024-10", "ubnd_xa", 1, 35),
        ("2024-11", "ubnd_xa", 1, 1020),
    ]  # fmt: skip


def test_place_lists_carry_both_geographies(con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(con, "select village_name, commune_name_2020, commune_name_2025, "
                      "location_approx from village_list order by village_id")  # fmt: skip
    assert rows[:3] == [
        ("Tổ 3", "Thị trấn Bằng Lũng", "Xã Chợ Đồn", False),
        ("Tổ 9", "Thị trấn Bằng Lũng", "Xã Chợ Đồn", True),
        ("<img src=x onerror=alert(1)>", "Xã Xuân Lạc", "Xã Nam Cường", True),
    ]
    assert _rows(con, "select school_name, location_approx from school_list order by 1") == [
        ("Trường Mầm non Bằng Lũng", False), ("Trường THCS Xuân Lạc", True),
        ("Trường Tiểu học Nam Cường", False),
    ]  # fmt: skip


def test_periods_offered_with_their_activity_counts(con: duckdb.DuckDBPyConnection) -> None:
    periods = queries.periods(con)
    quarters = periods[periods["period_kind"] == "quarter"]
    assert quarters[["period_id", "activities"]].values.tolist() == [["2024-Q3", 3], ["2024-Q4", 2]]
    semesters = periods[periods["period_kind"] == "semester"]  # Decision 830 counts per semester
    assert semesters[["period_id", "activities"]].values.tolist() == [
        ["2024-2025-HK1", 3], ["2024-2025-HK2", 0]
    ]  # fmt: skip
    assert periods.loc[periods["period_id"] == "2024-2025", "is_open"].tolist() == [True]


def test_a_commune_without_report_or_activity_has_no_data(con: duckdb.DuckDBPyConnection) -> None:
    communes = queries.commune_coverage(con, "2024-Q3", "2020").set_index("commune_code")
    assert communes.loc["02026", "coverage_pct"] == 33.3
    assert communes.loc["02026", "coverage_status"] == "measured"
    # nobody reported and nobody went: no share, not 0 %
    assert communes["coverage_pct"].isna()["02020"]
    assert communes.loc["02020", "coverage_status"] == "not_reported"
    assert communes["coverage_pct"].isna().sum() == 19
    merged = queries.commune_coverage(con, "2024-Q3", "2025").set_index("commune_code")
    row = merged.loc["02026"]
    assert [row["villages_applicable"], row["villages_reached"], row["coverage_pct"]] == [
        5,
        1,
        20.0,
    ]


def test_kpis_for_the_area_and_for_one_commune(con: duckdb.DuckDBPyConnection) -> None:
    area = queries.kpis(con, "2024-Q4", "2020").iloc[0]
    assert (area["coverage_pct"], area["activities"], area["units_reported"]) == (14.3, 2, 1)
    commune = queries.kpis(con, "2024-Q3", "2020", "2020:02026").iloc[0]
    assert commune[["villages_applicable", "villages_reached", "activities", "units_expected",
                    "units_reported"]].tolist() == [3, 1, 3, 2, 1]  # fmt: skip


def test_points_gaps_and_missing_reports(con: duckdb.DuckDBPyConnection) -> None:
    points = queries.village_points(con, "2024-Q3", "2020")
    assert dict(zip(points["village_name"], points["state"], strict=True)) == {
        "Tổ 3": "not_reported", "Tổ 9": "not_applicable", "Khuổi Đăm": "not_reported",
        "<img src=x onerror=alert(1)>": "not_reported", "Bản Cuôn": "indirect",
        "Khuổi Tục": "indirect", "Nà Pài": "reached",
    }  # fmt: skip
    schools = queries.school_points(con, "2024-Q4", "2025", "2025:02026")
    assert schools[["school_name", "reached"]].values.tolist() == [
        ["Trường THCS Xuân Lạc", True], ["Trường Tiểu học Nam Cường", False]]  # fmt: skip
    gaps = queries.village_gaps(con, "2024-Q3", "2020", "2020:02026")
    assert gaps["village_name"].tolist() == ["Bản Cuôn", "Khuổi Tục"]
    # never visited: the larger school first
    assert queries.school_gaps(con, "2024-Q3", "2020")["school_name"].tolist() == [
        "Trường THCS Xuân Lạc", "Trường Mầm non Bằng Lũng"]  # fmt: skip
    # before the reform, the new Nam Cường's area was three communes: Xuân Lạc reported Q4,
    # Nam Cường (Q3 only) and Đồng Lạc did not; nor did any district unit or commune police
    missing = queries.missing_reports(con, "2024-Q4", "2025:02026")
    district = ["cah", "gddt", "ldtbxh", "ttvhtttt", "vhtt"]
    communes = ["ca_xa:2020:02023", "ca_xa:2020:02026", "ubnd_xa:2020:02026", "ca_xa:2020:02029",
                "ubnd_xa:2020:02029"]  # fmt: skip
    assert missing["unit_id"].tolist() == [*district, *communes]  # by commune, then unit
    new_commune = queries.kpis(con, "2024-Q4", "2025", "2025:02026").iloc[0]
    assert new_commune[["units_expected", "units_reported"]].tolist() == [6, 1]


def test_activities_filter_and_page(con: duckdb.DuckDBPyConnection) -> None:
    first, last = date(2024, 1, 1), date(2024, 12, 31)
    page = queries.activities(
        con, geography="2025", first=first, last=last, commune_id="2025:02026", limit=2
    )
    assert page["place_name"].tolist() == ["Trường THCS Xuân Lạc", "Khuổi Đăm"]
    count = queries.activity_count(
        con, geography="2025", first=first, last=last, commune_id="2025:02026"
    )
    assert count == 5
    end = queries.activities(
        con, geography="2025", first=first, last=last, commune_id="2025:02026", limit=2, offset=4
    )
    assert end["place_name"].tolist() == ["Nà Pài"]
    only = queries.activities(
        con, geography="2020", first=first, last=last, types=["broadcast"], scopes=["commune"]
    )
    assert only["activity_type_vi"].tolist() == ["Phát thanh"]
    assert queries.activities(
        con, geography="2020", first=first, last=last, audiences=["media"]
    ).empty
    detail = page.iloc[1]  # a page's row carries every field the detail shows
    assert detail["activity_id"] == "file:ubnd_xa_xuan_lac_2024-Q4.csv:3"
    assert (detail["village_name"], detail["partner_kinds"]) == ("Khuổi Đăm", ["cah"])
    assert (detail["source_file"], detail["source_row"]) == ("ubnd_xa_xuan_lac_2024-Q4.csv", 3)


def test_imports_and_lists(con: duckdb.DuckDBPyConnection) -> None:
    assert queries.place_imports(con).values.tolist() == [
        ["villages", "villages.csv", 7, 3], ["schools", "schools.csv", 3, 1]]  # fmt: skip
    assert queries.villages(con, "2025", "2025:02020")["village_name"].tolist() == ["Tổ 3", "Tổ 9"]
    assert len(queries.schools(con, "2020")) == 3
    assert len(queries.boundaries(con, "2025")) == 8


def test_queries_check_their_arguments(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="geography"):
        queries.kpis(con, "2024-Q3", "2019")
    with pytest.raises(ValueError, match="scopes"):
        queries.activities(con, geography="2020", first=date(2024, 1, 1),
                           last=date(2024, 2, 1), scopes=["moon"])  # fmt: skip
    with pytest.raises(ValueError, match="first"):
        queries.activities(con, geography="2020", first=date(2024, 3, 1), last=date(2024, 2, 1))


def test_unit_names(con: duckdb.DuckDBPyConnection) -> None:
    assert queries.unit_name(con, "ubnd_xa:2020:02026", "vi") == "UBND xã/thị trấn – Xã Nam Cường"
    assert queries.unit_name(con, "gddt", "en") == "Education & Training office"
    assert queries.unit_name(con, "unknown_kind", "vi") == "unknown_kind"
