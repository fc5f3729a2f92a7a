"""Xuất tệp / Exports: the meeting deck, print maps, Excel tables and the Decision 830 report
draft for the period and geography of the sidebar. A file is made only when asked (a button),
then offered for download; nothing is written on the server."""

import streamlit as st

from dashboard import state, widgets
from dashboard.i18n import t
from dashboard.resources import connection
from etl.config import Settings
from etl.export.bundle import KINDS, MIME_TYPES, make_files, one_file
from etl.export.figures import ExportError

con = connection()
sel = state.current()
widgets.heading(sel, "page_exports_title")
st.caption(t("exports_intro"))
made = st.session_state.setdefault(state.EXPORT_FILES, {})
wanted = (sel.period_id, sel.geography, sel.lang)

for kind in KINDS:
    st.subheader(t(f"export_kind_{kind}"))
    if st.button(t("exports_build"), key=f"{state.EXPORT_BUILD}_{kind}"):
        try:
            with st.spinner(t("exports_building")):
                files = make_files(con, Settings.from_env(), kind, *wanted)
        except ExportError as refusal:
            st.error(t(refusal.key, **refusal.fields))
            st.stop()
        made[kind] = (*wanted, *one_file(files, f"ban-do_{sel.period_id}_{sel.geography}.zip"))
    if kind in made and made[kind][:3] == wanted:
        name, data = made[kind][3], made[kind][4]
        st.download_button(
            t("exports_download", file=name),
            data,
            file_name=name,
            mime=MIME_TYPES[name.rsplit(".", 1)[-1]],
            icon=":material/download:",
            key=f"{state.EXPORT_FILES}_{kind}",
            on_click="ignore",
        )
