"""Make the files of one export kind for a period, and write them into a folder atomically.

``deck`` (PowerPoint), ``maps`` (PNG + PDF, two maps), ``tables`` (Excel), ``report`` (Word).
The CLI writes them with :func:`write_files`; the dashboard offers the bytes for download and
writes nothing on the server.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

import duckdb

from etl import db
from etl.config import Settings
from etl.export.captions import file_stem
from etl.export.deck import deck_bytes
from etl.export.figures import ExportError, read_figures
from etl.export.maps import map_files
from etl.export.report import report_bytes, report_header
from etl.export.static_map import PRINT_DPI
from etl.export.tables import tables_bytes

KINDS = ("deck", "maps", "tables", "report")
_FILE_MODE = 0o644
MIME_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


def export_files(
    settings: Settings, kind: str, period_id: str, geography: str, lang: str,
    dpi: int = PRINT_DPI,
) -> dict[str, bytes]:  # fmt: skip
    """The files of ``kind`` for ``period_id`` in ``geography``: name → bytes.

    Raises :class:`ExportError` (``warehouse_missing``, ``coverage_bad_period``,
    ``coverage_no_period``) when there is nothing to export.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    try:
        con = db.connect(settings, read_only=True)
    except FileNotFoundError:
        raise ExportError("warehouse_missing") from None
    try:
        return make_files(con, settings, kind, period_id, geography, lang, dpi)
    finally:
        con.close()


def make_files(
    con: duckdb.DuckDBPyConnection, settings: Settings, kind: str, period_id: str,
    geography: str, lang: str, dpi: int = PRINT_DPI,
) -> dict[str, bytes]:  # fmt: skip
    """As :func:`export_files`, through an open connection (the dashboard's)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    figures = read_figures(con, period_id, geography)
    made_on = settings.today()
    if kind == "maps":
        return map_files(figures, lang, made_on, dpi)
    if kind == "deck":
        return {f"{file_stem('trinh-chieu', figures)}.pptx": deck_bytes(figures, lang, made_on)}
    if kind == "tables":
        return {f"{file_stem('bang-so-lieu', figures)}.xlsx": tables_bytes(figures, lang, made_on)}
    document = report_bytes(figures, lang, made_on, report_header(settings, figures, lang))
    return {f"{file_stem('bao-cao-qd830', figures)}.docx": document}


def one_file(files: dict[str, bytes], name: str) -> tuple[str, bytes]:
    """``files`` as one download: the file itself, or a zip named ``name`` when there are
    several (the maps)."""
    if not files:
        raise ValueError("files must hold at least one file")
    if len(files) == 1:
        return next(iter(files.items()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, data in files.items():
            archive.writestr(file_name, data)
    return name, out.getvalue()


def write_files(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` into folder ``out`` (created if needed): each to a temporary file beside
    its target, then renamed, so no half-written file is ever left under its real name."""
    if out.exists() and not out.is_dir():
        raise ValueError(f"out must be a folder, got the file {out}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        target = out / name
        handle, temp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temp, _FILE_MODE)  # mkstemp makes it private; these files are to share
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        written.append(target)
    return written
