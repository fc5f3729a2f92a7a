"""The marts as partitioned Parquet, plus a DuckDB file of views that reads them back.

``export_parquet`` writes every mart table of the warehouse (the ``sql/marts`` models of
``etl/transform.py``) under ``OUT/<mart>/``, hive-partitioned by ``period_kind`` and ``year``
(of ``period_start``) when the mart has periods: its own ``period_start``, or its ``period_id``
looked up in ``coverage_periods``. Partition columns are also kept in the files, so any engine
reads them whole; marts without periods are one file.
It also writes ``OUT/warehouse.duckdb``: one view per mart, same name, same columns in the same
order and with the same types, over ``read_parquet``. Pointing the dashboard at it
(``CHODON_DB=OUT/warehouse.duckdb``) runs the unchanged queries on the Parquet files: the shape
the marts would take in object storage read by DuckDB, MotherDuck, ClickHouse or Spark.

The Parquet files are written beside ``OUT`` and swapped in; the views file is written last
(DuckDB checks that a view's files exist), so a reader never sees half an export. The views
name the Parquet folder by its absolute path: move the folder, export again.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import db
from etl.config import Settings
from etl.transform import MODELS

VIEWS_FILE = "warehouse.duckdb"
PERIOD_ID = "period_id"
PERIOD_KIND = "period_kind"
PERIOD_START = "period_start"
PERIODS_TABLE = "coverage_periods"
YEAR = "year"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: rows per mart, and the views file."""

    out: Path
    views: Path
    rows: dict[str, int]


def export_parquet(settings: Settings, out: Path) -> ExportResult:
    """Write the marts of ``settings.db_path`` as Parquet under ``out`` (see module docstring).

    ``out`` must not exist, be empty, or hold an earlier export (which is replaced).
    """
    out = out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / VIEWS_FILE).exists():
        raise ValueError(f"out must be a new or empty folder or an earlier export, got {out}")
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    source = db.connect(settings, read_only=True)
    try:
        marts = mart_tables(source)
        rows = {name: _write_mart(source, name, partial / name) for name in marts}
        columns = {name: _columns(source, name) for name in marts}
        hive = {name: any((partial / name).glob("*=*")) for name in marts}
    finally:
        source.close()
    if out.exists():
        shutil.rmtree(out)
    partial.rename(out)
    views = out / VIEWS_FILE
    _write_views(views.with_name(VIEWS_FILE + ".partial"), out, columns, hive).rename(views)
    return ExportResult(out, views, rows)


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Mart tables present in ``con``, in build order."""
    present = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
    return [m.stem for m in MODELS if m.parent.name == "marts" and m.stem in present]


def partition_columns(columns: list[tuple[str, str]], periods: bool = False) -> list[str]:
    """Hive partition columns for a mart with ``columns`` (name, type): ``period_kind`` and
    ``year`` when it has a ``period_start``, or a ``period_id`` and ``periods`` (a
    ``coverage_periods`` table to look the period up in); none otherwise."""
    names = {name for name, _ in columns}
    if YEAR in names:
        return []
    if PERIOD_START in names:
        return [PERIOD_KIND, YEAR] if PERIOD_KIND in names else [YEAR]
    return [PERIOD_KIND, YEAR] if PERIOD_ID in names and periods else []


def _write_mart(con: duckdb.DuckDBPyConnection, name: str, folder: Path) -> int:
    """COPY one mart into ``folder``; return its row count.

    DDL and COPY take no bound parameters for names and paths: the mart name comes from the
    warehouse's own catalogue and the path is quoted as a literal.
    """
    columns = _columns(con, name)
    count = con.execute(f"select count(*) from {_ident(name)}").fetchone()
    rows = int(count[0]) if count else 0
    partitions = partition_columns(columns, _has_periods(con)) if rows else []
    folder.mkdir(parents=True)
    if not partitions:
        target = db.sql_literal(str(folder / "data.parquet"))
        con.execute(f"copy {_ident(name)} to {target} (format parquet)")
        return rows
    partition_by = ", ".join(_ident(p) for p in partitions)
    con.execute(
        f"copy ({_partitioned_select(name, columns)}) to {db.sql_literal(str(folder))} "
        f"(format parquet, partition_by ({partition_by}), write_partition_columns true)"
    )
    return rows


def _partitioned_select(name: str, columns: list[tuple[str, str]]) -> str:
    """The mart's rows with what it lacks of ``period_kind`` and ``year``, looked up in
    ``coverage_periods`` by ``period_id`` when the mart has no ``period_start``."""
    names = {column for column, _ in columns}
    if PERIOD_START in names:
        return f"select mart.*, year(mart.{PERIOD_START}) as {YEAR} from {_ident(name)} as mart"
    kind = "" if PERIOD_KIND in names else f", periods.{PERIOD_KIND}"
    return (
        f"select mart.*{kind}, year(periods.{PERIOD_START}) as {YEAR} "
        f"from {_ident(name)} as mart "
        f"left join {PERIODS_TABLE} as periods on periods.{PERIOD_ID} = mart.{PERIOD_ID}"
    )


def _has_periods(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute(
        "select count(*) from duckdb_tables() where table_name = ?", [PERIODS_TABLE]
    ).fetchone()
    return bool(found and found[0])


def _write_views(
    path: Path, out: Path, marts: dict[str, list[tuple[str, str]]], hive: dict[str, bool]
) -> Path:
    """One view per mart over ``out/<mart>/**/*.parquet``, with the mart's columns and types;
    returns ``path``."""
    path.unlink(missing_ok=True)
    con = db.connect_path(path)
    try:
        for name, columns in marts.items():
            selected = ", ".join(
                f"cast({_ident(column)} as {kind}) as {_ident(column)}" for column, kind in columns
            )
            files = db.sql_literal(str(out / name / "**" / "*.parquet"))
            partitioned = "true" if hive[name] else "false"
            con.execute(
                f"create view {_ident(name)} as select {selected} "
                f"from read_parquet({files}, hive_partitioning = {partitioned})"
            )
        con.execute("checkpoint")
    finally:
        con.close()
    return path


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    rows = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where table_name = ? and database_name = current_database() order by column_index",
        [table],
    ).fetchall()
    return [(str(name), str(kind)) for name, kind in rows]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
