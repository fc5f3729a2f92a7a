"""The import page's parts: send files (check, then commit), the submission history with
withdrawal, and the template download. ``dashboard/pages/upload.py`` lays them out.

The rules (a reporter's own unit only, locked periods, the audit trail) are enforced in
``etl.imports.uploads`` and ``etl.imports.activities``, not here. Every failure there shows as
a message (``etl.present.failures``), never a traceback. Text that came from a file is
shown in tables or escaped (``dashboard.markdown``), never as markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import queries, state, widgets
from dashboard.i18n import lang, t
from dashboard.markdown import escape
from dashboard.resources import connection
from etl.access.upload_safety import MB, Limits
from etl.access.users import User
from etl.config import Settings
from etl.export.workbook import workbook
from etl.imports import uploads
from etl.imports.activities import withdraw
from etl.present import failures
from etl.reports.ledger import ADD, REPLACE
from etl.reports.submissions import Choice

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def send(settings: Settings, user: User) -> None:
    done = st.session_state.pop(state.UPLOAD_DONE, None)
    if done is not None:
        st.success(t("upload_committed"), icon=":material/check_circle:")
        show_report(done)
        st.divider()
    round_no = st.session_state.setdefault(state.UPLOAD_ROUND, 0)
    files = st.file_uploader(
        t("upload_files_label"), type=["xlsx", "csv"], accept_multiple_files=True,
        key=f"upload_files_{round_no}",
        help=t("upload_files_help", limit_mb=Limits.from_settings(settings).max_bytes // MB),
    )  # fmt: skip
    period = st.text_input(t("upload_period_label"), key=state.UPLOAD_PERIOD,
                           placeholder="2024-Q3", help=t("upload_period_help")).strip()  # fmt: skip
    override = user.role == "admin" and st.checkbox(t("override_lock_label"),
                                                     key=state.UPLOAD_OVERRIDE)  # fmt: skip
    if not files:
        st.caption(t("upload_hint"))
        return
    incoming = [uploads.Upload(f.name, f.getvalue()) for f in files]
    fingerprint = uploads.fingerprint(incoming, period, override, user)
    checked = st.session_state.get(state.UPLOAD_CHECKED)
    if checked is None or checked[0] != fingerprint:
        with st.spinner(t("upload_checking")):
            result = uploads.run_staged(settings, incoming, user, lambda paths: uploads.check(
                settings, paths, user, period or None, override, lang()), lang())  # fmt: skip
        checked = (fingerprint, result)
        st.session_state[state.UPLOAD_CHECKED] = checked
    report = checked[1]
    if isinstance(report, str):
        st.error(escape(report), icon=":material/block:")
        return
    st.subheader(t("upload_check_heading"))
    show_report(report)
    if (report.files["outcome"] == "unchanged").all():
        st.info(t("upload_nothing_new"))
        return
    mode = choose_mode(report.choices) if report.choices else None
    pending = bool(report.choices) and mode is None
    if pending:
        st.caption(t("upload_choice_pending"))
    if st.button(t("upload_commit_button"), type="primary", key="upload_commit",
                 disabled=pending):  # fmt: skip
        with st.spinner(t("upload_committing")):
            result = uploads.run_staged(settings, incoming, user, lambda paths: uploads.commit(
                settings, paths, user, period or None, override, lang(), mode), lang())  # fmt: skip
        if isinstance(result, str):
            st.error(escape(result), icon=":material/block:")
            return
        st.session_state[state.UPLOAD_DONE] = result
        st.session_state[state.UPLOAD_ROUND] = round_no + 1
        st.session_state.pop(state.UPLOAD_CHECKED, None)
        st.session_state.pop(state.UPLOAD_MODE, None)
        st.rerun()


def choose_mode(choices: tuple[Choice, ...]) -> str | None:
    """The files whose unit and period already have a report, and the explicit choice between
    replacing that report and adding to it, each with what it would do (None: not chosen)."""
    for choice in choices:
        st.warning(escape(choice.lines(lang())[0]), icon=":material/difference:")
    does = {mode: " ".join(escape(c.lines(lang())[line].strip()) for c in choices)
            for mode, line in ((REPLACE, 1), (ADD, 2))}  # fmt: skip
    return st.radio(t("upload_choice_label"), [REPLACE, ADD], index=None, key=state.UPLOAD_MODE,
                    format_func=lambda m: t(f"upload_choice_{m}"),
                    captions=[does[REPLACE], does[ADD]])  # fmt: skip


def show_report(report: uploads.Report) -> None:
    for row in report.files.itertuples():
        key = "upload_file_unchanged" if row.outcome == "unchanged" else (
            "upload_file_would_be_new" if report.dry_run else "upload_file_new")  # fmt: skip
        st.markdown(escape(t(key, file=row.file_name, receipt=row.receipt_id)))
        if row.masked:
            st.caption(t("import_file_masked"))
    subs = report.submissions
    if subs.empty:
        return
    for sub in subs.itertuples():
        if isinstance(sub.added_to, str) and sub.mode == ADD:
            repeated = (t("choice_add_repeated", repeated=sub.rows_repeated)
                        if sub.rows_repeated else "")  # fmt: skip
            st.markdown(escape(t("report_added_to", previous=sub.added_to).strip() + repeated))
        if isinstance(sub.supersedes, str):
            st.markdown(escape(t("report_supersedes", previous=sub.supersedes).strip()))
    if not report.replaced.empty:
        replaced = _labelled(report.replaced, ["earlier_id", "replaced_row", "day", "activity",
                                               "place", "replaced_by_row"])  # fmt: skip
        st.dataframe(replaced, hide_index=True, width="stretch", key="upload_replaced")
        widgets.download(t("sheet_replaced_rows"), replaced, "dong-bi-thay")
    cols = st.columns(3)
    cols[0].metric(t("upload_rows_read"), int(subs["rows_read"].sum()))
    cols[1].metric(t("upload_rows_loaded"), int(subs["rows_loaded"].sum()))
    cols[2].metric(t("upload_rows_rejected"), int(subs["rows_rejected"].sum()))
    table = subs.assign(status=[t(f"status_{s}") for s in subs["status"]])
    reports = _labelled(table, ["submission_id", "unit_name", "period", "status",
                                "rows_read", "rows_loaded", "rows_rejected"])  # fmt: skip
    st.dataframe(reports, hide_index=True, width="stretch")
    widgets.download(t("sheet_check_reports"), reports, "bao-cao-trong-tep")
    problems = report.problems
    if problems.empty:
        st.success(t("upload_no_problems"))
        return
    errors = problems[problems["severity"] == "error"]
    if not errors.empty:
        st.markdown(f"**{t('report_rejected_header').strip()}**")
        rejected = _labelled(errors, ["file_name", "source_row", "column_name", "value",
                                      "reason"])  # fmt: skip
        st.dataframe(rejected, hide_index=True, width="stretch", key="upload_problems")
        widgets.download(t("sheet_rejected_rows"), rejected, "dong-bi-loai")
    notices = problems[problems["severity"] != "error"]
    if not notices.empty:
        st.markdown(f"**{t('report_notice_header').strip()}**")
        noted = _labelled(notices, ["file_name", "source_row", "column_name", "reason"])
        st.dataframe(noted, hide_index=True, width="stretch")
        widgets.download(t("sheet_notices"), noted, "luu-y")


def history(settings: Settings, user: User) -> None:
    con = connection()
    done = st.session_state.pop(state.WITHDRAW_DONE, None)
    if done:
        st.success(escape(done), icon=":material/check_circle:")
    unit = user.unit_id if user.role == "reporter" else None
    frame = queries.submission_history(con, unit)
    locks = queries.period_locks(con)
    if not locks.empty:
        st.caption(t("locks_caption", periods=", ".join(locks["period"])))
    if user.role == "admin" and not frame.empty:
        names = dict(zip(frame["unit_id"], frame[f"unit_name_{lang()}"], strict=True))
        names[""] = t("history_all_units")
        units = ["", *sorted(set(names) - {""}, key=names.__getitem__)]
        picked = st.selectbox(t("history_unit_filter"), units, key=state.HISTORY_UNIT,
                              format_func=names.__getitem__)  # fmt: skip
        if picked:
            frame = frame[frame["unit_id"] == picked]
    if frame.empty:
        st.info(t("history_empty"))
        return
    table = frame.assign(
        unit_name=frame[f"unit_name_{lang()}"],
        status=[t(f"status_{s}") for s in frame["status"]],
        mode=[_mode_said(m, r, a) for m, r, a in zip(frame["mode"], frame["supersedes"],
                                                   frame["added_to"], strict=True)],
        locked_period=frame["locked_period"].fillna(""),
    )  # fmt: skip
    shown = _labelled(table, ["submission_id", "unit_name", "period", "status", "mode", "file_name",
                              "received_at", "rows_read", "rows_loaded", "rows_rejected",
                              "submitted_by", "locked_period"])  # fmt: skip
    st.dataframe(shown, hide_index=True, width="stretch", key="history_table")
    sheet = t("upload_tab_history")
    st.download_button(t("history_download"), data=lambda: workbook({sheet: shown}),
                       file_name="lich_su_bao_cao.xlsx", mime=XLSX)  # fmt: skip
    st.subheader(t("history_detail_heading"))
    pick = st.selectbox(t("history_pick"), list(frame["submission_id"]), key=state.WITHDRAW_PICK)
    problems = queries.submission_problems(con, pick)
    if not problems.empty:
        problems = problems.assign(reason=problems[f"reason_{lang()}"])
        rejected = _labelled(problems, ["source_row", "column_name", "value", "reason"])
        st.dataframe(rejected, hide_index=True, width="stretch")
        widgets.download(t("sheet_rejected_rows"), rejected, f"dong-bi-loai_{pick}")
    if frame.loc[frame["submission_id"] == pick, "status"].iloc[0] != "withdrawn":
        withdraw_form(settings, user, pick)


def withdraw_form(settings: Settings, user: User, pick: str) -> None:
    if st.session_state.get(state.WITHDRAW_PENDING) != pick:
        if st.button(t("withdraw_button"), key="withdraw_start"):
            st.session_state[state.WITHDRAW_PENDING] = pick
            st.rerun()
        return
    st.warning(escape(t("withdraw_confirm", submission=pick)), icon=":material/warning:")
    override = user.role == "admin" and st.checkbox(t("override_lock_label"),
                                                     key=state.WITHDRAW_OVERRIDE)  # fmt: skip
    yes, no = st.columns(2)
    if no.button(t("withdraw_cancel"), key="withdraw_cancel"):
        st.session_state.pop(state.WITHDRAW_PENDING, None)
        st.rerun()
    if yes.button(t("withdraw_confirm_button"), type="primary", key="withdraw_confirm"):
        try:
            withdraw(settings, pick, by=user, override_lock=override)
        except Exception as error:  # a refusal, a full disk, a bug: a message, never a traceback
            told = failures.explain(error, settings.data_dir)
            st.error(escape(told.text(lang())), icon=":material/block:")
            return
        st.session_state.pop(state.WITHDRAW_PENDING, None)
        st.session_state[state.WITHDRAW_DONE] = t("withdraw_done", submission=pick)
        st.rerun()


def template(settings: Settings, user: User) -> None:
    st.markdown(t("template_intro"))
    code = lang()
    st.download_button(
        t("template_download"), data=lambda: uploads.template_bytes(settings, user.unit_id, code),
        file_name="mau_bao_cao.xlsx", mime=XLSX, icon=":material/download:",
    )  # fmt: skip


def _mode_said(mode: object, supersedes: object, added_to: object) -> str:
    """What a submission did to earlier ones: "replaced S0001", "added to S0001", or nothing."""
    if mode == ADD and isinstance(added_to, str):
        return t("history_mode_add", previous=added_to)
    if isinstance(supersedes, str):
        return t("history_mode_replace", previous=supersedes)
    return ""


def _labelled(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``columns`` of ``frame`` under their names in the UI language (``column_<name>``)."""
    return frame[columns].rename(columns={c: t(f"column_{c}") for c in columns})
