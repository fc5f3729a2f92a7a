"""The words every export repeats: period and area names, the source-and-date line, the
boundary note, why a table's rows do not add up to its total. All from the catalogue
(``etl/present/messages.toml``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from etl.export.figures import Figures
from etl.present.format import day, is_missing, number, period_label
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


def totals_notes(
    rows: pd.DataFrame, totals: Mapping[str, Any], columns: Sequence[str], lang: str
) -> list[str]:
    """For each of ``columns`` whose ``rows`` (one per commune) do not add up to
    ``totals[column]`` (the whole area's figure, ``district.sql``), a note with both sums and
    why: ``totals["unplaced_<column>"]`` belongs to no commune (district-wide, online or
    unplaced activities), and what the rows hold beyond the rest was counted again in several
    communes. ``[]`` where every column adds up (or its total is unknown)."""
    needed = [*columns, *(f"unplaced_{c}" for c in columns)]
    if not set(columns) <= set(rows.columns) or not set(needed) <= set(totals):
        raise ValueError(f"rows must hold {sorted(columns)} and totals {sorted(needed)}")
    notes = []
    for column in columns:
        total, summed = totals[column], int(rows[column].sum())
        if is_missing(total) or summed == total:
            continue
        unplaced = int(totals[f"unplaced_{column}"])
        repeated = summed - (int(total) - unplaced)
        reasons = [t(key, lang, count=number(count, lang))
                   for key, count in (("table_note_repeated", repeated),
                                      ("table_note_unplaced", unplaced)) if count]  # fmt: skip
        notes.append(t("table_note_rows", lang, column=t(f"coverage_col_{column}", lang),
                       rows=number(summed, lang), total=number(total, lang),
                       reasons="; ".join(reasons)))  # fmt: skip
    return notes


def file_stem(kind: str, figures: Figures) -> str:
    """ASCII file names: ``<kind>_<period>_<geography>`` (``do-phu-xa_2025_2020``)."""
    return f"{kind}_{figures.period_id}_{figures.geography}"
