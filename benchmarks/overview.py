"""What a first visit to the overview shows, without a browser: the sidebar's default choices,
and arguments for every dashboard query. Shared by the bare page and the probes."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pandas as pd

from dashboard import queries, state
from dashboard.state import Selection
from etl.config import Settings
from etl.geography.epochs import GEOGRAPHIES, geography_of

LANG = "vi"


def default_selection(
    con: duckdb.DuckDBPyConnection, today: date | None = None
) -> Selection | None:
    """The sidebar's choices on a first visit: the default period of the default kind on
    ``today`` (``state.default_period``; default ``Settings.today()``) in that period's own
    geography, no comparison, whole area (None: no periods)."""
    today = today or Settings.from_env().today()
    periods = queries.periods(con)
    if periods.empty:
        return None
    kinds = periods[periods["period_kind"] == state.DEFAULT_KIND]
    options = kinds if not kinds.empty else periods
    period_id = state.default_period(options, today)
    row = periods[periods["period_id"] == period_id].iloc[0]
    start, end = pd.Timestamp(row["period_start"]), pd.Timestamp(row["period_end"])
    return Selection(
        lang=LANG,
        geography=geography_of(start.date(), end.date()),
        period_id=period_id,
        period_start=start,
        period_end=end,
        is_open=bool(row["is_open"]),
        compare_id=None,
        commune_id=None,
        presenting=False,
    )


def query_arguments(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Values for the dashboard queries' parameters, as a first visit would pass them."""
    sel = default_selection(con)
    if sel is None:
        return {"geography": GEOGRAPHIES[0]}
    found: dict[str, Any] = {
        "period_id": sel.period_id,
        "geography": sel.geography,
        "first": pd.Timestamp(sel.period_start).date(),
        "last": pd.Timestamp(sel.period_end).date(),
        "lang": "vi",
    }
    history = queries.submission_history(con, None)  # every unit's, as the upload page lists
    found["unit_id"] = None
    if not history.empty and "submission_id" in history:
        found["submission_id"] = str(history["submission_id"].iloc[0])
    return found
