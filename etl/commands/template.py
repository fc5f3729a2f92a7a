"""`python -m etl template [--unit CODE] OUT.xlsx`: the district's report template."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl import db
from etl.config import Settings
from etl.geography.place_lookup import Places
from etl.imports.activities import warehouse_file
from etl.present.i18n import LANGUAGES, t
from etl.reports.template import write_template, written_unit_name


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``template`` command."""
    parser = commands.add_parser("template", help="write the report template (.xlsx)")
    parser.add_argument("out", type=Path, metavar="OUT.xlsx")
    parser.add_argument("--unit", help="fill in the reporting unit (vhtt, ubnd_xa:2020:02026…)")
    parser.add_argument("--lang", choices=LANGUAGES, default="vi", help="language of the text")
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Write the template, with the communes of the warehouse in its lists."""
    with warehouse_file(settings) as path:
        con = db.connect_path(path, read_only=True)
        try:
            communes = Places.from_connection(con).communes
        finally:
            con.close()
    unit_name = None
    if args.unit:
        unit_name = written_unit_name(args.unit, communes)
        if unit_name is None:
            print(t("template_unit_unknown", args.lang, unit=args.unit))
            return 1
    written = write_template(args.out, communes, unit_name, args.lang)
    print(t("template_written", args.lang, path=written))
    return 0
