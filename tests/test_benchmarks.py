"""The benchmark harness on tiny inputs: tiling keeps joins, reports add up. No timing here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks import cases, ops
from benchmarks.harness import Figure, Op, compare, ratio, series
from benchmarks.overview import query_arguments
from benchmarks.report import Run, growth_rows, render
from benchmarks.scales import SCALES, Scale, replicas_for, sizes_of
from benchmarks.tiling import tile_id, tile_warehouse
from dashboard import queries
from etl import db
from etl.config import Settings


@pytest.mark.parametrize(
    ("value", "copy", "expected"),
    [
        ("2020:02026", 0, "2020:02026"),
        ("2020:02026", 3, "2020:02026~3"),
        ("2020:02026:na-pai", 3, "2020:02026~3:na-pai"),
        ("ubnd_xa:2020:02026", 12, "ubnd_xa:2020:02026~12"),
        ("02026", 1, "02026~1"),
        ("vhtt", 2, "vhtt~2"),
        (None, 2, None),
    ],
)
def test_tile_id(value: str | None, copy: int, expected: str | None) -> None:
    assert tile_id(value, copy) == expected


def test_replicas_reach_the_target() -> None:
    assert replicas_for(SCALES["district"], 2_500) == 1
    assert replicas_for(Scale("province", 7, 1_000_000), 2_500) == 57
    assert replicas_for(Scale("tiny", 2, 10), 100) == 1
    assert replicas_for(Scale("empty", 7, 1_000_000), 0) == 1


@pytest.fixture(scope="module")
def tiled(warehouse: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiled") / "tiled.duckdb"
    tile_warehouse(warehouse.db_path, out, copies=3, replicas=2)
    return out


def test_tiling_multiplies_places_and_activities(warehouse: Settings, tiled: Path) -> None:
    district, province = sizes_of(warehouse.db_path), sizes_of(tiled)
    assert province["communes"] == 3 * district["communes"] == 60
    assert province["activities"] == 6 * district["activities"]
    con = db.connect_path(tiled, read_only=True)
    try:
        codes = con.execute(
            "select count(*), count(distinct commune_code), count(distinct commune_id) "
            "from commune_boundaries where geography = '2020'"
        ).fetchone()
        assert codes == (60, 60, 60)
        assert con.execute(
            "select commune_code from commune_boundaries "
            "where geography = '2020' and commune_code like '02020%' order by 1"
        ).fetchall() == [("02020",), ("02020~1",), ("02020~2",)]
        # every copy's activities still join to their own commune: 6× the district's total
        total = con.execute(
            "select count(*) from activity_list where len(commune_ids_2020) > 0"
        ).fetchone()
        assert total == (6 * district["activities"],)
        columns = {row[0] for row in con.execute("describe stg_activities").fetchall()}
        if "activity_id" in columns:  # the staging contract's key: unique per copy
            ids = con.execute("select count(distinct activity_id) from stg_activities").fetchone()
            assert ids == (6 * district["activities"],)
        # copies sit side by side: copy 1 starts east of copy 0
        east_0, west_1 = con.execute(
            "select max(st_xmax(geom)) filter (where commune_code not like '%~%'), "
            "min(st_xmin(geom)) filter (where commune_code like '%~1') from commune_boundaries"
        ).fetchone() or (None, None)
        assert west_1 > east_0
    finally:
        con.close()


def test_scan_floor_reads_the_marts_a_query_names(tiled: Path) -> None:
    con = db.connect_path(tiled, read_only=True)
    try:
        assert ops.marts_read("boundaries", con) == ["commune_boundaries"]
        assert ops.marts_read("no_such_query", con) == []
        assert ops.marts_read("exports/communes", con) == ["commune_coverage"]
        scanned = con.execute(ops.scan_sql(["commune_boundaries"])).fetchone()
        assert scanned is not None and scanned[0] is not None
    finally:
        con.close()
    assert ops.scan_sql([]) == "select 1"
    assert ops.sql_name(queries.kpis) == "district_kpis"
    assert ops.sql_name(queries.commune_coverage) == "exports/communes"  # read through etl


def test_every_dashboard_query_gets_its_arguments(tiled: Path) -> None:
    con = db.connect_path(tiled, read_only=True)
    try:
        known = query_arguments(con)
    finally:
        con.close()
    assert known["geography"] == "2020"
    assert {"period_id", "first", "last"} <= set(known)
    functions, skipped = ops.query_functions(set(known))
    assert skipped == {}
    assert {"kpis", "commune_coverage", "village_points", "boundaries"} <= set(functions)


def test_compare_alternates_fresh_processes(tiled: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(tiled, copy)
    figure = compare("marts", "tiny", Op("marts", {"db": str(copy)}, "marts"),
                     Op("marts_floor", {"db": str(copy)}, "floor"), runs=1)  # fmt: skip
    assert (len(figure.seconds), len(figure.floor_seconds)) == (1, 1)
    assert figure.peak_mb is not None and figure.peak_mb > 50  # a whole interpreter with DuckDB
    assert figure.ratio == figure.seconds[0] / figure.floor_seconds[0]
    with pytest.raises(ValueError, match="runs must be"):
        compare("marts", "tiny", Op("marts", {}, "m"), Op("marts", {}, "m"), runs=0)


def _figure(scale: str, seconds: float, floor: float) -> Figure:
    return Figure("marts", scale, "marts rebuild", "group-by pass", [seconds] * 3, [floor] * 3,
                  300.0, 250.0, {"rows": 1200})  # fmt: skip


def test_report_ratios_and_growth() -> None:
    sizes = {
        "district": {"communes": 20, "villages": 187, "schools": 58, "activities": 2_000},
        "province": {"communes": 140, "villages": 1_309, "schools": 406, "activities": 1_000_000},
    }
    figures = [_figure("district", 0.1, 0.05), _figure("province", 2.0, 0.5)]
    rows = growth_rows(figures, sizes)
    assert rows == [{
        "case": "marts", "subject": "marts rebuild",
        "medians": {"district": 0.1, "province": 2.0},
        "factors": {"district": 1.0, "province": 20.0},
        "data": {"district": 1.0, "province": 500.0},
    }]  # fmt: skip
    text = render(Run("python -m benchmarks.run", "2026-01-01 10:00 UTC", 90.0,
                      {"CPU": "Test CPU", "cores": "2"}, sizes, figures, ["a note"],
                      ["import: not on this branch"]))  # fmt: skip
    assert "| CPU | Test CPU |" in text
    assert "| marts rebuild | province | 2.00 s (2.00–2.00) | group-by pass | " in text
    assert "**4.00×**" in text and "**2.00×**" in text
    assert "| marts rebuild | 100.0 ms | 2.00 s | ×20.0 | ×500 |" in text
    assert "| province ÷ district | ×7 | ×7 | ×7 | ×500 |" in text
    assert "province: communes ×7, villages ×7, activities ×500" in text
    assert "- import: not on this branch" in text


def test_series_and_ratio() -> None:
    assert series([0.002, 0.001, 0.003]) == "2.0 ms (1.0–3.0)"
    assert series([2.0, 1.5, 3.0]) == "2.00 s (1.50–3.00)"
    assert ratio(1.0, 0.0) == float("inf")


def test_import_growth_follows_the_file_and_memory_projects_linearly() -> None:
    sizes = {"district": {"activities": 1_500}, "province": {"activities": 1_000_000}}
    small = Figure("import", "district", "import csv end to end", "read_csv", [4.0], [0.1],
                   300.0, 200.0, {"input rows": 1_500})  # fmt: skip
    large = Figure("import", "province", "import csv end to end", "read_csv", [36.0], [1.8],
                   4_000.0, 500.0, {"input rows": 100_000})  # fmt: skip
    (row,) = growth_rows([small, large], sizes)
    assert row["data"] == {"district": 1.0, "province": pytest.approx(100_000 / 1_500)}
    assert cases._projected_mb([small, large], "import csv end to end", 1_000_000) == 40_000.0
    assert cases._projected_mb([small], "import csv end to end", 1_000_000) is None  # too small
    assert cases._projected_mb([small], "import xlsx end to end", 10) is None
