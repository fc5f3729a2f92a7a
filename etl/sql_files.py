"""The product's SQL files (``etl/sql/<folder>/<name>.sql``, the dashboard's ``dashboard/sql``),
each read once per process, and the one way to run such a file into a table."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import duckdb

ETL_SQL = Path(__file__).with_name("sql")
KINDS = ("temp table", "table", "temp view")


@cache
def read_sql(folder: Path, name: str) -> str:
    """The text of ``folder/<name>.sql``."""
    return (folder / f"{name}.sql").read_text(encoding="utf-8")


def create_table(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    name: str,
    params: Mapping[str, object],
    *,
    into: str | None = None,
    table: str | None = None,
    kind: str = "temp table",
) -> None:
    """Run the select of ``folder/<name>.sql`` into a ``kind`` (``temp table``, ``table`` or
    ``temp view``) named ``table`` (default ``name``), or append its rows to the table ``into``.

    Only the ``params`` the file uses are bound (a view takes none). Table names are
    identifiers, so they are checked (lower-case), not bound.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    select = read_sql(folder, name)
    used = _used(select, params)
    if into is not None:
        con.execute(f"insert into {_identifier(into)} {select}", used)
        return
    con.execute(f"create or replace {kind} {_identifier(table or name)} as {select}", used)


def fetch_rows(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    name: str,
    params: Mapping[str, object] | None = None,
) -> list[tuple]:
    """The rows of ``folder/<name>.sql``; only the ``params`` it uses are bound."""
    select = read_sql(folder, name)
    return con.execute(select, _used(select, params or {})).fetchall()


def _used(select: str, params: Mapping[str, object]) -> dict[str, object]:
    """The parameters ``select`` names (``$name``): DuckDB refuses any other."""
    return {k: v for k, v in params.items() if f"${k}" in select}


def _identifier(name: str) -> str:
    if not name.isidentifier() or not name.islower():
        raise ValueError(f"name must be a lower-case identifier, got {name!r}")
    return name
