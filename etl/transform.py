"""Run the SQL models in a fixed order: staging as views, marts as tables."""

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
    SQL_DIR / "marts" / "commune_boundaries.sql",
    SQL_DIR / "marts" / "commune_map.sql",
    SQL_DIR / "marts" / "commune_monthly_activity.sql",
    SQL_DIR / "marts" / "warehouse_info.sql",
)


def run_models(con: duckdb.DuckDBPyConnection, models: Sequence[Path] = MODELS) -> None:
    """Create each model as a view (``staging/``) or table (``marts/``) named after its file."""
    for path in models:
        layer = path.parent.name
        if layer not in ("staging", "marts"):
            raise ValueError(f"models must sit in sql/staging or sql/marts, got {path}")
        kind = "view" if layer == "staging" else "table"
        select = path.read_text(encoding="utf-8")
        con.execute(f"create or replace {kind} {path.stem} as {select}")
