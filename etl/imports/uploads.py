"""The dashboard's import page in ETL terms: guard uploaded files, check them, commit them.

The page stays thin: it hands the browser's files to :func:`stage`, shows the tables of
:func:`check` (a dry run), and calls :func:`commit` when the user confirms. The rules (who may
send what, locked periods, the audit trail) are those of ``etl.imports.activities``.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl import db
from etl.access import audit
from etl.access.roles import Refused
from etl.access.upload_safety import MAX_UPLOAD_BYTES, UnsafeFile, check_upload
from etl.access.users import User
from etl.config import Settings
from etl.geography.place_lookup import Places
from etl.imports import outcome as import_outcome
from etl.imports.activities import ImportOutcome, import_reports, warehouse_file
from etl.present.format import vn_day
from etl.present.i18n import t
from etl.reports.privacy import mask_name
from etl.reports.submissions import Choice, ReportError
from etl.reports.template import write_template, written_unit_name

FILE_COLUMNS = ["file_name", "outcome", "receipt_id", "masked"]
SUBMISSION_COLUMNS = [
    "submission_id", "file_name", "unit_id", "unit_name", "period", "status", "no_activities",
    "rows_read", "rows_loaded", "rows_rejected", "mode", "supersedes", "added_to", "rows_repeated",
]  # fmt: skip
PROBLEM_COLUMNS = ["file_name", "submission_id", "source_row", "column_name", "value", "reason",
                   "severity"]  # fmt: skip
REPLACED_COLUMNS = ["submission_id", "earlier_id", "replaced_row", "day", "activity", "place",
                    "replaced_by_row"]  # fmt: skip


@dataclass(frozen=True)
class Upload:
    """One file as the browser sent it."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Report:
    """What a check or an import found, as tables: files, submissions, row problems, the rows
    of the reports an import replaced; and for a check, the files whose unit and period already
    have a report (import them with a mode: ``replace`` or ``add``)."""

    dry_run: bool
    files: pd.DataFrame
    submissions: pd.DataFrame
    problems: pd.DataFrame
    replaced: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REPLACED_COLUMNS))
    choices: tuple[Choice, ...] = ()


