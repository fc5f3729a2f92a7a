"""`python -m etl periods lock|unlock|list [PERIOD]`: close a period after a review meeting.

An administrator's action (the command line acts as one, ``etl.access.roles.COMMAND_LINE``):
``etl.imports.locks`` plans, commits and audits it; this module parses and prints.
"""

from __future__ import annotations

import argparse

from etl.access.roles import COMMAND_LINE
from etl.config import Settings
from etl.imports.locks import lock_period, unlock_period
from etl.periods import parse_period
from etl.present.format import vn_day
from etl.present.i18n import LANGUAGES, t
from etl.reports.locks import read_locks


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


def lock_run(settings: Settings, args: argparse.Namespace) -> int:
    """Lock one period."""
    if not _readable(args):
        return 2
    lock = lock_period(settings, args.period, by=COMMAND_LINE)
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
                at=vn_day(lock.locked_at, with_time=True)))  # fmt: skip
    return 0


def _readable(args: argparse.Namespace) -> bool:
    try:
        parse_period(args.period)
    except ValueError:
        print(t("lock_period_invalid", args.lang, period=args.period))
        return False
    return True
