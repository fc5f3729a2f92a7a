"""Pieces of page that several pages draw the same way: KPI cards, the coverage map with its
drill-down and legend, the presentation-mode slide picker, the page styles, and the Excel
download beside every table (:func:`download`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import duckdb
import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit_folium import st_folium

from dashboard import charts, maps, queries, state, tables
from dashboard.i18n import t
from dashboard.legend import legend_html
from dashboard.markdown import escape
from dashboard.resources import boundaries, map_layers
from dashboard.state import Selection
from etl.export.workbook import Sheet, workbook
from etl.present.format import day, is_missing, number
from etl.present.headline import headline_cards

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAP_HEIGHT = 520
PRESENT_MAP_HEIGHT = 540  # with the banners and the slide bar, fits a 1366×768 projector
_BASE_CSS = """
<style>
.cdl-legend {display:flex; flex-wrap:wrap; gap:.4rem 1.6rem; font-size:.85rem; margin:.2rem 0 .6rem}
.cdl-group {display:flex; flex-wrap:wrap; gap:.2rem .8rem; align-items:center}
.cdl-title {font-weight:600}
.cdl-item {white-space:nowrap}
.block-container {padding-top:2.2rem}
h1 {font-size:1.75rem !important; padding-top:.2rem !important}
[data-testid="stAlert"] > div {padding:.45rem .9rem}
[data-testid="stMetricLabel"] p {white-space:normal !important; overflow:visible !important;
  text-overflow:clip !important; line-height:1.2}
[data-testid="stMetricValue"] > div {font-size:clamp(1.3rem, 1.9vw, 2.4rem);
  overflow:visible !important; text-overflow:clip !important}
</style>
"""
_PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] {display:none !important}
html, .stMarkdown p, [data-testid="stCaptionContainer"] {font-size:1.2rem !important}
[data-testid="stMetricValue"] > div {font-size:clamp(2.2rem, 4vw, 4.2rem) !important}
[data-testid="stMetricLabel"] p {font-size:1.3rem !important}
[data-testid="stAlert"] p {font-size:1rem !important}
[data-testid="stAlert"] > div {padding:.25rem .8rem}
h3 {font-size:1.6rem !important}
.cdl-legend {font-size:1.05rem}
.block-container {padding-top:.8rem !important; max-width:100% !important}
</style>
"""


def page_style(presenting: bool) -> None:
    """The dashboard's own styles, and in presentation mode large type and no sidebar."""
    st.html(_BASE_CSS + (_PRESENT_CSS if presenting else ""))


def heading(sel: Selection, title_key: str) -> None:
    """Page title and the line saying what is shown: period, geography, commune (on a
    projector, the line alone: the screen is for the figure)."""
    if not sel.presenting:
        st.title(t(title_key))
    parts = [sel.period_name(), t(f"geography_{sel.geography}")]
    if sel.commune_id is not None:
        parts.append(_commune_name(sel))
    if sel.compare_id is not None:
        parts.append(t("compared_with", period=sel.period_name(sel.compare_id)))
    line = " · ".join(parts)
    if sel.is_open:
        line += " · " + t("period_is_open")
    if sel.lock is not None:
        line += " · " + lock_text(sel)
    st.caption(line)


def lock_text(sel: Selection) -> str:
    """``đã khóa ngày 12/10/2024 · bởi lan``, or ``một phần đã khóa (…)`` when the locks hold
    only some days of the period (``state.lock_mark``)."""
    mark = sel.lock
    if mark is None:
        return ""
    fields = {"day": day(mark.locked_at, sel.lang), "by": escape(mark.locked_by)}  # a name
    if mark.whole:
        return t("lock_mark_whole", **fields)
    periods = ", ".join(sel.period_name(p) for p in mark.periods)
    return t("lock_mark_part", periods=periods, **fields)


