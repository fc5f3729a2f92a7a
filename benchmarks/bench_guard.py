"""Peak memory of the file guard (``etl.access.upload_safety``) on the worst hostile files of the
bad-input corpus, against the floor of checking a normal small report, in the same run.

    .venv/bin/python -m benchmarks.bench_guard

Each file is checked in a child process of its own (``python -c``, the file on disk, as the
command line reads it), which reports its maximum resident set size
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) before and after the check; the figure is the
growth, and the bound (:data:`BOUND_MB` over the floor) is asserted: the exit code is 1 when a
file passes it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import ROOT
from tests.fixtures.bad_inputs.make import CASES, REPORT_CSV, Case, make

BOUND_MB = 16.0  # growth over the floor that checking any hostile file may take
WORST = ("bom_ty_le.xlsx", "bom_tong.xlsx", "khai_man_kich_thuoc.xlsx", "long_nhau.xlsx",
         "qua_nhieu_phan.xlsx", "tram_nghin_cot.xlsx", "dong_2_trieu.xlsx", "chuoi_chung_lon.xlsx",
         "ty_tieng_cuoi.xlsx", "hong_sau_1mb.csv", "trieu_dong.csv", "tram_nghin_cot.csv",
         "dong_dai.csv")  # fmt: skip
_CHILD = """
import resource, sys, time
from pathlib import Path
from etl.access.upload_safety import UnsafeFile, check_file
path = Path(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    check_file(path)
    outcome = "accepted"
except UnsafeFile as refused:
    outcome = refused.reason
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before, after, f"{seconds:.3f}", outcome)
"""


def measure(path: Path) -> tuple[float, float, float, str]:
    """(baseline MB, growth MB, seconds, outcome) of checking ``path`` in a fresh process."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                          text=True, check=True, cwd=ROOT)  # fmt: skip
    before, after, seconds, outcome = done.stdout.split()
    return int(before) / 1024, (int(after) - int(before)) / 1024, float(seconds), outcome


def main() -> int:
    """Measure the floor and every worst case; print a table; 1 when a case passes the bound."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        base, floor, seconds, outcome = measure(REPORT_CSV)
        print(f"Guard peak memory (max RSS growth over a {base:.0f} MB interpreter), "
              f"bound: floor + {BOUND_MB:.0f} MB")  # fmt: skip
        print(f"{'file':32} {'size MB':>8} {'growth MB':>10} {'s':>7}  outcome")
        print(f"{REPORT_CSV.name + ' (floor)':32} {REPORT_CSV.stat().st_size / 2**20:8.2f} "
              f"{floor:10.1f} {seconds:7.3f}  {outcome}")  # fmt: skip
        worst = 0.0
        cases: list[Case] = [c for c in CASES if c.name in WORST]
        for case in cases:
            path = make(case, Path(folder))
            _, growth, seconds, outcome = measure(path)
            worst = max(worst, growth)
            print(f"{case.name:32} {path.stat().st_size / 2**20:8.2f} {growth:10.1f} "
                  f"{seconds:7.3f}  {outcome}")  # fmt: skip
            path.unlink()
    within = worst <= floor + BOUND_MB
    print(
        f"worst growth {worst:.1f} MB, floor {floor:.1f} MB: "
        f"{'within' if within else 'OVER'} the bound ({time.perf_counter() - started:.0f} s)"
    )
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
