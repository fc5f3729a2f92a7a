"""Entry point: page config, shared sidebar and banners, navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import auth, queries
from dashboard.i18n import LANG_KEY, t
from dashboard.resources import connection
from etl.config import Settings
from etl.i18n import LANGUAGES

PAGES_DIR = Path(__file__).with_name("pages")
STATIC_DIR = Path(__file__).with_name("static")

st.set_page_config(
    page_title=t("app_short_title"), page_icon=str(STATIC_DIR / "favicon.png"), layout="wide"
)

with st.sidebar:
    st.selectbox(
        t("language_label"),
        list(LANGUAGES),
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key=LANG_KEY,
    )
    auth.login_box(Settings.from_env())
auth.gate(Settings.from_env())

try:
    con = connection()
except FileNotFoundError:
    st.error(t("warehouse_missing"))
    st.stop()

info = queries.warehouse_info(con).iloc[0]
if info["is_sample"]:
    st.warning(t("sample_banner"), icon=":material/science:")
if info["is_schematic"]:
    st.info(t("schematic_banner"), icon=":material/map:")

# Every page's url_path differs from its file name: with a pages/ folder beside app.py,
# Streamlit's old multipage mode would otherwise run the file alone, without this sidebar.
user = auth.current_user(Settings.from_env())
pages = [
    st.Page(PAGES_DIR / "overview.py", title=t("page_overview"), icon=":material/map:",
            url_path="tong-quan", default=True),
    st.Page(PAGES_DIR / "upload.py", title=t("page_upload"), icon=":material/upload_file:",
            url_path="nhap-du-lieu"),
]  # fmt: skip
if user is not None and user.role == "admin":  # the audit trail: administrators only
    pages.append(st.Page(PAGES_DIR / "audit.py", title=t("page_audit"), icon=":material/history:",
                         url_path="nhat-ky"))  # fmt: skip
navigation = st.navigation(pages)
navigation.run()
