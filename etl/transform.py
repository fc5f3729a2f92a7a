"""Run the SQL models in a fixed order: staging as views, intermediate steps as temporary
tables (used by the marts during the build, never stored), marts as tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from etl.sql_files import ETL_SQL

# The dependency order, in one place. Each file holds a single select.
MODELS: tuple[Path, ...] = (
    ETL_SQL / "staging" / "stg_communes.sql",
    ETL_SQL / "staging" / "stg_commune_crosswalk.sql",
    ETL_SQL / "staging" / "stg_commune_names.sql",
    ETL_SQL / "staging" / "stg_boundaries.sql",
    ETL_SQL / "staging" / "stg_villages.sql",
    ETL_SQL / "staging" / "stg_schools.sql",
    ETL_SQL / "staging" / "stg_submissions.sql",
    ETL_SQL / "staging" / "stg_activities.sql",
    ETL_SQL / "staging" / "stg_row_problems.sql",
    ETL_SQL / "staging" / "stg_rejected_rows.sql",
    ETL_SQL / "staging" / "stg_waiting_rows.sql",
    ETL_SQL / "staging" / "stg_name_choices.sql",
    ETL_SQL / "staging" / "stg_audit_events.sql",
    ETL_SQL / "staging" / "stg_period_locks.sql",
    ETL_SQL / "marts" / "commune_boundaries.sql",
    ETL_SQL / "marts" / "warehouse_info.sql",
    # coverage (docs/warehouse.md "Coverage marts"); periods come from raw_periods
    ETL_SQL / "marts" / "coverage_periods.sql",
    ETL_SQL / "marts" / "unit_kind_bits.sql",
    ETL_SQL / "intermediate" / "commune_epochs.sql",
    ETL_SQL / "intermediate" / "commune_geographies.sql",
    ETL_SQL / "intermediate" / "activity_atoms.sql",
    ETL_SQL / "intermediate" / "place_activity.sql",
    ETL_SQL / "marts" / "village_coverage.sql",
    ETL_SQL / "marts" / "school_coverage.sql",
    ETL_SQL / "marts" / "school_indicator_830.sql",
    ETL_SQL / "marts" / "school_session_status.sql",
    ETL_SQL / "marts" / "unit_roster.sql",
    ETL_SQL / "marts" / "unit_reporting.sql",
    ETL_SQL / "marts" / "commune_coverage.sql",
    ETL_SQL / "marts" / "district_coverage.sql",
    ETL_SQL / "marts" / "village_priority.sql",
    # dashboard (docs/warehouse.md "Dashboard marts"): lists and summaries the pages filter
    ETL_SQL / "marts" / "village_list.sql",
    ETL_SQL / "marts" / "school_list.sql",
    ETL_SQL / "marts" / "activity_list.sql",
    ETL_SQL / "intermediate" / "activity_communes.sql",
    ETL_SQL / "marts" / "activity_labels.sql",
    ETL_SQL / "marts" / "monthly_unit_activity.sql",
    ETL_SQL / "marts" / "activity_type_totals.sql",
    ETL_SQL / "marts" / "commune_unit_activity.sql",
    ETL_SQL / "marts" / "commune_audience.sql",
    ETL_SQL / "marts" / "audit_log.sql",
    ETL_SQL / "marts" / "period_locks.sql",
    ETL_SQL / "marts" / "submission_history.sql",
    ETL_SQL / "marts" / "submission_problems.sql",
    ETL_SQL / "marts" / "review_queue.sql",
    ETL_SQL / "marts" / "name_choice_list.sql",
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
