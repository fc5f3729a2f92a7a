"""Every session-state key of the dashboard, and the shared sidebar that sets most of them.

Pages read the user's choices through :func:`selection`; they never invent keys of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import duckdb
import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.i18n import LANG_KEY, lang, t
from dashboard.resources import boundaries
from etl.geography.epochs import GEOGRAPHIES
from etl.present.format import period_label
from etl.present.i18n import LANGUAGES

# Sidebar (app.py renders it on every page, so these survive page switches).
LANG = LANG_KEY
GEOGRAPHY = "geography"
PERIOD_KIND = "period_kind"
PERIOD = "period"
COMPARE = "compare_period"
COMMUNE = "commune"
PRESENT = "present"
SELECTION = "selection"  # the Selection app.py derived from the above, for the pages
WANTED = "wanted_page"  # a page asked for by its address before app.py had run
# Pages.
SLIDE = "slide"  # presentation mode: which figure fills the screen
OVERVIEW_MAP = "overview_map"  # st_folium's last returned value (its key)
GAPS_MAP = "gaps_map"
GAPS_SECTION = "gaps_section"
EXPLORER_UNITS = "explorer_units"
EXPLORER_TYPES = "explorer_types"
EXPLORER_AUDIENCES = "explorer_audiences"
EXPLORER_SCOPES = "explorer_scopes"
EXPLORER_DATES = "explorer_dates"
EXPLORER_PAGE = "explorer_page"
EXPLORER_PAGE_SIZE = "explorer_page_size"
EXPLORER_TABLE = "explorer_table"
EXPORT_BUILD = "export_build"  # + "_<kind>": the exports page's "make the file" buttons
EXPORT_FILES = "export_files"  # kind → (period, geography, language, file name, bytes)

# The import page (dashboard/pages/upload.py).
UPLOAD_ROUND = "upload_round"  # bumped after a commit, so the file picker starts empty
UPLOAD_PERIOD = "upload_period"
UPLOAD_OVERRIDE = "upload_override_lock"
UPLOAD_CHECKED = "upload_checked"  # (fingerprint of the files checked, their report or error)
UPLOAD_DONE = "upload_done"  # the report of the last commit, shown once
UPLOAD_MODE = "upload_mode"  # replace | add, for files whose unit and period have a report
HISTORY_UNIT = "history_unit"
WITHDRAW_PICK = "withdraw_pick"
WITHDRAW_PENDING = "withdraw_pending"  # a submission id waiting for confirmation
WITHDRAW_OVERRIDE = "withdraw_override_lock"
WITHDRAW_DONE = "withdraw_done"  # the message of the last withdrawal, shown once
AUDIT_ACTION = "audit_action"
# The name review page (dashboard/pages/review.py).
REVIEW_ROW = "review_row"
REVIEW_PLACE = "review_place"
REVIEW_CHOICE = "review_choice"
REVIEW_DONE = "review_done"  # the message of the last choice or revocation, shown once

NONE = ""  # "no comparison" / "whole area" in the pickers (a None value would show a placeholder)
PERIOD_KINDS = ("month", "quarter", "half", "year", "school_year", "semester")
DEFAULT_KIND = "quarter"


@dataclass(frozen=True)
class Selection:
    """What the user picked in the sidebar."""

    lang: str
    geography: str
    period_id: str
    period_start: pd.Timestamp
    period_end: pd.Timestamp
    is_open: bool
    compare_id: str | None
    commune_id: str | None
    presenting: bool

    def period_name(self, period_id: str | None = None) -> str:
        """The label of ``period_id`` (default: the selected period)."""
        return period_label(period_id or self.period_id, self.lang)


def sidebar(con: duckdb.DuckDBPyConnection) -> Selection | None:
    """Draw the shared sidebar and return the choices (None when the warehouse has no periods)."""
    periods = queries.periods(con)
    with st.sidebar:
        language_picker()
        st.radio(
            t("geography_label"),
            GEOGRAPHIES,
            key=GEOGRAPHY,
            format_func=lambda g: t(f"geography_{g}"),
            help=t("geography_help"),
        )
        if periods.empty:
            return None
        kinds = [k for k in PERIOD_KINDS if k in set(periods["period_kind"])]
        st.session_state.setdefault(
            PERIOD_KIND, DEFAULT_KIND if DEFAULT_KIND in kinds else kinds[0]
        )
        st.selectbox(
            t("period_kind_label"),
            kinds,
            key=PERIOD_KIND,
            format_func=lambda k: t(f"period_kind_{k}"),
            on_change=_carry_period,
            args=(periods,),
        )
        options = periods[periods["period_kind"] == st.session_state[PERIOD_KIND]]
        ids = list(options["period_id"])
        if st.session_state.get(PERIOD) not in ids:
            st.session_state[PERIOD] = default_period(options)
        is_open = dict(zip(options["period_id"], options["is_open"], strict=True))
        st.selectbox(
            t("period_label"),
            ids,
            key=PERIOD,
            format_func=lambda p: period_label(p, lang(), bool(is_open[p])),
        )
        others = [NONE, *[p for p in ids if p != st.session_state[PERIOD]]]
        if st.session_state.get(COMPARE) not in others:
            st.session_state[COMPARE] = NONE
        st.selectbox(
            t("compare_label"),
            others,
            key=COMPARE,
            help=t("compare_help"),
            format_func=lambda p: period_label(p, lang()) if p else t("compare_none"),
        )
        communes = boundaries(st.session_state[GEOGRAPHY]).communes
        names = dict(zip(communes["commune_id"], communes["full_name"], strict=True))
        if st.session_state.get(COMMUNE) not in names:
            st.session_state[COMMUNE] = NONE
        st.selectbox(
            t("commune_label"),
            [NONE, *names],
            key=COMMUNE,
            help=t("commune_help"),
            format_func=lambda c: names[c] if c else t("commune_all"),
        )
        st.toggle(t("present_label"), key=PRESENT, help=t("present_help"))
    return selection(periods)


def language_picker() -> None:
    """The language switch (also shown when there is no warehouse yet)."""
    st.sidebar.selectbox(t("language_label"), LANGUAGES, format_func=_language_name, key=LANG)


def wanted_page() -> str | None:
    """The page (URL name) a user opened directly before app.py had run, once."""
    return st.session_state.pop(WANTED, None) or None


def geography() -> str:
    """The chosen geography (pages that need no period read it here)."""
    value = st.session_state.get(GEOGRAPHY, GEOGRAPHIES[0])
    return value if value in GEOGRAPHIES else GEOGRAPHIES[0]


def current() -> Selection:
    """The selection app.py stored for this run; stops the page when there is none (no data)."""
    if SELECTION not in st.session_state:
        # Opened at a page's own address before app.py ever ran in this server: Streamlit then
        # runs the file from pages/ alone (its old multipage mode). Go through app.py, which
        # comes back here (see wanted_page).
        st.session_state[WANTED] = urlparse(st.context.url or "").path.rstrip("/").split("/")[-1]
        st.switch_page("app.py")
    sel = st.session_state.get(SELECTION)
    if sel is None:
        st.info(t("no_periods"))
        st.stop()
    return sel


def selection(periods: pd.DataFrame) -> Selection:
    """The current choices, read from session state (call after :func:`sidebar`)."""
    row = periods.set_index("period_id").loc[st.session_state[PERIOD]]
    return Selection(
        lang=lang(),
        geography=st.session_state.get(GEOGRAPHY, GEOGRAPHIES[0]),
        period_id=st.session_state[PERIOD],
        period_start=row["period_start"],
        period_end=row["period_end"],
        is_open=bool(row["is_open"]),
        compare_id=st.session_state.get(COMPARE) or None,
        commune_id=st.session_state.get(COMMUNE) or None,
        presenting=bool(st.session_state.get(PRESENT, False)),
    )


def default_period(options: pd.DataFrame) -> str:
    """The latest period that has ended and has activities; else the latest one."""
    done = options[~options["is_open"].astype(bool) & (options["activities"].fillna(0) > 0)]
    chosen = done if not done.empty else options
    return str(chosen.sort_values("period_start")["period_id"].iloc[-1])


def pick_commune(map_key: str) -> None:
    """``st_folium`` on_change callback: a click on a map feature selects its commune."""
    value = st.session_state.get(map_key) or {}
    drawing = value.get("last_active_drawing") or {}
    commune_id = (drawing.get("properties") or {}).get("commune_id")
    if commune_id:
        st.session_state[COMMUNE] = commune_id


def clear_commune() -> None:
    """Button callback: back to the whole area."""
    st.session_state[COMMUNE] = NONE


def first_page() -> None:
    """Filter callback: a new filter shows its first page of results."""
    st.session_state[EXPLORER_PAGE] = 1


def leave_presentation() -> None:
    """Button callback: back to the normal layout."""
    st.session_state[PRESENT] = False


def _carry_period(periods: pd.DataFrame) -> None:
    """When the kind changes, keep the moment: pick the period of the new kind that holds the
    old period's last day (2024-Q3 → 2024-09, 2024, 2024-2025)."""
    old = periods[periods["period_id"] == st.session_state.get(PERIOD)]
    options = periods[periods["period_kind"] == st.session_state[PERIOD_KIND]]
    if old.empty or options.empty:
        return
    end = old["period_end"].iloc[0]
    holding = options[(options["period_start"] <= end) & (options["period_end"] >= end)]
    st.session_state[PERIOD] = (
        str(holding["period_id"].iloc[0]) if not holding.empty else default_period(options)
    )
    st.session_state[COMPARE] = NONE


def _language_name(code: str) -> str:
    return {"vi": "Tiếng Việt", "en": "English"}[code]
