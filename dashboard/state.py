"""Every session-state key of the dashboard, and the shared sidebar that sets most of them.

Pages read the user's choices through :func:`selection`; they never invent keys of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

import duckdb
import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.i18n import LANG_KEY, lang, t
from dashboard.resources import boundaries
from etl.geography.epochs import GEOGRAPHIES, geography_of
from etl.present.format import period_label
from etl.present.i18n import LANGUAGES

# Sidebar (app.py renders it on every page, so these survive page switches).
LANG = LANG_KEY
GEOGRAPHY = "geography"
GEOGRAPHY_FOLLOWS = "geography_follows"  # the geography last set from the chosen period
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

# Choices set again from their own value at the start of every run (:func:`keep_choices`).
KEPT_CHOICES = (
    LANG, GEOGRAPHY, PERIOD_KIND, PERIOD, COMPARE, COMMUNE, SLIDE, GAPS_SECTION, EXPLORER_UNITS,
    EXPLORER_TYPES, EXPLORER_AUDIENCES, EXPLORER_SCOPES, AUDIT_ACTION, UPLOAD_MODE, HISTORY_UNIT,
    REVIEW_ROW, REVIEW_PLACE,
)  # fmt: skip

NONE = ""  # "no comparison" / "whole area" in the pickers (a None value would show a placeholder)
PERIOD_KINDS = ("month", "quarter", "half", "year", "school_year", "semester")
DEFAULT_KIND = "quarter"


@dataclass(frozen=True)
class LockMark:
    """How the locks (``python -m etl periods lock``) cover the selected period."""

    whole: bool  # the locks together hold every day of the period; else only some days
    periods: tuple[str, ...]  # the locked periods that overlap it, in date order
    locked_at: pd.Timestamp  # the latest of those locks
    locked_by: str


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
    lock: LockMark | None = None

    def period_name(self, period_id: str | None = None) -> str:
        """The label of ``period_id`` (default: the selected period)."""
        return period_label(period_id or self.period_id, self.lang)


def sidebar(con: duckdb.DuckDBPyConnection, today: date) -> Selection | None:
    """Draw the shared sidebar and return the choices (None when the warehouse has no periods).

    ``today`` (``Settings.today()``: ``CHODON_AS_OF`` or the real day) decides which periods
    have ended: a fresh session opens on the latest ended quarter (:func:`default_period`), in
    the geography of that period (:func:`follow_period`)."""
    periods = queries.periods(con)
    with st.sidebar:
        language_picker()
        if periods.empty:
            geography_picker()
            return None
        kinds = [k for k in PERIOD_KINDS if k in set(periods["period_kind"])]
        if st.session_state.get(PERIOD_KIND) not in kinds:
            st.session_state[PERIOD_KIND] = DEFAULT_KIND if DEFAULT_KIND in kinds else kinds[0]
        options = periods[periods["period_kind"] == st.session_state[PERIOD_KIND]]
        ids = list(options["period_id"])
        if st.session_state.get(PERIOD) not in ids:
            st.session_state[PERIOD] = default_period(options, today)
        follow_period(periods)
        geography_picker()
        st.selectbox(
            t("period_kind_label"),
            kinds,
            key=PERIOD_KIND,
            format_func=lambda k: t(f"period_kind_{k}"),
            on_change=_carry_period,
            args=(periods, today),
        )
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
    return selection(periods, queries.period_locks(con))


def language_picker() -> None:
    """The language switch (also shown when there is no warehouse yet)."""
    st.sidebar.selectbox(t("language_label"), LANGUAGES, format_func=_language_name, key=LANG)


def geography_picker() -> None:
    """The choice of communes the figures are grouped by: the 20 of 2020–2025 or the 8 new."""
    st.radio(
        t("geography_label"),
        GEOGRAPHIES,
        key=GEOGRAPHY,
        format_func=lambda g: t(f"geography_{g}"),
        help=t("geography_help"),
    )


def follow_period(periods: pd.DataFrame) -> None:
    """Set the geography to the chosen period's own (:func:`etl.geography.epochs.geography_of`:
    the 20 communes before 2025-07-01, the 8 new ones for a period that ends after it, spanning
    periods included) whenever that differs from the one last set. A geography the user picked
    stays while the periods they move through keep the same own geography."""
    row = periods[periods["period_id"] == st.session_state[PERIOD]].iloc[0]
    own = geography_of(row["period_start"].date(), row["period_end"].date())
    if st.session_state.get(GEOGRAPHY_FOLLOWS) != own:
        st.session_state[GEOGRAPHY] = own
        st.session_state[GEOGRAPHY_FOLLOWS] = own


def keep_choices() -> None:
    """Set every choice of :data:`KEPT_CHOICES` to the value it holds; call at the start of
    every run, before any widget.

    A picker reports its option's label, and Streamlit finds the option again from the label
    and the widget's identity; both change under it. A language switch changes the labels
    (``Quý IV/2025`` → ``Q4 2025``), and the second run of a fresh session gives the sidebar's
    widgets new identities (the page is known from then on): either way the picker fell back to
    its first option (English came back Vietnamese, the quarter a month, the 8 communes the 20).
    A value set through session state wins over the picker's report, and reading it here, before
    the widgets, still reads the report with the last run's labels."""
    for key in KEPT_CHOICES:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


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


