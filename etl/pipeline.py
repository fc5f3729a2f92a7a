"""Build the warehouse from what is in the data folder, then swap it in atomically.

The build writes a new file beside the warehouse and renames it over the old one when every
step has succeeded. Readers (the dashboard) never see a half-built warehouse, and a failed or
killed build leaves the previous warehouse untouched; a failed one leaves no staging file, log
or spill folder behind (a killed one's are removed by the next build). Reports a build read
before come from the report cache (``etl.reports.cache``), whose new entries are kept only
when the build succeeds.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import db, periods, reference
from etl.access import audit
from etl.config import Settings
from etl.geography.load import load_geography
from etl.load import load_raw
from etl.reports import intake, locks, name_choices
from etl.reports.cache import ReportCache
from etl.reports.submissions import ChoiceNeeded
from etl.transform import MODELS, run_models

log = logging.getLogger(__name__)

# a last look at the new warehouse, before it is swapped in; what it raises fails the build
Check = Callable[[duckdb.DuckDBPyConnection], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    db_path: Path
    communes: int
    activity_files: int
    activity_rows: int


def build(
    settings: Settings, *, undecided: Collection[str] = (), check: Check | None = None
) -> BuildResult:
    """Build ``settings.db_path`` from ``settings.data_dir`` and return counts of what went in.

    ``undecided``: receipts of an import sent with no mode (``etl.reports.submissions``); the
    build fails with ``ChoiceNeeded`` when one of them meets a report of its unit and period.
    ``check`` looks at the new warehouse once every model is built, before it is swapped in
    (a commit's period locks: ``etl.imports.journal``); whatever it raises fails the build.
    """
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    staging = settings.db_path.with_name(settings.db_path.name + ".building")
    _remove_staging(staging)  # a killed build's, whose log must not be replayed into this one
    con = db.connect_path(staging)
    # The staging file is thrown away on any failure, so nothing is gained by checkpointing on
    # the way: one checkpoint at the end writes each table once. (With the default threshold
    # of 16 MiB of log, each large statement rewrote the file: ~1 s of a 100,000-row import.)
    con.execute("set checkpoint_threshold = '1TB'")
    cache = ReportCache.beside(settings.db_path)
    try:
        _load_reference(con)
        communes = _load_geography(con, settings)
        files, activities = _load_activities(con, settings, cache, undecided)
        _load_access(con, settings)
        run_models(con, [m for m in MODELS if m.parent.name == "staging"])
        _load_periods(con, settings)
        run_models(con, [m for m in MODELS if m.parent.name != "staging"])
        if check is not None:
            check(con)
        con.execute("checkpoint")
        con.close()
        cache.commit()
    except BaseException:
        con.close()
        _remove_staging(staging)
        cache.discard()
        raise
    os.replace(staging, settings.db_path)
    cache.prune()
    return BuildResult(settings.db_path, communes, files, activities)


def _remove_staging(staging: Path) -> None:
    """Delete a staging warehouse and what DuckDB keeps beside it: its write-ahead log and its
    spill folder. A failed build leaves nothing large behind; a killed one, until the next."""
    staging.unlink(missing_ok=True)
    staging.with_name(staging.name + ".wal").unlink(missing_ok=True)
    shutil.rmtree(staging.with_name(staging.name + ".tmp"), ignore_errors=True)


def _load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """The product's own lists → ``ref_*`` tables."""
    for name in reference.TABLES:
        load_raw(con, f"ref_{name}", reference.read_reference(name))


def _load_geography(con: duckdb.DuckDBPyConnection, settings: Settings) -> int:
    """Communes (all epochs), crosswalk, boundaries, villages, schools → ``raw_*``; returns
    the number of 2020–2025 communes."""
    return load_geography(con, settings)


def _load_periods(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Every period overlapping the data → ``raw_periods``, ``raw_period_atoms`` (the coverage
    marts are computed for each); open periods are measured to ``settings.today()``."""
    periods.load_periods(con, settings.today())


def _load_activities(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    cache: ReportCache,
    undecided: Collection[str] = (),
) -> tuple[int, int]:
    """Reports and the submissions ledger → ``raw_submissions``, ``raw_activities``,
    ``raw_row_problems`` (``etl.reports.intake``, reports read before from ``cache``); returns
    (files read, active activity rows).

    The staging models before ``stg_submissions`` (communes, crosswalk, villages, schools,
    boundaries) are created first: matching reads places from them.
    """
    first = next(i for i, m in enumerate(MODELS) if m.stem == "stg_submissions")
    run_models(con, [m for m in MODELS[:first] if m.parent.name == "staging"])
    result = intake.load_reports(con, settings, cache=cache, undecided=undecided)
    if result.choices:
        raise ChoiceNeeded(result.choices)
    return result.files, result.rows_loaded


def _load_access(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """The audit trail, the period locks and the reviewers' name choices → ``raw_audit_events``,
    ``raw_period_locks``, ``raw_name_choices``."""
    audit.load_events(con, settings)
    locks.load_locks(con, settings)
    name_choices.load_choices(con, settings)
