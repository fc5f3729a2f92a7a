"""The product's own master lists (taxonomy, unit aliases), shipped in ``etl/reference/``.

They travel with the code, not with ``data/``, so a warehouse built from other inputs still
knows the activity types, audiences and unit kinds the reports use.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

REFERENCE_DIR = Path(__file__).with_name("reference")
TABLES = (
    "unit_kinds",
    "unit_aliases",
    "activity_types",
    "activity_type_aliases",
    "audiences",
    "audience_aliases",
    "admin_aliases",
    # coverage model (docs/warehouse.md): expectations, priority weights, census share, semesters,
    # Decision 830's targets and the rule's knobs
    "expectations",
    "priority_weights",
    "child_share",
    "semesters",
    "targets",
)


def read_reference(name: str) -> pd.DataFrame:
    """Return one reference list as text columns; ``name`` is one of :data:`TABLES`."""
    if name not in TABLES:
        raise ValueError(f"name must be one of {TABLES}, got {name!r}")
    return pd.read_csv(REFERENCE_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
