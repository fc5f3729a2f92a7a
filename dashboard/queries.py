"""The only dashboard module that runs SQL: one function per file in ``dashboard/sql/``.

Each returns a DataFrame. Parameters are bound (``$name`` in the SQL), never formatted into the
SQL text. ``commune_id=None`` means the whole area.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from etl.export import figures
from etl.geography.epochs import GEOGRAPHIES
from etl.sql_files import read_sql

SQL_DIR = Path(__file__).with_name("sql")
SCOPES = ("village", "school", "commune", "district", "online")


def warehouse_info(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row: whether the data is a sample, whether boundaries are schematic, their source."""
    return _run(con, "warehouse_info")


def submission_history(con: duckdb.DuckDBPyConnection, unit_id: str | None) -> pd.DataFrame:
    """Submissions of ``unit_id`` (None: of every unit), newest first."""
    return _run(con, "submission_history", {"unit_id": unit_id})


def unit_name(con: duckdb.DuckDBPyConnection, unit_id: str, lang: str) -> str:
    """The display name of a reporting unit ("UBND xã/thị trấn – Xã Nam Cường")."""
    row = _run(con, "unit_name", {"unit_id": unit_id}).iloc[0]
    return str(row[f"unit_name_{lang}"])


def submission_problems(con: duckdb.DuckDBPyConnection, submission_id: str) -> pd.DataFrame:
    """The rejected rows of one submission: row, column, value, reasons."""
    return _run(con, "submission_problems", {"submission_id": submission_id})


def review_queue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rows waiting for a reviewer's choice of a place, with the places offered."""
    return _run(con, "review_queue")


