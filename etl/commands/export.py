"""`python -m etl export parquet --out DIR`: the marts as partitioned Parquet;
`python -m etl export deck|maps|tables|report --period P [--geography 2020|2025] --out DIR`:
the meeting files of one period.

The work is in ``etl/export/parquet.py`` and ``etl/export/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.config import Settings
from etl.export.bundle import KINDS, export_files, write_files
from etl.export.figures import ExportError
from etl.export.parquet import export_parquet
from etl.geography.epochs import GEOGRAPHIES
from etl.present.i18n import LANGUAGES, t


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``export`` command group."""
    parser = commands.add_parser("export", help="export the warehouse")
    actions = parser.add_subparsers(metavar="FORMAT", required=True)
    parquet = actions.add_parser("parquet", help="marts as hive-partitioned Parquet + views file")
    parquet.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parquet.add_argument("--lang", choices=LANGUAGES, default="vi", help="message language")
    parquet.set_defaults(handler=parquet_run)
    for kind in KINDS:
        files = actions.add_parser(kind, help=t(f"export_kind_{kind}", "en"))
        files.add_argument("--period", required=True, help="2025, 2025-Q3, 2024-2025, …")
        files.add_argument("--geography", choices=GEOGRAPHIES, default=GEOGRAPHIES[0])
        files.add_argument("--out", type=Path, required=True, help="folder to write into")
        files.add_argument("--lang", choices=LANGUAGES, default="vi", help="file language")
        files.set_defaults(handler=files_run, kind=kind)


def files_run(settings: Settings, args: argparse.Namespace) -> int:
    """Make the files of ``args.kind`` and write them into ``--out``; exit 1, writing nothing,
    when the period is not valid or has no figures, or there is no warehouse."""
    if args.out.exists() and not args.out.is_dir():
        print(t("export_invalid_folder", args.lang, folder=args.out), file=sys.stderr)
        return 1
    try:
        files = export_files(settings, args.kind, args.period, args.geography, args.lang)
    except ExportError as refusal:
        print(t(refusal.key, args.lang, **refusal.fields), file=sys.stderr)
        return 1
    for path in write_files(args.out, files):
        size = max(1, round(path.stat().st_size / 1024))
        print(t("export_file_written", args.lang, file=path, size=size))
    return 0


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
