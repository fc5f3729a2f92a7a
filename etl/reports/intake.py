"""Turn the data folder's reports into raw tables: who reported what, what loaded, what did not.

:func:`load_reports` reads every receipt of the ledger (``etl.reports.ledger``) into one table,
validates the rows (``etl.reports.validate``), works out each file's submissions and their status,
and
writes ``raw_submissions``, ``raw_activities`` and ``raw_row_problems``. It is deterministic: the
same data folder gives the same tables, which is what lets the warehouse be rebuilt from it.
How a file becomes submissions, and their status, is in ``etl.reports.submissions``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from etl.config import Settings
from etl.geography.place_lookup import Places
from etl.load import load_raw
from etl.present.format import unit_display_name
from etl.reports import locks, validate
from etl.reports.cache import ReportCache
from etl.reports.header import Layout
from etl.reports.ledger import Ledger, Receipt, read_ledger
from etl.reports.matching import Matcher
from etl.reports.rows import read_files
from etl.reports.submissions import Submission, submissions_of, with_statuses

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntakeResult:
    """What a load read: files, submissions (in order), and active activity rows loaded."""

    files: int
    submissions: tuple[Submission, ...]
    rows_loaded: int


def load_reports(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    ledger: Ledger | None = None,
    today: date | None = None,
    *,
    cache: ReportCache | None = None,
) -> IntakeResult:
    """Read the reports of ``ledger`` (default: the data folder's) into the ``raw_*`` tables.

    ``con`` must hold ``stg_communes`` (and, when built, the crosswalk, villages, schools,
    boundaries) and ``ref_activity_types``. Raises :class:`ReportError` for a file that cannot
    be taken at all (no header, no rows and no "no activities" declaration, unknown unit…).
    Reports read before come from ``cache`` (``etl.reports.cache``), if given; the caller
    commits or discards what it wrote.
    """
    ledger = ledger if ledger is not None else read_ledger(settings)
    layouts = read_files(con, ledger.receipts, cache)
    con.execute("set preserve_insertion_order = false")  # from here on, rows carry their keys
    try:
        found = _check(con, settings, ledger, layouts, today or settings.today())
    finally:
        con.execute("reset preserve_insertion_order")
    (loaded,) = con.execute(
        "select count(*) from raw_activities join submission_order using (submission_id) "
        "where status = 'active'"
    ).fetchone() or (0,)
    return IntakeResult(len(ledger.receipts), tuple(found), int(loaded))


def _check(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    ledger: Ledger,
    layouts: list[Layout],
    today: date,
) -> list[Submission]:
    """Match, validate and assign the rows read; write the ``raw_*`` tables."""
    params = validate.sql_params(settings.earliest_activity_date)
    matcher = Matcher(Places.from_connection(con))
    _store(con, "receipt_days", pd.DataFrame(
        {"receipt_no": range(len(ledger.receipts)),
         "received_on": [_received_on(r, today) for r in ledger.receipts],
         "reporter_unit": [r.reporter_unit for r in ledger.receipts],
         "reporter_unit_name": [_unit_name(matcher, r.reporter_unit) for r in ledger.receipts]},
    ), {"receipt_no": "integer", "received_on": "date", "reporter_unit": "varchar",
        "reporter_unit_name": "varchar"})  # fmt: skip
    validate.create_table(con, "dates", params, table="lk_dates")
    validate.resolve_names(con, matcher)
    validate.classify_rows(con)
    validate.create_table(con, "located", {}, kind="temp view")
    validate.resolve_places(con, matcher)
    drafts = _submissions(con, ledger.receipts, layouts, matcher, settings.earliest_activity_date)
    found = with_statuses(drafts, ledger.part_status)
    locks.check_submissions(found, locks.read_locks(settings))
    _store(con, "submission_order", pd.DataFrame(
        [(s.submission_id, i, s.status, s.receipt.file_name) for i, s in enumerate(found)],
        columns=["submission_id", "sub_order", "status", "file_name"],
    ), {"submission_id": "varchar", "sub_order": "integer", "status": "varchar",
        "file_name": "varchar"})  # fmt: skip
    validate.create_table(con, "resolved", params)
    _drop_files(con)
    validate.create_table(con, "problems", params)
    if _has_shapes(con):
        validate.create_table(con, "coordinate_problems", params, into="problems")
    validate.create_table(con, "duplicate_rows", params, into="problems")
    validate.create_table(con, "loaded_activities", params, table="raw_activities", kind="table")
    files = {i: (r.file_name, layouts[i].headers) for i, r in enumerate(ledger.receipts)}
    load_raw(con, "raw_row_problems", validate.problem_frame(con, files))
    load_raw(con, "raw_submissions", _submission_frame(con, found))
    return found


def _drop_files(con: duckdb.DuckDBPyConnection) -> None:
    """Free the rows of every file once ``resolved`` holds them."""
    con.execute("drop view located")
    con.execute("drop table report_rows")


def _submissions(
    con: duckdb.DuckDBPyConnection,
    receipts: Sequence[Receipt],
    layouts: Sequence[Layout],
    matcher: Matcher,
    earliest: date,
) -> list[Submission]:
    """Work out each receipt's submissions; write ``assign_unit`` and ``assign_rest``."""
    counts: dict[int, dict[str | None, list[int]]] = {}
    days: dict[int, list[date]] = {}
    for number, unit_id, day, in_range, activities, declarations in validate.fetch(
        con, "receipt_rows", {"earliest": earliest}
    ):  # one pass: rows per receipt, lead unit and day
        totals = counts.setdefault(number, {}).setdefault(unit_id, [0, 0])
        totals[0] += activities
        totals[1] += declarations
        if activities and in_range:
            days.setdefault(number, []).append(day)
    groups = {
        number: sorted(((u, a, d) for u, (a, d) in units.items()),
                       key=lambda g: (-g[1], -g[2], g[0] or ""))
        for number, units in counts.items()
    }  # fmt: skip
    found: list[Submission] = []
    for number, (receipt, layout) in enumerate(zip(receipts, layouts, strict=True)):
        found += submissions_of(number, receipt, layout, groups.get(number, []),
                                      days.get(number, []), matcher)  # fmt: skip
    split = [(s.receipt_no, s.unit_id, s.submission_id) for s in found if s.split_units]
    _store(
        con,
        "assign_unit",
        pd.DataFrame(split, columns=["receipt_no", "unit_id", "submission_id"]),
        {"receipt_no": "integer", "unit_id": "varchar", "submission_id": "varchar"},
    )
    first: dict[int, str] = {}
    for s in found:
        first.setdefault(s.receipt_no, s.submission_id)
    _store(
        con,
        "assign_rest",
        pd.DataFrame(list(first.items()), columns=["receipt_no", "submission_id"]),
        {"receipt_no": "integer", "submission_id": "varchar"},
    )
    return found


def _submission_frame(con: duckdb.DuckDBPyConnection, found: list[Submission]) -> pd.DataFrame:
    counts = {row[0]: row[1:] for row in validate.fetch(con, "submission_counts")}
    records: list[dict[str, Any]] = []
    for s in found:
        read, rejected, masked = counts.get(s.submission_id, (0, 0, 0))
        records.append({
            "submission_id": s.submission_id, "receipt_id": s.receipt.receipt_id,
            "unit_id": s.unit_id, "unit_kind": s.unit_kind, "unit_commune_id": s.unit_commune_id,
            "period": s.period.period_id,
            "period_start": s.period.start, "period_end": s.period.end,
            "status": s.status, "no_activities": s.no_activities,
            "file_name": s.receipt.file_name, "stored_as": s.receipt.path.name,
            "sha256": s.receipt.sha256, "received_at": s.receipt.received_at,
            "rows_read": int(read), "rows_loaded": int(read) - int(rejected),
            "rows_rejected": int(rejected), "cells_masked": int(masked),
            "unit_source": s.unit_source, "period_source": s.period_source,
            "supersedes": s.supersedes, "superseded_by": s.superseded_by,
            "submitted_by": s.receipt.submitted_by, "lock_override": s.receipt.lock_override,
        })  # fmt: skip
    return pd.DataFrame.from_records(records, columns=SUBMISSION_COLUMNS)


SUBMISSION_COLUMNS = [
    "submission_id", "receipt_id", "unit_id", "unit_kind", "unit_commune_id", "period",
    "period_start", "period_end", "status", "no_activities", "file_name", "stored_as", "sha256",
    "received_at", "rows_read", "rows_loaded", "rows_rejected", "cells_masked", "unit_source",
    "period_source", "supersedes", "superseded_by", "submitted_by", "lock_override",
]  # fmt: skip


def _received_on(receipt: Receipt, today: date) -> date:
    if receipt.received_at is None:
        return today
    return datetime.fromisoformat(receipt.received_at).date()


def _unit_name(matcher: Matcher, unit_id: str | None) -> str | None:
    """How a reporter's unit is named in the reason of a row led by another unit: its display
    name, or its id when that names no unit."""
    if unit_id is None:
        return None
    found = matcher.unit(unit_id, None)
    if found.value is None:
        return unit_id
    commune = matcher.places.commune(found.commune_id) if found.commune_id else None
    commune_name = None if commune is None else commune.full_name or commune.name
    return unit_display_name(matcher.kind_of(unit_id)["name_vi"], commune_name)


def _has_shapes(con: duckdb.DuckDBPyConnection) -> bool:
    query = "select table_name from duckdb_tables() union all select view_name from duckdb_views()"
    present = {r[0] for r in con.execute(query).fetchall()}
    if "stg_boundaries" not in present:
        return False
    validate.create_table(con, "commune_shapes", {})
    if "stg_commune_crosswalk" in present:
        validate.create_table(con, "merged_commune_shapes", {}, into="commune_shapes")
    return True


def _store(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, types: dict[str, str]
) -> None:
    """``frame`` as the temporary ``table`` with the column ``types`` (names are constants)."""
    casts = ", ".join(f"cast({c} as {t}) as {c}" for c, t in types.items())
    con.register("_frame", frame)
    try:
        con.execute(f"create or replace temp table {table} as select {casts} from _frame")
    finally:
        con.unregister("_frame")
