"""`python -m etl export parquet --out DIR`: the marts as partitioned Parquet.

The work is in ``etl/parquet_export.py``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.config import Settings
from etl.i18n import LANGUAGES, t
from etl.parquet_export import export_parquet


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``export`` command group."""
    parser = commands.add_parser("export", help="export the warehouse")
    actions = parser.add_subparsers(metavar="FORMAT", required=True)
    parquet = actions.add_parser("parquet", help="marts as hive-partitioned Parquet + views file")
    parquet.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parquet.add_argument("--lang", choices=LANGUAGES, default="vi", help="message language")
    parquet.set_defaults(handler=parquet_run)


def parquet_run(settings: Settings, args: argparse.Namespace) -> int:
    """Export and say where the views file is. Exit 1 when there is no warehouse or ``--out``
    holds something else."""
    if not settings.db_path.exists():
        print(t("warehouse_missing", args.lang))
        return 1
    if args.out.exists() and not args.out.is_dir():
        print(t("export_out_not_folder", args.lang, folder=args.out))
        return 1
    try:
        result = export_parquet(settings, args.out)
    except ValueError:
        print(t("export_out_not_empty", args.lang, folder=args.out))
        return 1
    print(t("export_parquet_done", args.lang, marts=len(result.rows),
            rows=sum(result.rows.values()), folder=result.out, views=result.views))  # fmt: skip
    return 0
