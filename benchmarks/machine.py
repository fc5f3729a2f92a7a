"""The machine a run was measured on, read at run time."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import duckdb


def describe() -> dict[str, str]:
    """CPU model, cores, RAM, OS, Python, DuckDB and Streamlit versions, load average."""
    return {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "RAM": f"{_ram_gib():.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "DuckDB": duckdb.__version__,
        "Streamlit": _version("streamlit"),
        "Chromium": _chromium_version(),
        "load average at start (1 min)": f"{os.getloadavg()[0]:.1f}",
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _chromium_version() -> str:
    import shutil
    import subprocess

    from benchmarks.page import CHROMIUM

    if not shutil.which(CHROMIUM):
        return "not installed"
    done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"
