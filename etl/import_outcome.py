"""What an import stored, read back: its submissions and the problems in their rows.

The command line's printed report (``etl.import_report``) and the dashboard's import page
(``etl.uploads``) both show these tables, from the warehouse after an import or from the
scratch database of a dry run. The queries are ``etl/sql/outcome/*.sql``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

SQL_DIR = Path(__file__).with_name("sql") / "outcome"


def submissions(con: duckdb.DuckDBPyConnection, receipts: Sequence[str]) -> pd.DataFrame:
    """The submissions made from ``receipts``, with ``unit_name_vi`` / ``unit_name_en``."""
    return con.execute(_sql("import_submissions"), {"receipts": list(receipts)}).df()


def problems(con: duckdb.DuckDBPyConnection, receipts: Sequence[str]) -> pd.DataFrame:
    """Rejected rows and notices of ``receipts``' submissions, by file, row and column."""
    return con.execute(_sql("import_problems"), {"receipts": list(receipts)}).df()


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every submission in the warehouse, oldest first."""
    return con.execute(_sql("submission_history")).df()


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
