"""`python -m etl villages import PATH`: the master list of villages (thôn, bản, tổ dân phố)."""

from __future__ import annotations

import argparse

from etl.commands import places_command


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``villages`` command group."""
    places_command.register_group(commands, "villages", "village master list (CSV or XLSX)")
