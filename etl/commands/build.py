"""`python -m etl build`: rebuild the warehouse from the data folder."""

from __future__ import annotations

import argparse

from etl.config import Settings
from etl.imports.journal import commit_inputs


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``build`` command."""
    parser = commands.add_parser("build", help="build the warehouse from the data folder (default)")
    parser.set_defaults(handler=run)


def run(settings: Settings, _args: argparse.Namespace) -> int:
    """Build (under the writer lock, after undoing a writer killed mid-change) and print what
    went in."""
    result = commit_inputs(settings, {})
    print(
        f"Kho dữ liệu / warehouse: {result.db_path.name} — {result.communes} xã/communes, "
        f"{result.activity_files} tệp báo cáo/report files, {result.activity_rows} dòng/rows"
    )
    return 0
