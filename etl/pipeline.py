"""Build the warehouse from what is in the data folder, then swap it in atomically.

The build writes a new file beside the warehouse and renames it over the old one when every
step has succeeded. Readers (the dashboard) never see a half-built warehouse, and a failed or
killed build leaves the previous warehouse untouched.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from etl import db, geography, reference
from etl.config import Settings
from etl.extract import REPORT_SUFFIXES, extract_activities
from etl.load import load_raw
from etl.transform import run_models

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    db_path: Path
    communes: int
    activity_files: int
    activity_rows: int


def build(settings: Settings) -> BuildResult:
    """Build ``settings.db_path`` from ``settings.data_dir`` and return counts of what went in."""
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    staging = settings.db_path.with_name(settings.db_path.name + ".building")
    staging.unlink(missing_ok=True)
    con = db.connect_path(staging)
    try:
        _load_reference(con)
        communes = _load_geography(con, settings)
        files, activities = _load_activities(con, settings)
        run_models(con)
        con.execute("checkpoint")
    except BaseException:
        con.close()
        staging.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(staging, settings.db_path)
    return BuildResult(settings.db_path, communes, files, activities)


def _load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """The product's own lists → ``ref_*`` tables."""
    for name in reference.TABLES:
        load_raw(con, f"ref_{name}", reference.read_reference(name))


def _load_geography(con: duckdb.DuckDBPyConnection, settings: Settings) -> int:
    """Communes (all epochs), crosswalk, boundaries, villages, schools → ``raw_*``; returns
    the number of 2020–2025 communes."""
    return geography.load_geography(con, settings)


def _load_activities(con: duckdb.DuckDBPyConnection, settings: Settings) -> tuple[int, int]:
    """Activity reports → ``raw_activities``; returns (files, rows)."""
    files, activities = _read_activity_files(settings.activities_dir)
    load_raw(con, "raw_activities", activities)
    return files, len(activities)


def _read_activity_files(folder: Path) -> tuple[int, pd.DataFrame]:
    paths = sorted(p for p in folder.glob("*") if p.suffix.lower() in REPORT_SUFFIXES)
    frames = []
    for path in paths:
        frame = extract_activities(path)
        frame.insert(0, "source_file", path.name)
        frames.append(frame)
        log.info("read %s: %d rows", path.name, len(frame))
    columns = ["source_file", "source_row", "start_date", "activity_type", "audience", "commune",
               "participants", "children"]  # fmt: skip
    if not frames:
        return 0, pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    combined = pd.concat(frames, ignore_index=True).reindex(columns=columns)
    return len(paths), combined.astype({c: "string" for c in columns if c != "source_row"})
