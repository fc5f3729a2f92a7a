"""The coverage marts, on a tiny warehouse built through the real ETL.

The fixture imports a village list, a school list and seven unit reports
(``tests/fixtures/coverage``) with the real commands, then rebuilds with "today" set to
2025-10-15. Every expected row below was worked out by hand from those files:

- Nam Cường (02026): Nà Pài gets two direct sessions in July 2024 (the first a joint one with
  the culture office and the youth union); Bản Cuôn and Thôn Mới (created 2024-08-01) hear only
  a commune-wide broadcast on 2024-08-05; the school holds sessions on 2024-09-20 and 2025-02-10.
- Xuân Lạc (02023): the People's Committee declares "no activities" for 2024-Q3; its school has
  one session on 2024-12-05 (HK1 only); on 2025-09-03 Khuổi Đăm gets a session from the new Nam
  Cường commune with the commune police.
- Lương Bằng (02062): Bản Cáu gets a session on 2024-09-15, but the commune never reports.
- Nghĩa Tá (02071): nothing, no report.
- After the reform, the new Xã Nam Cường (2025:02026 = Xuân Lạc + Nam Cường + Đồng Lạc)
  broadcasts to its whole area on 2025-08-12.

Child estimates use 12,069 / 49,554 of the 2019 population: Nam Cường 3,143 → 765.5,
Xuân Lạc 3,764 → 916.7, Lương Bằng 1,937 → 471.8, Nghĩa Tá 1,491 → 363.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl import db, pipeline
from etl.cli import main
from etl.config import Settings
from tests.conftest import FIXTURES, make_data_dir

COVERAGE = FIXTURES / "coverage"
TODAY = date(2025, 10, 15)
NA_PAI = "2020:02026:na-pai"
BAN_CUON = "2020:02026:ban-cuon"
THON_MOI = "2020:02026:thon-moi"
KHUOI_DAM = "2020:02023:khuoi-dam"
NA_PAI_NGHIA_TA = "2020:02071:na-pai"
BAN_CAU = "2020:02062:ban-cau"
REPORTS: tuple[tuple[str, list[str]], ...] = (
    ("ubnd_nam_cuong_2024-Q3.csv", []),
    ("ubnd_xuan_lac_2024-Q3.csv", ["--unit", "ubnd_xa:2020:02023", "--period", "2024-Q3"]),
    ("ttvhtttt_2024-Q3.csv", []),
    ("gddt_2024-Q3.csv", []),
    ("gddt_2024-Q4.csv", []),
    ("gddt_2025-Q1.csv", []),
    ("ubnd_nam_cuong_2025-Q3.csv", []),
)


@pytest.fixture(scope="module")
def coverage_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the coverage warehouse described in the module docstring."""
    return build_coverage_warehouse(tmp_path_factory.mktemp("coverage"))


def build_coverage_warehouse(root: Path) -> Settings:
    """The coverage warehouse of the module docstring, built through the real commands in
    ``root`` (also the warehouse of ``tests/test_coverage_no_data.py``)."""
    settings = make_data_dir(root, [])
    base = ["--data-dir", str(settings.data_dir)]
    assert main([*base, "villages", "import", str(COVERAGE / "villages.csv")]) == 0
    assert main([*base, "schools", "import", str(COVERAGE / "schools.csv")]) == 0
    for name, options in REPORTS:
        assert (
            main([*base, "activities", "import", str(COVERAGE / "reports" / name), *options]) == 0
        )
    settings = replace(settings, as_of=TODAY)
    pipeline.build(settings)
    return settings


