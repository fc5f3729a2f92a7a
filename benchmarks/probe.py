"""One measured operation in a fresh process: `python -m benchmarks.probe OPERATION JSON_ARGS`.

Prints one JSON line: ``seconds`` (the operation alone, after its setup), ``peak_mb`` (the
process's peak resident memory, ``ru_maxrss``: interpreter, libraries and DuckDB included) and
``info`` (row counts, sizes). Operations live in :mod:`benchmarks.ops` and
:mod:`benchmarks.import_ops`.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks import limits


def main(argv: list[str]) -> int:
    """Run ``argv[0]`` with the JSON arguments ``argv[1]`` and print the result line."""
    operations = _operations()
    if len(argv) != 2 or argv[0] not in operations:
        print(f"usage: python -m benchmarks.probe {{{','.join(operations)}}} JSON_ARGS")
        return 2
    limits.apply()
    result = os.dup(1)
    os.dup2(2, 1)  # whatever the work prints goes to stderr: stdout carries the result alone
    try:
        work = operations[argv[0]](json.loads(argv[1]))
        started = time.perf_counter()
        info: Any = work()
        seconds = time.perf_counter() - started
    finally:
        sys.stdout.flush()
        os.dup2(result, 1)
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "info": info or {}}))
    return 0


def paired(args: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    """Two repeatable operations, ``floor`` and ``subject`` (each ``[name, args]``), set up once
    and run alternately ``runs`` times; returns their timings."""
    operations = _operations()
    works = {role: operations[args[role][0]](args[role][1]) for role in ("floor", "subject")}

    def work() -> dict[str, Any]:
        times: dict[str, list[float]] = {"floor": [], "subject": []}
        info: dict[str, Any] = {}
        for _ in range(int(args["runs"])):
            for role, run in works.items():
                started = time.perf_counter()
                out = run()
                times[role].append(time.perf_counter() - started)
                if role == "subject":
                    info.update(out or {})
        return {"times": times, "info": info}

    return work


def peak_mb() -> float:
    """This process's peak resident memory in MiB (Linux reports ``ru_maxrss`` in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _operations() -> dict[str, Callable[[dict[str, Any]], Callable[[], Any]]]:
    from benchmarks import import_ops, ops, rerun_ops

    return {**ops.OPERATIONS, **import_ops.OPERATIONS, **rerun_ops.OPERATIONS, "paired": paired}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
