"""Write DataFrames into tables: ``raw_*`` and ``ref_*`` tables of the build, replacing what was
there, and the temporary tables a build step works on."""

from __future__ import annotations

import re
from collections.abc import Mapping

import duckdb
import pandas as pd

_TABLE_NAME = re.compile(r"^(raw|ref)_[a-z0-9_]+$")
_TYPES = ("varchar", "integer", "bigint", "double", "boolean", "date")


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


def load_temp(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    types: Mapping[str, str] | None = None,
) -> None:
    """Create or replace the temporary ``table`` with the rows of ``frame``: each column named
    in ``types`` cast to its type (one of ``varchar``, ``integer``, ``bigint``, ``double``,
    ``boolean``, ``date``), the others as DuckDB reads them from pandas.

    ``table`` and the column names are identifiers, so they are checked (lower-case), not bound.
    """
    types = types or {}
    unknown = sorted(set(types.values()) - set(_TYPES))
    if unknown:
        raise ValueError(f"types must be some of {_TYPES}, got {unknown}")
    absent = sorted(set(types) - set(frame.columns))
    if absent:
        raise ValueError(f"types must name columns of frame, got {absent}")
    for name in [table, *frame.columns]:
        if not isinstance(name, str) or not name.isidentifier() or not name.islower():
            raise ValueError(f"table and columns must be lower-case identifiers, got {name!r}")
    casts = ", ".join(f"cast({c} as {types[c]}) as {c}" if c in types else c for c in frame.columns)
    con.register("_frame", frame)
    try:
        con.execute(f"create or replace temp table {table} as select {casts} from _frame")
    finally:
        con.unregister("_frame")