@pytest.fixture(scope="module")
def con(coverage_settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to it."""
    connection = db.connect(coverage_settings, read_only=True)
    yield connection
    connection.close()


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[tuple]:
    return con.execute(sql, params).fetchall()


VILLAGE_SQL = """
    select village_id, state, direct_activities, indirect_activities, indirect_commune_wide,
        unit_kinds, participants_total, children_reached, last_direct_date, days_since_direct,
        commune_reported
    from village_coverage
    where period_id = ? and geography = ?
    order by village_id
"""


def test_village_states_in_a_quarter(con: duckdb.DuckDBPyConnection) -> None:
    assert _rows(con, VILLAGE_SQL, ["2024-Q3", "2020"]) == [
        # Xuân Lạc reported "no activities": nobody went, and that is known
        (KHUOI_DAM, "not_reached", 0, 0, 0, [], None, None, None, None, True),
        # reached only by the commune-wide broadcast
        (BAN_CUON, "indirect", 0, 1, 1, ["ttvhtttt"], None, None, None, None, True),
        # the joint session counts once, but credits the culture office and the youth union
        (NA_PAI, "reached", 2, 1, 1, ["doan_the", "ttvhtttt", "ubnd_xa", "vhtt"], 65, 35,
         date(2024, 7, 20), 72, True),
        (THON_MOI, "indirect", 0, 1, 1, ["ttvhtttt"], None, None, None, None, True),
        # reached although its commune never reported
        (BAN_CAU, "reached", 1, 0, 0, ["ttvhtttt"], 50, None, date(2024, 9, 15), 15, False),
        # no activity and no report from Nghĩa Tá: maybe missing data
        (NA_PAI_NGHIA_TA, "not_reported", 0, 0, 0, [], None, None, None, None, False),
    ]  # fmt: skip


def test_a_village_created_mid_year_does_not_exist_before(con: duckdb.DuckDBPyConnection) -> None:
    sql = """
        select period_id, state, is_applicable, days_since_direct from village_coverage
        where village_id = ? and geography = '2020' and period_id in ('2024-07', '2024-08', '2024')
        order by period_id
    """
    assert _rows(con, sql, [THON_MOI]) == [
        ("2024", "indirect", True, None),
        ("2024-07", "not_applicable", False, None),
        ("2024-08", "indirect", True, None),
    ]
    july = _rows(con, VILLAGE_SQL, ["2024-07", "2020"])
    # in July the broadcast had not happened yet: Bản Cuôn was not reached, its commune reported
    assert [(r[0], r[1]) for r in july] == [
        (KHUOI_DAM, "not_reached"),
        (BAN_CUON, "not_reached"),
        (NA_PAI, "reached"),
        (THON_MOI, "not_applicable"),
        (BAN_CAU, "not_reported"),
        (NA_PAI_NGHIA_TA, "not_reported"),
    ]


def test_a_report_for_part_of_the_period_is_not_a_report_for_it(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # Xuân Lạc's People's Committee reported 2024-Q3 only: nobody reached Khuổi Đăm in Q3, and
    # that is known; for the half-year and the year its Q4 is unknown, so the absence of
    # activity may be missing data
    sql = """
        select period_id, state, commune_reported from village_coverage
        where village_id = ? and geography = '2020'
            and period_id in ('2024-Q3', '2024-Q4', '2024-H2', '2024', '2024-09')
        order by period_id
    """
    assert _rows(con, sql, [KHUOI_DAM]) == [
        ("2024", "not_reported", False),
        ("2024-09", "not_reached", True),
        ("2024-H2", "not_reported", False),
        ("2024-Q3", "not_reached", True),
        ("2024-Q4", "not_reported", False),
    ]


def test_after_the_reform_a_new_commune_covers_its_old_communes(
    con: duckdb.DuckDBPyConnection,
) -> None:
    sql = """
        select commune_code, commune_name, village_id, state, direct_activities,
            indirect_activities, unit_kinds, last_direct_date, days_since_direct,
            commune_reported
        from village_coverage
        where period_id = '2025-Q3' and geography = '2025'
        order by commune_code, village_id
    """
    assert con.execute(sql).fetchall() == [
        # Khuổi Đăm (old Xuân Lạc) named under the new Xã Nam Cường; the broadcast named with the
        # new commune covers the villages of all its old communes
        ("02026", "Nam Cường", KHUOI_DAM, "reached", 1, 1, ["ca_xa", "ubnd_xa"],
         date(2025, 9, 3), 27, True),
        ("02026", "Nam Cường", BAN_CUON, "indirect", 0, 1, ["ubnd_xa"], None, None, True),
        ("02026", "Nam Cường", NA_PAI, "indirect", 0, 1, ["ubnd_xa"], date(2024, 7, 20), 437,
         True),
        ("02026", "Nam Cường", THON_MOI, "indirect", 0, 1, ["ubnd_xa"], None, None, True),
        ("02071", "Nghĩa Tá", BAN_CAU, "not_reported", 0, 0, [], date(2024, 9, 15), 380, False),
        ("02071", "Nghĩa Tá", NA_PAI_NGHIA_TA, "not_reported", 0, 0, [], None, None, False),
    ]  # fmt: skip
    # the same villages in the 2020 geography keep their old communes and the same state
    sql_2020 = """
        select village_id, commune_code, state from village_coverage
        where period_id = '2025-Q3' and geography = '2020' and village_id = ?
    """
    assert _rows(con, sql_2020, [KHUOI_DAM]) == [(KHUOI_DAM, "02023", "reached")]


COMMUNE_SQL = """
    select commune_code, villages_applicable, villages_reached, villages_indirect,
        villages_not_reached, villages_not_reported, coverage_pct, schools, schools_reached,
        activities, direct_activities, indirect_activities, joint_activities, joint_share_pct,
        unit_kinds_active, missing_unit_kinds, participants_children, participants_parents,
        participants_total, children_reached, child_population, children_estimated,
        children_reached_pct
    from commune_coverage
    where period_id = ? and geography = ? and commune_code in ('02023', '02026', '02062', '02071')
    order by commune_code
"""


def test_commune_coverage_in_a_quarter(con: duckdb.DuckDBPyConnection) -> None:
    assert _rows(con, COMMUNE_SQL, ["2024-Q3", "2020"]) == [
        ("02023", 1, 0, 0, 1, 0, 0.0, 1, 0, 0, 0, 0, 0, None, [],
         ["ca_xa|cah", "gddt", "ttvhtttt|vhtt", "ubnd_xa"], None, None, None, None, 917, True,
         None),
        # 4 activities (2 in Nà Pài, the broadcast, the school session), 2 of them joint
        ("02026", 3, 1, 2, 0, 0, 33.3, 1, 1, 4, 3, 1, 2, 50.0,
         ["doan_the", "gddt", "ttvhtttt", "ubnd_xa", "vhtt"], ["ca_xa|cah"], 160, 25, 185, 155, 765,
         True, 20.3),
        ("02062", 1, 1, 0, 0, 0, 100.0, 0, 0, 1, 1, 0, 0, 0.0, ["ttvhtttt"],
         ["ca_xa|cah", "ubnd_xa"],
         None, None, 50, None, 472, True, None),
        # its one village not reported: no coverage share, not 0 %
        ("02071", 1, 0, 0, 0, 1, None, 0, 0, 0, 0, 0, 0, None, [],
         ["ca_xa|cah", "ttvhtttt|vhtt", "ubnd_xa"], None, None, None, None, 363, True, None),
    ]  # fmt: skip


def test_commune_coverage_of_the_new_communes(con: duckdb.DuckDBPyConnection) -> None:
    # 2025-Q3: district offices have ended (etl/reference/unit_kinds.csv), so only a People's
    # Committee and the commune police are expected. Population 2019 of the Chợ Đồn part:
    # Nam Cường 3,764 + 3,143 + 2,255 = 9,162; Nghĩa Tá 1,937 + 1,491 + 3,097 = 6,525.
    assert _rows(con, COMMUNE_SQL, ["2025-Q3", "2025"]) == [
        ("02026", 4, 1, 3, 0, 0, 25.0, 2, 0, 2, 1, 1, 1, 50.0, ["ca_xa", "ubnd_xa"], [],
         None, 30, 30, None, 2231, True, None),
        ("02071", 2, 0, 0, 0, 2, None, 0, 0, 0, 0, 0, 0, None, [], ["ca_xa", "ubnd_xa"],
         None, None, None, None, 1589, True, None),
    ]  # fmt: skip
    # 2025-Q1 straddles the end of the district police: either police unit would do
    q1 = _rows(con, COMMUNE_SQL, ["2025-Q1", "2025"])
    assert [(r[0], r[15]) for r in q1] == [
        ("02026", ["ca_xa|cah", "ttvhtttt|vhtt", "ubnd_xa"]),
        ("02071", ["ca_xa|cah", "ttvhtttt|vhtt", "ubnd_xa"]),
    ]


def test_district_headline(con: duckdb.DuckDBPyConnection) -> None:
    sql = """
        select villages_applicable, villages_reached, villages_indirect, villages_not_reached,
            villages_not_reported, coverage_pct, schools, schools_reached, schools_pct,
            activities, direct_activities, indirect_activities, joint_activities,
            joint_share_pct, unit_kinds_active, participants_total, children_reached,
            child_population, children_reached_pct
        from district_coverage
        where period_id = '2024-Q3' and geography = '2020'
    """
    # 5 activities: 2 in Nà Pài, the broadcast, the Nam Cường school session, Bản Cáu;
    # participants 40 + 25 + 120 + 50; children 35 + 120 of the census's 12,069
    assert con.execute(sql).fetchall() == [
        (6, 2, 2, 1, 1, 33.3, 2, 1, 50.0, 5, 4, 1, 2, 40.0,
         ["doan_the", "gddt", "ttvhtttt", "ubnd_xa", "vhtt"], 235, 155, 12069, 1.3),
    ]  # fmt: skip


def test_what_the_readers_show_is_in_the_marts(con: duckdb.DuckDBPyConnection) -> None:
    sql = """
        select commune_code, coverage_pct, coverage_status, schools_pct,
            kpi_participants_total, kpi_children_reached, kpi_children_reached_pct, units_expected,
            units_reported
        from commune_coverage
        where period_id = '2024-Q3' and geography = '2020'
            and commune_code in ('02023', '02026', '02062', '02071')
        order by commune_code
    """
    assert con.execute(sql).fetchall() == [
        # no activity: nobody attended (0, not unknown); Khuổi Đăm's state is known (not reached)
        # units expected: the People's Committee and the commune police (there throughout)
        ("02023", 0.0, "measured", 0.0, 0, 0, 0.0, 2, 1),
        ("02026", 33.3, "measured", 100.0, 185, 155, 20.3, 2, 1),
        # an activity with no count of children keeps them unknown; no school: no share
        ("02062", 100.0, "measured", None, 50, None, None, 2, 0),
        # nobody reported and nobody went: no data, not 0 %
        ("02071", None, "not_reported", None, 0, 0, 0.0, 2, 0),
    ]  # fmt: skip
    # after the reform the new Nam Cường's People's Committee reported, its police did not
    new = """
        select commune_code, units_expected, units_reported from commune_coverage
        where period_id = '2025-Q3' and geography = '2025' and commune_code in ('02026', '02071')
        order by commune_code
    """
    assert con.execute(new).fetchall() == [("02026", 2, 1), ("02071", 2, 0)]
    district = """
        select geography, communes, kpi_participants_total,
            kpi_children_reached, kpi_children_reached_pct, units_expected, units_reported,
            units_complete
        from district_coverage
        where period_id = '2024-Q3'
        order by geography
    """
    # the same area in both geographies, of 20 communes or 8; 45 units expected: 5 district
    # units, 20 People's Committees and 20 commune police
    assert con.execute(district).fetchall() == [
        ("2020", 20, 235, 155, 1.3, 45, 4, 4),
        ("2025", 8, 235, 155, 1.3, 45, 4, 4),
    ]
    gaps = """
        select village_id, is_gap from village_priority
        where period_id = '2024-Q3' and geography = '2020'
        order by village_id
    """
    assert con.execute(gaps).fetchall() == [
        (KHUOI_DAM, True),
        (BAN_CUON, True),
        (NA_PAI, False),
        (THON_MOI, True),
        (BAN_CAU, False),
        (NA_PAI_NGHIA_TA, True),
    ]
    types = """
        select activity_type, task_group, activities, participants, children
        from activity_type_totals
        where period_id = '2024-Q3' and activities > 0
        order by task_group, type_order
    """
    # sessions in Nà Pài, at the school and in Bản Cáu (40 + 120 + 50; children 35 + 120), the
    # parents' meeting (25), the broadcast: what nobody counted adds up to 0
    assert con.execute(types).fetchall() == [
        ("session", "1", 3, 210, 155),
        ("integrated", "1", 1, 25, 0),
        ("broadcast", "1", 1, 0, 0),
    ]


def test_unit_kind_masks_decode_to_their_kinds(con: duckdb.DuckDBPyConnection) -> None:
    # the macro of etl/sql/macros, over unit_kind_bits; no bit set, no kinds
    bits = dict(con.execute("select unit_kind, bit from unit_kind_bits").fetchall())
    row = con.execute(
        "select unit_kinds_in_mask(?), unit_kinds_in_mask(0), unit_kinds_in_mask(null)",
        [bits["vhtt"] | bits["cah"]],
    ).fetchone()
    assert row == (["cah", "vhtt"], [], [])


def test_decision_830_across_new_year(con: duckdb.DuckDBPyConnection) -> None:
    sql = """
        select area_level, commune_code, schools, schools_by_semester, schools_every_semester,
            share_pct, target_pct, target_met
        from school_indicator_830
        where period_id = '2024-2025' and geography = '2020'
        order by area_level, commune_code
    """
    assert con.execute(sql).fetchall() == [
        # Xuân Lạc's school: a session on 2024-12-05 (HK1), none in HK2
        ("commune", "02023", 1, {"HK1": 1, "HK2": 0}, 0, 0.0, 100.0, False),
        # Nam Cường's school: 2024-09-20 (HK1) and 2025-02-10 (HK2)
        ("commune", "02026", 1, {"HK1": 1, "HK2": 1}, 1, 100.0, 100.0, True),
        ("district", None, 2, {"HK1": 2, "HK2": 1}, 1, 50.0, 100.0, False),
    ]
    school_year = _rows(
        con,
        "select period_start, period_end, is_open from coverage_periods where period_id = ?",
        ["2024-2025"],
    )
    assert school_year == [(date(2024, 9, 1), date(2025, 5, 31), False)]


def test_school_coverage(con: duckdb.DuckDBPyConnection) -> None:
    sql = """
        select school_id, reached, activities, sessions, unit_kinds, participants_total,
            children_reached, last_activity_date, days_since_activity
        from school_coverage
        where period_id = '2024-2025-HK2' and geography = '2025'
        order by school_id
    """
    assert con.execute(sql).fetchall() == [
        ("2020:02023:truong-thcs-xuan-lac", False, 0, 0, [], None, None, date(2024, 12, 5),
         177),
        ("2020:02026:truong-tieu-hoc-nam-cuong", True, 1, 1, ["gddt"], 15, None,
         date(2025, 2, 10), 110),
    ]  # fmt: skip


def test_reporting_completeness(con: duckdb.DuckDBPyConnection) -> None:
    sql = """
        select unit_id, unit_name, expected, submitted, no_activities, days_covered, complete
        from unit_reporting
        where period_id = ? and (submitted or unit_id in ('vhtt', 'ubnd_xa:2020:02071'))
        order by unit_id
    """
    assert _rows(con, sql, ["2024-Q3"]) == [
        ("gddt", "Phòng Giáo dục và Đào tạo", True, True, False, 92, True),
        ("ttvhtttt", "Trung tâm Văn hóa, Thể thao và Truyền thông", True, True, False, 92, True),
        ("ubnd_xa:2020:02023", "UBND xã/thị trấn – Xã Xuân Lạc", True, True, True, 92, True),
        ("ubnd_xa:2020:02026", "UBND xã/thị trấn – Xã Nam Cường", True, True, False, 92, True),
        ("ubnd_xa:2020:02071", "UBND xã/thị trấn – Xã Nghĩa Tá", True, False, None, 0, False),
        ("vhtt", "Phòng Văn hóa và Thông tin", True, False, None, 0, False),
    ]
    # 5 district units, 20 People's Committees and 20 commune police were expected
    counts = """
        select count(*), count(*) filter (where submitted) from unit_reporting where period_id = ?
    """
    assert _rows(con, counts, ["2024-Q3"]) == [(45, 4)]
    # two quarterly reports cover half of the year
    assert _rows(con, sql, ["2024"])[0] == (
        "gddt",
        "Phòng Giáo dục và Đào tạo",
        True,
        True,
        False,
        184,
        False,
    )


def test_priority_score_and_its_parts(con: duckdb.DuckDBPyConnection) -> None:
    sql = """
        select priority_rank, village_id, state, priority_score, state_points, recency_points,
            children_points, missing_kind_points
        from village_priority
        where period_id = '2024-Q3' and geography = '2020'
        order by priority_rank, village_id
    """
    assert con.execute(sql).fetchall() == [
        # 40 not reached + 30 never visited + 20 (917 children ≥ 300) + 4 missing kinds × 5
        (1, KHUOI_DAM, "not_reached", 110.0, 40.0, 30.0, 20.0, 20.0),
        (2, NA_PAI_NGHIA_TA, "not_reported", 95.0, 30.0, 30.0, 20.0, 15.0),
        # 765.5 children shared equally by 3 villages (Thôn Mới's households unknown): 255.2
        (3, BAN_CUON, "indirect", 72.0, 20.0, 30.0, 17.0, 5.0),
        (3, THON_MOI, "indirect", 72.0, 20.0, 30.0, 17.0, 5.0),
        # 15 days since the last session: 30 × 15 / 365
        (5, BAN_CAU, "reached", 31.2, 0.0, 1.2, 20.0, 10.0),
        (6, NA_PAI, "reached", 27.9, 0.0, 5.9, 17.0, 5.0),
    ]


def test_the_coverage_command_prints_the_marts(
    coverage_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    path = coverage_settings.db_path
    code = main(["--db", str(path), "coverage", "--level", "village", "--period", "2024-Q3"])
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Độ phủ thôn, tổ dân phố — kỳ 2024-Q3 (2024-07-01 đến 2024-09-30)")
    assert any("Khuổi Đăm" in line and "Chưa đến (xã đã báo cáo)" in line for line in out)
    code = main(["--db", str(path), "coverage", "--level", "commune", "--period", "2025-Q3",
                 "--geography", "2025", "--format", "csv"])  # fmt: skip
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("period_id,period_kind,period_start,period_end,geography,")
    assert sum(1 for line in lines[1:] if ",2025:" in line) == 8
    assert main(["--db", str(path), "coverage", "--level", "unit", "--period", "2023-Q1"]) == 1
