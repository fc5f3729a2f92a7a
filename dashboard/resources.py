"""What is cached from the warehouse: the read-only connection, the static commune geometries,
the coverage map's layers and the overview's trend chart.

The ETL swaps in a new warehouse file when it builds, so everything here is cached per file
version (path and modification time): after a build, the next rerun opens the new file and
builds its layers afresh. The map's layers (commune colours and tooltips, village and school
points) are data, cached per period, geography and language too: reading a province's points
and writing them as rows took ~60 ms of every rerun. The map itself is drawn anew each time
(a folium map's element ids change when it is drawn). The trend is cached as its laid-out SVG,
once per version, language and size; marking the chosen period on it costs nothing. The other
period figures are read fresh on every rerun (they are small and the marts are precomputed).
"""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from dashboard import auth, queries
from dashboard.maps import Boundaries, CoverageLayers, coverage_layers, read_boundaries
from dashboard.trend_chart import Trend, draw, svg
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


def map_layers(period_id: str, geography: str, lang: str, points: bool) -> CoverageLayers:
    """The coverage map's layers for the period: commune colours and tooltips in ``lang`` and
    (``points``) the village and school points. The caller has gone through
    :func:`connection` (the login gate)."""
    path, version = _version()
    return _map_layers(path, version, period_id, geography, lang, points)


def trend(
    lang: str, shade: tuple[pd.Timestamp, pd.Timestamp, str], height: int, large: bool
) -> str | None:
    """The monthly trend as SVG with the period ``shade`` (start, end, label) marked (None: no
    activity yet). Its layout is cached per warehouse version, language and size; marking a
    period adds one band, so a new period costs no chart build."""
    path, version = _version()
    drawn = _trend(path, version, lang, height, large)
    return None if drawn is None else svg(drawn, [shade])


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


@st.cache_data(max_entries=16, show_spinner=False)
def _map_layers(
    path: str, version: int, period_id: str, geography: str, lang: str, points: bool
) -> CoverageLayers:
    con = _open(path, version)
    communes = queries.commune_coverage(con, period_id, geography)
    villages = queries.village_points(con, period_id, geography) if points else None
    schools = queries.school_points(con, period_id, geography) if points else None
    shapes = _boundaries(path, version, geography)
    return coverage_layers(shapes, communes, lang, villages, schools)


@st.cache_resource(max_entries=8, show_spinner=False)
def _trend(path: str, version: int, lang: str, height: int, large: bool) -> Trend | None:
    trend = queries.monthly_trend(_open(path, version))
    return None if trend.empty else draw(trend, lang, height, large)
