"""`python -m etl demo [--seed N] [--scale district|province|national] [--out DIR]`: sample data.

``district`` (the default) regenerates the committed Chợ Đồn sample: into the data folder through
the real imports (``etl.demo.install``; refused if the folder holds non-sample data), or as files
into ``--out``.
``province`` and ``national`` write synthetic benchmark volumes as CSV into ``--out`` (default
``benchmarks/out/<scale>``, never committed).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from etl.config import BENCHMARK_OUT_DIR, Settings
from etl.demo.generate import DEFAULT_SEED, generate_district
from etl.demo.install import install_sample, not_sample_files, write_sample
from etl.demo.scale import SCALES, write_scale
from etl.present.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``demo`` command."""
    parser = commands.add_parser("demo", help="generate sample data (DỮ LIỆU MẪU)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)"
    )
    parser.add_argument(
        "--scale", choices=("district", *SCALES), default="district",
        help="district: the committed Chợ Đồn sample; province/national: benchmark volumes",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, help="write here instead of the data folder")
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Generate, write, and say what was written."""
    if args.scale != "district":
        out = (args.out or BENCHMARK_OUT_DIR / args.scale).resolve()
        started = time.perf_counter()
        result = write_scale(args.scale, args.seed, out)
        seconds = f"{time.perf_counter() - started:.1f}"
        print(t("demo_scale_written", scale=args.scale, seed=args.seed, folder=out,
                villages=result.villages, schools=result.schools, activities=result.activities,
                files=result.files, seconds=seconds))  # fmt: skip
        return 0
    sample = generate_district(args.seed)
    folder = args.out.resolve() if args.out else settings.data_dir
    if args.out:
        write_sample(folder, sample)
    else:
        real = not_sample_files(settings)
        if real:
            print(t("demo_refused_real_data", folder=folder, files=", ".join(real)))
            return 1
    print(t("demo_written", seed=args.seed, folder=folder, villages=sample.villages,
            schools=sample.schools, reports=len(sample.reports), activities=sample.activities,
            bad=sample.bad_rows, skipped=len(sample.skipped)))  # fmt: skip
    if not args.out:
        installed = install_sample(settings, sample)
        print(t("demo_imported", receipts=installed.receipts, loaded=installed.rows_loaded,
                rejected=installed.rows_rejected))  # fmt: skip
    return 0
