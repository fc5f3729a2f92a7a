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

Behind those rules stands one that covers every path at once: each lock holds a fingerprint of
its period's figures (:func:`fingerprint`, ``etl/sql/queries/lock_figures.sql``), recorded at
the build of the commit that locks it. Every commit of the data folder
(``etl.imports.journal``) builds under a :class:`LockGuard`, which recomputes each lock's
fingerprint in the new warehouse before it is swapped in and refuses the change
(``refused_lock_moved``, rolled back) when one would differ, unless an administrator overrides:
then the lock holds the new figures and the override is audited. A village or school list, a
boundary file, a name choice, a withdrawal, a hand-edited folder rebuilt: none moves a locked
period's figures unseen. ``python -m etl periods verify`` recomputes them from the warehouse.
A ``locks.csv`` written before fingerprints reads with none; the next commit records them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import db
from etl.access.roles import Refused
from etl.config import Settings
from etl.load import load_raw, load_temp
from etl.periods import parse_period
from etl.present.errors import BrokenInput
from etl.present.format import vn_day
from etl.reports.ledger import Receipt
from etl.reports.submissions import ReportError, Submission
from etl.sql_files import ETL_SQL, fetch_rows

LOCK_COLUMNS = ("period", "period_start", "period_end", "locked_at", "locked_by", "after_receipt",
                "fingerprint")  # fmt: skip
REQUIRED_COLUMNS = LOCK_COLUMNS[:-1]  # a file written before fingerprints has no such column
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
    fingerprint: str = ""  # of the period's figures (:func:`fingerprint`); "" not recorded yet

    @property
    def short_fingerprint(self) -> str:
        """The fingerprint's first 12 characters, as printed; "—" when none is recorded."""
        return self.fingerprint[:12] or "—"


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
        missing = set(REQUIRED_COLUMNS) - set(reader.fieldnames or ())
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
                fingerprint=row.get("fingerprint") or "",
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
                         lock.after_receipt, lock.fingerprint])  # fmt: skip
    return out.getvalue().encode("utf-8")


def load_locks(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Write ``raw_period_locks``: ``locks.csv`` as it stands when the build runs, without the
    fingerprints (a commit records them late in its own build: :class:`LockGuard`)."""
    rows = [
        (lock.period, lock.start, lock.end, lock.locked_at, lock.locked_by, lock.after_receipt)
        for lock in read_locks(settings)
    ]
    frame = pd.DataFrame(rows, columns=list(REQUIRED_COLUMNS))
    load_raw(
        con,
        "raw_period_locks",
        frame.astype({"period": "string", "locked_by": "string", "after_receipt": "int64"}),
    )


def fingerprint(con: duckdb.DuckDBPyConnection, period_id: str) -> str:
    """SHA-256 (hex) of the figures of ``period_id`` in the warehouse open on ``con``: the rows
    of ``etl/sql/queries/lock_figures.sql`` (coverage of villages, schools, communes and the
    district, unit reporting, Decision 830, both geographies, the commune boundaries), in order,
    one JSON line each (null is not 0)."""
    digest = hashlib.sha256()
    rows = fetch_rows(con, ETL_SQL / "queries", "lock_figures", {"period_id": period_id})
    for part, line in rows:
        digest.update(f"{part}\t{line}\n".encode())
    return digest.hexdigest()


def lock_moved(moved: Sequence[Lock]) -> Refused:
    """The refusal of a change that would move the figures of the locks ``moved``."""
    first = moved[0]
    return Refused("refused_lock_moved", locked=first.period, by=first.locked_by,
                   day=vn_day(first.locked_at),
                   periods=", ".join(lock.period for lock in moved))  # fmt: skip


class LockGuard:
    """Keeps the locked periods' figures put across one commit (``etl.imports.journal``).

    :meth:`start`, before the change is applied, takes each lock's fingerprint as recorded (or,
    for a lock recorded without one, as the current warehouse computes it); :meth:`check`, in
    the build of the changed folder before its warehouse is swapped in, recomputes them. A lock
    whose figures would differ refuses the change, unless ``override`` (an administrator's,
    checked by the caller): then :attr:`moved` names the locks moved, for the audit trail. A
    lock new in this commit has nothing to compare: its fingerprint is recorded.
    """

    def __init__(self, *, override: bool = False) -> None:
        self.override = override
        self.moved: list[Lock] = []
        self._before: dict[str, str] = {}

    def start(self, settings: Settings) -> None:
        """Take the fingerprints before the change (the writer lock held)."""
        locks = read_locks(settings)
        self._before = {lock.period: lock.fingerprint for lock in locks if lock.fingerprint}
        unrecorded = [lock.period for lock in locks if not lock.fingerprint]
        if not unrecorded or not settings.db_path.exists():
            return
        con = db.connect(settings, read_only=True, extensions=())
        try:
            self._before |= {period: fingerprint(con, period) for period in unrecorded}
        except duckdb.Error:  # a warehouse of an older build lacks a mart: nothing to compare
            pass
        finally:
            con.close()

    def check(self, con: duckdb.DuckDBPyConnection, settings: Settings) -> bytes | None:
        """Recompute the fingerprints on the new warehouse ``con``; raise ``Refused``
        (``refused_lock_moved``) when one moved without ``override``. Returns the bytes of
        ``locks.csv`` with every fingerprint recorded, or None when the file holds them."""
        locks = read_locks(settings)
        now = {lock.period: fingerprint(con, lock.period) for lock in locks}
        moved = [lock for lock in locks if self._before.get(lock.period, now[lock.period])
                 != now[lock.period]]  # fmt: skip
        if moved and not self.override:
            raise lock_moved(moved)
        self.moved = moved
        signed = [replace(lock, fingerprint=now[lock.period]) for lock in locks]
        return None if signed == locks else _locks_bytes(signed)
