"""`python -m etl coverage`: print the coverage marts for one period, as a table, CSV or JSON.

The numbers come from the marts as they are (``etl/sql/marts``); this command only filters
them by period and geography and formats them. Nothing is computed here. A share whose
denominator is unknown is null in the marts: blank in CSV, null in JSON (``coverage_status``
says why, or ``schools`` = 0), the no-data label in the table, never 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, TextIO

import duckdb

from etl import db, periods
from etl.config import Settings
from etl.geography.epochs import GEOGRAPHIES
from etl.present.format import no_data
from etl.present.i18n import t
from etl.sql_files import ETL_SQL, read_sql

QUERIES_DIR = ETL_SQL / "queries"
FORMATS = ("table", "csv", "json")
SHARES = ("coverage_pct", "schools_pct")  # null: no village with a known state, no school


class Level(NamedTuple):
    """One mart the command prints, the columns its table shows, and the catalogue header of a
    column where it is not ``coverage_col_<column>`` (``headers``: column, message suffix)."""

    query: str
    columns: tuple[str, ...]
    by_geography: bool = True
    headers: tuple[tuple[str, str], ...] = ()


LEVELS = {
    "village": Level(
        "coverage_village",
        ("commune_code", "commune_name", "village_name", "state", "direct_activities",
         "indirect_activities", "unit_kinds", "participants_total", "children_reached",
         "last_direct_date", "days_since_direct"),
    ),
    "school": Level(
        "coverage_school",
        ("commune_code", "commune_name", "school_name", "school_level", "reached",
         "activities", "sessions", "unit_kinds", "participants_total", "last_activity_date",
         "status_semester", "session_status"),
    ),
    "commune": Level(
        "coverage_commune",
        ("commune_code", "commune_name", "villages_applicable", "villages_reached",
         "coverage_pct", "villages_indirect", "villages_not_reached", "villages_not_reported",
         "schools_reached", "schools", "unit_kinds_active", "missing_unit_kinds",
         "joint_share_pct", "participants_total", "children_reached", "child_population",
         "contacts_exceed_children"),
    ),
    "district": Level(
        "coverage_district",
        ("villages_applicable", "villages_reached", "coverage_pct", "villages_indirect",
         "villages_not_reached", "villages_not_reported", "schools_reached", "schools",
         "activities", "joint_share_pct", "participants_total", "children_reached",
         "child_population", "children_reached_pct", "contacts_exceed_children", "units_expected",
         "units_complete", "units_partial"),
        by_geography=False,
        headers=(("child_population", "children_0_14_census"),),  # the census, not an estimate
    ),
    "unit": Level(
        "coverage_unit",
        ("unit_id", "unit_name", "expected", "submitted", "complete", "no_activities",
         "submissions", "days_covered", "days_expected"),
        by_geography=False,
    ),
    "priority": Level(
        "coverage_priority",
        ("priority_rank", "commune_code", "commune_name", "village_name", "state",
         "priority_score", "state_points", "recency_points", "children_points",
         "missing_kind_points", "days_since_direct"),
    ),
    "decision830": Level(
        "coverage_decision830",
        ("commune_code", "commune_name", "schools", "schools_by_semester",
         "schools_every_semester", "share_pct", "target_pct", "target_met"),
    ),
}  # fmt: skip


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``coverage`` command."""
    parser = commands.add_parser("coverage", help="print coverage for one period")
    parser.add_argument("--level", required=True, choices=list(LEVELS))
    parser.add_argument(
        "--period", required=True, help="2024-06, 2024-Q3, 2024-H1, 2024, 2024-2025, 2024-2025-HK1"
    )
    parser.add_argument("--geography", choices=GEOGRAPHIES, default=GEOGRAPHIES[0])
    parser.add_argument("--format", choices=FORMATS, default="table", dest="output_format")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Print one level of coverage for ``args.period``; 0 when printed, 1 when there is none."""
    lang = args.lang
    try:
        period = periods.parse_period(args.period)
    except ValueError:
        print(t("coverage_bad_period", lang, period=args.period), file=sys.stderr)
        return 2
    if args.level == "decision830" and period.kind not in ("school_year", "semester"):
        print(t("coverage_school_year_only", lang, period=period.period_id), file=sys.stderr)
        return 2
    con = db.connect(settings, read_only=True)  # none: MissingInput, printed by etl.cli
    try:
        known = _query(con, "coverage_period", {"period_id": period.period_id})
        if not known:
            print(t("coverage_no_period", lang, period=period.period_id), file=sys.stderr)
            return 1
        level = LEVELS[args.level]
        params = {"period_id": period.period_id}
        if level.by_geography:
            params["geography"] = args.geography
        rows = _query(con, level.query, params)
    finally:
        con.close()
    write_rows(rows, level, args.output_format, lang, sys.stdout, heading=_heading(args, known[0]))
    return 0


def write_rows(
    rows: Sequence[dict[str, Any]],
    level: Level,
    output_format: str,
    lang: str,
    out: TextIO,
    heading: str = "",
) -> None:
    """Write mart rows: every column as CSV or JSON, or ``level.columns`` as a labelled table."""
    if output_format not in FORMATS:
        raise ValueError(f"output_format must be one of {FORMATS}, got {output_format!r}")
    if output_format == "json":
        out.write(json.dumps(list(rows), ensure_ascii=False, indent=1, default=_json_value))
        out.write("\n")
    elif output_format == "csv":
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _csv_value(v) for k, v in row.items()} for row in rows)
    else:
        out.write(heading + "\n")
        if not rows:
            out.write(t("coverage_no_rows", lang) + "\n")
            return
        headers = dict(level.headers)
        header = [t(f"coverage_col_{headers.get(c, c)}", lang) for c in level.columns]
        body = [[_cell(row, c, lang) for c in level.columns] for row in rows]
        out.write(_table(header, body))


def _query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, str]) -> list[dict]:
    cursor = con.execute(read_sql(QUERIES_DIR, name), params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _heading(args: argparse.Namespace, period: dict[str, Any]) -> str:
    lang = args.lang
    geography = (
        ""
        if not LEVELS[args.level].by_geography
        else t(f"coverage_geography_{args.geography}", lang)
    )
    line = t(
        "coverage_heading",
        lang,
        level=t(f"coverage_level_{args.level}", lang),
        period=period["period_id"],
        start=period["period_start"].isoformat(),
        end=period["period_end"].isoformat(),
        geography=geography,
    ).rstrip()
    if period["is_open"]:
        line += "\n" + t("coverage_open_period", lang, as_of=period["as_of_date"].isoformat())
    if args.level in ("commune", "priority"):
        line += "\n" + t("coverage_children_estimated", lang)
    return line


def _cell(row: dict[str, Any], column: str, lang: str) -> str:
    value = row.get(column)
    if column == "state" and value is not None:
        return t(f"coverage_state_{value}", lang)
    if column == "session_status" and value is not None:
        return t(f"session_status_{value}", lang)
    if column == "commune_name" and value is None and row.get("area_level") == "district":
        return t("coverage_district_total", lang)
    if value is None:
        return no_data(lang) if column in SHARES else "—"
    if isinstance(value, bool):
        return t("coverage_yes" if value else "coverage_no", lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(header: list[str], body: list[list[str]]) -> str:
    widths = [max(len(cells[i]) for cells in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
             for cells in [header, *body]]  # fmt: skip
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
