"""`python -m etl init [DIR]`: a new data folder for a district's own data, without the sample."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.config import Settings
from etl.imports.data_folder import init_data_folder
from etl.imports.journal import commit_inputs
from etl.present.i18n import LANGUAGES, t


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``init`` command."""
    parser = commands.add_parser(
        "init", help="make DIR a new data folder: schematic boundaries, empty lists, no reports"
    )
    parser.add_argument("folder", nargs="?", type=Path, metavar="DIR",
                        help="the folder (default: --data-dir)")  # fmt: skip
    parser.add_argument("--lang", choices=LANGUAGES, default="vi", help="message language")
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Make the folder and build its (empty) warehouse; a data folder already is left as it is."""
    if args.folder is not None:
        settings = Settings.from_env(data_dir=args.folder, db_path=args.db)
    folder = settings.data_dir
    if not init_data_folder(settings):
        print(t("init_already", args.lang, folder=folder))
        return 0
    result = commit_inputs(settings, {})
    print(t("init_done", args.lang, folder=folder, communes=result.communes, db=result.db_path))
    return 0
