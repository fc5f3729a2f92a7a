"""Run the SQL models in a fixed order: staging as views, intermediate steps as temporary
tables (used by the marts during the build, never stored), marts as tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).with_name("sql")

# The dependency order, in one place. Each file holds a single select.
MODELS: tuple[Path, ...] = (
    SQL_DIR / "staging" / "stg_communes.sql",
    SQL_DIR / "staging" / "stg_commune_crosswalk.sql",
    SQL_DIR / "staging" / "stg_commune_names.sql",
    SQL_DIR / "staging" / "stg_boundaries.sql",
    SQL_DIR / "staging" / "stg_villages.sql",
    SQL_DIR / "staging" / "stg_schools.sql",
    SQL_DIR / "staging" / "stg_submissions.sql",
    SQL_DIR / "staging" / "stg_activities.sql",
    SQL_DIR / "staging" / "stg_rejected_rows.sql",
    SQL_DIR / "staging" / "stg_audit_events.sql",
    SQL_DIR / "staging" / "stg_period_locks.sql",
    SQL_DIR / "marts" / "commune_boundaries.sql",
    SQL_DIR / "marts" / "warehouse_info.sql",
    # coverage (issue 6, docs/warehouse.md "Coverage marts"); periods come from raw_periods
    SQL_DIR / "marts" / "coverage_periods.sql",
    SQL_DIR / "marts" / "unit_kind_bits.sql",
    SQL_DIR / "intermediate" / "commune_epochs.sql",
    SQL_DIR / "intermediate" / "commune_geographies.sql",
    SQL_DIR / "intermediate" / "activity_atoms.sql",
    SQL_DIR / "intermediate" / "place_activity.sql",
    SQL_DIR / "marts" / "village_coverage.sql",
    SQL_DIR / "marts" / "school_coverage.sql",
    SQL_DIR / "marts" / "school_indicator_830.sql",
    SQL_DIR / "marts" / "unit_roster.sql",
    SQL_DIR / "marts" / "unit_reporting.sql",
    SQL_DIR / "marts" / "commune_coverage.sql",
    SQL_DIR / "marts" / "district_coverage.sql",
    SQL_DIR / "marts" / "village_priority.sql",
    # dashboard (issue 7): lists and summaries the pages filter
    SQL_DIR / "marts" / "village_list.sql",
    SQL_DIR / "marts" / "school_list.sql",
    SQL_DIR / "marts" / "activity_list.sql",
    SQL_DIR / "intermediate" / "activity_communes.sql",
    SQL_DIR / "marts" / "activity_labels.sql",
    SQL_DIR / "marts" / "monthly_unit_activity.sql",
    SQL_DIR / "marts" / "activity_type_totals.sql",
    SQL_DIR / "marts" / "commune_unit_activity.sql",
    SQL_DIR / "marts" / "commune_audience.sql",
    SQL_DIR / "marts" / "audit_log.sql",
    SQL_DIR / "marts" / "period_locks.sql",
    SQL_DIR / "marts" / "submission_history.sql",
    SQL_DIR / "marts" / "submission_problems.sql",
)


def run_models(con: duckdb.DuckDBPyConnection, models: Sequence[Path] = MODELS) -> None:
    """Create each model as a view (``staging/``), a temporary table (``intermediate/``) or a
    table (``marts/``) named after its file."""
    kinds = {"staging": "view", "intermediate": "temp table", "marts": "table"}
    for path in models:
        layer = path.parent.name
        if layer not in kinds:
            raise ValueError(f"models must sit in sql/{', sql/'.join(kinds)}, got {path}")
        kind = kinds[layer]
        select = path.read_text(encoding="utf-8")
        con.execute(f"create or replace {kind} {path.stem} as {select}")