def section_bar(sections: Sequence[str], key: str, presenting: bool) -> str:
    """The picker of the page's sections (one shows at a time) and, on a projector, the way out
    of presentation mode; returns the chosen section."""
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        if st.session_state.get(key) not in sections:
            st.session_state[key] = sections[0]
        chosen = st.segmented_control(
            t("slide_label"),
            sections,
            key=key,
            format_func=lambda s: t(f"slide_{s}"),
            label_visibility="collapsed",
        )
    if presenting:
        right.button(
            t("present_leave"),
            on_click=state.leave_presentation,
            icon=":material/close:",
            width="stretch",
        )
    return str(chosen or sections[0])


def download(
    name: str,
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    file_stem: str,
    sel: Selection | None = None,
    where: DeltaGenerator | None = None,
) -> None:
    """The download of a table the page shows: an .xlsx written by the one writer
    (``etl.export.workbook``: formula-like text neutralised, numbers as numbers) with one sheet
    ``name``. Give ``table`` in its file form (``tables.…(…, for_file=True)``), or a function
    making it: it is then made only when the button is clicked. With ``sel``, the sheet has a
    title row naming the period and geography, and so has the file name.

    Streamlit's own CSV export is off (``.streamlit/config.toml``), so this is the only way a
    table leaves the page; put it beside the table, so that exactly those who see the table
    can take it away."""
    title = ""
    if sel is not None:
        geography = t(f"geography_{sel.geography}")
        title = t("download_title", table=name, period=sel.period_name(), geography=geography)
        file_stem = f"{file_stem}_{sel.period_id}_{sel.geography}"
    (where or st).download_button(
        t("table_download", table=name),
        partial(_one_sheet, name, table, title),
        file_name=f"{file_stem}.xlsx",
        mime=XLSX,
        icon=":material/download:",
        key=f"download_{file_stem}",
        on_click="ignore",
    )


def _one_sheet(name: str, table: pd.DataFrame | Callable[[], pd.DataFrame], title: str) -> bytes:
    frame = table if isinstance(table, pd.DataFrame) else table()
    return workbook([Sheet(name, frame, title)])


def kpi_cards(con: duckdb.DuckDBPyConnection, sel: Selection) -> None:
    """Six cards (``etl.present.headline``): villages reached, schools (Decision 830's indicator
    for a school year or semester, else any activity), activities, participants and children
    reached (contacts), units that reported for the whole period; with the change from the
    comparison period when one is chosen."""
    now = queries.kpis(con, sel.period_id, sel.geography, sel.commune_id)
    if now.empty:
        st.info(t("no_figures"))
        return
    row = now.iloc[0]
    before = None
    if sel.compare_id is not None:
        other = queries.kpis(con, sel.compare_id, sel.geography, sel.commune_id)
        before = None if other.empty else other.iloc[0]
    lang = sel.lang
    cards = [
        (card.label, card.value, _delta(row, before, card.column, lang, card.points), card.note)
        for card in headline_cards({str(k): v for k, v in row.items()}, lang)
    ]
    columns = st.columns(3 if sel.presenting else 6)
    for index, (label, value, delta, note) in enumerate(cards):
        with columns[index % len(columns)].container(border=True):
            st.metric(label, value, delta)
            st.caption(note)


def coverage_map(sel: Selection, map_key: str, points: bool = True) -> None:
    """The commune choropleth with village and school points; a click on a commune (or on one
    of its villages or schools) selects it, and the map pans to it without reloading."""
    shapes = boundaries(sel.geography)
    layers = map_layers(sel.period_id, sel.geography, sel.lang, points)
    fmap = maps.layers_map(shapes, layers, sel.lang)
    height = PRESENT_MAP_HEIGHT if sel.presenting else MAP_HEIGHT
    selected = sel.commune_id if sel.commune_id in shapes.geometries else None
    centre, zoom = maps.view(shapes, selected, (900, height))
    st_folium(
        fmap,
        key=map_key,
        height=height,
        use_container_width=True,
        render=False,  # st_folium renders the map itself; rendering it twice costs 45 ms
        returned_objects=["last_active_drawing", "last_object_clicked"],
        center=centre,
        zoom=zoom,
        on_change=partial(state.pick_commune, map_key),
        feature_group_to_add=maps.outline(shapes, selected) if selected else None,
    )
    legend(sel.lang, points)
    boundary_note(shapes.communes)


