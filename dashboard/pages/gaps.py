"""Khoảng trống / Gaps: where nobody went, which agencies are missing where, which audiences
nobody addressed, who has not reported; a click on the map drills down to a commune."""

from functools import partial

import streamlit as st

from dashboard import charts, queries, state, tables, widgets
from dashboard.i18n import t
from dashboard.resources import connection

con = connection()
sel = state.current()
widgets.heading(sel, "page_gaps_title")
# One section at a time: shorter pages, and a rerun draws only what is shown.
section = widgets.section_bar(
    ["map", "ranked", "matrix", "audiences"], state.GAPS_SECTION, sel.presenting
)

if section == "map":
    st.subheader(t("gaps_map_heading", communes=t(f"geography_{sel.geography}")))
    widgets.coverage_map(sel, state.GAPS_MAP)
    if not sel.presenting:
        widgets.commune_places(con, sel)

if section == "ranked":
    st.subheader(t("gaps_ranked_heading"))
    villages = queries.village_gaps(con, sel.period_id, sel.geography, sel.commune_id)
    schools = queries.school_gaps(con, sel.period_id, sel.geography, sel.commune_id)
    st.caption(t("gaps_ranked_note", villages=len(villages), schools=len(schools)))
    if not villages.empty:
        widgets.chart(charts.priority_parts(villages, sel.lang), sel)
    village_tab, school_tab, report_tab = st.tabs(
        [t("gaps_tab_villages"), t("gaps_tab_schools"), t("gaps_tab_reports")]
    )
    village_tab.dataframe(tables.village_gaps(villages, sel.lang), hide_index=True)
    school_tab.dataframe(tables.school_gaps(schools, sel.lang), hide_index=True)
    reports = queries.missing_reports(con, sel.period_id, sel.commune_id)
    if reports.empty:
        report_tab.success(t("reports_all_in"))
    else:
        report_tab.dataframe(tables.missing_reports(reports, sel.lang), hide_index=True)
    title = t("export_title", period=sel.period_name(), geography=t(f"geography_{sel.geography}"))
    st.download_button(
        t("export_button"),
        partial(tables.gaps_workbook, villages, schools, sel.lang, title, reports),  # on click
        file_name=f"khoang-trong_{sel.period_id}_{sel.geography}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )

if section == "matrix":
    st.subheader(t("gaps_matrix_heading", communes=t(f"geography_{sel.geography}")))
    matrix = queries.unit_matrix(con, sel.period_id, sel.geography)
    widgets.chart(charts.unit_matrix(matrix, sel.lang), sel)
    st.caption(t("gaps_matrix_note"))
    widgets.download(
        t("sheet_unit_matrix"), partial(tables.unit_matrix, matrix, sel.lang), "xa-don-vi", sel
    )

if section == "audiences":
    st.subheader(t("gaps_audience_heading"))
    audiences = queries.audience_matrix(con, sel.period_id, sel.geography)
    widgets.chart(charts.audience_matrix(audiences, sel.lang), sel)
    st.caption(t("gaps_audience_note"))
    widgets.download(
        t("sheet_audience_matrix"),
        partial(tables.audience_matrix, audiences, sel.lang),
        "xa-doi-tuong",
        sel,
    )
