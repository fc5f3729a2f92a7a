"""Turn the data folder's reports into raw tables: who reported what, what loaded, what did not.

:func:`load_reports` reads every receipt of the ledger (``etl.reports.ledger``) into one table,
validates the rows (``etl.reports.validate``), works out each file's submissions and their status,
and writes ``raw_submissions``, ``raw_activities`` and ``raw_row_problems``, through the steps of
:data:`INTAKE_CHAIN` in their order. It is deterministic: the same data folder gives the same
tables, which is what lets the warehouse be rebuilt from it. How a file becomes submissions, and
their status, is in ``etl.reports.submissions``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from etl.config import Settings
from etl.geography.place_lookup import Places
from etl.load import load_raw, load_temp
from etl.reports import locks, name_choices, privacy, review, validate
from etl.reports.cache import ReportCache
from etl.reports.header import Layout
from etl.reports.ledger import WITHDRAWN, Ledger, Receipt, read_ledger
from etl.reports.matching import Matcher
from etl.reports.rows import read_files
from etl.reports.submissions import (
    Choice,
    Submission,
    submissions_of,
    unit_name,
    waiting_for_choice,
    with_statuses,
)
from etl.sql_files import create_table, fetch_rows

log = logging.getLogger(__name__)
# the names a row may wait on for a reviewer (waiting_rows.sql, loadable_rows.sql)
_UNPLACED = {"fields": list(name_choices.FIELDS), "unplaced": sorted(name_choices.UNPLACED)}


@dataclass(frozen=True)
class IntakeModel:
    """One file of ``etl/sql/intake/`` in :data:`INTAKE_CHAIN`: its select made a ``kind``
    (``temp table``, ``table`` or ``temp view``) named ``table`` (default: the file's name), or
    appended to the table ``into``; skipped unless every table or view of ``needs`` exists."""

    name: str
    table: str | None = None
    kind: str = "temp table"
    into: str | None = None
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class IntakeResult:
    """What a load read: files, submissions (in order), active activity rows loaded, and the
    choices to make for files sent with no mode to units and periods that have a report."""

    files: int
    submissions: tuple[Submission, ...]
    rows_loaded: int
    choices: tuple[Choice, ...] = ()


def load_reports(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    ledger: Ledger | None = None,
    today: date | None = None,
    *,
    cache: ReportCache | None = None,
    undecided: Collection[str] = (),
) -> IntakeResult:
    """Read the reports of ``ledger`` (default: the data folder's) into the ``raw_*`` tables.

    ``con`` must hold ``stg_communes`` (and, when built, the crosswalk, villages, schools,
    boundaries) and ``ref_activity_types``. Raises :class:`ReportError` for a file that cannot
    be taken at all (no header, no rows and no "no activities" declaration, unknown unit…).
    Reports read before come from ``cache`` (``etl.reports.cache``), if given; the caller
    commits or discards what it wrote. Receipts in ``undecided`` were sent with no mode: they
    are counted as added, and the result's ``choices`` say which of them need a choice.
    """
    ledger = ledger if ledger is not None else read_ledger(settings)
    layouts = read_files(con, ledger.receipts, cache)
    privacy.mask_report_rows(con)  # every check, table and download sees masked cells
    con.execute("set preserve_insertion_order = false")  # from here on, rows carry their keys
    try:
        run = _Run(con, settings, ledger, layouts, today or settings.today(),
                   Matcher(Places.from_connection(con)), frozenset(undecided))  # fmt: skip
        _check(run)
    finally:
        con.execute("reset preserve_insertion_order")
    (loaded,) = con.execute(
        "select count(*) from raw_activities join submission_order using (submission_id) "
        "where status = 'active'"
    ).fetchone() or (0,)
    return IntakeResult(len(ledger.receipts), tuple(run.found), int(loaded), tuple(run.choices))


@dataclass
class _Run:
    """What the steps of one load share: the connection, its inputs, and the submissions
    found (set by :func:`_assign_submissions`)."""

    con: duckdb.DuckDBPyConnection
    settings: Settings
    ledger: Ledger
    layouts: list[Layout]
    today: date
    matcher: Matcher
    undecided: frozenset[str] = frozenset()
    drafts: list[Submission] = field(default_factory=list)
    found: list[Submission] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    chosen: name_choices.ChosenNames = field(default_factory=name_choices.ChosenNames)


def _check(run: _Run) -> None:
    """Match, validate and assign the rows read: run :data:`INTAKE_CHAIN` in its order."""
    params = validate.sql_params(run.settings.earliest_activity_date)
    for step in INTAKE_CHAIN:
        if not isinstance(step, IntakeModel):
            step(run)
        elif all(_exists(run.con, name) for name in step.needs):
            create_table(run.con, validate.SQL_DIR, step.name, params, into=step.into,
                         table=step.table, kind=step.kind)  # fmt: skip


def _receipt_days(run: _Run) -> None:
    """``receipt_days``: each receipt's day received (a file with no ledger row: today) and
    reporting unit."""
    receipts = run.ledger.receipts
    load_temp(run.con, "receipt_days", pd.DataFrame(
        {"receipt_no": range(len(receipts)),
         "received_on": [_received_on(r, run.today) for r in receipts],
         "reporter_unit": [r.reporter_unit for r in receipts],
         "reporter_unit_name": [_unit_name(run.matcher, r.reporter_unit) for r in receipts]},
    ), {"receipt_no": "integer", "received_on": "date", "reporter_unit": "varchar",
        "reporter_unit_name": "varchar"})  # fmt: skip


def _match_names(run: _Run) -> None:
    """The lookup tables of names (``etl.reports.validate.resolve_names``) and ``row_kinds``,
    reviewers' choices (``etl.reports.name_choices``) answering commune names that match none."""
    run.chosen = name_choices.ChosenNames(name_choices.read_choices(run.settings),
                                          locks.read_locks(run.settings),
                                          run.matcher.places)  # fmt: skip
    validate.resolve_names(run.con, run.matcher, run.chosen)
    validate.classify_rows(run.con)


def _match_places(run: _Run) -> None:
    """The lookup tables of villages and schools (``etl.reports.validate.resolve_places``),
    the reviewers' choices answering names that match no place."""
    validate.resolve_places(run.con, run.matcher, run.chosen)


def _waiting_rows(run: _Run) -> None:
    """``raw_waiting_rows``: rows refused only for a name that could not be placed (a commune,
    a village or a school), with the places a reviewer may choose (``etl.reports.review``)."""
    rows = fetch_rows(run.con, validate.SQL_DIR, "waiting_rows", _UNPLACED)
    load_raw(run.con, "raw_waiting_rows", review.waiting_frame(rows, run.matcher))


def _assign_submissions(run: _Run) -> None:
    """Each file's submissions and their status, checked against the locks;
    ``submission_order``."""
    run.drafts = _submissions(run.con, run.ledger.receipts, run.layouts, run.matcher,
                              run.settings.earliest_activity_date)  # fmt: skip
    run.found = with_statuses(run.drafts, run.ledger.part_status, run.undecided)
    found_locks = locks.read_locks(run.settings)
    locks.check_submissions(run.found, found_locks)
    locks.load_row_locks(run.con, run.ledger.receipts, found_locks)
    _submission_order(run)


def _refuse_empty(run: _Run) -> None:
    """Refuse the submissions with no row to load (a row waiting for a reviewer's choice of
    place counts: it is held, not lost) and no "no activities" declaration: they
    replace and add nothing (``REFUSED_EMPTY``), so what they would have replaced counts again.
    Run before repeated rows are looked for: a row repeating one that counts is a good row (a
    file of nothing but such rows, added, is kept and says so), and which rows count depends on
    which submissions are refused."""
    counts = {sid: int(loadable) for sid, _, loadable
              in fetch_rows(run.con, validate.SQL_DIR, "loadable_rows", _UNPLACED)}  # fmt: skip
    refused = {
        s.submission_id
        for s in run.found
        if s.status != WITHDRAWN and not s.no_activities and counts.get(s.submission_id, 0) == 0
    }
    if refused:
        log.info("submissions refused, no row to load: %s", ", ".join(sorted(refused)))
        run.found = with_statuses(run.drafts, run.ledger.part_status, run.undecided, refused)
        _submission_order(run)


def _submission_order(run: _Run) -> None:
    """``submission_order``: each submission found, in order, with its status and period."""
    load_temp(run.con, "submission_order", pd.DataFrame(
        [(s.submission_id, i, s.status, s.receipt.file_name, s.period.period_id,
          s.period.start, s.period.end) for i, s in enumerate(run.found)],
        columns=["submission_id", "sub_order", "status", "file_name", "period",
                 "period_start", "period_end"],
    ), {"submission_id": "varchar", "sub_order": "integer", "status": "varchar",
        "file_name": "varchar", "period": "varchar", "period_start": "date",
        "period_end": "date"})  # fmt: skip


def _unused_columns(run: _Run) -> None:
    """``unused_columns``: each column a file fills but the import does not read."""
    load_temp(run.con, "unused_columns", pd.DataFrame(
        [(number, layout.header_row, header, letter)
         for number, layout in enumerate(run.layouts) for header, letter in layout.unused],
        columns=["receipt_no", "source_row", "header", "letter"],
    ), {"receipt_no": "integer", "source_row": "integer", "header": "varchar",
        "letter": "varchar"})  # fmt: skip


def _drop_files(run: _Run) -> None:
    """Free the rows of every file once ``resolved`` holds them."""
    run.con.execute("drop view located")
    run.con.execute("drop table report_rows")


def _write_raw(run: _Run) -> None:
    """``raw_row_problems`` and ``raw_submissions``."""
    receipts = run.ledger.receipts
    files = {i: (r.file_name, run.layouts[i].headers) for i, r in enumerate(receipts)}
    load_raw(run.con, "raw_row_problems", validate.problem_frame(run.con, files))
    repeats: dict[str, dict[str, int]] = {}  # submission → earlier submission → rows repeated
    for submission_id, earlier_id, rows in fetch_rows(run.con, validate.SQL_DIR, "repeated_rows"):
        repeats.setdefault(submission_id, {})[earlier_id] = int(rows)
    frame = _submission_frame(run.con, run.found, repeats)
    load_raw(run.con, "raw_submissions", frame)
    loaded = dict(zip(frame["submission_id"], frame["rows_loaded"], strict=True))
    run.choices = _choices(run, loaded, repeats)


def _choices(run: _Run, loaded: dict[str, int], repeats: dict[str, dict[str, int]]) -> list[Choice]:
    """What replacing or adding would do, for each submission waiting for that choice."""
    status = {s.submission_id: s.status for s in run.found}
    choices = []
    for s in waiting_for_choice(run.found):
        earlier = tuple(e for e in (s.added_to or "").split(", ") if status[e] != "withdrawn")
        repeated = sum(n for e, n in repeats.get(s.submission_id, {}).items() if e in earlier)
        choices.append(Choice(s.submission_id, s.receipt.file_name,
                              _unit_name(run.matcher, s.unit_id) or s.unit_id, s.period.period_id,
                              earlier, sum(loaded[e] for e in earlier), loaded[s.submission_id],
                              repeated))  # fmt: skip
    return choices


# The intake chain in its order, in one place: the files of etl/sql/intake/ (each a single
# select), and between them the Python steps that make what the next files read. It starts
# from ``report_rows`` (``etl.reports.rows.read_files``) and the places of the build.
INTAKE_CHAIN: tuple[IntakeModel | Callable[[_Run], None], ...] = (
    _receipt_days,
    IntakeModel("dates", table="lk_dates"),
    _match_names,
    IntakeModel("located", kind="temp view"),
    _match_places,
    _assign_submissions,
    IntakeModel("resolved"),
    _drop_files,
    IntakeModel("problems"),
    IntakeModel("chosen_names", into="problems"),
    _unused_columns,
    IntakeModel("column_notices", into="problems"),
    IntakeModel("header_notices", into="problems"),
    IntakeModel("commune_shapes", needs=("stg_boundaries",)),
    IntakeModel(
        "merged_commune_shapes",
        into="commune_shapes",
        needs=("stg_boundaries", "stg_commune_crosswalk"),
    ),
    IntakeModel("coordinate_problems", into="problems", needs=("stg_boundaries",)),
    _refuse_empty,
    IntakeModel("duplicate_rows", into="problems"),
    _waiting_rows,
    IntakeModel("loaded_activities", table="raw_activities", kind="table"),
    _write_raw,
)


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
    for number, unit_id, day, in_range, activities, declarations in fetch_rows(
        con, validate.SQL_DIR, "receipt_rows", {"earliest": earliest}
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
    load_temp(
        con,
        "assign_unit",
        pd.DataFrame(split, columns=["receipt_no", "unit_id", "submission_id"]),
        {"receipt_no": "integer", "unit_id": "varchar", "submission_id": "varchar"},
    )
    first: dict[int, str] = {}
    for s in found:
        first.setdefault(s.receipt_no, s.submission_id)
    load_temp(
        con,
        "assign_rest",
        pd.DataFrame(list(first.items()), columns=["receipt_no", "submission_id"]),
        {"receipt_no": "integer", "submission_id": "varchar"},
    )
    return found


def _submission_frame(
    con: duckdb.DuckDBPyConnection, found: list[Submission], repeats: dict[str, dict[str, int]]
) -> pd.DataFrame:
    counts = {row[0]: row[1:] for row in fetch_rows(con, validate.SQL_DIR, "submission_counts")}
    records: list[dict[str, Any]] = []
    for s in found:
        read, rejected, masked = counts.get(s.submission_id, (0, 0, 0))
        records.append({
            "submission_id": s.submission_id, "receipt_id": s.receipt.receipt_id,
            "unit_id": s.unit_id, "unit_kind": s.unit_kind, "unit_commune_id": s.unit_commune_id,
            "period": s.period.period_id,
            "period_start": s.period.start, "period_end": s.period.end,
            "status": s.status, "no_activities": s.no_activities,
            "file_name": s.receipt.file_name, "stored_as": privacy.mask_name(s.receipt.path.name),
            "sha256": s.receipt.sha256, "received_at": s.receipt.received_at,
            "rows_read": int(read), "rows_loaded": int(read) - int(rejected),
            "rows_rejected": int(rejected), "cells_masked": int(masked),
            "unit_source": s.unit_source, "period_source": s.period_source,
            "supersedes": s.supersedes, "superseded_by": s.superseded_by,
            "submitted_by": s.receipt.submitted_by, "lock_override": s.receipt.lock_override,
            "mode": s.mode, "added_to": s.added_to,
            "rows_repeated": sum(repeats.get(s.submission_id, {}).values()),
        })  # fmt: skip
    return pd.DataFrame.from_records(records, columns=SUBMISSION_COLUMNS)


SUBMISSION_COLUMNS = [
    "submission_id", "receipt_id", "unit_id", "unit_kind", "unit_commune_id", "period",
    "period_start", "period_end", "status", "no_activities", "file_name", "stored_as", "sha256",
    "received_at", "rows_read", "rows_loaded", "rows_rejected", "cells_masked", "unit_source",
    "period_source", "supersedes", "superseded_by", "submitted_by", "lock_override", "mode",
    "added_to", "rows_repeated",
]  # fmt: skip


def _received_on(receipt: Receipt, today: date) -> date:
    if receipt.received_at is None:
        return today
    return datetime.fromisoformat(receipt.received_at).date()


def _unit_name(matcher: Matcher, unit_id: str | None) -> str | None:
    """How a reporter's unit is named in the reason of a row led by another unit: its display
    name, or its id when that names no unit."""
    return None if unit_id is None else unit_name(matcher, unit_id)


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the table or view ``name`` exists (the build's boundaries may not)."""
    found = con.execute(
        "select count(*) from (select table_name as name from duckdb_tables() "
        "union all select view_name from duckdb_views()) where name = ?",
        [name],
    ).fetchone()
    return bool(found and found[0])
