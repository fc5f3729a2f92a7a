"""Entry point: page config, shared sidebar and banners, navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import auth, log_redact, queries, state, widgets
from dashboard.i18n import t
from dashboard.resources import connection
from etl.config import Settings

PAGES_DIR = Path(__file__).with_name("pages")
STATIC_DIR = Path(__file__).with_name("static")

st.set_page_config(
    page_title=t("app_short_title"), page_icon=str(STATIC_DIR / "favicon.png"), layout="wide"
)

log_redact.install()  # no session id in the server log
state.keep_choices()  # before any widget: a language switch keeps the period and the figures
settings = Settings.from_env()
if settings.require_login and auth.current_user(settings) is None:
    state.language_picker()
    with st.sidebar:
        auth.login_box(settings, expanded=True)
    auth.gate(settings)

try:
    con = connection()
except FileNotFoundError:
    state.language_picker()
    st.error(t("warehouse_missing"))
    st.stop()

selection = state.sidebar(con, settings.today())
with st.sidebar:
    auth.login_box(settings)
user = auth.current_user(settings)
st.session_state[state.SELECTION] = selection
widgets.page_style(selection is not None and selection.presenting)

info = queries.warehouse_info(con).iloc[0]
if info["is_sample"]:
    st.warning(t("sample_banner"), icon=":material/science:")
if info["is_schematic"]:
    st.info(t("schematic_banner"), icon=":material/map:")

# Every page's url_path differs from its file name: with a pages/ folder beside app.py,
# Streamlit's old multipage mode would otherwise run the file alone, without this sidebar
# (AppTest does so on every rerun; a server does so until app.py has run once).
pages = {
    "overview": st.Page(PAGES_DIR / "overview.py", title=t("page_overview"),
                        icon=":material/map:", url_path="tong-quan", default=True),
    "gaps": st.Page(PAGES_DIR / "gaps.py", title=t("page_gaps"),
                    icon=":material/travel_explore:", url_path="khoang-trong"),
    "activities": st.Page(PAGES_DIR / "activities.py", title=t("page_activities"),
                          icon=":material/event_note:", url_path="hoat-dong"),
    "exports": st.Page(PAGES_DIR / "exports.py", title=t("page_exports"),
                       icon=":material/download:", url_path="xuat-tep"),
    "reference": st.Page(PAGES_DIR / "reference.py", title=t("page_reference"),
                         icon=":material/database:", url_path="du-lieu-nen"),
    "upload": st.Page(PAGES_DIR / "upload.py", title=t("page_upload"),
                      icon=":material/upload_file:", url_path="nhap-du-lieu"),
}  # fmt: skip
if user is not None and user.role in ("planner", "admin"):
    pages["review"] = st.Page(PAGES_DIR / "review.py", title=t("page_review"),
                              icon=":material/fact_check:", url_path="duyet-ten")  # fmt: skip
if user is not None and user.role == "admin":
    pages["audit"] = st.Page(PAGES_DIR / "audit.py", title=t("page_audit"),
                             icon=":material/history:", url_path="nhat-ky")  # fmt: skip
navigation = st.navigation(list(pages.values()))
wanted = state.wanted_page()
if wanted:  # a page's file name, from an address typed before app.py had run
    st.switch_page(pages.get(wanted, pages["overview"]))
navigation.run()