def stage(
    settings: Settings,
    uploads: Sequence[Upload],
    folder: Path,
    by: User,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> list[Path]:
    """Check every upload (size, type, archive) and write it into ``folder`` under a safe name.

    Raises :class:`etl.access.upload_safety.UnsafeFile` (with the file's name in
    ``fields["file"]``) for the
    first file refused; nothing is written then, and the refusal is audited.
    """
    if not uploads:
        raise ValueError("uploads must not be empty")
    names: list[str] = []
    for upload in uploads:
        try:
            safe = check_upload(upload.name, upload.data, max_bytes)
        except UnsafeFile as refused:
            audit.record(settings, by.name, "upload_refused", upload.name[:200], refused.reason)
            refused.fields["file"] = upload.name
            raise
        while safe in names:  # two files with one name: keep both
            safe = f"{len(names)}_{safe}"
        names.append(safe)
    paths = []
    for upload, name in zip(uploads, names, strict=True):
        path = folder / name
        if path.resolve().parent != folder.resolve():
            raise ValueError(f"name must stay inside folder, got {name!r}")
        path.write_bytes(upload.data)
        paths.append(path)
    return paths


def fingerprint(uploads: Sequence[Upload], *options: object) -> tuple:
    """What a check of ``uploads`` depends on: each file's name and SHA-256, and ``options``
    (period, override, user…). The same fingerprint needs no second check."""
    return (tuple((u.name, hashlib.sha256(u.data).hexdigest()) for u in uploads), *options)


def run_staged(
    settings: Settings,
    uploads: Sequence[Upload],
    by: User,
    action: Callable[[list[Path]], Report],
    lang: str = "vi",
) -> Report | str:
    """Run ``action`` (:func:`check` or :func:`commit`) on ``uploads`` staged in a private
    temporary folder, removed afterwards; a refusal's text in ``lang`` instead of a report."""
    with tempfile.TemporaryDirectory(prefix="chodon-upload-") as folder:
        try:
            return action(stage(settings, uploads, Path(folder), by))
        except UnsafeFile as refused:
            fields = dict(refused.fields)
            reason = t(refused.reason, lang, **fields)
            file = mask_name(str(fields.get("file", "")))
            return t("upload_refused_file", lang, file=file, reason=reason)
        except (Refused, ReportError) as error:
            return error.text(lang)


def check(
    settings: Settings,
    paths: Sequence[Path],
    by: User,
    period: str | None = None,
    override_lock: bool = False,
    lang: str = "vi",
) -> Report:
    """Dry run: what importing ``paths`` as ``by`` would do, with the choices to make when a
    file's unit and period already have a report. Changes nothing. Raises what
    ``etl.imports.activities.import_reports`` raises (``Refused``, ``ReportError``)."""
    outcome = import_reports(settings, list(paths), period=period, dry_run=True, by=by,
                             override_lock=override_lock)  # fmt: skip
    return _report(outcome, lang)


def commit(
    settings: Settings,
    paths: Sequence[Path],
    by: User,
    period: str | None = None,
    override_lock: bool = False,
    lang: str = "vi",
    mode: str | None = None,
) -> Report:
    """Import ``paths`` as ``by`` (audited), replacing or adding to (``mode``) earlier reports
    of their units and periods; the report is read back from the new warehouse."""
    outcome = import_reports(settings, list(paths), period=period, by=by,
                             override_lock=override_lock, mode=mode)  # fmt: skip
    return _report(outcome, lang)


def write_template_for(
    settings: Settings, out: Path, unit_id: str | None = None, lang: str = "vi"
) -> Path | None:
    """Write the report template to ``out`` with the warehouse's communes in its lists, filled in
    for ``unit_id`` if given. ``None`` (nothing written) when ``unit_id`` names no unit here."""
    with warehouse_file(settings) as path:
        con = db.connect_path(path, read_only=True)
        try:
            communes = Places.from_connection(con).communes
        finally:
            con.close()
    unit_name = written_unit_name(unit_id, communes) if unit_id else None
    if unit_id and unit_name is None:
        return None
    return write_template(out, communes, unit_name, lang)


def template_bytes(settings: Settings, unit_id: str | None = None, lang: str = "vi") -> bytes:
    """The report template (.xlsx), filled in for ``unit_id`` when it names a unit."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "mau_bao_cao.xlsx"
        if write_template_for(settings, out, unit_id, lang) is None:
            write_template_for(settings, out, None, lang)  # the unit is not in this warehouse
        return out.read_bytes()


def _report(outcome: ImportOutcome, lang: str) -> Report:
    files = pd.DataFrame(
        [(p.file_name, p.outcome, p.receipt.receipt_id, p.masked) for p in outcome.plans],
        columns=FILE_COLUMNS,
    )
    receipts = [p.receipt.receipt_id for p in outcome.plans if p.outcome == "new"]
    con = outcome.con
    if con is None or not receipts:
        empty = pd.DataFrame(columns=SUBMISSION_COLUMNS), pd.DataFrame(columns=PROBLEM_COLUMNS)
        if con is not None:
            con.close()
        return Report(outcome.dry_run, files, *empty)
    try:
        return Report(outcome.dry_run, files, _submissions(con, receipts, lang),
                      _problems(con, receipts, lang), _replaced(con, receipts, lang),
                      outcome.choices)  # fmt: skip
    finally:
        con.close()


def _replaced(con: duckdb.DuckDBPyConnection, receipts: list[str], lang: str) -> pd.DataFrame:
    frame = import_outcome.replaced_rows(con, receipts)
    return pd.DataFrame({
        "submission_id": frame["submission_id"], "earlier_id": frame["earlier_id"],
        "replaced_row": frame["source_row"], "day": [vn_day(d) for d in frame["start_date"]],
        "activity": frame[f"activity_{lang}"], "place": frame["place"],
        "replaced_by_row": frame["same_row"].astype("Int64"),
    }, columns=REPLACED_COLUMNS)  # fmt: skip


def _submissions(con: duckdb.DuckDBPyConnection, receipts: list[str], lang: str) -> pd.DataFrame:
    frame = import_outcome.submissions(con, receipts)
    frame["unit_name"] = frame[f"unit_name_{lang}"]
    return frame[SUBMISSION_COLUMNS]


def _problems(con: duckdb.DuckDBPyConnection, receipts: list[str], lang: str) -> pd.DataFrame:
    frame = import_outcome.problems(con, receipts)
    frame["reason"] = frame[f"reason_{lang}"]
    return frame[PROBLEM_COLUMNS]
