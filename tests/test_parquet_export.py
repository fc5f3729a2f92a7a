"""The marts exported as Parquet read back identically through the dashboard's own queries."""

from __future__ import annotations

import inspect
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.overview import query_arguments
from dashboard import queries
from etl import db
from etl.cli import main
from etl.config import Settings
from etl.export.parquet import VIEWS_FILE, export_parquet, mart_tables, partition_columns


@pytest.fixture(scope="module")
def exported(warehouse: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "marts"
    export_parquet(warehouse, out)
    return out


def _query_names() -> list[str]:
    return sorted(
        name
        for name, function in inspect.getmembers(queries, inspect.isfunction)
        if function.__module__ == queries.__name__ and not name.startswith("_")
    )


@pytest.mark.parametrize("query", _query_names())
def test_dashboard_queries_identical_from_parquet(
    warehouse: Settings, exported: Path, query: str
) -> None:
    """Every query the dashboard runs, with the arguments a first visit passes."""
    function = getattr(queries, query)
    duck = db.connect(warehouse, read_only=True)
    parquet = db.connect_path(exported / VIEWS_FILE, read_only=True)
    try:
        known = query_arguments(duck)
        wanted = list(inspect.signature(function).parameters)[1:]
        kwargs = {name: known[name] for name in wanted if name in known}
        try:
            expected = function(duck, **kwargs)
        except TypeError as error:  # a required argument no first visit gives
            pytest.skip(f"{query}: {error}")
        got = function(parquet, **kwargs)
    finally:
        duck.close()
        parquet.close()
    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    else:  # a count
        assert (got, type(got)) == (expected, type(expected))


def test_every_mart_is_a_view_with_the_same_columns(warehouse: Settings, exported: Path) -> None:
    duck = db.connect(warehouse, read_only=True)
    parquet = db.connect_path(exported / VIEWS_FILE, read_only=True)
    try:
        marts = mart_tables(duck)
        assert "commune_boundaries" in marts
        views = {r[0] for r in parquet.execute("select view_name from duckdb_views()").fetchall()}
        assert set(marts) <= views
        for mart in marts:
            assert (
                parquet.execute(f"describe {mart}").fetchall()
                == duck.execute(f"describe {mart}").fetchall()
            )
            count = f"select count(*) from {mart}"
            assert parquet.execute(count).fetchone() == duck.execute(count).fetchone()
    finally:
        duck.close()
        parquet.close()


def test_every_mart_reads_back_row_for_row(warehouse: Settings, exported: Path) -> None:
    con = db.connect(warehouse, read_only=True)
    try:
        views = str(exported / VIEWS_FILE).replace("'", "''")  # ATTACH takes no parameters
        found = con.execute("select current_database()").fetchone()
        assert found is not None
        warehouse_db = found[0]  # the warehouse's catalogue, however etl.db opened it
        con.execute(f"attach '{views}' as exported (read_only)")
        for mart in mart_tables(con):
            for left, right in ((warehouse_db, "exported"), ("exported", warehouse_db)):
                differ = con.execute(
                    f"select count(*) from (select * from {left}.{mart} "
                    f"except all select * from {right}.{mart})"
                ).fetchone()
                assert differ == (0,), f"{mart}: {left} has rows {right} lacks"
    finally:
        con.close()


def test_partitions_by_period_kind_and_year() -> None:
    periodic = [("period_id", "VARCHAR"), ("period_kind", "VARCHAR"), ("period_start", "DATE")]
    assert partition_columns(periodic) == ["period_kind", "year"]
    assert partition_columns([("period_start", "DATE")]) == ["year"]
    assert partition_columns([("month", "DATE"), ("activities", "BIGINT")]) == []
    # village_coverage keeps only period_id: its kind and year come from coverage_periods
    assert partition_columns([("period_id", "VARCHAR")], periods=True) == ["period_kind", "year"]
    assert partition_columns([("period_id", "VARCHAR")], periods=False) == []


def test_partitioned_mart_reads_back(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, db_path=tmp_path / "w.duckdb")
    con = db.connect(settings)
    con.execute(
        "create table district_coverage as select * from (values "
        "('2024-Q1', 'quarter', date '2024-01-01', 3), ('2024-06', 'month', date '2024-06-01', 1),"
        "('2025-Q3', 'quarter', date '2025-07-01', null)) as t(period_id, period_kind, "
        "period_start, activities)"
    )
    con.close()
    out = tmp_path / "out"
    export_parquet(settings, out)
    folders = sorted(str(p.relative_to(out)) for p in (out / "district_coverage").glob("*/*"))
    assert folders == [
        "district_coverage/period_kind=month/year=2024",
        "district_coverage/period_kind=quarter/year=2024",
        "district_coverage/period_kind=quarter/year=2025",
    ]
    views = db.connect_path(out / VIEWS_FILE, read_only=True)
    rows = views.execute("select * from district_coverage order by period_id").fetchall()
    assert views.execute(
        "select * from district_coverage where period_kind = 'month'"
    ).fetchall() == [("2024-06", "month", pd.Timestamp("2024-06-01").date(), 1)]
    assert [r[0] for r in rows] == ["2024-06", "2024-Q1", "2025-Q3"]
    assert rows[1][1:] == ("quarter", pd.Timestamp("2024-01-01").date(), 3)
    assert views.execute("describe district_coverage").fetchall()[2][1] == "DATE"
    views.close()


def test_export_refuses_a_folder_with_other_files(warehouse: Settings, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="out must be"):
        export_parquet(warehouse, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_cli_export_replaces_an_earlier_export(
    warehouse: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "marts"
    argv = ["--data-dir", str(warehouse.data_dir), "--db", str(warehouse.db_path)]
    assert main([*argv, "export", "parquet", "--out", str(out), "--lang", "en"]) == 0
    assert main([*argv, "export", "parquet", "--out", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert f"CHODON_DB={out / VIEWS_FILE}" in printed
    assert not out.with_name("marts.partial").exists()


def test_mart_with_period_id_only_is_partitioned_through_coverage_periods(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, db_path=tmp_path / "w.duckdb")
    con = db.connect(settings)
    con.execute(
        "create table coverage_periods as select * from (values "
        "('2024-Q3', 'quarter', date '2024-07-01'), ('2025', 'year', date '2025-01-01')) "
        "as t(period_id, period_kind, period_start)"
    )
    con.execute(
        "create table village_coverage as select * from (values "
        "('2024-Q3', 'v1', 'reached'), ('2025', 'v1', 'not_reported'), ('2025', 'v2', null)) "
        "as t(period_id, village_id, state)"
    )
    con.close()
    out = tmp_path / "out"
    export_parquet(settings, out)
    assert sorted(str(p.relative_to(out)) for p in (out / "village_coverage").glob("*/*")) == [
        "village_coverage/period_kind=quarter/year=2024",
        "village_coverage/period_kind=year/year=2025",
    ]
    views = db.connect_path(out / VIEWS_FILE, read_only=True)
    assert views.execute("describe village_coverage").fetchall() == [
        ("period_id", "VARCHAR", "YES", None, None, None),
        ("village_id", "VARCHAR", "YES", None, None, None),
        ("state", "VARCHAR", "YES", None, None, None),
    ]
    assert views.execute("select * from village_coverage order by all").fetchall() == [
        ("2024-Q3", "v1", "reached"), ("2025", "v1", "not_reported"), ("2025", "v2", None)
    ]  # fmt: skip
    views.close()
