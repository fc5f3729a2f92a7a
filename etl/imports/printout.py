"""The printed outcome of an import, and the submissions history, for district clerks.

Everything is read back from the warehouse (or the dry run's scratch database), so what is
printed is what was stored. All wording comes from ``etl/present/messages.toml``.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from etl.imports import outcome as import_outcome
from etl.imports.activities import ImportOutcome
from etl.present.format import vn_day
from etl.present.i18n import t
from etl.reports.ledger import ADD

MAX_PROBLEM_LINES = 50


def format_import(outcome: ImportOutcome, lang: str = "vi") -> str:
    """One block per file: receipt, submissions with unit, period, counts, rejected rows."""
    lines = [t("import_dry_run", lang)] if outcome.dry_run else []
    for plan in outcome.plans:
        if plan.outcome == "unchanged":
            lines.append(t("import_file_unchanged", lang, file=plan.file_name,
                           receipt=plan.receipt.receipt_id))  # fmt: skip
            continue
        key = "import_file_would_be_new" if outcome.dry_run else "import_file_new"
        lines.append(t(key, lang, file=plan.file_name, receipt=plan.receipt.receipt_id))
        if plan.masked:
            lines.append(t("import_file_masked", lang))
        if outcome.con is not None:
            lines += _submission_lines(outcome.con, plan.receipt.receipt_id, lang)
    return "\n".join(lines)


def format_history(con: duckdb.DuckDBPyConnection, lang: str = "vi") -> str:
    """Every submission, oldest first: id, unit, period, status, file, counts."""
    rows = import_outcome.history(con)
    if rows.empty:
        return t("history_empty", lang)
    lines = [t("history_header", lang)]
    for row in rows.itertuples(index=False):
        none = t("history_none_declared", lang) if row.no_activities else ""
        lines.append(t("history_row", lang, submission=row.submission_id, unit=row.unit_id,
                       period=row.period, status=t(f"status_{row.status}", lang),
                       file=row.file_name, received=row.received or "—",
                       read=row.rows_read, loaded=row.rows_loaded, rejected=row.rows_rejected,
                       none=none))  # fmt: skip
    return "\n".join(lines)


def _submission_lines(con: duckdb.DuckDBPyConnection, receipt_id: str, lang: str) -> list[str]:
    subs = import_outcome.submissions(con, [receipt_id])
    found = import_outcome.problems(con, [receipt_id])
    replaced = import_outcome.replaced_rows(con, [receipt_id])
    lines = []
    if len(subs) > 1:
        lines.append(t("report_split", lang, count=len(subs)))
    for sub in subs.itertuples(index=False):
        status = t(f"status_{sub.status}", lang)
        lines.append(t("report_submission", lang, submission=sub.submission_id, status=status))
        unit = getattr(sub, f"unit_name_{lang}")
        lines.append(t("report_unit", lang, unit=unit, unit_id=sub.unit_id,
                       source=t(f"source_unit_{sub.unit_source}", lang)))  # fmt: skip
        lines.append(t("report_period", lang, period=sub.period, start=vn_day(sub.period_start),
                       end=vn_day(sub.period_end),
                       source=t(f"source_period_{sub.period_source}", lang)))  # fmt: skip
        if sub.no_activities:
            lines.append(t("report_no_activities", lang))
        else:
            lines.append(t("report_counts", lang, read=sub.rows_read, loaded=sub.rows_loaded,
                           rejected=sub.rows_rejected))  # fmt: skip
        if isinstance(sub.supersedes, str):
            lines.append(t("report_supersedes", lang, previous=sub.supersedes))
            lines += _replaced_lines(replaced[replaced["submission_id"] == sub.submission_id],
                                     lang)  # fmt: skip
        if isinstance(sub.added_to, str) and sub.mode == ADD:  # mode None: to be chosen
            repeated = (t("choice_add_repeated", lang, repeated=sub.rows_repeated)
                        if sub.rows_repeated else "")  # fmt: skip
            lines.append(t("report_added_to", lang, previous=sub.added_to) + repeated)
        lines += _problem_lines(found[found["submission_id"] == sub.submission_id], lang)
    return lines


def _replaced_lines(rows: pd.DataFrame, lang: str) -> list[str]:
    """What happened to each row that counted in the replaced submissions."""
    lines = []
    for earlier_id, group in rows.groupby("earlier_id", sort=True):
        lines.append(t("report_replaced_header", lang, previous=earlier_id))
        for row in group.head(MAX_PROBLEM_LINES).to_dict("records"):
            same_row = row["same_row"]
            same = "" if pd.isna(same_row) else t("report_replaced_same", lang, row=int(same_row))
            lines.append(t("report_replaced_row", lang, row=row["source_row"],
                           day=vn_day(row["start_date"]), activity=row[f"activity_{lang}"],
                           place=row["place"] if isinstance(row["place"], str) else "—",
                           same=same))  # fmt: skip
        if len(group) > MAX_PROBLEM_LINES:
            lines.append(t("report_replaced_more", lang, more=len(group) - MAX_PROBLEM_LINES))
    return lines


def _problem_lines(found: pd.DataFrame, lang: str) -> list[str]:
    reason = "reason_vi" if lang == "vi" else "reason_en"
    lines = []
    for severity, heading in (
        ("error", "report_rejected_header"),
        ("notice", "report_notice_header"),
    ):
        rows = found[found["severity"] == severity].sort_values(["source_row", "column_name"])
        if rows.empty:
            continue
        lines.append(t(heading, lang))
        for row, column, text in (
            rows[["source_row", "column_name", reason]]
            .head(MAX_PROBLEM_LINES)
            .itertuples(index=False)
        ):
            lines.append(t("report_problem", lang, row=row, column=column, reason=text))
        if len(rows) > MAX_PROBLEM_LINES:
            lines.append(t("report_more_problems", lang, more=len(rows) - MAX_PROBLEM_LINES))
    return lines
