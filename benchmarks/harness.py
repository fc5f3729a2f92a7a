"""Measure an operation against its floor: interleaved runs, each in a fresh process.

Every run is ``python -m benchmarks.probe OPERATION ARGS``: a new interpreter does the setup,
times the one operation, and prints its seconds and its peak resident memory
(``getrusage(RUSAGE_SELF).ru_maxrss``: the whole process, interpreter and DuckDB included).
Subject and floor runs alternate (floor, subject, floor, subject, …) so that load from other
processes on the machine falls on both alike; the figure kept is the ratio of the medians.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Op:
    """An operation of ``benchmarks.probe`` with its JSON arguments, and what to call it."""

    name: str
    args: dict[str, Any]
    label: str


@dataclass
class Figure:
    """One benchmark at one scale: subject and floor timings, memory, and what they measured."""

    case: str
    scale: str
    subject: str
    floor: str
    seconds: list[float]
    floor_seconds: list[float]
    peak_mb: float | None = None
    floor_peak_mb: float | None = None
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        """Median seconds of the subject."""
        return statistics.median(self.seconds)

    @property
    def floor_median(self) -> float:
        """Median seconds of the floor."""
        return statistics.median(self.floor_seconds)

    @property
    def ratio(self) -> float:
        """Subject median over floor median."""
        return ratio(self.median, self.floor_median)


def ratio(value: float, floor: float) -> float:
    """``value / floor``; infinity when the floor took no measurable time."""
    return value / floor if floor > 0 else float("inf")


def compare(
    case: str, scale: str, subject: Op, floor: Op, runs: int, *, fresh: bool = True
) -> Figure:
    """Run ``floor`` and ``subject`` alternately ``runs`` times each, each run in a new process;
    or, with ``fresh=False`` (small, repeatable operations), all runs in one new process, whose
    peak memory is then that of both."""
    if runs < 1:
        raise ValueError(f"runs must be ≥ 1, got {runs}")
    if not fresh:
        args = {"subject": [subject.name, subject.args], "floor": [floor.name, floor.args],
                "runs": runs}  # fmt: skip
        out = probe(Op("paired", args, "paired"))
        paired, peak = out["info"]["times"], float(out["peak_mb"])
        return Figure(case, scale, subject.label, floor.label, paired["subject"], paired["floor"],
                      peak, peak, out["info"]["info"])  # fmt: skip
    times: dict[str, list[float]] = {"subject": [], "floor": []}
    peaks: dict[str, float] = {"subject": 0.0, "floor": 0.0}
    info: dict[str, Any] = {}
    for _ in range(runs):
        for role, op in (("floor", floor), ("subject", subject)):
            out = probe(op)
            times[role].append(float(out["seconds"]))
            peaks[role] = max(peaks[role], float(out["peak_mb"]))
            if role == "subject":
                info.update(out.get("info", {}))
    return Figure(case, scale, subject.label, floor.label, times["subject"], times["floor"],
                  peaks["subject"], peaks["floor"], info)  # fmt: skip


def probe(op: Op, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``op`` once in a fresh interpreter; return what it printed (JSON)."""
    import os

    env = {**os.environ, **(extra_env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.probe", op.name, json.dumps(op.args)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"probe {op.name} failed:\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"probe {op.name} printed no result:\n{done.stdout[-2000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def series(values: Sequence[float]) -> str:
    """``median (min–max)`` in seconds or milliseconds, whichever reads better."""
    low, mid, high = min(values), statistics.median(values), max(values)
    if mid < 1:
        return f"{mid * 1000:.1f} ms ({low * 1000:.1f}–{high * 1000:.1f})"
    return f"{mid:.2f} s ({low:.2f}–{high:.2f})"
