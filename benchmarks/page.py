"""The overview page in headless Chromium against the bare map page (`benchmarks/bare_map.py`).

Both are served by `streamlit run` from the same warehouse, side by side on free localhost
ports. Each load opens a fresh browser context (empty cache) and is timed from navigation until
it is usable: for the overview, every commune polygon and village point of the Leaflet map and
the six headline figures are in the DOM; for the bare page, every polygon and point. Loads
alternate (bare, overview, …) after one untimed warm-up load of each (the first load opens
the warehouse and fills caches).
Memory: the Streamlit server's peak resident memory (``VmHWM``) and the page's JS heap. The
server's CPU time per timed load (``/proc/PID/stat``) bounds how many views per second one
machine serves.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.harness import ROOT, Figure
from etl.config import ENV_DB

CHROMIUM = os.environ.get("CHODON_CHROMIUM", "/usr/bin/chromium")
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
POLYGONS = "path.leaflet-interactive"
METRICS = '[data-testid="stMetric"]'
KPI_CARDS = 6  # widgets.kpi_cards
TIMEOUT_MS = 600_000
SERVER_CPU = "server CPU s per view"
# A load takes ~2-3 s and two loads of the same page differ by as much as the margin to the
# target (1.5x), so each page is loaded at least this many times and the medians compared.
LOADS = 7


def available() -> bool:
    """Whether Chromium is installed."""
    return shutil.which(CHROMIUM) is not None


def compare_pages(scale: str, db_path: Path, shapes: int, work: Path, runs: int) -> Figure:
    """Time ``runs`` loads of the overview and of the bare map page, alternately, each until
    the map has drawn ``shapes`` interactive paths (commune polygons and village points)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    times: dict[str, list[float]] = {"overview": [], "bare": []}
    heap: dict[str, float] = {"overview": 0.0, "bare": 0.0}
    with (
        _server(ROOT / "dashboard" / "app.py", db_path) as (overview_url, overview_pid),
        _server(_bare_script(work), db_path) as (bare_url, bare_pid),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        targets = {"bare": (bare_url, False), "overview": (overview_url, True)}
        for url, metrics in targets.values():  # warm-up
            _load(browser, url, shapes, metrics)
        cpu_before = {"overview": _cpu_seconds(overview_pid), "bare": _cpu_seconds(bare_pid)}
        for _ in range(runs):
            for name, (url, metrics) in targets.items():
                seconds, used = _load(browser, url, shapes, metrics)
                times[name].append(seconds)
                heap[name] = max(heap[name], used)
        browser.close()
        server_mb = {"overview": _peak_mb(overview_pid), "bare": _peak_mb(bare_pid)}
        cpu = {"overview": _cpu_seconds(overview_pid) - cpu_before["overview"],
               "bare": _cpu_seconds(bare_pid) - cpu_before["bare"]}  # fmt: skip
    info: dict[str, Any] = {
        "map paths": shapes,
        "js_heap_mb": round(heap["overview"], 1),
        "bare_js_heap_mb": round(heap["bare"], 1),
        SERVER_CPU: round(cpu["overview"] / runs, 2),
        "bare " + SERVER_CPU: round(cpu["bare"] / runs, 2),
    }
    return Figure("overview page", scale, "overview page, time to interactive",
                  "bare page with the same map", times["overview"], times["bare"],
                  server_mb["overview"], server_mb["bare"], info)  # fmt: skip


def _load(browser: Any, url: str, shapes: int, metrics: bool) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        polygons = page.frame_locator(MAP_FRAME).locator(POLYGONS)
        polygons.nth(shapes - 1).wait_for(state="attached", timeout=TIMEOUT_MS)
        if metrics:
            page.locator(METRICS).nth(KPI_CARDS - 1).wait_for(state="attached", timeout=TIMEOUT_MS)
        seconds = time.perf_counter() - started
        used = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
        return seconds, float(used) / 1024**2
    finally:
        context.close()


@contextmanager
def _server(script: Path, db_path: Path) -> Iterator[tuple[str, int]]:
    port = _free_port()
    env = {**os.environ, ENV_DB: str(db_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script),
         "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://localhost:{port}"
    try:
        _wait_for(url + "/_stcore/health", process)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _bare_script(work: Path) -> Path:
    """The bare page copied into ``work/bare/`` beside a link to the dashboard's static files."""
    folder = work / "bare"
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "bare_map.py"
    shutil.copyfile(Path(__file__).with_name("bare_map.py"), script)
    static = folder / "static"
    if not static.exists():
        static.symlink_to(ROOT / "dashboard" / "static", target_is_directory=True)
    return script


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_mb(pid: int) -> float | None:
    """Peak resident memory (``VmHWM``) of a running process, in MiB."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in {timeout}s")
