"""The only dashboard module that runs SQL: one function per file in ``dashboard/sql/``.

Each returns a DataFrame. Parameters are bound, never formatted into the SQL text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

SQL_DIR = Path(__file__).with_name("sql")


def commune_map(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Communes with their web geometry (GeoJSON text) and activity totals."""
    return _run(con, "commune_map")


def monthly_activity(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Activities and participants per month, all communes."""
    return _run(con, "monthly_activity")


def totals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row: communes, activities, participants."""
    return _run(con, "totals")


def warehouse_info(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row: whether the data is a sample, whether boundaries are schematic, their source."""
    return _run(con, "warehouse_info")


def submission_history(con: duckdb.DuckDBPyConnection, unit_id: str | None) -> pd.DataFrame:
    """Submissions of ``unit_id`` (None: of every unit), newest first."""
    return _run(con, "submission_history", {"unit_id": unit_id})


def submission_problems(con: duckdb.DuckDBPyConnection, submission_id: str) -> pd.DataFrame:
    """The rejected rows of one submission: row, column, value, reasons."""
    return _run(con, "submission_problems", {"submission_id": submission_id})


def audit_log(con: duckdb.DuckDBPyConnection, action: str | None = None) -> pd.DataFrame:
    """Audit events (of one ``action``, or all), newest first, as of the last build."""
    return _run(con, "audit_log", {"action": action})


def period_locks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Locked periods."""
    return _run(con, "period_locks")


def _run(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None
) -> pd.DataFrame:
    return con.execute(_sql(name), params or {}).df()


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
