"""Cached resources: the read-only warehouse connection.

The ETL swaps in a new warehouse file when it builds, so the connection is cached per file
version (path and modification time): after a build, the next rerun opens the new file.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard import auth
from etl import db
from etl.config import Settings


def connection() -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current warehouse (raises FileNotFoundError if none).

    When viewing requires a login and no one is signed in, the page stops here instead: every
    page reads through this function, even one Streamlit runs without ``app.py`` (a URL naming
    a file in ``pages/``), so no figure leaves the warehouse for such a session.
    """
    settings = Settings.from_env()
    auth.gate(settings)
    path = settings.db_path
    if not path.exists():
        raise FileNotFoundError(path)
    return _open(str(path), path.stat().st_mtime_ns)


@st.cache_resource(max_entries=2, show_spinner=False)
def _open(path: str, version: int) -> duckdb.DuckDBPyConnection:
    del version  # part of the cache key only
    return db.connect_path(path, read_only=True)
