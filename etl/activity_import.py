"""Import, withdraw and list activity reports: the actions behind `python -m etl activities`.

An import plans under the writer lock (``etl.inputs.commit_with``): files already received
(same SHA-256, unit and period) change nothing; each new file gets a receipt id, a masked copy
in ``data/activities/`` and a ledger row; then the warehouse is rebuilt and swapped in. A file
the build cannot take (no header, unknown unit…) fails the build, and the data folder and the
warehouse are put back as they were. A dry run reads the same files with the same code into a
scratch database and changes nothing.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import db, intake, pipeline, reference
from etl.config import Settings
from etl.inputs import commit_with, writer_lock
from etl.load import load_raw
from etl.receipt_rules import ReportError
from etl.report_periods import parse_period
from etl.submissions import Ledger, Planned, plan_import, plan_withdrawal, read_ledger

PLACE_TABLES = ("stg_communes", "stg_commune_crosswalk", "stg_villages", "stg_schools",
                "stg_boundaries")  # fmt: skip


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, per file, and where to read the details (an open connection)."""

    plans: tuple[Planned, ...]
    con: duckdb.DuckDBPyConnection | None  # warehouse (import) or scratch (dry run)
    dry_run: bool


def import_reports(
    settings: Settings,
    paths: Sequence[Path],
    *,
    unit: str | None = None,
    period: str | None = None,
    dry_run: bool = False,
) -> ImportOutcome:
    """Import ``paths`` (or, with ``dry_run``, only check them). Raises ``intake.ReportError``
    when a file cannot be taken; nothing is changed then."""
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(path)
    if period is not None:
        try:
            parse_period(period)
        except ValueError:
            raise ReportError("period_invalid", file="--period", period=period) from None
    if dry_run:
        return _dry_run(settings, paths, unit, period)
    planned: list[Planned] = []

    def plan() -> dict[Path, bytes]:
        plans, changes = plan_import(settings, paths, unit=unit, period=period)
        planned[:] = plans
        return changes

    commit_with(settings, plan)
    con = db.connect(settings, read_only=True) if settings.db_path.exists() else None
    return ImportOutcome(tuple(planned), con, dry_run=False)


def withdraw(settings: Settings, submission_id: str) -> str | None:
    """Withdraw a submission; returns its status before (None if there is no such submission)."""
    before: list[str | None] = [None]

    def plan() -> dict[Path, bytes]:
        if not settings.db_path.exists():
            return {}
        con = db.connect(settings, read_only=True)
        try:
            row = con.execute(
                "select receipt_id, status from stg_submissions where submission_id = ?",
                [submission_id],
            ).fetchone()
        finally:
            con.close()
        if row is None:
            return {}
        before[0] = row[1]
        return {} if row[1] == "withdrawn" else plan_withdrawal(settings, submission_id, row[0])

    commit_with(settings, plan)
    return before[0]


def _dry_run(
    settings: Settings, paths: Sequence[Path], unit: str | None, period: str | None
) -> ImportOutcome:
    with writer_lock(settings):
        plans, _ = plan_import(settings, paths, unit=unit, period=period)
        ledger = read_ledger(settings)
        new = tuple(
            dataclasses.replace(p.receipt, path=path)
            for p, path in zip(plans, paths, strict=True)
            if p.outcome == "new"
        )
        con = _scratch(settings)
        try:
            intake.load_reports(con, settings, Ledger(ledger.receipts + new, ledger.part_status))
        except BaseException:
            con.close()
            raise
    return ImportOutcome(tuple(plans), con, dry_run=True)


def _scratch(settings: Settings) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the reference lists and the places of the warehouse."""
    con = db.connect_path(":memory:")
    for name in reference.TABLES:
        load_raw(con, f"ref_{name}", reference.read_reference(name))
    with warehouse_file(settings) as path:
        # ATTACH takes no bound parameter: the path (from Settings) is quoted as a literal.
        con.execute(f"attach {_literal(str(path))} as wh (read_only)")
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'wh'"
        ).fetchall()}  # fmt: skip
        for table in PLACE_TABLES:
            if table in present:  # names from the constant above
                con.execute(f"create table {table} as select * from wh.{table}")
        con.execute("detach wh")
    return con


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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