def name_choices(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Reviewers' choices, in force or revoked, newest first."""
    return _run(con, "name_choices")


def audit_log(con: duckdb.DuckDBPyConnection, action: str | None = None) -> pd.DataFrame:
    """Audit events (of one ``action``, or all), newest first, as of the last build."""
    return _run(con, "audit_log", {"action": action})


def period_locks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Locked periods."""
    return _run(con, "period_locks")


def periods(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The periods the pickers offer (every kind), with their activity counts."""
    return _run(con, "periods")


def boundaries(con: duckdb.DuckDBPyConnection, geography: str) -> pd.DataFrame:
    """One row per commune drawn for ``geography``: names, source, flags and GeoJSON text."""
    return _run(con, "boundaries", {"geography": _geography(geography)})


def kpis(
    con: duckdb.DuckDBPyConnection, period_id: str, geography: str, commune_id: str | None = None
) -> pd.DataFrame:
    """One row of headline figures for the period: the whole area, or one commune."""
    params = {"period_id": period_id, "geography": _geography(geography)}
    if commune_id is None:
        return _run(con, "district_kpis", params)
    return _run(con, "commune_kpis", {**params, "commune_id": commune_id})


def commune_coverage(
    con: duckdb.DuckDBPyConnection, period_id: str, geography: str
) -> pd.DataFrame:
    """One row per commune of ``geography``: coverage, villages by state, schools, activities;
    ``coverage_pct`` is null where the commune has no data (``coverage_status``: no villages,
    or nobody reported and nobody went). The exports' query (``etl/sql/exports/communes.sql``),
    so the dashboard's map and the printed one read the same rows."""
    return figures.commune_table(con, period_id, _geography(geography))


def village_points(
    con: duckdb.DuckDBPyConnection, period_id: str, geography: str, commune_id: str | None = None
) -> pd.DataFrame:
    """One row per village with a point: its state in the period and its numbers."""
    return _run(con, "village_points", _place_params(period_id, geography, commune_id))


def school_points(
    con: duckdb.DuckDBPyConnection, period_id: str, geography: str, commune_id: str | None = None
) -> pd.DataFrame:
    """One row per school with a point: reached or not in the period, and its numbers."""
    return _run(con, "school_points", _place_params(period_id, geography, commune_id))


def monthly_trend(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Activities and participants per month and lead unit kind, every month with activity."""
    return _run(con, "monthly_trend")


def village_gaps(
    con: duckdb.DuckDBPyConnection, period_id: str, geography: str, commune_id: str | None = None
) -> pd.DataFrame:
    """Villages not reached directly in the period, by priority rank, with the score's parts."""
    return _run(con, "village_gaps", _place_params(period_id, geography, commune_id))


def school_gaps(
    con: duckdb.DuckDBPyConnection, period_id: str, geography: str, commune_id: str | None = None
) -> pd.DataFrame:
    """Schools with no activity in the period, longest without one first."""
    return _run(con, "school_gaps", _place_params(period_id, geography, commune_id))


def unit_matrix(con: duckdb.DuckDBPyConnection, period_id: str, geography: str) -> pd.DataFrame:
    """Commune × unit kind: activities led or joined, and whether an expected kind is missing."""
    return _run(con, "unit_matrix", {"period_id": period_id, "geography": _geography(geography)})


def audience_matrix(con: duckdb.DuckDBPyConnection, period_id: str, geography: str) -> pd.DataFrame:
    """Commune × audience: activities and participants (absent pairs had no activity)."""
    return _run(
        con, "audience_matrix", {"period_id": period_id, "geography": _geography(geography)}
    )


def missing_reports(
    con: duckdb.DuckDBPyConnection, period_id: str, commune_id: str | None = None
) -> pd.DataFrame:
    """Expected reporting units with no report, or a report not covering the whole period (of
    the commune ``commune_id``'s area, in either epoch, and of the district, if given)."""
    return _run(con, "missing_reports", {"period_id": period_id, "commune_id": commune_id})


def explorer_options(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Distinct (field, value, label_vi, label_en) the explorer's filters offer."""
    return _run(con, "explorer_options")


def activities(
    con: duckdb.DuckDBPyConnection,
    *,
    geography: str,
    first: date,
    last: date,
    commune_id: str | None = None,
    units: Sequence[str] = (),
    types: Sequence[str] = (),
    audiences: Sequence[str] = (),
    scopes: Sequence[str] = (),
    limit: int = 50,
    offset: int = 0,
) -> pd.DataFrame:
    """One page of activities started between ``first`` and ``last`` matching the filters (an
    empty filter matches all), newest first, each with every field the explorer's detail shows
    and its display names. :func:`activity_count` counts them all."""
    if limit < 1 or offset < 0:
        raise ValueError(f"limit must be ≥ 1 and offset ≥ 0, got {limit}, {offset}")
    params = _filters(geography, first, last, commune_id, units, types, audiences, scopes)
    return _run(con, "activities", {**params, "limit": limit, "offset": offset})


def activity_count(
    con: duckdb.DuckDBPyConnection,
    *,
    geography: str,
    first: date,
    last: date,
    commune_id: str | None = None,
    units: Sequence[str] = (),
    types: Sequence[str] = (),
    audiences: Sequence[str] = (),
    scopes: Sequence[str] = (),
) -> int:
    """How many activities :func:`activities` pages through with the same filters."""
    params = _filters(geography, first, last, commune_id, units, types, audiences, scopes)
    return int(_run(con, "activities_count", params)["total"].iloc[0])


def villages(
    con: duckdb.DuckDBPyConnection, geography: str, commune_id: str | None = None
) -> pd.DataFrame:
    """The village master list, with the commune of ``geography``."""
    return _run(con, "villages", {"geography": _geography(geography), "commune_id": commune_id})


def schools(
    con: duckdb.DuckDBPyConnection, geography: str, commune_id: str | None = None
) -> pd.DataFrame:
    """The school master list, with the commune of ``geography``."""
    return _run(con, "schools", {"geography": _geography(geography), "commune_id": commune_id})


def place_imports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per imported master-list file: kind, file, places, approximate points."""
    return _run(con, "place_imports")


def _filters(
    geography: str,
    first: date,
    last: date,
    commune_id: str | None,
    units: Sequence[str],
    types: Sequence[str],
    audiences: Sequence[str],
    scopes: Sequence[str],
) -> dict[str, object]:
    if first > last:
        raise ValueError(f"first must not be after last, got {first} > {last}")
    unknown = set(scopes) - set(SCOPES)
    if unknown:
        raise ValueError(f"scopes must be among {SCOPES}, got {sorted(unknown)}")
    return {
        "geography": _geography(geography),
        "first": first,
        "last": last,
        "commune_id": commune_id,
        "units": list(units),
        "types": list(types),
        "audiences": list(audiences),
        "scopes": list(scopes),
    }


def _place_params(period_id: str, geography: str, commune_id: str | None) -> dict[str, object]:
    return {"period_id": period_id, "geography": _geography(geography), "commune_id": commune_id}


def _geography(geography: str) -> str:
    if geography not in GEOGRAPHIES:
        raise ValueError(f"geography must be one of {GEOGRAPHIES}, got {geography!r}")
    return geography


def _run(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object] | None = None
) -> pd.DataFrame:
    return con.execute(read_sql(SQL_DIR, name), dict(params or {})).df()
