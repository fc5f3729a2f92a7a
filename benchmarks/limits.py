"""Keep a benchmark from starving the (shared) machine: every DuckDB connection opened through
``etl.db`` in this process gets a memory limit, so big runs spill to disk instead; and DuckDB's
progress bar, which writes straight to the terminal, is switched off."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb

MEMORY_SHARE = 0.25  # of the machine's RAM, per DuckDB connection
# The file guard's limits (etl.access.upload_safety) raised for the import benchmarks, whose
# files (1,000,000 or 10,000,000 rows, hundreds of MB) are bigger than any one unit sends.
BIG_FILES = {
    "CHODON_MAX_FILE_MB": "20000",
    "CHODON_MAX_UNZIPPED_MB": "50000",
    "CHODON_MAX_ROWS": "20000000",
}


def apply() -> None:
    """Wrap ``etl.db.connect_path`` (which ``etl.db.connect`` and the pipeline call) once."""
    from etl import db

    if getattr(db.connect_path, "_limited", False):
        return
    original = db.connect_path
    limit = f"{memory_limit_mb()}MB"

    def connect_path(path: Path | str, *args: Any, **kwargs: Any) -> duckdb.DuckDBPyConnection:
        con = original(path, *args, **kwargs)
        con.execute("set memory_limit = ?", [limit])
        con.execute("set enable_progress_bar = false")
        return con

    connect_path._limited = True  # type: ignore[attr-defined]
    db.connect_path = connect_path


def memory_limit_mb() -> int:
    """:data:`MEMORY_SHARE` of the RAM, in MiB."""
    return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * MEMORY_SHARE / 1024**2)
