"""The overview's monthly trend, drawn as SVG on the server. No Streamlit here.

The overview is the page leaders open first, often on a weak connection. Streamlit fetches a
chart library's JavaScript only when a chart is on the page: a Vega-Lite chart added ~25 files
(~1 MB) that the browser fetched and parsed before it created the map's frame, and plotly's
bundle is bigger still (benchmarks/README.md, "overview page"). This chart is a few KB of SVG
inside the page: stacked bars per month by lead unit kind, each bar naming its month, unit kind
and count on hover (an SVG ``<title>``), the chosen period shaded behind them.

:func:`draw` lays out everything but the shading, once per warehouse version, language and
size (``dashboard.resources`` caches it); :func:`svg` adds the chosen period's band for free.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

import pandas as pd

from etl.present import palette
from etl.present.format import number, unit_kind_name
from etl.present.i18n import t

FONT = "DejaVu Sans, Segoe UI, Arial, sans-serif"
SHADE = "#999999"
GRID = "#e5e5e5"
INK = "#333333"
WIDTH = 1000  # viewBox units; the SVG scales to the column's width

Shade = tuple[pd.Timestamp, pd.Timestamp, str]  # start, end (inclusive), label


@dataclass(frozen=True)
class Trend:
    """A drawn trend without a marked period: its SVG around the place of the band, and the
    month axis (first month, number of months, left edge, width of a month, plot top and
    bottom, in viewBox units) that places a band."""

    head: str
    body: str
    first: pd.Timestamp
    months: int
    left: float
    step: float
    top: float
    bottom: float
    font: int


def draw(df: pd.DataFrame, lang: str, height: int = 340, large: bool = False) -> Trend:
    """Lay out activities per month (``month``, ``unit_kind``, ``activities``) as stacked bars,
    in the fixed unit-kind order and colours of :mod:`etl.present.palette`, every month from the
    first
    to the last shown (a month with no activity is an empty slot, not skipped); ``large`` sizes
    the type for a projector. ``height`` is the plot's, legend and title excluded."""
    missing = {"month", "unit_kind", "activities"} - set(df.columns)
    if missing:
        raise ValueError(f"df lacks columns {sorted(missing)}")
    if df.empty:
        raise ValueError("no activity to draw")
    font = 19 if large else 13
    rows = df.assign(month=pd.to_datetime(df["month"]).dt.to_period("M").dt.to_timestamp())
    kinds = _kind_order(set(rows["unit_kind"]))
    first, last = rows["month"].min(), rows["month"].max()
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    legend, legend_height = _legend(kinds, lang, font)
    title_height = font * 2.6
    top = title_height + font * 1.4
    bottom = top + height
    total_height = bottom + font * 2.2 + legend_height
    left = font * 5.0
    step = (WIDTH - left - 4) / months
    totals = rows.groupby("month")["activities"].sum()
    ceiling, ticks = _scale(int(totals.max()))

    def y(value: float) -> float:
        return bottom - (bottom - top) * value / ceiling

    parts = [_text(0, font * 1.5, t("chart_trend_title", lang), font + 4, weight="600")]
    parts.append(_text(left - font * 0.5, top - font * 0.7, t("chart_activities_axis", lang),
                       font, anchor="start"))  # fmt: skip
    for tick in ticks:
        parts.append(f'<line x1="{left:.1f}" x2="{WIDTH - 4}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}" stroke="{GRID}"/>')  # fmt: skip
        parts.append(_text(left - 6, y(tick) + font * 0.35, number(tick, lang), font, "end"))
    parts.extend(_bars(rows, kinds, first, left, step, y, lang))
    parts.append(f'<line x1="{left:.1f}" x2="{WIDTH - 4}" y1="{bottom:.1f}" y2="{bottom:.1f}" '
                 f'stroke="{INK}"/>')  # fmt: skip
    label_width = font * 4.4  # "07/2024"
    every = max(1, math.ceil((label_width + font * 0.8) / step))  # labels must not overlap
    for i in range(0, months, every):
        month = first + pd.DateOffset(months=i)
        centre = min(left + (i + 0.5) * step, WIDTH - label_width / 2)  # the last stays whole
        parts.append(_text(centre, bottom + font * 1.4, month.strftime("%m/%Y"), font, "middle"))
    parts.append(f'<g transform="translate(0,{bottom + font * 2.6:.1f})">{legend}</g>')
    label = escape(t("chart_trend_title", lang))
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total_height:.0f}" '
            f'width="100%" style="max-height:80vh" role="img" aria-label="{label}" '
            f'font-family="{FONT}" '
            f'fill="{INK}"><title>{label}</title>')  # fmt: skip
    return Trend(head, "".join(parts), first, months, left, step, top, bottom, font)


