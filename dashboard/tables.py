"""Query results → the tables people read: headers from the catalogue, codes turned into names,
numbers and dates written for the language, no data shown as a dash. No Streamlit here.

Every table function also gives the table's *file form* (``for_file=True``): the same
columns under the same headers, but counts and scores as numbers and days as dates, missing
values empty, for the Excel downloads (``etl.export.workbook``, which neutralises formulas).
:func:`gaps_workbook` is the gaps lists' workbook; :func:`unit_matrix` and
:func:`audience_matrix` are the gaps matrices as tables, for files only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard.charts import AUDIENCES
from etl.export.workbook import Sheet, workbook
from etl.present import palette
from etl.present.format import (
    DASH,
    audience_name,
    day,
    each_value,
    is_missing,
    kinds_text,
    number,
    period_label,
    state_name,
    unit_kind_name,
)
from etl.present.i18n import t

Column = tuple[str, Callable[[pd.Series, str], object]]


def village_states(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``village_points`` rows: each village's state and activity in the period."""
    return _shape(
        df,
        lang,
        {
            "coverage_col_village_name": ("village_name", _text),
            "coverage_col_state": (
                "state",
                lambda s, lg: each_value(s, lambda v: state_name(v, lg)),
            ),
            "coverage_col_direct_activities": ("direct_activities", _count),
            "coverage_col_indirect_activities": ("indirect_activities", _count),
            "coverage_col_participants_total": ("participants_total", _count),
            "coverage_col_last_direct_date": ("last_direct_date", _date),
            "col_location_approx": ("location_approx", _flag),
        },
        for_file,
    )


