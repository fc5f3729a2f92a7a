"""Hoạt động / Activities: every activity reported, filtered, a page at a time, with its detail."""

import streamlit as st

from dashboard import queries, state, tables, widgets
from dashboard.i18n import t
from dashboard.resources import connection

con = connection()
sel = state.current()
widgets.heading(sel, "page_activities_title")

options = queries.explorer_options(con)
filters = widgets.explorer_filters(options, sel)
page_size = int(st.session_state.get(state.EXPLORER_PAGE_SIZE, 25))
page = int(st.session_state.get(state.EXPLORER_PAGE, 1))
found = queries.activities(
    con,
    geography=sel.geography,
    commune_id=sel.commune_id,
    limit=page_size,
    offset=(page - 1) * page_size,
    **filters,
)
if found.empty and page > 1:  # the filters shrank the list under the page shown: go to page 1
    state.first_page()
    st.rerun()
total = int(found["total"].iloc[0]) if not found.empty else 0
if total == 0:
    st.info(t("explorer_none"))
    st.stop()

widgets.pager(total, page_size, sel.lang)
chosen = st.dataframe(
    tables.activities(found, sel.lang),
    hide_index=True,
    height=38 + 35 * len(found),  # the whole page of rows, no scrolling inside the table
    on_select="rerun",
    selection_mode="single-row",
    key=state.EXPLORER_TABLE,
)
rows = chosen.selection.rows if chosen else []
if rows:
    detail = queries.activity_detail(con, str(found["activity_id"].iloc[rows[0]]))
    if not detail.empty:
        st.subheader(t("explorer_detail_heading"))
        st.table(
            tables.activity_fields(detail.iloc[0].to_dict(), sel.lang).set_index(t("col_field"))
        )
else:
    st.caption(t("explorer_pick_hint"))
