"""Import, withdraw and list activity reports: the actions behind `python -m etl activities`.

An import plans under the writer lock (``etl.imports.journal.commit_with``): files already received
(same SHA-256, unit and period) change nothing; each new file gets a receipt id, a masked copy
in ``data/activities/`` and a ledger row; then the warehouse is rebuilt and swapped in. A file
the build cannot take (no header, unknown unit…) fails the build, and the data folder and the
warehouse are put back as they were. A dry run reads the same files with the same code into a
scratch database and changes nothing.

A file for a unit and period that already have a report either replaces that report or adds to
it (``mode``, ``etl.reports.submissions``). Sent with no mode, it is not imported: the import
raises ``ChoiceNeeded`` saying what each would do, and a dry run returns those ``choices``.

Both actions take the user doing them (``by``; the command line by default) and check the
rules of ``etl.access.roles`` first: a reporter's file is their unit's report and its rows led by
another reporting unit are rejected; locked periods (``etl.reports.locks``) refuse new reports
and withdrawals unless an administrator overrides the lock. Every import and withdrawal, and
every refusal, is written to the audit trail (``etl.access.audit``).
"""

from __future__ import annotations

import dataclasses
import errno
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from etl import db, pipeline, reference
from etl.access import audit, roles
from etl.access.upload_safety import Limits, UnsafeFile, check_file
from etl.access.users import User
from etl.config import Settings
from etl.imports.journal import commit_with, writer_lock
from etl.imports.locks import audit_override, guard
from etl.load import load_raw
from etl.periods import parse_period
from etl.present.format import vn_day
from etl.reports import intake
from etl.reports.cache import ReportCache
from etl.reports.ledger import Ledger, Planned, plan_import, plan_withdrawal, read_ledger
from etl.reports.locks import lock_covering, read_locks
from etl.reports.submissions import Choice, ReportError

