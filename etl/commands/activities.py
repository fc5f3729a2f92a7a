"""`python -m etl activities ...`: import unit reports, withdraw one, list them."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl import db
from etl.access.roles import COMMAND_LINE, Refused
from etl.access.upload_safety import UnsafeFile
from etl.config import Settings
from etl.imports.activities import import_reports, withdraw
from etl.imports.printout import format_history, format_import
from etl.present.i18n import LANGUAGES, t
from etl.reports.ledger import ADD, REPLACE
from etl.reports.submissions import ChoiceNeeded, ReportError


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``activities`` command group."""
    parser = commands.add_parser("activities", help="unit activity reports")
    parser.add_argument("--lang", choices=LANGUAGES, default="vi", help="language of messages")
    actions = parser.add_subparsers(metavar="ACTION", required=True)
    load = actions.add_parser("import", help="import report files (.xlsx, .csv)")
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    load.add_argument("--unit", help="reporting unit: id (vhtt, ubnd_xa:2020:02026) or name")
    load.add_argument("--period", help="report period: 2024-Q3, 2024-07, 2024-H1 or 2024")
    load.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
    load.add_argument("--override-lock", action="store_true",
                      help="administrator: accept reports for a locked period")  # fmt: skip
    mode = load.add_mutually_exclusive_group()
    mode.add_argument("--replace", dest="mode", action="store_const", const=REPLACE,
                      help="a file for a unit and period that already have a report replaces "
                           "it (the earlier rows no longer count)")  # fmt: skip
    mode.add_argument("--add", dest="mode", action="store_const", const=ADD,
                      help="a file for a unit and period that already have a report adds to "
                           "it (the earlier rows still count)")  # fmt: skip
    load.set_defaults(handler=import_run)
    out = actions.add_parser("withdraw", help="withdraw a submission (kept in the history)")
    out.add_argument("submission_id", metavar="SUBMISSION_ID")
    out.add_argument("--override-lock", action="store_true",
                     help="administrator: withdraw from a locked period")  # fmt: skip
    out.set_defaults(handler=withdraw_run)
    history = actions.add_parser("history", help="list every submission")
    history.set_defaults(handler=history_run)


def import_run(settings: Settings, args: argparse.Namespace) -> int:
    """Import (or dry-run) the files and print what happened to each."""
    missing = [p for p in args.paths if not p.is_file()]
    if missing:
        print(t("import_file_not_found", args.lang, file=missing[0].name))
        return 2
    try:
        outcome = import_reports(settings, args.paths, unit=args.unit, period=args.period,
                                 dry_run=args.dry_run, by=COMMAND_LINE,
                                 override_lock=args.override_lock, mode=args.mode)  # fmt: skip
    except ChoiceNeeded as needed:
        print(needed.text(args.lang))
        print(t("choice_cli_hint", args.lang))
        return 1
    except (ReportError, Refused, UnsafeFile) as error:
        print(t("import_failed", args.lang, reason=error.text(args.lang)))
        return 1
    try:
        print(format_import(outcome, args.lang))
    finally:
        if outcome.con is not None:
            outcome.con.close()
    for choice in outcome.choices:  # a dry run with no mode: what each would do
        print("\n".join(choice.lines(args.lang)))
    if outcome.choices:
        print(t("choice_cli_dry_run", args.lang))
    return 0


def withdraw_run(settings: Settings, args: argparse.Namespace) -> int:
    """Withdraw one submission by id."""
    try:
        before = withdraw(
            settings, args.submission_id, by=COMMAND_LINE, override_lock=args.override_lock
        )
    except Refused as refused:
        print(refused.text(args.lang))
        return 1
    if before is None:
        print(t("withdraw_unknown", args.lang, submission=args.submission_id))
        return 1
    key = "withdraw_already" if before == "withdrawn" else "withdraw_done"
    print(t(key, args.lang, submission=args.submission_id))
    return 0


def history_run(settings: Settings, args: argparse.Namespace) -> int:
    """Print every submission, oldest first."""
    con = db.connect(settings, read_only=True)  # none: MissingInput, printed by etl.cli
    try:
        print(format_history(con, args.lang))
    finally:
        con.close()
    return 0
