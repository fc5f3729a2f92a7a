"""DataFrames → plotly figures, labelled in the UI language. No Streamlit here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from etl.present import palette
from etl.present.format import audience_name, number, unit_kind_name
from etl.present.i18n import t

AUDIENCES = ("children", "parents", "teachers", "officials", "media", "community")
PRIORITY_PARTS = ("state_points", "recency_points", "children_points", "missing_kind_points")
PART_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7")
FONT = "DejaVu Sans, Segoe UI, Arial, sans-serif"


def compare_communes(
    first: pd.DataFrame, second: pd.DataFrame, labels: tuple[str, str], lang: str
) -> go.Figure:
    """Grouped bars: each commune's village coverage in two periods (``commune_coverage`` rows;
    no data is left out, never drawn as 0)."""
    for df in (first, second):
        _need(df, {"commune_name", "coverage_pct"})
    figure = go.Figure()
    for df, label, colour in ((first, labels[0], "#0072B2"), (second, labels[1], "#E69F00")):
        figure.add_bar(
            y=df["commune_name"],
            x=df["coverage_pct"],
            name=label,
            orientation="h",
            marker_color=colour,
            hovertemplate="%{y}: %{x:.1f} %<extra>" + label + "</extra>",
        )
    figure.update_layout(
        barmode="group",
        title=t("chart_compare_title", lang),
        height=max(360, 26 * len(first) + 120),
        xaxis_title=t("chart_coverage_axis", lang),
    )
    figure.update_xaxes(range=[0, 100], ticksuffix=" %")
    figure.update_yaxes(autorange="reversed")
    return _style(figure)


def unit_matrix(df: pd.DataFrame, lang: str) -> go.Figure:
    """Commune × unit kind (``unit_matrix`` rows): blue where the kind took part (count shown),
    orange where an expected kind did nothing ("either" when one of two would do), grey
    otherwise."""
    _need(df, {"commune_name", "unit_kind", "activities", "missing_unit_kinds"})
    communes = list(dict.fromkeys(df["commune_name"]))
    missing: dict[str, dict[str, int]] = {}
    for row in df.drop_duplicates("commune_name").itertuples():
        groups = [str(g).split("|") for g in _list(row.missing_unit_kinds)]
        missing[str(row.commune_name)] = {k: len(group) for group in groups for k in group}
    active = df.dropna(subset=["unit_kind"])
    counts = dict(zip(zip(active["commune_name"], active["unit_kind"], strict=True),
                      active["activities"], strict=True))  # fmt: skip
    cells = [
        [_unit_cell(counts.get((commune, kind)), missing[commune].get(kind), lang)
         for kind in palette.UNIT_KINDS]
        for commune in communes
    ]  # fmt: skip
    columns = [unit_kind_name(k, lang) for k in palette.UNIT_KINDS]
    return _matrix(cells, communes, columns)


def audience_matrix(df: pd.DataFrame, lang: str) -> go.Figure:
    """Commune × audience (``audience_matrix`` rows): blue with the activity count where the
    audience was addressed, orange where nobody addressed it."""
    _need(df, {"commune_name", "audience", "activities"})
    communes = list(dict.fromkeys(df["commune_name"]))
    active = df.dropna(subset=["audience"])
    counts = dict(zip(zip(active["commune_name"], active["audience"], strict=True),
                      active["activities"], strict=True))  # fmt: skip
    cells = [
        [("active", number(counts[(c, a)], lang)) if counts.get((c, a))
         else ("missing", t("matrix_none", lang)) for a in AUDIENCES]
        for c in communes
    ]  # fmt: skip
    return _matrix(cells, communes, [audience_name(a, lang) for a in AUDIENCES])


def priority_parts(df: pd.DataFrame, lang: str, top: int = 15) -> go.Figure:
    """Stacked bars of the priority score's parts for the ``top`` ranked villages."""
    _need(df, {"village_name", "commune_name", *PRIORITY_PARTS})
    if top < 1:
        raise ValueError(f"top must be ≥ 1, got {top}")
    head = df.head(top)
    names = [f"{v} – {c}" for v, c in zip(head["village_name"], head["commune_name"], strict=True)]
    figure = go.Figure()
    for part, colour in zip(PRIORITY_PARTS, PART_COLOURS, strict=True):
        figure.add_bar(
            y=names,
            x=head[part],
            name=t(f"coverage_col_{part}", lang),
            orientation="h",
            marker_color=colour,
            hovertemplate="%{y}: %{x:.1f}<extra>%{fullData.name}</extra>",
        )
    figure.update_layout(
        barmode="stack",
        title=t("chart_priority_title", lang, top=len(head)),
        height=max(320, 24 * len(head) + 130),
        xaxis_title=t("coverage_col_priority_score", lang),
    )
    figure.update_yaxes(autorange="reversed")
    return _style(figure)


def _unit_cell(count: object, either: int | None, lang: str) -> tuple[str, str]:
    if count:
        return "active", number(count, lang)
    if either == 1:
        return "missing", t("matrix_missing", lang)
    if either:
        return "missing", t("matrix_missing_either", lang)
    return "none", ""


def _matrix(cells: list[list[tuple[str, str]]], rows: list[str], columns: list[str]) -> go.Figure:
    """A grid of (state, text) cells coloured by :data:`palette.MATRIX_COLOURS`."""
    states = list(palette.MATRIX_COLOURS)
    step = 1 / len(states)
    scale = []
    for index, state in enumerate(states):
        scale += [[index * step, palette.MATRIX_COLOURS[state]],
                  [(index + 1) * step, palette.MATRIX_COLOURS[state]]]  # fmt: skip
    texts = [[text for _, text in row] for row in cells]
    figure = go.Figure(
        go.Heatmap(
            z=[[states.index(state) + 0.5 for state, _ in row] for row in cells],
            x=[_wrap(c) for c in columns], y=rows, text=texts, texttemplate="%{text}",
            zmin=0, zmax=len(states), colorscale=scale, showscale=False, xgap=2, ygap=2,
            hoverinfo="text",
            hovertext=[[f"{r} · {c}: {v or '—'}" for c, v in zip(columns, row, strict=True)]
                       for r, row in zip(rows, texts, strict=True)],
        )
    )  # fmt: skip
    figure.update_layout(height=max(300, 30 * len(rows) + 90))
    figure.update_xaxes(side="top", tickangle=0)
    figure.update_yaxes(autorange="reversed")
    figure = _style(figure)
    figure.update_layout(margin={"t": 50})
    return figure


def _wrap(label: str) -> str:
    """Column labels on two lines, so neighbours do not overlap."""
    head, _, tail = label.partition(" ")
    return f"{head}<br>{tail}" if tail and len(label) > 9 else label


def _list(value: object) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    return [str(v) for v in value]  # type: ignore[attr-defined]


def _style(figure: go.Figure) -> go.Figure:
    figure.update_layout(
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.2},
    )
    figure.update_xaxes(gridcolor="#e5e5e5")
    return figure


def _need(df: pd.DataFrame, columns: set[str]) -> None:
    missing = columns - set(df.columns)
    if missing:
        raise ValueError(f"df lacks columns {sorted(missing)}")


def projector(figure: go.Figure) -> go.Figure:
    """The same figure with type large enough for a projector at the back of a meeting room."""
    figure.update_layout(font={"size": 19}, title_font={"size": 24}, legend_font={"size": 17})
    return figure
