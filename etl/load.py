"""Write DataFrames into ``raw_*`` tables, replacing what was there."""

from __future__ import annotations

import re

import duckdb
import pandas as pd

_TABLE_NAME = re.compile(r"^(raw|ref)_[a-z0-9_]+$")


def load_raw(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> None:
    """Create or replace ``table`` with the rows of ``df``.

    ``table`` must look like ``raw_<source>`` or ``ref_<list>`` (it is an identifier, so it is
    checked, not bound).
    """
    if not _TABLE_NAME.match(table):
        raise ValueError(f"table must match {_TABLE_NAME.pattern}, got {table!r}")
    con.register("_incoming", df)
    try:
        con.execute(f"create or replace table {table} as select * from _incoming")
    finally:
        con.unregister("_incoming")
