"""Period locks: after a review meeting an administrator closes a period so its figures stay put.

``data/locks.csv`` holds one row per locked period: its label (``2024-Q3``), first and last
day, when and by whom it was locked, and the last receipt of the ledger at that moment
(``after_receipt``). A receipt with a higher number whose submission's period overlaps a
locked period is refused, unless an administrator sent it with ``lock_override``: the build
raises ``ReportError("period_locked")`` and the import is rolled back, so the warehouse does
not change. Ordering by receipt number, not by clock, keeps a rebuild of an accepted state
from ever failing. A withdrawal is checked against the same locks before it is planned
(``etl.imports.activities.withdraw``). The same holds row by row: a row dated inside a locked
period, in a later receipt's report of an open period, is refused (:func:`load_row_locks`,
``etl/sql/intake/problems.sql``), so no later report moves a locked period's figures. The file
changes only through the actions of
``etl.imports.locks`` (``python -m etl periods lock|unlock``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl.config import Settings
from etl.load import load_raw, load_temp
from etl.periods import parse_period
from etl.present.errors import BrokenInput
from etl.present.format import vn_day
from etl.reports.ledger import Receipt
from etl.reports.submissions import ReportError, Submission

LOCK_COLUMNS = ("period", "period_start", "period_end", "locked_at", "locked_by", "after_receipt")
_RECEIPT_NUMBER = re.compile(r"^S(\d+)")


@dataclass(frozen=True)
class Lock:
    """One locked period."""

    period: str
    start: date
    end: date
    locked_at: datetime
    locked_by: str
    after_receipt: int  # receipts numbered above this arrived after the lock


def read_locks(settings: Settings) -> list[Lock]:
    """The locked periods, in the order they were locked (none when there is no file).

    Raises ``BrokenInput`` (``etl.present.errors``) when the file cannot be read as locks.
    """
    if not settings.locks_path.exists():
        return []
    path = settings.locks_path
    try:
        return _read_locks(path)
    except (ValueError, KeyError, UnicodeDecodeError, csv.Error) as error:
        raise BrokenInput("locks_unreadable", file=path, folder=settings.data_dir,
                          detail=error) from error  # fmt: skip


def _read_locks(path: Path) -> list[Lock]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(LOCK_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"missing columns {', '.join(sorted(missing))}")
        return [
            Lock(
                period=row["period"],
                start=date.fromisoformat(row["period_start"]),
                end=date.fromisoformat(row["period_end"]),
                locked_at=datetime.fromisoformat(row["locked_at"]),
                locked_by=row["locked_by"],
                after_receipt=int(row["after_receipt"] or 0),
            )
            for row in reader
        ]


def lock_covering(locks: Sequence[Lock], start: date, end: date) -> Lock | None:
    """The first lock whose period overlaps ``start`` … ``end``, if any."""
    if end < start:
        raise ValueError(f"end must not be before start, got {start} … {end}")
    return next((lock for lock in locks if lock.start <= end and start <= lock.end), None)


def check_submissions(submissions: Sequence[Submission], locks: Sequence[Lock]) -> None:
    """Raise ``ReportError("period_locked")`` for the first submission that arrived after a
    lock of an overlapping period without an administrator's override."""
    for submission in submissions:
        receipt = submission.receipt
        number = receipt_number(receipt.receipt_id)
        if number is None or receipt.lock_override or submission.status == "withdrawn":
            continue
        lock = lock_covering(locks, submission.period.start, submission.period.end)
        if lock is not None and number > lock.after_receipt:
            raise ReportError(
                "period_locked", file=receipt.file_name, period=submission.period.period_id,
                locked=lock.period, by=lock.locked_by,
                day=vn_day(lock.locked_at),
            )  # fmt: skip


def load_row_locks(
    con: duckdb.DuckDBPyConnection, receipts: Sequence[Receipt], locks: Sequence[Lock]
) -> None:
    """``row_locks``: for each receipt of the build (``receipt_no``, its place in ``receipts``)
    the locks its rows must keep out of: those set before it arrived, unless an administrator
    sent it with ``lock_override``."""
    rows = [
        (number, lock.period, lock.start, lock.end, lock.locked_by, vn_day(lock.locked_at))
        for number, receipt in enumerate(receipts)
        if not receipt.lock_override
        for lock in locks
        if (receipt_number(receipt.receipt_id) or 0) > lock.after_receipt
    ]
    load_temp(con, "row_locks", pd.DataFrame(rows, columns=[
        "receipt_no", "period", "period_start", "period_end", "locked_by", "locked_day",
    ]), {"receipt_no": "integer", "period": "varchar", "period_start": "date",
         "period_end": "date", "locked_by": "varchar", "locked_day": "varchar"})  # fmt: skip


def plan_lock(
    settings: Settings, period_text: str, by: str, last_receipt: int, now: datetime
) -> tuple[Lock | None, dict[Path, bytes]]:
    """The change that locks ``period_text``: (the new lock, changes), or (None, {}) when that
    period is locked already. Raises ValueError for a period that cannot be read."""
    period = parse_period(period_text)
    locks = read_locks(settings)
    if any(lock.period == period.period_id for lock in locks):
        return None, {}
    lock = Lock(period.period_id, period.start, period.end, now, by, last_receipt)
    return lock, {Path(settings.locks_path.name): _locks_bytes([*locks, lock])}


def plan_unlock(settings: Settings, period_text: str) -> tuple[Lock | None, dict[Path, bytes]]:
    """The change that unlocks ``period_text``: (the lock removed, changes), or (None, {})."""
    period = parse_period(period_text)
    locks = read_locks(settings)
    found = next((lock for lock in locks if lock.period == period.period_id), None)
    if found is None:
        return None, {}
    rest = [lock for lock in locks if lock is not found]
    return found, {Path(settings.locks_path.name): _locks_bytes(rest)}


def receipt_number(receipt_id: str) -> int | None:
    """``S0007`` → 7; None for files without a ledger row (``file:…``)."""
    found = _RECEIPT_NUMBER.match(receipt_id)
    return int(found[1]) if found else None


def _locks_bytes(locks: Sequence[Lock]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LOCK_COLUMNS)
    for lock in locks:
        writer.writerow([lock.period, lock.start.isoformat(), lock.end.isoformat(),
                         lock.locked_at.isoformat(timespec="seconds"), lock.locked_by,
                         lock.after_receipt])  # fmt: skip
    return out.getvalue().encode("utf-8")


def load_locks(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Write ``raw_period_locks``: ``locks.csv`` as it stands when the build runs."""
    rows = [
        (lock.period, lock.start, lock.end, lock.locked_at, lock.locked_by, lock.after_receipt)
        for lock in read_locks(settings)
    ]
    frame = pd.DataFrame(rows, columns=list(LOCK_COLUMNS))
    load_raw(
        con,
        "raw_period_locks",
        frame.astype({"period": "string", "locked_by": "string", "after_receipt": "int64"}),
    )
