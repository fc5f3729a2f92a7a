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
from etl.present import failures

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

    No traceback or server path ever reaches the terminal (``etl.present.failures``): a missing
    or broken input, a refused file (:class:`etl.present.errors.Told`, raised where it is found),
    a full disk, a permission denied… is printed as its message (``--lang``), saying what to do,
    and exits 1 (130 when interrupted); any other exception is a bug: a message with a reference,
    exit 1, and its traceback goes to the log (``logs/etl.log`` in the data folder).
    """
    args = _parser().parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s")
    handler = getattr(args, "handler", build.run)
    lang = getattr(args, "lang", "vi")
    settings: Settings | None = None
    try:
        settings = Settings.from_env(data_dir=args.data_dir, db_path=args.db)
        return int(handler(settings, args) or 0)
    except (Exception, KeyboardInterrupt) as error:
        told = failures.explain(error, settings.data_dir if settings else None)
        print(told.text(lang), file=sys.stderr)
        return 130 if isinstance(error, KeyboardInterrupt) else 1


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
