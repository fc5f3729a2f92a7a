"""`python -m etl periods lock|unlock|list|verify [PERIOD]`: close a period after a review meeting.

An administrator's action (the command line acts as one, ``etl.access.roles.COMMAND_LINE``):
``etl.imports.locks`` plans, commits and audits it; this module parses and prints. ``verify``
recomputes each lock's fingerprint from the warehouse (``etl.reports.locks.fingerprint``) and
says, per lock, whether the figures are still those locked: exit 0 when all are, 1 otherwise.
"""

from __future__ import annotations

import argparse

from etl import db
from etl.access.roles import COMMAND_LINE, Refused
from etl.config import Settings
from etl.imports.locks import lock_period, unlock_period
from etl.periods import parse_period
from etl.present.format import vn_day
from etl.present.i18n import LANGUAGES, t
from etl.reports.locks import fingerprint, read_locks


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``periods`` command group."""
    parser = commands.add_parser("periods", help="lock or unlock report periods")
    parser.add_argument("--lang", choices=LANGUAGES, default="vi", help="language of messages")
    actions = parser.add_subparsers(metavar="ACTION", required=True)
    lock = actions.add_parser("lock", help="lock a period: later reports and withdrawals refused")
    lock.add_argument("period", metavar="PERIOD", help="2024-Q3, 2024-07, 2024-H1 or 2024")
    lock.set_defaults(handler=lock_run)
    unlock = actions.add_parser("unlock", help="unlock a period")
    unlock.add_argument("period", metavar="PERIOD")
    unlock.set_defaults(handler=unlock_run)
    listing = actions.add_parser("list", help="list locked periods")
    listing.set_defaults(handler=list_run)
    verify = actions.add_parser("verify", help="check that locked figures have not moved")
    verify.add_argument("period", metavar="PERIOD", nargs="?", help="one locked period (all)")
    verify.set_defaults(handler=verify_run)


def lock_run(settings: Settings, args: argparse.Namespace) -> int:
    """Lock one period."""
    if not _readable(args):
        return 2
    try:
        lock = lock_period(settings, args.period, by=COMMAND_LINE)
    except Refused as refused:
        print(refused.text(args.lang))
        return 1
    if lock is None:
        print(t("lock_already", args.lang, period=args.period))
        return 0
    start, end = vn_day(lock.start), vn_day(lock.end)
    print(t("lock_done", args.lang, period=lock.period, start=start, end=end))
    return 0


def unlock_run(settings: Settings, args: argparse.Namespace) -> int:
    """Unlock one period."""
    if not _readable(args):
        return 2
    lock = unlock_period(settings, args.period, by=COMMAND_LINE)
    if lock is None:
        print(t("unlock_not_locked", args.lang, period=args.period))
        return 1
    print(t("unlock_done", args.lang, period=lock.period))
    return 0


def list_run(settings: Settings, args: argparse.Namespace) -> int:
    """Print the locked periods."""
    locks = read_locks(settings)
    if not locks:
        print(t("locks_empty", args.lang))
    for lock in locks:
        print(t("locks_row", args.lang, period=lock.period, start=vn_day(lock.start),
                end=vn_day(lock.end), by=lock.locked_by,
                at=vn_day(lock.locked_at, with_time=True),
                fingerprint=lock.short_fingerprint))  # fmt: skip
    return 0


def verify_run(settings: Settings, args: argparse.Namespace) -> int:
    """Recompute the fingerprint of each lock (or of ``PERIOD``'s) and print the verdicts."""
    locks = read_locks(settings)
    if args.period is not None:
        if not _readable(args):
            return 2
        wanted = parse_period(args.period).period_id
        locks = [lock for lock in locks if lock.period == wanted]
        if not locks:
            print(t("unlock_not_locked", args.lang, period=args.period))
            return 1
    elif not locks:
        print(t("locks_empty", args.lang))
        return 0
    con = db.connect(settings, read_only=True, extensions=())  # MissingInput: printed by etl.cli
    try:
        found = [(lock, fingerprint(con, lock.period)) for lock in locks]
    finally:
        con.close()
    confirmed = True
    for lock, now in found:
        fields = {"period": lock.period, "by": lock.locked_by, "day": vn_day(lock.locked_at)}
        if not lock.fingerprint:
            print(t("verify_unrecorded", args.lang, **fields))
        elif now == lock.fingerprint:
            print(t("verify_confirmed", args.lang, fingerprint=lock.short_fingerprint, **fields))
        else:
            print(t("verify_changed", args.lang, now=now[:12], then=lock.short_fingerprint,
                    **fields))  # fmt: skip
        confirmed = confirmed and now == lock.fingerprint
    return 0 if confirmed else 1


def _readable(args: argparse.Namespace) -> bool:
    """Whether ``args.period`` reads as a period (else the message is printed)."""
    try:
        parse_period(args.period)
    except ValueError:
        print(t("lock_period_invalid", args.lang, period=args.period))
        return False
    return True
