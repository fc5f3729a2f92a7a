"""Command line: `python -m etl [--data-dir D] [--db F] COMMAND ...`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from etl.commands import (
    activities,
    boundaries,
    build,
    coverage,
    demo,
    export,
    init,
    names,
    periods,
    schools,
    template,
    users,
    villages,
)
from etl.config import Settings
from etl.present.errors import InputError

# Command groups, each a module of etl/commands/ with register(subparsers), in the order of the
# help text. Add one line per group.
COMMAND_GROUPS = (
    init,
    build,
    boundaries,
    users,
    villages,
    schools,
    activities,
    template,
    coverage,
    demo,
    periods,
    names,
    export,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, run the chosen command and return the process exit code.

    A missing or broken input (:class:`etl.present.errors.InputError`, raised where it is found) is
    printed as its message, which names the command that adds it, and exits 1; any other
    exception is a bug and keeps its traceback.
    """
    args = _parser().parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s")
    handler = getattr(args, "handler", build.run)
    try:
        settings = Settings.from_env(data_dir=args.data_dir, db_path=args.db)
        return int(handler(settings, args) or 0)
    except InputError as error:
        print(error.text(getattr(args, "lang", "vi")), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    parser.add_argument("--data-dir", help="input folder (default: data/, env CHODON_DATA_DIR)")
    parser.add_argument(
        "--db", help="warehouse file (default: DATA_DIR/warehouse.duckdb, env CHODON_DB)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="say what is read")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(commands)
    return parser
