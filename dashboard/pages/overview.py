"""Tổng quan / Overview: headline figures, the coverage map, the trend, two periods compared."""

import streamlit as st

from dashboard import charts, queries, state, widgets
from dashboard.i18n import t
from dashboard.resources import connection, trend

con = connection()
sel = state.current()
widgets.heading(sel, "app_title")
# On a projector, one figure per screen; otherwise everything, one under the other.
slides = ["kpis", "map", "trend", *(["compare"] if sel.compare_id else [])]
slide = widgets.section_bar(slides, state.SLIDE, presenting=True) if sel.presenting else None

if slide in (None, "kpis"):
    widgets.kpi_cards(con, sel)

if slide in (None, "map"):
    if not sel.presenting:
        st.subheader(t("map_heading", communes=t(f"geography_{sel.geography}")))
    widgets.coverage_map(sel, state.OVERVIEW_MAP)
    if not sel.presenting:
        widgets.commune_places(con, sel)

if slide in (None, "trend"):
    shade = (sel.period_start, sel.period_end, sel.period_name())
    chart = trend(sel.lang, shade, 520 if sel.presenting else 360, sel.presenting)
    if chart is None:
        st.info(t("no_activities"))
    else:
        st.markdown(chart, unsafe_allow_html=True)  # our own SVG, every text escaped
        st.caption(t("trend_note"))

if slide in (None, "compare") and sel.compare_id is not None:
    st.subheader(
        t("compare_heading", first=sel.period_name(), second=sel.period_name(sel.compare_id))
    )
    widgets.comparison_maps(sel)
    first = queries.commune_coverage(con, sel.period_id, sel.geography)
    second = queries.commune_coverage(con, sel.compare_id, sel.geography)
    labels = (sel.period_name(), sel.period_name(sel.compare_id))
    widgets.chart(charts.compare_communes(first, second, labels, sel.lang), sel)