def school_states(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``school_points`` rows: each school, reached or not in the period."""
    return _shape(
        df,
        lang,
        {
            "coverage_col_school_name": ("school_name", _text),
            "coverage_col_school_level": ("school_level", _text),
            "coverage_col_state": (
                "reached",
                lambda s, lg: s.map(
                    lambda v: t("school_state_reached" if v else "school_state_not_reached", lg)
                ),
            ),
            "coverage_col_activities": ("activities", _count),
            "coverage_col_sessions": ("sessions", _count),
            "coverage_col_last_activity_date": ("last_activity_date", _date),
            "col_location_approx": ("location_approx", _flag),
        },
        for_file,
    )


def village_gaps(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``village_gaps`` rows: rank, place, state, the priority score and its parts."""
    return _shape(
        df,
        lang,
        {
            "coverage_col_priority_rank": ("priority_rank", _count),
            "coverage_col_commune_name": ("commune_name", _text),
            "coverage_col_village_name": ("village_name", _text),
            "coverage_col_state": (
                "state",
                lambda s, lg: each_value(s, lambda v: state_name(v, lg)),
            ),
            "coverage_col_priority_score": ("priority_score", _points),
            "coverage_col_state_points": ("state_points", _points),
            "coverage_col_recency_points": ("recency_points", _points),
            "coverage_col_children_points": ("children_points", _points),
            "coverage_col_missing_kind_points": ("missing_kind_points", _points),
            "coverage_col_days_since_direct": ("days_since_direct", _count),
            "coverage_col_missing_unit_kinds": ("missing_unit_kinds", _kinds),
        },
        for_file,
    )


def school_gaps(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``school_gaps`` rows: schools with no activity, the longest without first."""
    return _shape(
        df,
        lang,
        {
            "coverage_col_commune_name": ("commune_name", _text),
            "coverage_col_school_name": ("school_name", _text),
            "coverage_col_school_level": ("school_level", _text),
            "places_column_students": ("students", _count),
            "coverage_col_last_activity_date": ("last_activity_date", _date),
            "col_days_since_activity": ("days_since_activity", _count),
            "col_location_approx": ("location_approx", _flag),
            "coverage_col_status_semester": ("status_semester", _semester),
            "coverage_col_session_status": ("session_status", _session_status),
        },
        for_file,
    )


def missing_reports(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``missing_reports`` rows: who has not reported, or not for the whole period."""
    return _shape(
        df,
        lang,
        {
            "coverage_col_unit_name": ("unit_name", _text),
            "col_report_state": (
                "submitted",
                lambda s, lg: s.map(lambda v: t("report_partial" if v else "report_missing", lg)),
            ),
            "coverage_col_days_covered": ("days_covered", _count),
            "coverage_col_days_expected": ("days_expected", _count),
        },
        for_file,
    )


def activities(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``activities`` rows (one page): date, unit, type, audience, place, counts."""
    suffix = "vi" if lang == "vi" else "en"
    return _shape(
        df,
        lang,
        {
            "col_start_date": ("start_date", _date),
            "col_lead_unit": (f"lead_unit_name_{suffix}", _text),
            "col_partners": ("partner_kinds", _kinds_list),
            "col_activity_type": (f"activity_type_{suffix}", _text),
            "col_audience": (f"audience_{suffix}", _text),
            "coverage_col_commune_name": ("commune_name", _text),
            "col_place": ("place_name", _text),
            "coverage_col_participants_total": ("participants", _count),
            "col_children": ("children", _count),
        },
        for_file,
    )


def activity_fields(row: Mapping[Any, Any], lang: str) -> pd.DataFrame:
    """One ``activities`` row as two columns: field, value."""
    suffix = "vi" if lang == "vi" else "en"
    scope = row.get("place_scope")
    fields = [
        ("col_start_date", day(row.get("start_date"), lang)),
        ("col_end_date", day(row.get("end_date"), lang)),
        ("col_lead_unit", _plain(row.get(f"lead_unit_name_{suffix}"))),
        ("col_partners", _kinds_list(pd.Series([row.get("partner_kinds")]), lang).iloc[0]),
        ("col_activity_type", _plain(row.get(f"activity_type_{suffix}"))),
        ("col_audience", _plain(row.get(f"audience_{suffix}"))),
        ("col_place_scope", t(f"scope_{scope}", lang) if scope else DASH),
        ("coverage_col_commune_name", _plain(row.get("commune_name"))),
        ("coverage_col_village_name", _plain(row.get("village_name"))),
        ("coverage_col_school_name", _plain(row.get("school_name"))),
        ("coverage_col_participants_total", number(row.get("participants"), lang)),
        ("col_children", number(row.get("children"), lang)),
        (
            "col_source",
            t("source_row", lang, file=row.get("source_file"), row=row.get("source_row")),
        ),
    ]
    labels = [t(key, lang) for key, _ in fields]
    return pd.DataFrame(
        {t("col_field", lang): labels, t("col_value", lang): [v for _, v in fields]}
    )


def villages(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``villages`` rows: the master list, approximate points flagged."""
    return _shape(
        df,
        lang,
        {
            "coverage_col_commune_name": ("commune_name", _text),
            "coverage_col_village_name": ("village_name", _text),
            "places_column_village_kind": ("village_kind", _text),
            "col_village_code": ("village_code", _text),
            "places_column_households": ("households", _count),
            "places_column_valid_from": ("valid_from", _date),
            "places_column_valid_to": ("valid_to", _date),
            "col_location_approx": ("location_approx", _flag),
            "col_source_file": ("source_file", _text),
        },
        for_file,
    )


def schools(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``schools`` rows: the master list, approximate points flagged."""
    return _shape(
        df,
        lang,
        {
            "coverage_col_commune_name": ("commune_name", _text),
            "coverage_col_school_name": ("school_name", _text),
            "coverage_col_school_level": ("school_level", _text),
            "places_column_village": ("village_name", _text),
            "places_column_students": ("students", _count),
            "col_location_approx": ("location_approx", _flag),
            "col_source_file": ("source_file", _text),
        },
        for_file,
    )


def boundaries(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``boundaries`` rows: the polygons in use and where they come from."""
    return _shape(
        df,
        lang,
        {
            "coverage_col_commune_code": ("commune_code", _text),
            "coverage_col_commune_name": ("full_name", _text),
            "col_boundary_source": ("boundary_source", _text),
            "col_schematic": ("is_schematic", _flag),
            "col_partial": ("is_partial", _flag),
            "col_area_km2": ("area_km2", _area),
        },
        for_file,
    )


def place_imports(df: pd.DataFrame, lang: str, for_file: bool = False) -> pd.DataFrame:
    """``place_imports`` rows: which list files are in use."""
    return _shape(
        df,
        lang,
        {
            "col_list_kind": ("list_kind", lambda s, lg: s.map(lambda v: t(f"list_kind_{v}", lg))),
            "col_source_file": ("source_file", _text),
            "col_places": ("places", _count),
            "col_approx_points": ("approx_points", _count),
        },
        for_file,
    )


def unit_matrix(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``unit_matrix`` rows as a file table: one row per commune, the activities each unit kind
    led or joined there (a number; empty when none), then the expected kinds that did nothing."""
    return _matrix(df, lang, "unit_kind", palette.UNIT_KINDS, unit_kind_name, "missing_unit_kinds")


def audience_matrix(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``audience_matrix`` rows as a file table: one row per commune, the activities that
    addressed each audience there (a number; empty when none)."""
    return _matrix(df, lang, "audience", AUDIENCES, audience_name)


def gaps_workbook(
    village_df: pd.DataFrame,
    school_df: pd.DataFrame,
    lang: str,
    title: str,
    report_df: pd.DataFrame | None = None,
) -> bytes:
    """An .xlsx with the ranked villages and the unreached schools (``village_gaps`` /
    ``school_gaps`` rows) and, when given, the units that have not reported
    (``missing_reports`` rows), a title row each; counts and scores are numbers, and text that
    could run as a formula is neutralised."""
    sheets = [
        Sheet(t("export_sheet_villages", lang), village_gaps(village_df, lang, True), title),
        Sheet(t("export_sheet_schools", lang), school_gaps(school_df, lang, True), title),
    ]
    if report_df is not None and not report_df.empty:
        reports = missing_reports(report_df, lang, True)
        sheets.append(Sheet(t("export_sheet_reports", lang), reports, title))
    return workbook(sheets)


def _shape(
    df: pd.DataFrame, lang: str, columns: Mapping[str, Column], for_file: bool = False
) -> pd.DataFrame:
    missing = {source for source, _ in columns.values()} - set(df.columns)
    if missing:
        raise ValueError(f"df lacks columns {sorted(missing)}")
    headers = [t(key, lang) for key in columns]
    if len(set(headers)) < len(headers):  # one header over two columns would hide one of them
        raise ValueError(f"two columns share a header: {sorted(headers)}")
    shaped = {
        header: (_FILE_FORM.get(convert, convert) if for_file else convert)(df[source], lang)
        for header, (source, convert) in zip(headers, columns.values(), strict=True)
    }
    return pd.DataFrame(shaped).reset_index(drop=True)


def _matrix(
    df: pd.DataFrame,
    lang: str,
    column: str,
    codes: Sequence[str],
    name: Callable[[object, str], str],
    missing: str | None = None,
) -> pd.DataFrame:
    need = {"commune_name", column, "activities", *([missing] if missing else [])}
    if need - set(df.columns):
        raise ValueError(f"df lacks columns {sorted(need - set(df.columns))}")
    communes = list(dict.fromkeys(df["commune_name"]))
    active = df.dropna(subset=[column])
    counts = {
        (c, k): _number_cell(n)
        for c, k, n in zip(active["commune_name"], active[column], active["activities"],
                           strict=True)
    }  # fmt: skip
    table: dict[str, list[object]] = {t("coverage_col_commune_name", lang): communes}
    for code in codes:
        table[name(code, lang)] = [counts.get((c, code)) or None for c in communes]
    if missing:
        firsts = df.drop_duplicates("commune_name").set_index("commune_name")[missing]
        table[t("coverage_col_missing_unit_kinds", lang)] = [
            kinds_text(firsts[c], lang) or None for c in communes
        ]
    return pd.DataFrame(table)


def _text(series: pd.Series, lang: str) -> pd.Series:
    return each_value(series, _plain)


def _plain(value: object) -> str:
    return DASH if is_missing(value) else str(value)


def _count(series: pd.Series, lang: str) -> pd.Series:
    return each_value(series, lambda v: number(v, lang))


def _points(series: pd.Series, lang: str) -> pd.Series:
    return each_value(series, lambda v: number(v, lang, 1))


def _date(series: pd.Series, lang: str) -> pd.Series:
    return each_value(series, lambda v: day(v, lang))


def _semester(series: pd.Series, lang: str) -> pd.Series:
    return each_value(series, lambda v: DASH if is_missing(v) else period_label(str(v), lang))


def _session_status(series: pd.Series, lang: str) -> pd.Series:
    return each_value(series, lambda v: DASH if is_missing(v) else t(f"session_status_{v}", lang))


def _flag(series: pd.Series, lang: str) -> pd.Series:
    return series.map(lambda v: t("coverage_yes", lang) if _true(v) else "")


def _true(value: object) -> bool:
    if is_missing(value):
        return False
    return bool(value)


def _kinds(series: pd.Series, lang: str) -> pd.Series:
    return series.map(lambda v: kinds_text(v, lang) or DASH)


def _kinds_list(series: pd.Series, lang: str) -> pd.Series:
    def names(value: object) -> str:
        if value is None or isinstance(value, float) or len(value) == 0:  # type: ignore[arg-type]
            return DASH
        return ", ".join(unit_kind_name(k, lang) for k in value)  # type: ignore[attr-defined]

    return series.map(names)


def _area(series: pd.Series, lang: str) -> pd.Series:
    return series.map(lambda v: number(v, lang, 1))


def _number_cell(value: object) -> int | float | None:
    """A count or score as Excel should hold it: an int when whole, else a float."""
    if is_missing(value):
        return None
    as_float = float(value)  # type: ignore[arg-type]
    return int(as_float) if as_float.is_integer() else as_float


def _file_number(series: pd.Series, lang: str) -> pd.Series:
    return series.map(_number_cell).astype(object)


def _file_date(series: pd.Series, lang: str) -> pd.Series:
    return series.map(lambda v: None if is_missing(v) else pd.Timestamp(v).date()).astype(object)


def _file_text(series: pd.Series, lang: str) -> pd.Series:
    return series.map(lambda v: None if is_missing(v) else str(v)).astype(object)


# The file form of each display converter: numbers and days Excel can count and sort.
_FILE_FORM: dict[Callable[[pd.Series, str], object], Callable[[pd.Series, str], object]] = {
    _count: _file_number,
    _points: _file_number,
    _area: _file_number,
    _date: _file_date,
    _text: _file_text,
}
