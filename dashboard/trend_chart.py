"""The overview's monthly trend as a Vega-Lite chart (altair). No Streamlit here.

The overview is the page leaders open first. Plotly's JavaScript bundle alone kept it from
being usable within 1.5× the time of a bare map page (benchmarks/README.md, "overview page"):
2.05× with a plotly trend, 1.44× with Streamlit's own Vega-Lite charts, 1.12× with no chart.
The other charts (gaps page, period comparison) stay in plotly (:mod:`dashboard.charts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from etl import palette
from etl.format import unit_kind_name
from etl.i18n import t

FONT = "DejaVu Sans, Segoe UI, Arial, sans-serif"
SHADE = "#999999"


def monthly_trend(
    df: pd.DataFrame,
    lang: str,
    shade: Sequence[tuple[pd.Timestamp, pd.Timestamp, str]] = (),
    height: int = 340,
    large: bool = False,
) -> alt.LayerChart:
    """Stacked bars: activities per month by lead unit kind (``month``, ``unit_kind``,
    ``activities``), in the fixed unit-kind order and colours of :mod:`etl.palette`; ``shade``
    marks periods (start, end, label) behind the bars; ``large`` sizes the type for a
    projector."""
    missing = {"month", "unit_kind", "activities"} - set(df.columns)
    if missing:
        raise ValueError(f"df lacks columns {sorted(missing)}")
    present = set(df["unit_kind"])
    kinds = [k for k in palette.UNIT_KINDS if k in present] + sorted(
        present - set(palette.UNIT_KINDS)
    )
    names = [unit_kind_name(kind, lang) for kind in kinds]
    rows = pd.DataFrame(
        {
            "month": pd.to_datetime(df["month"]),
            "unit": [unit_kind_name(kind, lang) for kind in df["unit_kind"]],
            "stack": [kinds.index(kind) for kind in df["unit_kind"]],
            "activities": df["activities"].astype("int64"),
        }
    )
    month_title, unit_title = t("chart_month_axis", lang), t("chart_lead_unit", lang)
    activities_title = t("chart_activities_axis", lang)
    bars = (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title=month_title, axis=alt.Axis(format="%m/%Y")),
            y=alt.Y("activities:Q", title=activities_title, stack="zero"),
            color=alt.Color(
                "unit:N",
                title=unit_title,
                scale=alt.Scale(
                    domain=names,
                    range=[palette.UNIT_KIND_COLOURS.get(k, palette.OTHER_COLOUR) for k in kinds],
                ),
                legend=alt.Legend(orient="bottom", columns=4),
            ),
            order=alt.Order("stack:Q"),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title=month_title, format="%m/%Y"),
                alt.Tooltip("unit:N", title=unit_title),
                alt.Tooltip("activities:Q", title=activities_title),
            ],
        )
    )
    bands = pd.DataFrame(_bands(shade), columns=["start", "end", "label"])
    behind = alt.Chart(bands).mark_rect(color=SHADE, opacity=0.18).encode(x="start:T", x2="end:T")
    label = (
        alt.Chart(bands)
        .mark_text(align="left", baseline="top", dx=3, dy=3, color="#333333")
        .encode(x="start:T", y=alt.value(0), text="label:N")
    )
    size = 19 if large else 13
    return (
        alt.layer(behind, label, bars)
        .properties(height=height, title=t("chart_trend_title", lang))
        .configure(font=FONT)
        .configure_axis(labelFontSize=size, titleFontSize=size, gridColor="#e5e5e5")
        .configure_legend(labelFontSize=size, titleFontSize=size)
        .configure_title(fontSize=size + 4, anchor="start")
    )


def trend_spec(
    df: pd.DataFrame, lang: str, height: int = 340, large: bool = False
) -> dict[str, Any]:
    """:func:`monthly_trend` with no period marked, as its Vega-Lite spec (checked against the
    schema once, here): what the overview caches, marking a period with :func:`shaded`."""
    return monthly_trend(df, lang, (), height, large).to_dict()


def shaded(spec: dict[str, Any], shade: Sequence[tuple[pd.Timestamp, pd.Timestamp, str]]) -> dict:
    """A copy of a :func:`trend_spec` with ``shade`` marked (start, end, label): its two
    background layers share one dataset, filled here. ``spec`` itself is left as it was."""
    band = spec["layer"][0]["data"]["name"]
    return {**spec, "datasets": {**spec["datasets"], band: _bands(shade)}}


def _bands(shade: Sequence[tuple[pd.Timestamp, pd.Timestamp, str]]) -> list[dict[str, str]]:
    """The rows of the marked periods: start, the day after the end (a band covers whole
    days), label; dates as ISO text, as Vega-Lite reads them."""
    return [
        {
            "start": pd.Timestamp(start).isoformat(),
            "end": (pd.Timestamp(end) + pd.Timedelta(days=1)).isoformat(),
            "label": label,
        }
        for start, end, label in shade
    ]