def selection(periods: pd.DataFrame, locks: pd.DataFrame) -> Selection:
    """The current choices, read from session state (call after :func:`sidebar`), with how
    ``locks`` (``queries.period_locks``) cover the chosen period."""
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
        lock=lock_mark(locks, row["period_start"], row["period_end"]),
    )


def default_period(options: pd.DataFrame, today: date) -> str:
    """The period a fresh session opens on, among ``options`` (one kind): the latest that
    ended before ``today`` and has activities; else the latest that ended before ``today``;
    else (nothing has ended yet) the earliest, the one running now. Never a running period
    while an ended one exists, whatever the warehouse's build day said was open."""
    ordered = options.sort_values("period_start")
    ended = ordered[ordered["period_end"] < pd.Timestamp(today)]
    with_data = ended[ended["activities"].fillna(0) > 0]
    for chosen in (with_data, ended):
        if not chosen.empty:
            return str(chosen["period_id"].iloc[-1])
    return str(ordered["period_id"].iloc[0])


def lock_mark(
    locks: pd.DataFrame, start: date | pd.Timestamp, end: date | pd.Timestamp
) -> LockMark | None:
    """How ``locks`` cover the days ``start`` … ``end``: None when no lock touches them;
    ``whole`` when the locks together hold every day (the period itself is locked, or a
    longer one holding it, or its parts one by one); else only some days are locked."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    touching = locks[
        (pd.to_datetime(locks["period_start"]) <= last)
        & (pd.to_datetime(locks["period_end"]) >= first)
    ].sort_values(["period_start", "period_end"])
    if touching.empty:
        return None
    held_to = first - pd.Timedelta(days=1)  # every day up to this one is locked
    for lock_start, lock_end in zip(
        pd.to_datetime(touching["period_start"]),
        pd.to_datetime(touching["period_end"]),
        strict=True,
    ):
        if lock_start > held_to + pd.Timedelta(days=1):
            break
        held_to = max(held_to, lock_end)
    latest = touching.sort_values("locked_at").iloc[-1]
    return LockMark(
        whole=held_to >= last,
        periods=tuple(str(p) for p in touching["period"]),
        locked_at=pd.Timestamp(latest["locked_at"]),
        locked_by=str(latest["locked_by"]),
    )


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


def _carry_period(periods: pd.DataFrame, today: date) -> None:
    """When the kind changes, keep the moment: pick the period of the new kind that holds the
    old period's last day (2024-Q3 → 2024-09, 2024, 2024-2025)."""
    old = periods[periods["period_id"] == st.session_state.get(PERIOD)]
    options = periods[periods["period_kind"] == st.session_state[PERIOD_KIND]]
    if old.empty or options.empty:
        return
    end = old["period_end"].iloc[0]
    holding = options[(options["period_start"] <= end) & (options["period_end"] >= end)]
    st.session_state[PERIOD] = (
        str(holding["period_id"].iloc[0]) if not holding.empty else default_period(options, today)
    )
    st.session_state[COMPARE] = NONE


def _language_name(code: str) -> str:
    return {"vi": "Tiếng Việt", "en": "English"}[code]
