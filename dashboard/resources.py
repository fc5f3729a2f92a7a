"""Cached resources: the read-only warehouse connection.

The ETL swaps in a new warehouse file when it builds, so the connection is cached per file
version (path and modification time): after a build, the next rerun opens the new file.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from etl import db
from etl.config import Settings


def connection() -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current warehouse (raises FileNotFoundError if none)."""
    path = Settings.from_env().db_path
    if not path.exists():
        raise FileNotFoundError(path)
    return _open(str(path), path.stat().st_mtime_ns)


@st.cache_resource(max_entries=2, show_spinner=False)
def _open(path: str, version: int) -> duckdb.DuckDBPyConnection:
    del version  # part of the cache key only
    return db.connect_path(path, read_only=True)
