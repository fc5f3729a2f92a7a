"""`python -m etl demo [--seed N] [--scale district|province|national] [--out DIR]`: sample data.

``district`` (the default) regenerates the committed Chợ Đồn sample: into the data folder (old
``MAU_`` files replaced, warehouse rebuilt, all in one journalled change), or into ``--out``.
``province`` and ``national`` write synthetic benchmark volumes as CSV into ``--out`` (default
``benchmarks/out/<scale>``, never committed).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from etl.config import BENCHMARK_OUT_DIR, Settings
from etl.demo.generate import DEFAULT_SEED, DemoSample, generate_district
from etl.demo.scale import SCALES, write_scale
from etl.i18n import t
from etl.inputs import commit_inputs

SAMPLE_PREFIX = "MAU_"
_SAMPLE_FOLDERS = ("activities", "reference")


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
    if args.out:
        folder = args.out.resolve()
        write_files(folder, sample.files)
    else:
        folder = settings.data_dir
        commit_inputs(settings, sample_changes(settings.data_dir, sample))
    print(t("demo_written", seed=args.seed, folder=folder, villages=sample.villages,
            schools=sample.schools, reports=len(sample.reports), activities=sample.activities,
            bad=sample.bad_rows, skipped=len(sample.skipped)))  # fmt: skip
    return 0


def sample_changes(data_dir: Path, sample: DemoSample) -> dict[Path, bytes | None]:
    """The sample's files, plus deletions of ``MAU_`` files in the data folder it no longer has."""
    changes: dict[Path, bytes | None] = {Path(p): data for p, data in sample.files.items()}
    for folder in _SAMPLE_FOLDERS:
        for path in sorted((data_dir / folder).glob(f"{SAMPLE_PREFIX}*")):
            relative = path.relative_to(data_dir)
            changes.setdefault(relative, None)
    return changes


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (path relative to ``folder`` → bytes) under ``folder``."""
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
