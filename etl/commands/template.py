"""`python -m etl template [--unit CODE] OUT.xlsx`: the district's report template."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.config import Settings
from etl.imports.uploads import write_template_for
from etl.present.i18n import LANGUAGES, t


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``template`` command."""
    parser = commands.add_parser("template", help="write the report template (.xlsx)")
    parser.add_argument("out", type=Path, metavar="OUT.xlsx")
    parser.add_argument("--unit", help="fill in the reporting unit (vhtt, ubnd_xa:2020:02026…)")
    parser.add_argument("--lang", choices=LANGUAGES, default="vi", help="language of the text")
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Write the template, with the communes of the warehouse in its lists."""
    written = write_template_for(settings, args.out, args.unit, args.lang)
    if written is None:
        print(t("template_unit_unknown", args.lang, unit=args.unit))
        return 1
    print(t("template_written", args.lang, path=written))
    return 0
