"""The coverage tables of a period as one Excel workbook, Vietnamese headers first.

One sheet per mart the dashboard shows (the whole area, communes, villages, schools, priority
villages, unit reports, Decision 830), written by :mod:`etl.export.workbook`: title row, frozen
header, fitted widths, formula-looking text neutralised. Numbers stay numbers (a clerk sums
them); codes become names (states, unit kinds, yes/no). A share with no data is an empty cell
with the reason beside it, never 0; commune rows that do not add up to the whole area's total
say why under the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from etl.export.captions import area_name, period_name, source_line, totals_notes
from etl.export.figures import Figures
from etl.export.workbook import Sheet, workbook
from etl.present.format import (
    coverage_status_name,
    is_missing,
    kinds_text,
    state_name,
    unit_kind_name,
)
from etl.present.i18n import catalogue, t

SHEETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "communes": ("export_sheet_communes", (
        "commune_code", "full_name", "villages_applicable", "villages_reached", "coverage_pct",
        "coverage_status", "villages_indirect", "villages_not_reached", "villages_not_reported",
        "schools", "schools_reached", "activities", "joint_share_pct", "participants_total",
        "children_reached", "child_population", "contacts_exceed_children", "unit_kinds_active",
        "missing_unit_kinds")),
    "villages": ("export_sheet_village_states", (
        "commune_code", "commune_name", "village_name", "village_kind", "state",
        "direct_activities", "indirect_activities", "participants_total", "children_reached",
        "last_direct_date", "days_since_direct", "lat", "lon", "location_approx")),
    "schools": ("export_sheet_school_states", (
        "commune_code", "commune_name", "school_name", "school_level", "reached", "activities",
        "sessions", "participants_total", "last_activity_date", "students")),
    "village_gaps": ("export_sheet_villages", (
        "priority_rank", "commune_code", "commune_name", "village_name", "state",
        "priority_score", "days_since_direct", "child_population", "missing_unit_kinds")),
    "unit_reporting": ("export_sheet_reporting", (
        "unit_id", "unit_name", "commune_code", "expected", "submitted", "no_activities",
        "submissions", "days_covered", "days_expected", "complete")),
    "decision830": ("export_sheet_decision830", (
        "school_year", "commune_code", "commune_name", "schools", "schools_every_semester",
        "share_pct", "target_pct", "target_met")),
}  # fmt: skip
DISTRICT = (
    "villages_applicable", "villages_reached", "villages_indirect", "villages_not_reached",
    "villages_not_reported", "coverage_pct", "schools", "schools_reached", "schools_pct",
    "schools_830", "schools_830_pct", "schools_830_target_pct", "activities",
    "direct_activities", "joint_activities", "participants_total", "children_reached",
    "child_population", "children_reached_pct", "units_expected", "units_reported",
    "units_complete", "units_partial",
)  # fmt: skip
_HEADER_PREFIXES = ("coverage_col_", "export_col_", "places_column_", "col_")
# the communes sheet's columns that add up to the whole area's figure, or say why they do not
SUMMED = ("activities", "participants_total", "children_reached")


def tables_bytes(figures: Figures, lang: str, made_on: date) -> bytes:
    """The workbook of ``figures`` as ``.xlsx`` bytes: a summary sheet, then one per table."""
    title = t("export_tables_title", lang, period=period_name(figures, lang),
              area=area_name(figures, lang))  # fmt: skip
    d = figures.district
    summary = pd.DataFrame(
        {
            t("export_col_measure", lang): [header(c, lang) for c in DISTRICT],
            t("export_col_value", lang): [d[c] for c in DISTRICT],
            t("export_col_note", lang): [_no_data_note(d, c, lang) for c in DISTRICT],
        }
    )
    sheets = [Sheet(t("export_sheet_summary", lang), summary, title)]
    for name, (key, columns) in SHEETS.items():
        frame = figures.table(name)
        notes: list[str] = []
        if name == "decision830":  # the whole area's row has no commune
            total = t("coverage_district_total", lang)
            frame = frame.assign(commune_name=frame["commune_name"].fillna(total))
        elif name == "communes":
            notes = totals_notes(frame, d, SUMMED, lang)
        sheets.append(Sheet(t(key, lang), shaped(frame, columns, lang), title, tuple(notes)))
    sheets.append(Sheet(t("export_sheet_sources", lang), _sources(figures, lang, made_on), title))
    return workbook(sheets)


def header(column: str, lang: str) -> str:
    """A column's header from the catalogue (the coverage command's, else the export's)."""
    for prefix in _HEADER_PREFIXES:
        if prefix + column in catalogue():
            return t(prefix + column, lang)
    raise KeyError(f"no header for column {column!r} in the catalogue")


def shaped(frame: pd.DataFrame, columns: Sequence[str], lang: str) -> pd.DataFrame:
    """``columns`` of ``frame`` with catalogue headers; states, kinds and flags as words."""
    missing = set(columns) - set(frame.columns)
    if missing:
        raise ValueError(f"frame lacks columns {sorted(missing)}")
    out = {}
    for column in columns:
        values = frame[column]
        if column == "state":
            values = values.map(lambda v: state_name(v, lang))
        elif column == "coverage_status":
            values = values.map(lambda v: coverage_status_name(v, lang))
        elif column == "missing_unit_kinds":
            values = values.map(lambda v: kinds_text(v, lang))
        elif column == "unit_kinds_active":
            values = values.map(lambda v: ", ".join(unit_kind_name(k, lang) for k in _list(v)))
        elif values.dtype == bool or str(values.dtype) == "boolean":
            values = values.map(lambda v: _yes_no(v, lang))
        out[header(column, lang)] = values
    return pd.DataFrame(out)


def _sources(figures: Figures, lang: str, made_on: date) -> pd.DataFrame:
    keys = ("deck_def_coverage", "deck_def_states", "coverage_children_estimated")
    lines = [*(t(key, lang) for key in keys), source_line(figures, lang, made_on)]
    return pd.DataFrame({t("export_sheet_sources", lang): lines})


def _no_data_note(district: dict, column: str, lang: str) -> str | None:
    """Why a share of the summary is empty: no village with a known state, or no school."""
    if column not in ("coverage_pct", "schools_pct") or not is_missing(district[column]):
        return None
    status = district["coverage_status"] if column == "coverage_pct" else "no_schools"
    return coverage_status_name(status, lang)


def _yes_no(value: object, lang: str) -> str | None:
    if is_missing(value):
        return None
    return t("coverage_yes" if value else "coverage_no", lang)


def _list(value: object) -> list[object]:
    if value is None or isinstance(value, float | str):
        return []
    return list(value)  # type: ignore[call-overload]
