"""Entry point: page config, shared sidebar and banners, navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import queries, state, widgets
from dashboard.i18n import t
from dashboard.resources import connection

PAGES_DIR = Path(__file__).with_name("pages")
STATIC_DIR = Path(__file__).with_name("static")

st.set_page_config(
    page_title=t("app_short_title"), page_icon=str(STATIC_DIR / "favicon.png"), layout="wide"
)

try:
    con = connection()
except FileNotFoundError:
    state.language_picker()
    st.error(t("warehouse_missing"))
    st.stop()

selection = state.sidebar(con)
st.session_state[state.SELECTION] = selection
widgets.page_style(selection is not None and selection.presenting)

info = queries.warehouse_info(con).iloc[0]
if info["is_sample"]:
    st.warning(t("sample_banner"), icon=":material/science:")
if info["is_schematic"]:
    st.info(t("schematic_banner"), icon=":material/map:")

navigation = st.navigation(
    [
        st.Page(
            PAGES_DIR / "overview.py", title=t("page_overview"), icon=":material/map:", default=True
        ),
        st.Page(PAGES_DIR / "gaps.py", title=t("page_gaps"), icon=":material/travel_explore:"),
        st.Page(
            PAGES_DIR / "activities.py", title=t("page_activities"), icon=":material/event_note:"
        ),
        st.Page(PAGES_DIR / "reference.py", title=t("page_reference"), icon=":material/database:"),
    ]
)
navigation.run()
