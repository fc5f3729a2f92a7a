"""The printed outcome of an import, and the submissions history, for district clerks.

Everything is read back from the warehouse (or the dry run's scratch database), so what is
printed is what was stored. All wording comes from ``etl/messages.toml``.
"""

from __future__ import annotations

from datetime import date

import duckdb

from etl.activity_import import ImportOutcome
from etl.i18n import t

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
    rows = con.execute(
        "select submission_id, unit_id, period, status, file_name, "
        "strftime(received_at, '%d/%m/%Y %H:%M'), rows_read, "
        "rows_loaded, rows_rejected, no_activities from stg_submissions "
        "order by received_at nulls first, submission_id"
    ).fetchall()
    if not rows:
        return t("history_empty", lang)
    lines = [t("history_header", lang)]
    for sid, unit, period, status, name, received, read, loaded, rejected, none in rows:
        lines.append(t("history_row", lang, submission=sid, unit=unit, period=period,
                       status=t(f"status_{status}", lang), file=name,
                       received=received or "—",
                       read=read, loaded=loaded, rejected=rejected,
                       none=t("history_none_declared", lang) if none else ""))  # fmt: skip
    return "\n".join(lines)


def _submission_lines(con: duckdb.DuckDBPyConnection, receipt_id: str, lang: str) -> list[str]:
    subs = con.execute(
        "select submission_id, unit_id, unit_kind, unit_commune_id, period, period_start, "
        "period_end, status, no_activities, rows_read, rows_loaded, rows_rejected, unit_source, "
        "period_source, supersedes from raw_submissions where receipt_id = ? "
        "order by submission_id",
        [receipt_id],
    ).fetchall()
    lines = []
    if len(subs) > 1:
        lines.append(t("report_split", lang, count=len(subs)))
    for (sid, unit, kind, commune_id, period, start, end, status, none, read, loaded, rejected,
         unit_source, period_source, supersedes) in subs:  # fmt: skip
        lines.append(
            t("report_submission", lang, submission=sid, status=t(f"status_{status}", lang))
        )
        lines.append(t("report_unit", lang, unit=_unit_name(con, kind, commune_id), unit_id=unit,
                       source=t(f"source_unit_{unit_source}", lang)))  # fmt: skip
        lines.append(t("report_period", lang, period=period, start=_vn(start), end=_vn(end),
                       source=t(f"source_period_{period_source}", lang)))  # fmt: skip
        if none:
            lines.append(t("report_no_activities", lang))
        else:
            lines.append(t("report_counts", lang, read=read, loaded=loaded, rejected=rejected))
        if supersedes:
            lines.append(t("report_supersedes", lang, previous=supersedes))
        lines += _problem_lines(con, sid, lang)
    return lines


def _problem_lines(con: duckdb.DuckDBPyConnection, submission_id: str, lang: str) -> list[str]:
    reason = "reason_vi" if lang == "vi" else "reason_en"
    lines = []
    for severity, heading in (
        ("error", "report_rejected_header"),
        ("notice", "report_notice_header"),
    ):
        rows = con.execute(
            f"select source_row, column_name, {reason} from raw_row_problems "
            "where submission_id = ? and severity = ? order by source_row, column_name",
            [submission_id, severity],
        ).fetchall()
        if not rows:
            continue
        lines.append(t(heading, lang))
        for row, column, text in rows[:MAX_PROBLEM_LINES]:
            lines.append(t("report_problem", lang, row=row, column=column, reason=text))
        if len(rows) > MAX_PROBLEM_LINES:
            lines.append(t("report_more_problems", lang, more=len(rows) - MAX_PROBLEM_LINES))
    return lines


def _unit_name(con: duckdb.DuckDBPyConnection, kind: str, commune_id: str | None) -> str:
    found = con.execute("select name_vi from ref_unit_kinds where unit_kind = ?", [kind]).fetchone()
    name = found[0] if found else kind
    if commune_id is None:
        return str(name)
    place = con.execute(
        "select full_name from stg_communes where commune_id = ?", [commune_id]
    ).fetchone()
    return f"{name} – {place[0] if place else commune_id}"


def _vn(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
