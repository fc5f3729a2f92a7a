"""The words every export repeats: period and area names, the source-and-date line, the
boundary note. All from the catalogue (``etl/present/messages.toml``)."""

from __future__ import annotations

from datetime import date

from etl.export.figures import Figures
from etl.present.format import day, period_label
from etl.present.i18n import t


def period_name(figures: Figures, lang: str) -> str:
    """``Năm 2025``, ``Quý III/2024 (đang diễn ra)``…"""
    return period_label(figures.period_id, lang, figures.is_open)


def area_name(figures: Figures, lang: str) -> str:
    """Chợ Đồn and the geography the communes are counted in."""
    return t("export_area", lang, geography=t(f"geography_{figures.geography}", lang))


def source_line(figures: Figures, lang: str, made_on: date) -> str:
    """Where the numbers come from and the day the file was made (sample data says so)."""
    line = t("export_source_line", lang, date=day(made_on, lang))
    return f"{t('sample_banner', lang)} {line}" if figures.is_sample else line


def boundary_note(figures: Figures, lang: str) -> str:
    """The schematic-boundary note, and the partial-commune note for 2025 communes; or ''."""
    notes = []
    if figures.is_schematic:
        notes.append(t("schematic_banner", lang))
    partial = figures.table("boundaries")
    if not partial.empty and bool(partial["is_partial"].fillna(False).astype(bool).any()):
        notes.append(t("boundary_partial_note", lang))
    return " ".join(notes)


def file_stem(kind: str, figures: Figures) -> str:
    """ASCII file names: ``<kind>_<period>_<geography>`` (``do-phu-xa_2025_2020``)."""
    return f"{kind}_{figures.period_id}_{figures.geography}"
