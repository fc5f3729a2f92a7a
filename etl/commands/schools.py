"""`python -m etl schools import PATH`: the master list of schools."""

from __future__ import annotations

import argparse

from etl.commands import places_command


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``schools`` command group."""
    places_command.register_group(commands, "schools", "school master list (CSV or XLSX)")
