"""Run every benchmark at district and province scale (national on request); write RESULTS.md.

    .venv/bin/python -m benchmarks.run [--scale district,province] [--national] [--runs 3]
        [--only import,marts,queries,page,reruns] [--out benchmarks/RESULTS.md] [--work DIR]
        [--keep]

Scales (`benchmarks/scales.py`): the district is the committed Chợ Đồn sample built by the real
pipeline; a province and the nation are that district's staging rows tiled side by side (7 and
500 copies) with activities repeated up to about 1,000,000 and 10,000,000, marts rebuilt.
Every benchmark is a median of ``--runs`` runs (5 for the fast dashboard queries) against a floor
measured in the same run (`benchmarks/README.md`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from benchmarks import cases, limits, machine, page
from benchmarks.harness import ROOT, Figure
from benchmarks.report import Run, render
from benchmarks.scales import SCALES, prepare_scale

CASES: dict[str, Callable[[cases.Context], list[Figure]]] = {
    "import": cases.import_reports,
    "marts": cases.marts,
    "queries": cases.queries,
    "page": cases.overview_page,
    "reruns": cases.reruns,
}
DEFAULT_OUT = ROOT / "benchmarks" / "RESULTS.md"
DEFAULT_WORK = ROOT / "benchmarks" / "out" / "run"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, write the results file; return the exit code."""
    args = _parser().parse_args(argv)
    scales = [s.strip() for s in args.scale.split(",") if s.strip()]
    if args.national and "national" not in scales:
        scales.append("national")
    unknown = [s for s in scales if s not in SCALES]
    only = [c.strip() for c in args.only.split(",")] if args.only else list(CASES)
    if unknown or "district" not in scales or any(c not in CASES for c in only):
        print(f"--scale must list district and any of {sorted(SCALES)}; --only any of "
              f"{sorted(CASES)}", file=sys.stderr)  # fmt: skip
        return 2
    limits.apply()  # the tiling runs in this process
    started, clock = datetime.now().astimezone(), time.perf_counter()
    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run = Run(_command(argv), started.strftime("%Y-%m-%d %H:%M %Z"), 0.0, machine.describe(), {},
              [])  # fmt: skip
    try:
        for scale in scales:
            _log(f"{scale}: preparing data")
            case_started = time.perf_counter()
            prepared = prepare_scale(SCALES[scale], work)
            run.timeline.append((scale, "data", time.perf_counter() - case_started))
            run.sizes[scale] = prepared.sizes
            run.notes.extend(prepared.notes)
            context = cases.Context(scale, prepared, work, args.runs, run.missing, run.figures)
            for name in only:
                if name == "page" and not page.available():
                    _missing(run, f"overview page: {page.CHROMIUM} not found (apt-get install "
                             "chromium)")  # fmt: skip
                    continue
                _log(f"{scale}: {name}")
                case_started = time.perf_counter()
                try:
                    figures = CASES[name](context)
                except Exception as error:  # one broken benchmark must not lose the others
                    _missing(run, f"{name} at {scale} scale failed: {_first_line(error)}")
                    continue
                finally:
                    run.timeline.append((scale, name, time.perf_counter() - case_started))
                run.figures.extend(figures)
                for figure in figures:
                    _log(f"  {figure.subject}: {figure.median:.3f} s, {figure.ratio:.2f}× floor")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    run.seconds = time.perf_counter() - clock
    run.machine["load average at the end (1 min)"] = f"{os.getloadavg()[0]:.1f}"
    run.missing[:] = list(dict.fromkeys(run.missing))
    args.out.write_text(render(run), encoding="utf-8")
    _log(f"wrote {args.out} in {run.seconds / 60:.1f} min")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument(
        "--scale",
        default="district,province",
        help="comma-separated scales (default: district,province)",
    )
    parser.add_argument("--national", action="store_true", help="add the national scale")
    parser.add_argument("--runs", type=int, default=3, help="runs per heavy benchmark (≥ 3)")
    parser.add_argument("--only", help="comma-separated cases: " + ",".join(CASES))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results file")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="scratch folder")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    return parser  # fmt: skip


def _command(argv: list[str] | None) -> str:
    given = sys.argv[1:] if argv is None else argv
    return " ".join(["python -m benchmarks.run", *given])


def _missing(run: Run, text: str) -> None:
    run.missing.append(text)
    _log(f"  not measured: {text}")


def _first_line(error: Exception) -> str:
    """The error's last line that says something (a probe's error ends with its traceback)."""
    lines = [line.strip() for line in str(error).splitlines() if any(c.isalpha() for c in line)]
    named = [line for line in lines if "Error" in line or "Exception" in line]
    return f"{type(error).__name__}: {(named or lines or [''])[-1]}"


def _log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
