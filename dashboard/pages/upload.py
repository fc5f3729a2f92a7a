"""Nhập dữ liệu / Import: send reports, see the check before committing, history, withdraw,
the template. Reporters and administrators only. The parts are ``dashboard.upload_view``.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, queries, upload_view
from dashboard.i18n import lang, t
from dashboard.markdown import escape
from dashboard.resources import connection
from etl.config import Settings

settings = Settings.from_env()
user = auth.require(settings, "reporter", "admin")
st.title(t("page_upload"))
if user.unit_id:
    unit = queries.unit_name(connection(), user.unit_id, lang())
    st.caption(escape(t("upload_own_unit", unit=unit)))
send, history, template = st.tabs(
    [t("upload_tab_send"), t("upload_tab_history"), t("upload_tab_template")]
)
with send:
    upload_view.send(settings, user)
with history:
    upload_view.history(settings, user)
with template:
    upload_view.template(settings, user)
