"""Nhật ký / Audit trail: who did what, when; and the locked periods. Administrators only.

The trail is read from the warehouse (mart ``audit_log``) as of its last build; imports,
withdrawals and locks rebuild it, and the button here rebuilds it on demand.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, queries, state, widgets
from dashboard.i18n import t
from dashboard.resources import connection
from etl.access import audit
from etl.config import Settings
from etl.export.workbook import workbook
from etl.imports.journal import commit_inputs
from etl.present.format import vn_day

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

settings = Settings.from_env()
auth.require(settings, "admin")
con = connection()
st.title(t("page_audit"))
built = queries.warehouse_info(con).iloc[0]["built_at"]
st.caption(t("audit_as_of", built=vn_day(built, with_time=True)))
if st.button(t("audit_refresh"), icon=":material/refresh:", key="audit_refresh"):
    with st.spinner(t("audit_refreshing")):
        commit_inputs(settings, {})
    st.rerun()

action = st.selectbox(
    t("audit_action_filter"),
    ["", *audit.ACTIONS],
    key=state.AUDIT_ACTION,
    format_func=lambda a: t(f"audit_action_{a}") if a else t("audit_all"),
)
events = queries.audit_log(con, action or None)
if events.empty:
    st.info(t("audit_empty"))
else:
    shown = events.assign(action=[t(f"audit_action_{a}") for a in events["action"]])
    shown = shown[["event_at", "actor", "action", "target", "detail"]].rename(
        columns={c: t(f"column_{c}") for c in ["event_at", "actor", "action", "target", "detail"]}
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="audit_table")
    sheet = t("page_audit")
    st.download_button(
        t("audit_download"),
        data=lambda: workbook({sheet: shown}),
        file_name="nhat_ky.xlsx",
        mime=XLSX,
    )

st.subheader(t("locks_heading"))
locks = queries.period_locks(con)
if locks.empty:
    st.caption(t("locks_empty"))
else:
    locks = locks.rename(columns={c: t(f"column_{c}") for c in locks.columns})
    st.dataframe(locks, hide_index=True, width="stretch")
    widgets.download(t("locks_heading"), locks, "ky-da-khoa")
    st.caption(t("locks_how"))