def svg(trend: Trend, shade: Sequence[Shade] = ()) -> str:
    """The SVG of ``trend`` with each period of ``shade`` (start, end inclusive, label) marked
    by a grey band behind the bars and its label; a period outside the months shown is left
    out. ``trend`` is not changed: marking another period costs no new layout."""
    bands, labels = [], []
    for start, end, label in shade:
        x1 = _x(trend, pd.Timestamp(start))
        x2 = _x(trend, pd.Timestamp(end) + pd.Timedelta(days=1))
        if x2 - x1 <= 0:
            continue
        bands.append(f'<rect class="period" x="{x1:.1f}" y="{trend.top:.1f}" '
                     f'width="{x2 - x1:.1f}" height="{trend.bottom - trend.top:.1f}" '
                     f'fill="{SHADE}" fill-opacity="0.18"/>')  # fmt: skip
        labels.append(_text(x1 + 3, trend.top + trend.font, label, trend.font))
    return trend.head + "".join(bands) + trend.body + "".join(labels) + "</svg>"


def _kind_order(present: set[str]) -> list[str]:
    """The palette's unit kinds that are present, then any other, by code."""
    return [k for k in palette.UNIT_KINDS if k in present] + sorted(
        present - set(palette.UNIT_KINDS)
    )


def _colour(kind: str) -> str:
    return palette.UNIT_KIND_COLOURS.get(kind, palette.OTHER_COLOUR)


def _bars(
    rows: pd.DataFrame,
    kinds: Sequence[str],
    first: pd.Timestamp,
    left: float,
    step: float,
    y: Callable[[float], float],
    lang: str,
) -> list[str]:
    """One rect per month and unit kind, stacked from the bottom in ``kinds`` order, each with
    its month, unit kind and count as a tooltip."""
    width = min(step * 0.8, 60.0)
    month_title, unit_title = t("chart_month_axis", lang), t("chart_lead_unit", lang)
    activities_title = t("chart_activities_axis", lang)
    order = {kind: i for i, kind in enumerate(kinds)}
    ranked = rows.assign(rank=rows["unit_kind"].map(order)).sort_values(["month", "rank"])
    stacked = ranked.groupby("month")["activities"].cumsum()
    parts = []
    for (month, kind, count), upto in zip(
        ranked[["month", "unit_kind", "activities"]].itertuples(index=False), stacked, strict=True
    ):
        i = (month.year - first.year) * 12 + month.month - first.month
        x = left + i * step + (step - width) / 2
        tip = (f"{month_title} {month:%m/%Y} · {unit_title}: {unit_kind_name(kind, lang)} · "
               f"{activities_title}: {number(count, lang)}")  # fmt: skip
        top, bottom = y(upto), y(upto - count)
        parts.append(f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
                     f'height="{bottom - top:.1f}" fill="{_colour(kind)}">'
                     f"<title>{escape(tip)}</title></rect>")  # fmt: skip
    return parts


def _legend(kinds: Sequence[str], lang: str, font: int) -> tuple[str, float]:
    """The unit kinds' colours and names, wrapped to the chart's width; and its height."""
    parts = [_text(0, font, t("chart_lead_unit", lang), font, weight="600")]
    x, row, line = 0.0, 1, font * 1.6
    for kind in kinds:
        name = unit_kind_name(kind, lang)
        width = font * 1.6 + len(name) * font * 0.62 + font * 1.4
        if x + width > WIDTH and x > 0:
            x, row = 0.0, row + 1
        y = row * line + font
        parts.append(f'<rect x="{x:.1f}" y="{y - font * 0.85:.1f}" width="{font}" '
                     f'height="{font}" fill="{_colour(kind)}"/>')  # fmt: skip
        parts.append(_text(x + font * 1.6, y, name, font))
        x += width
    return "".join(parts), (row + 1) * line


def _scale(top: int) -> tuple[int, list[int]]:
    """A round ceiling at or above ``top`` and its 2–5 evenly spaced ticks from 0."""
    raw = max(top, 1) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    ceiling = step * math.ceil(max(top, 1) / step)
    return ceiling, list(range(0, ceiling + 1, step))


def _x(trend: Trend, day: pd.Timestamp) -> float:
    """Where ``day`` falls on the month axis, clipped to the months shown."""
    months = (day.year - trend.first.year) * 12 + day.month - trend.first.month
    offset = months + (day.day - 1) / day.days_in_month
    return trend.left + trend.step * min(max(offset, 0.0), float(trend.months))


def _text(x: float, y: float, text: str, size: int, anchor: str = "start",
          weight: str = "normal") -> str:  # fmt: skip
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}">{escape(text)}</text>')  # fmt: skip
