"""DataFrames → plotly figures. No Streamlit here."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go


def monthly_activity(df: pd.DataFrame, labels: Mapping[str, str]) -> go.Figure:
    """Bar chart of activities per month; ``labels`` gives ``title``, ``month``, ``activities``."""
    missing = {"month", "activities"} - set(df.columns)
    if missing:
        raise ValueError(f"df lacks columns {sorted(missing)}")
    figure = go.Figure(
        go.Bar(x=df["month"], y=df["activities"], marker_color="#2171b5", name=labels["activities"])
    )
    figure.update_layout(
        title=labels["title"],
        xaxis_title=labels["month"],
        yaxis_title=labels["activities"],
        margin={"l": 40, "r": 10, "t": 50, "b": 40},
        height=320,
    )
    figure.update_xaxes(dtick="M1", tickformat="%m/%Y")
    return figure
