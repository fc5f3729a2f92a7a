"""The ``import`` action shared by the ``villages`` and ``schools`` command groups."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.access.roles import COMMAND_LINE, Refused
from etl.config import Settings
from etl.imports.places import import_place_list
from etl.present.i18n import LANGUAGES, t


def register_group(commands: argparse._SubParsersAction, kind: str, help_text: str) -> None:
    """Add ``<kind> import PATH [--lang vi|en]``."""
    parser = commands.add_parser(kind, help=help_text)
    actions = parser.add_subparsers(metavar="ACTION", required=True)
    action = actions.add_parser("import", help=f"replace the {kind} list with PATH")
    action.add_argument("path", type=Path, help="CSV or XLSX file")
    action.add_argument("--lang", choices=LANGUAGES, default="vi", help="message language")
    action.add_argument(
        "--override-lock", action="store_true", help="store it even if a locked period moves"
    )
    action.set_defaults(handler=run, kind=kind)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Import the list; print each problem, or what was stored. Exit 1 when nothing changed.

    A missing or unreadable file raises ``etl.present.errors.InputError``, which ``etl.cli``
    prints."""
    lang, kind, path = args.lang, args.kind, args.path
    what = t(f"places_what_{kind}", lang)
    try:
        result = import_place_list(settings, path, kind, by=COMMAND_LINE,
                                   override_lock=args.override_lock)  # fmt: skip
    except Refused as refused:  # a locked period's places would change; InputError: etl.cli
        print(refused.text(lang))
        return 1
    for problem in result.problems:
        print(problem.text(lang))
    if not result.stored:
        print(t("places_refused", lang, file=result.file_name, count=len(result.problems)))
        return 1
    print(t("places_imported", lang, file=result.file_name, count=result.rows, what=what,
            approx=result.approx))  # fmt: skip
    return 0
