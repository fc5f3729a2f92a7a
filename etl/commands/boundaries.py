"""`python -m etl boundaries ...`: commune boundaries."""

from __future__ import annotations

import argparse

from etl import gazetteer
from etl.config import Settings
from etl.schematic import SCHEMATIC_FILE, write_schematic


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``boundaries`` command group."""
    parser = commands.add_parser("boundaries", help="commune boundaries")
    actions = parser.add_subparsers(metavar="ACTION", required=True)
    schematic = actions.add_parser("schematic", help="regenerate the schematic default")
    schematic.set_defaults(handler=schematic_run)


def schematic_run(settings: Settings, _args: argparse.Namespace) -> int:
    """Write the schematic default boundary file into the data folder."""
    target = settings.boundaries_dir / SCHEMATIC_FILE
    path = write_schematic(gazetteer.extract_communes_2020(), target)
    print(f"Ranh giới minh họa / schematic boundaries: {path.name}")
    return 0
