"""`python -m etl build`: rebuild the warehouse from the data folder."""

from __future__ import annotations

import argparse

from etl.access.roles import COMMAND_LINE, Refused
from etl.config import Settings
from etl.imports.journal import commit_inputs
from etl.imports.locks import audit_override, guard
from etl.present.i18n import LANGUAGES


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``build`` command."""
    parser = commands.add_parser("build", help="build the warehouse from the data folder (default)")
    parser.add_argument(
        "--override-lock", action="store_true", help="build even if a locked period moves"
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="vi", help="message language")
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Build (under the writer lock, after undoing a writer killed mid-change) and print what
    went in. A build that would move a locked period's figures (a file changed by hand, a new
    version of the product) is refused, exit 1, unless ``--override-lock`` (audited)."""
    guarded = guard(COMMAND_LINE, getattr(args, "override_lock", False))
    try:
        result = commit_inputs(settings, {}, guard=guarded)
    except Refused as refused:
        print(refused.text(getattr(args, "lang", "vi")))
        return 1
    audit_override(settings, COMMAND_LINE, guarded, "build")
    print(
        f"Kho dữ liệu / warehouse: {result.db_path.name} — {result.communes} xã/communes, "
        f"{result.activity_files} tệp báo cáo/report files, {result.activity_rows} dòng/rows"
    )
    return 0
