"""Hoạt động / Activities: every activity reported, filtered, a page at a time, with its detail."""

from functools import partial

import streamlit as st

from dashboard import explorer, queries, state, tables, widgets
from dashboard.i18n import t
from dashboard.resources import connection

con = connection()
sel = state.current()
widgets.heading(sel, "page_activities_title")

filters = explorer.filters(queries.explorer_options(con), sel)
total = queries.activity_count(con, geography=sel.geography, commune_id=sel.commune_id, **filters)
if total == 0:
    st.info(t("explorer_none"))
    st.stop()

size, page = explorer.pager(total, sel.lang)
found = queries.activities(
    con, geography=sel.geography, commune_id=sel.commune_id, limit=size,
    offset=(page - 1) * size, **filters,
)  # fmt: skip
chosen = st.dataframe(
    tables.activities(found, sel.lang), hide_index=True, on_select="rerun",
    selection_mode="single-row", key=state.EXPLORER_TABLE,
    height=38 + 35 * len(found),  # the whole page of rows, no scrolling inside the table
)  # fmt: skip
widgets.download(
    t("sheet_activities"), partial(explorer.every_match, sel, filters, total), "hoat-dong", sel
)
rows = chosen.selection.rows if chosen else []
if rows and rows[0] < len(found):  # the page's rows carry every field of the detail
    st.subheader(t("explorer_detail_heading"))
    fields = tables.activity_fields(found.iloc[rows[0]].to_dict(), sel.lang)
    st.table(fields.set_index(t("col_field")))
else:
    st.caption(t("explorer_pick_hint"))
