"""Command line: `python -m etl [--data-dir D] [--db F] COMMAND ...`."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from etl import gazetteer, pipeline
from etl.config import Settings
from etl.schematic import SCHEMATIC_FILE, write_schematic


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, run the chosen command and return the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s"
    )
    settings = Settings.from_env(data_dir=args.data_dir, db_path=args.db)
    handler = args.handler if hasattr(args, "handler") else _build
    return int(handler(settings, args) or 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    parser.add_argument("--data-dir", help="input folder (default: data/, env CHODON_DATA_DIR)")
    parser.add_argument(
        "--db", help="warehouse file (default: DATA_DIR/warehouse.duckdb, env CHODON_DB)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="say what is read")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = commands.add_parser("build", help="build the warehouse from the data folder (default)")
    build.set_defaults(handler=_build)

    bounds = commands.add_parser("boundaries", help="commune boundaries")
    bounds_commands = bounds.add_subparsers(metavar="ACTION", required=True)
    schematic = bounds_commands.add_parser("schematic", help="regenerate the schematic default")
    schematic.set_defaults(handler=_schematic)
    return parser


def _build(settings: Settings, _args: argparse.Namespace) -> int:
    result = pipeline.build(settings)
    print(
        f"Kho dữ liệu / warehouse: {result.db_path.name} — {result.communes} xã/communes, "
        f"{result.activity_files} tệp báo cáo/report files, {result.activity_rows} dòng/rows"
    )
    return 0


def _schematic(settings: Settings, _args: argparse.Namespace) -> int:
    path = write_schematic(
        gazetteer.extract_communes_2020(), settings.boundaries_dir / SCHEMATIC_FILE
    )
    print(f"Ranh giới minh họa / schematic boundaries: {path.name}")
    return 0