PLACE_TABLES = ("stg_communes", "stg_commune_crosswalk", "stg_villages", "stg_schools",
                "stg_boundaries")  # fmt: skip


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, per file, and where to read the details (an open connection)."""

    plans: tuple[Planned, ...]
    con: duckdb.DuckDBPyConnection | None  # warehouse (import) or scratch (dry run)
    dry_run: bool
    choices: tuple[Choice, ...] = ()  # dry run with no mode: files that need one


def import_reports(
    settings: Settings,
    paths: Sequence[Path],
    *,
    unit: str | None = None,
    period: str | None = None,
    dry_run: bool = False,
    by: User = roles.COMMAND_LINE,
    override_lock: bool = False,
    mode: str | None = None,
    received_at: datetime | None = None,
) -> ImportOutcome:
    """Import ``paths`` (or, with ``dry_run``, only check them) as sent by ``by``.

    ``mode`` (``replace`` | ``add``) says what a file does to an earlier report of its unit and
    period. ``received_at`` is written on the new receipts (default: now); the sample gives its
    own, so that it is reproducible. Raises ``roles.Refused`` when ``by`` may not submit (or
    asks for ``unit`` not theirs, or for ``override_lock`` without being an administrator),
    ``ChoiceNeeded`` when a file meets an earlier report and no ``mode`` was given, and
    ``ReportError`` when a file cannot be taken (a locked period among them); nothing is
    changed then. Every file first passes the guard (``etl.access.upload_safety.check_file``,
    limits from ``settings``): a refused one raises its ``UnsafeFile`` (audited) before any is read.
    """
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(errno.ENOENT, "not a file", path.name)
    _guard(settings, paths, by)
    if period is not None:
        try:
            parse_period(period)
        except ValueError:
            raise ReportError("period_invalid", file="--period", period=period) from None
    names = "; ".join(path.name for path in paths)
    try:
        reporter_unit = roles.submitting_unit(by, unit, override_lock)
    except roles.Refused as refused:
        audit.record(settings, by.name, "upload_refused", names, refused.key)
        raise
    options = _Options(unit or reporter_unit, period, by.name, reporter_unit, override_lock, mode,
                       received_at)  # fmt: skip
    if dry_run:
        return _dry_run(settings, paths, options)
    planned: list[Planned] = []

    def plan() -> dict[Path, bytes]:
        plans, changes = plan_import(settings, paths, **dataclasses.asdict(options))
        planned[:] = plans
        return changes

    def build(settings: Settings, check: pipeline.Check | None = None) -> pipeline.BuildResult:
        return pipeline.build(settings, undecided=_undecided(planned), check=check)

    guarded = guard(by, override_lock)
    try:
        commit_with(settings, plan, build, guard=guarded, started_by=by.name, what=names)
    except Exception as error:
        audit.record(settings, by.name, "upload_refused", names, getattr(error, "key", "error"))
        raise
    audit.record(settings, by.name, "upload", ", ".join(p.receipt.receipt_id for p in planned),
                 "; ".join(f"{p.file_name}: {p.outcome}" for p in planned)
                 + ("; override_lock" if override_lock else ""))  # fmt: skip
    audit_override(
        settings, by, guarded, f"upload {', '.join(p.receipt.receipt_id for p in planned)}"
    )
    # the outcome is read from the ledger's tables: no extension is needed to read them
    con = db.connect(settings, read_only=True, extensions=()) if settings.db_path.exists() else None
    return ImportOutcome(tuple(planned), con, dry_run=False)


def _guard(settings: Settings, paths: Sequence[Path], by: User) -> None:
    """Run every file through the one guard; audit and raise the first refusal."""
    limits = Limits.from_settings(settings)
    for path in paths:
        try:
            check_file(path, limits)
        except UnsafeFile as refused:
            audit.record(settings, by.name, "upload_refused", path.name[:200], refused.reason)
            raise


def withdraw(
    settings: Settings,
    submission_id: str,
    *,
    by: User = roles.COMMAND_LINE,
    override_lock: bool = False,
) -> str | None:
    """Withdraw a submission; returns its status before (None if there is no such submission).

    Raises ``roles.Refused`` when ``by`` may not withdraw it (a viewer, another unit's
    reporter) or its period is locked and no administrator overrides the lock.
    """
    before: list[str | None] = [None]

    def plan() -> dict[Path, bytes]:
        row = _submission(settings, submission_id)
        if row is None:
            return {}
        receipt_id, status, unit_id, start, end = row
        roles.check_withdrawal(by, unit_id, override_lock)
        before[0] = status
        if status == "withdrawn":
            return {}
        lock = lock_covering(read_locks(settings), start, end)
        if lock is not None and not override_lock:
            raise roles.Refused("refused_period_locked", submission=submission_id,
                                 period=lock.period, by=lock.locked_by,
                                 day=vn_day(lock.locked_at))  # fmt: skip
        return plan_withdrawal(settings, submission_id, receipt_id)

    try:
        guarded = guard(by, override_lock)
        commit_with(settings, plan, guard=guarded)
    except roles.Refused as refused:
        audit.record(settings, by.name, "withdraw_refused", submission_id, refused.key)
        raise
    if before[0] is not None and before[0] != "withdrawn":
        audit.record(settings, by.name, "withdraw", submission_id,
                     "override_lock" if override_lock else "")  # fmt: skip
        audit_override(settings, by, guarded, f"withdraw {submission_id}")
    return before[0]


@dataclass(frozen=True)
class _Options:
    """What ``plan_import`` writes on each new receipt."""

    unit: str | None
    period: str | None
    submitted_by: str
    reporter_unit: str | None
    lock_override: bool
    mode: str | None
    now: datetime | None  # received_at of the new receipts; None: the clock


def _undecided(plans: Sequence[Planned]) -> list[str]:
    """The new receipts sent with no mode."""
    return [p.receipt.receipt_id for p in plans if p.outcome == "new" and p.receipt.mode is None]


def _submission(settings: Settings, submission_id: str) -> tuple | None:
    """(receipt id, status, unit, period start, period end) of a submission in the warehouse."""
    if not settings.db_path.exists():
        return None
    con = db.connect(settings, read_only=True)
    try:
        return con.execute(
            "select receipt_id, status, unit_id, period_start, period_end from stg_submissions "
            "where submission_id = ?",
            [submission_id],
        ).fetchone()
    finally:
        con.close()


def _dry_run(settings: Settings, paths: Sequence[Path], options: _Options) -> ImportOutcome:
    with writer_lock(settings):
        plans, _ = plan_import(settings, paths, **dataclasses.asdict(options))
        ledger = read_ledger(settings)
        new = tuple(
            dataclasses.replace(p.receipt, path=path)
            for p, path in zip(plans, paths, strict=True)
            if p.outcome == "new"
        )
        con = _scratch(settings)
        try:
            everything = Ledger(ledger.receipts + new, ledger.part_status)
            cache = ReportCache.beside(settings.db_path, writable=False)  # a dry run writes nothing
            result = intake.load_reports(con, settings, everything, cache=cache,
                                         undecided=_undecided(plans))  # fmt: skip
        except BaseException:
            con.close()
            raise
    return ImportOutcome(tuple(plans), con, dry_run=True, choices=result.choices)


def _scratch(settings: Settings) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the reference lists and the places of the warehouse."""
    con = db.connect_path(":memory:")
    for name in reference.TABLES:
        load_raw(con, f"ref_{name}", reference.read_reference(name))
    with warehouse_file(settings) as path:
        # ATTACH takes no bound parameter: the path (from Settings) is quoted as a literal.
        con.execute(f"attach {db.sql_literal(str(path))} as wh (read_only)")
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'wh'"
        ).fetchall()}  # fmt: skip
        for table in PLACE_TABLES:
            if table in present:  # names from the constant above
                con.execute(f"create table {table} as select * from wh.{table}")
        con.execute("detach wh")
    return con


@contextmanager
def warehouse_file(settings: Settings) -> Iterator[Path]:
    """The current warehouse, or (none built yet) a temporary one built from the data folder.

    Read it read-only: it may be the live warehouse.
    """
    if settings.db_path.exists():
        yield settings.db_path
        return
    with tempfile.TemporaryDirectory() as folder:
        temporary = dataclasses.replace(settings, db_path=Path(folder) / "warehouse.duckdb")
        pipeline.build(temporary)
        yield temporary.db_path
