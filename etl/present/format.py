"""Numbers, percentages, dates, period and unit names as people read them, per language.

Vietnamese writes ``1.365`` and ``23,8 %``; English ``1,365`` and ``23.8 %``. A missing value is a
dash, never a zero: "no data" must not read as "none"; a share with an unknown denominator
says "Chưa có dữ liệu" (:func:`share`). Clerks write days as ``02/07/2024``
(:func:`vn_day`), also in the English text of their messages; :data:`TYPED_DAY_FORMATS` are the
ways they may type one. No Streamlit.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable
from datetime import date, datetime

import pandas as pd

from etl.periods import parse_period
from etl.present.i18n import LANGUAGES, catalogue, t

DASH = "—"
_VN_DAY = "%d/%m/%Y"
# The ways a clerk may type a day in a report or a places file, tried in this order (the report
# SQL passes them to DuckDB's strptime, the places reader to Python's). Two-digit years come
# first: DuckDB's %Y would read "5/8/24" as the year 24, while %y refuses "2024".
TYPED_DAY_FORMATS = (
    "%d/%m/%y", "%d-%m-%y", "%d.%m.%y",
    _VN_DAY, "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S",
)  # fmt: skip
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def is_missing(value: object) -> bool:
    """True for a value that is not there: None, ``pd.NA``, ``pd.NaT`` or a float NaN."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def is_blank(value: object) -> bool:
    """True for a typed cell that holds nothing: a missing value or text of only spaces."""
    return is_missing(value) or not str(value).strip()


def number(value: object, lang: str, decimals: int = 0) -> str:
    """``value`` with the language's thousands and decimal separators; missing → a dash."""
    _check_lang(lang)
    if is_missing(value):
        return DASH
    text = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(value: object, lang: str, decimals: int = 1) -> str:
    """``23,8 %`` / ``23.8 %``; missing → a dash."""
    if is_missing(value):
        return DASH
    return f"{number(value, lang, decimals)} %"


def share(value: object, lang: str, decimals: int = 1) -> str:
    """A share whose missing value means its denominator is unknown (``coverage_pct``,
    ``schools_pct``: no village with a known state, no school listed): ``23,8 %``, or the
    no-data label of the map legends ("Chưa có dữ liệu"), never 0 % nor a bare dash."""
    if is_missing(value):
        return no_data(lang)
    return percent(value, lang, decimals)


def no_data(lang: str) -> str:
    """The one wording of "no data" (``legend_no_data``): the maps' legends and every table."""
    _check_lang(lang)
    return t("legend_no_data", lang)


def day(value: object, lang: str) -> str:
    """``02/07/2024`` in Vietnamese, ``2024-07-02`` in English; missing → a dash."""
    _check_lang(lang)
    if is_missing(value):
        return DASH
    return vn_day(value) if lang == "vi" else _as_day(value).isoformat()


def vn_day(value: object, with_time: bool = False) -> str:
    """``02/07/2024`` (``with_time``: ``02/07/2024 14:05``), the way clerks write a day, for
    text that reads the same in both languages; missing → ``""``."""
    if is_missing(value):
        return ""
    if with_time:
        moment = value if isinstance(value, datetime) else pd.Timestamp(str(value))
        return moment.strftime(f"{_VN_DAY} %H:%M")
    return _as_day(value).strftime(_VN_DAY)


def unit_display_name(kind_name: str, commune_name: str | None) -> str:
    """A reporting unit's name as people read it: its kind's name, then its commune's
    (``UBND xã/thị trấn – Xã Nam Cường``); a district unit is its kind's name alone. The SQL
    macro ``unit_display_name`` (``etl/sql/macros/``) is the same rule for the marts."""
    return kind_name if commune_name is None else f"{kind_name} – {commune_name}"


def period_label(period_id: str, lang: str, is_open: bool = False) -> str:
    """A period's name: ``Quý III/2024``, ``Năm học 2024–2025``, ``Q3 2024``, … (``is_open``
    adds "in progress")."""
    _check_lang(lang)
    period = parse_period(period_id)
    start = period.start
    if period.kind == "month":
        month = str(start.month) if lang == "vi" else calendar.month_abbr[start.month]
        label = t("period_month", lang, month=month, year=start.year)
    elif period.kind == "quarter":
        quarter = (start.month - 1) // 3 + 1
        label = t("period_quarter", lang, quarter=quarter, roman=_ROMAN[quarter], year=start.year)
    elif period.kind == "half":
        key = "period_half_first" if start.month == 1 else "period_half_second"
        label = t(key, lang, year=start.year)
    elif period.kind == "year":
        label = t("period_year", lang, year=start.year)
    elif period.kind == "school_year":
        label = t("period_school_year", lang, first=start.year, second=start.year + 1)
    else:
        label = t(
            "period_semester",
            lang,
            semester=period.semester,
            first=start.year - (start.month < 9),
            second=start.year + (start.month >= 9),
        )
    return t("period_open", lang, label=label) if is_open else label


def _as_day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(str(value)).date()


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")


def each_value(series: pd.Series, text: Callable[[object], str]) -> pd.Series:
    """``text`` of every value of ``series``, computed once per distinct value (counts, dates
    and states repeat: a province's tables would otherwise format thousands of cells on every
    rerun); missing values become a dash."""
    table = {value: text(value) for value in series.dropna().unique()}
    return series.map(table).astype(object).fillna(DASH)


def unit_kind_name(kind: object, lang: str) -> str:
    """A unit kind's short name (``vhtt`` → ``Phòng VH-TT``); an unknown code is shown as is."""
    return _named("unit_kind_short", kind, lang)


def audience_name(audience: object, lang: str) -> str:
    """An audience's short name (``parents`` → ``Cha mẹ``); an unknown code is shown as is."""
    return _named("audience_short", audience, lang)


def state_name(state: object, lang: str) -> str:
    """A village state's name (``not_reported`` → ``Xã chưa báo cáo đủ kỳ``)."""
    return _named("coverage_state", state, lang)


def coverage_status_name(status: object, lang: str) -> str:
    """What is known of a place's coverage (``coverage_status``: ``measured``, ``not_reported``,
    ``no_villages``; ``no_schools``), in words that begin with the no-data label."""
    return _named("coverage_status", status, lang)


def kinds_text(kinds: object, lang: str) -> str:
    """Missing unit kinds (``["cah", "ttvhtttt|vhtt"]``, ``|`` = either of) as short names."""
    if kinds is None or isinstance(kinds, float | str) or len(kinds) == 0:  # type: ignore[arg-type]
        return ""
    either = t("either_of", lang)
    return ", ".join(
        either.join(unit_kind_name(k, lang) for k in str(group).split("|"))
        for group in kinds  # type: ignore[attr-defined]
    )


def _named(prefix: str, code: object, lang: str) -> str:
    if is_missing(code):
        return DASH
    key = f"{prefix}_{code}"
    return t(key, lang) if key in catalogue() else str(code)
