"""Cached resources: the read-only warehouse connection and the static commune geometries.

The ETL swaps in a new warehouse file when it builds, so both are cached per file version (path
and modification time): after a build, the next rerun opens the new file. Nothing else is cached:
period figures are read fresh on every rerun (they are small and the marts are precomputed).
"""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard import auth, queries
from dashboard.maps import Boundaries, read_boundaries
from etl import db
from etl.config import Settings


def connection() -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current warehouse (raises FileNotFoundError if none).

    When viewing requires a login and no one is signed in, the page stops here instead: every
    page reads through this function, even one Streamlit runs without ``app.py`` (a URL naming
    a file in ``pages/``), so no figure leaves the warehouse for such a session.
    """
    auth.gate(Settings.from_env())
    path, version = _version()
    return _open(path, version)


def boundaries(geography: str) -> Boundaries:
    """The commune polygons drawn for ``geography`` (``'2020'`` or ``'2025'``), parsed once."""
    path, version = _version()
    return _boundaries(path, version, geography)


def _version() -> tuple[str, int]:
    path = Settings.from_env().db_path
    if not path.exists():
        raise FileNotFoundError(path)
    return str(path), path.stat().st_mtime_ns


@st.cache_resource(max_entries=2, show_spinner=False)
def _open(path: str, version: int) -> duckdb.DuckDBPyConnection:
    del version  # part of the cache key only
    return db.connect_path(path, read_only=True)


@st.cache_resource(max_entries=4, show_spinner=False)
def _boundaries(path: str, version: int, geography: str) -> Boundaries:
    return read_boundaries(queries.boundaries(_open(path, version), geography))
