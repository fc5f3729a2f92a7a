"""Probe operation for the dashboard reruns benchmark (`benchmarks/dashboard_reruns.py`): the
dashboard's server-side time per rerun, in Streamlit's AppTest, on that benchmark's own
synthetic warehouse (built by its ``_build`` at the scale's village and activity counts), for
each of its interactions (``_steps``). The floor, run alternately in the same process, is a
rerun of the bare map page (`benchmarks/bare_map.py`) on the same warehouse.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from benchmarks.ops import Work
from etl.config import ENV_DB

BARE_PAGE = Path(__file__).with_name("bare_map.py")


def reruns(args: dict[str, Any]) -> Work:
    """Build the warehouse ``args['db']``, warm both apps, then time every interaction."""
    from streamlit.testing.v1 import AppTest

    from benchmarks import dashboard_reruns

    path = Path(args["db"])
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    dashboard_reruns._build(path, int(args["villages"]), int(args["activities"]))
    built = time.perf_counter() - started
    os.environ[ENV_DB] = str(path)
    app = AppTest.from_file(dashboard_reruns.APP, default_timeout=600)
    bare = AppTest.from_file(str(BARE_PAGE), default_timeout=600)
    app.run()
    bare.run()
    repeat = int(args["runs"])

    def work() -> dict[str, Any]:
        results: dict[str, Any] = {}
        for name, step in dashboard_reruns._steps().items():
            times: dict[str, list[float]] = {"floor": [], "subject": []}
            for _ in range(repeat):
                times["floor"].append(_timed_run(bare))
                step(app)
                times["subject"].append(_timed_run(app))
                if app.exception:
                    raise RuntimeError(f"{name}: {app.exception[0].message}")
            results[name] = times
        return {"steps": results, "warehouse_s": round(built, 1)}

    return work


def _timed_run(app: Any) -> float:
    started = time.perf_counter()
    app.run()
    return time.perf_counter() - started


OPERATIONS = {"reruns": reruns}
