"""Lock and unlock report periods: the actions behind `python -m etl periods lock|unlock`.

Only an administrator locks or unlocks (``etl.access.roles.check_admin``). The change to
``locks.csv`` is planned under the writer lock (``etl.imports.journal.commit_with``, which
rebuilds the warehouse and records the lock's fingerprint) and written to the audit trail
(``etl.access.audit``). Only a period that has ended is locked: an open one's figures still
grow day by day. What a lock refuses, and how ``locks.csv`` reads, is in ``etl.reports.locks``;
:func:`guard` and :func:`audit_override` are how every other action lets an administrator
override a lock, audited.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from etl.access import audit, roles
from etl.access.users import User
from etl.config import Settings
from etl.imports.journal import commit_with
from etl.periods import parse_period
from etl.present.format import vn_day
from etl.reports.ledger import read_ledger
from etl.reports.locks import Lock, LockGuard, plan_lock, plan_unlock, receipt_number


def lock_period(settings: Settings, period: str, *, by: User = roles.COMMAND_LINE) -> Lock | None:
    """Lock ``period`` (``2024-Q3``, ``2024-07``…) as ``by``: the new lock, or None when that
    period is locked already (nothing changes then).

    Raises ``roles.Refused`` when ``by`` is not an administrator or the period has not ended,
    and ``ValueError`` for a period that cannot be read.
    """
    roles.check_admin(by)
    end = parse_period(period).end
    if end >= settings.today():
        raise roles.Refused("refused_lock_open", period=period, end=vn_day(end))
    done: list[Lock | None] = [None]

    def plan() -> dict[Path, bytes]:
        receipts = read_ledger(settings).receipts
        last = max((receipt_number(r.receipt_id) or 0 for r in receipts), default=0)
        lock, changes = plan_lock(settings, period, by.name, last, datetime.now().astimezone())
        done[0] = lock
        return changes

    commit_with(settings, plan)
    if done[0] is not None:
        audit.record(settings, by.name, "lock", done[0].period)
    return done[0]


def unlock_period(settings: Settings, period: str, *, by: User = roles.COMMAND_LINE) -> Lock | None:
    """Unlock ``period`` as ``by``: the lock removed, or None when it was not locked.

    Raises ``roles.Refused`` when ``by`` is not an administrator and ``ValueError`` for a
    period that cannot be read.
    """
    roles.check_admin(by)
    done: list[Lock | None] = [None]

    def plan() -> dict[Path, bytes]:
        lock, changes = plan_unlock(settings, period)
        done[0] = lock
        return changes

    commit_with(settings, plan)
    if done[0] is not None:
        audit.record(settings, by.name, "unlock", done[0].period)
    return done[0]


def guard(by: User, override_lock: bool) -> LockGuard:
    """The lock guard of a commit by ``by``: with ``override_lock`` (an administrator's only,
    else ``roles.Refused``) a change that moves a locked period's figures goes through."""
    if override_lock and by.role != "admin":
        raise roles.Refused("refused_lock_admin_only")
    return LockGuard(override=override_lock)


def audit_override(settings: Settings, by: User, guarded: LockGuard, what: str) -> None:
    """Write to the audit trail the locks an override moved (none moved: nothing)."""
    if guarded.moved:
        audit.record(settings, by.name, "lock_override",
                     ", ".join(lock.period for lock in guarded.moved), what)  # fmt: skip
