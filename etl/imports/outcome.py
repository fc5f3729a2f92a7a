"""What an import stored, read back: its submissions and the problems in their rows.

The command line's printed report (``etl.imports.printout``) and the dashboard's import page
(``etl.imports.uploads``) both show these tables, from the warehouse after an import or from the
scratch database of a dry run. The queries are ``etl/sql/outcome/*.sql``.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from etl.sql_files import ETL_SQL, read_sql

SQL_DIR = ETL_SQL / "outcome"


def submissions(con: duckdb.DuckDBPyConnection, receipts: Sequence[str]) -> pd.DataFrame:
    """The submissions made from ``receipts``, with ``unit_name_vi`` / ``unit_name_en``."""
    return con.execute(read_sql(SQL_DIR, "import_submissions"), {"receipts": list(receipts)}).df()


def problems(con: duckdb.DuckDBPyConnection, receipts: Sequence[str]) -> pd.DataFrame:
    """Rejected rows and notices of ``receipts``' submissions, by file, row and column."""
    return con.execute(read_sql(SQL_DIR, "import_problems"), {"receipts": list(receipts)}).df()


def replaced_rows(con: duckdb.DuckDBPyConnection, receipts: Sequence[str]) -> pd.DataFrame:
    """The rows that counted in the submissions that ``receipts``' submissions replaced, each
    with its day, activity (``activity_vi`` / ``activity_en``), place and the same row of the
    new file (``same_row``, or null)."""
    return con.execute(read_sql(SQL_DIR, "replaced_rows"), {"receipts": list(receipts)}).df()


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every submission in the warehouse, oldest first."""
    return con.execute(read_sql(SQL_DIR, "submission_history")).df()