def commune_places(con: duckdb.DuckDBPyConnection, sel: Selection) -> None:
    """The drill-down under a map: the selected commune's villages and schools in the period."""
    if sel.commune_id is None:
        st.caption(t("map_click_hint"))
        return
    st.markdown(f"**{t('commune_places_heading', commune=_commune_name(sel))}**")
    left, right = st.columns(2)
    villages = queries.village_points(con, sel.period_id, sel.geography, sel.commune_id)
    left.dataframe(tables.village_states(villages, sel.lang), hide_index=True)
    place = str(sel.commune_id).replace(":", "-")
    download(
        t("sheet_commune_villages"),
        partial(tables.village_states, villages, sel.lang, True),
        f"thon_{place}",
        sel,
        left,
    )
    schools = queries.school_points(con, sel.period_id, sel.geography, sel.commune_id)
    right.dataframe(tables.school_states(schools, sel.lang), hide_index=True)
    download(
        t("sheet_commune_schools"),
        partial(tables.school_states, schools, sel.lang, True),
        f"truong_{place}",
        sel,
        right,
    )
    st.button(t("commune_clear"), on_click=state.clear_commune, icon=":material/zoom_out_map:")


def comparison_maps(sel: Selection) -> None:
    """The two periods' choropleths side by side (no points, no clicks) and the legend."""
    if sel.compare_id is None:
        return
    shapes = boundaries(sel.geography)
    columns = st.columns(2)
    for column, period_id in zip(columns, (sel.period_id, sel.compare_id), strict=True):
        layers = map_layers(period_id, sel.geography, sel.lang, points=False)
        with column:
            st.markdown(f"**{sel.period_name(period_id)}**")
            static_map(maps.layers_map(shapes, layers, sel.lang), f"compare_{period_id}", 420)
    legend(sel.lang, points=False)


def static_map(fmap: folium.Map, key: str, height: int) -> None:
    """A map to look at, whose clicks and moves rerun nothing."""
    st_folium(
        fmap, key=key, height=height, use_container_width=True, render=False,
        returned_objects=[],
    )  # fmt: skip


def chart(figure: go.Figure, sel: Selection) -> None:
    """A plotly figure across the page (large type on a projector)."""
    st.plotly_chart(charts.projector(figure) if sel.presenting else figure, width="stretch")


def legend(lang: str, points: bool = True) -> None:
    """The legend under a map (one function: every map names its states the same way)."""
    st.html(legend_html(lang, points))


def boundary_note(communes: pd.DataFrame) -> None:
    """Where the polygons come from, and that a 2025 commune is only partly drawn."""
    if communes.empty:
        return
    st.caption(t("boundary_source_caption", source=communes["boundary_source"].iloc[0]))
    if communes["is_partial"].astype(bool).any():
        st.caption(t("boundary_partial_note"))


def _commune_name(sel: Selection) -> str:
    communes = boundaries(sel.geography).communes
    names = dict(zip(communes["commune_id"], communes["full_name"], strict=True))
    return str(names.get(sel.commune_id, sel.commune_id))


def _delta(
    row: pd.Series, before: pd.Series | None, column: str, lang: str, points: bool = False
) -> str | None:
    """The change since the comparison period (percentage points for shares)."""
    if before is None or is_missing(row[column]) or is_missing(before[column]):
        return None
    change = float(row[column]) - float(before[column])
    sign = "+" if change > 0 else ""
    text = f"{sign}{number(change, lang, 1 if points else 0)}"
    return t("points_change", change=text) if points else text
