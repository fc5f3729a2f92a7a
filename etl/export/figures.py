"""Read the marts for one period and geography into plain frames that every export draws from.

The numbers are the dashboard's: the same marts, filtered the same way (``etl/sql/exports/``,
one query per file, bound parameters). Nothing is computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from etl.geography.epochs import GEOGRAPHIES
from etl.periods import parse_period
from etl.sql_files import ETL_SQL, read_sql

SQL_DIR = ETL_SQL / "exports"
_TABLES = (
    "communes", "boundaries", "unit_matrix", "trend", "village_gaps", "school_gaps",
    "villages", "schools", "unit_reporting", "decision830", "task_groups",
)  # fmt: skip


class ExportError(ValueError):
    """An export that cannot be made; ``key`` and ``fields`` name the catalogue message."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


@dataclass(frozen=True)
class Figures:
    """One period and geography as the marts hold it."""

    period_id: str
    period_kind: str
    period_start: date
    period_end: date
    as_of_date: date
    is_open: bool
    geography: str
    is_sample: bool
    is_schematic: bool
    boundary_source: str
    district: dict[str, Any]
    tables: dict[str, pd.DataFrame]

    def table(self, name: str) -> pd.DataFrame:
        """One of the period's tables (``communes``, ``villages``, ``trend``…)."""
        if name not in self.tables:
            raise ValueError(f"name must be one of {sorted(self.tables)}, got {name!r}")
        return self.tables[name]


def read_figures(con: duckdb.DuckDBPyConnection, period_id: str, geography: str) -> Figures:
    """The figures of ``period_id`` in ``geography``; :class:`ExportError` when the period is
    not a period text (``coverage_bad_period``) or the warehouse has no figures for it
    (``coverage_no_period``)."""
    if geography not in GEOGRAPHIES:
        raise ValueError(f"geography must be one of {GEOGRAPHIES}, got {geography!r}")
    try:
        period_id = parse_period(period_id).period_id
    except ValueError:
        raise ExportError("coverage_bad_period", period=period_id) from None
    params = {"period_id": period_id, "geography": geography}
    period = _rows(con, "period", params)
    district = _rows(con, "district", params)
    if not period or not district:
        raise ExportError("coverage_no_period", period=period_id)
    info = _rows(con, "warehouse_info", params)
    first = info[0] if info else {}
    return Figures(
        period_id=period_id,
        period_kind=period[0]["period_kind"],
        period_start=period[0]["period_start"],
        period_end=period[0]["period_end"],
        as_of_date=period[0]["as_of_date"],
        is_open=bool(period[0]["is_open"]),
        geography=geography,
        is_sample=bool(first.get("is_sample")),
        is_schematic=bool(first.get("is_schematic")),
        boundary_source=str(first.get("boundary_source") or ""),
        district=district[0],
        tables={name: _frame(con, name, params) for name in _TABLES},
    )


def commune_table(con: duckdb.DuckDBPyConnection, period_id: str, geography: str) -> pd.DataFrame:
    """One row per commune of ``geography`` in ``period_id`` (``communes.sql``): the rows the
    exports print and the dashboard's map draws, with ``coverage_pct`` null where a commune has no
    data. One query for both, so a map on screen and on paper cannot disagree."""
    if geography not in GEOGRAPHIES:
        raise ValueError(f"geography must be one of {GEOGRAPHIES}, got {geography!r}")
    return _frame(con, "communes", {"period_id": period_id, "geography": geography})


def _used(sql: str, params: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in params.items() if f"${key}" in sql}


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, str]) -> list[dict]:
    sql = read_sql(SQL_DIR, name)
    cursor = con.execute(sql, _used(sql, params))
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _frame(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, str]) -> pd.DataFrame:
    sql = read_sql(SQL_DIR, name)
    return con.execute(sql, _used(sql, params)).df()
