"""The activity explorer's widgets: filters and pager (the commune filter is the sidebar's),
and every matching activity as a file table for its download."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

import pandas as pd
import streamlit as st

from dashboard import queries, state, tables
from dashboard.i18n import t
from dashboard.state import Selection
from etl import db
from etl.config import Settings
from etl.present.format import number


class Filters(TypedDict):
    """The explorer's filters, as ``queries.activities`` takes them."""

    first: date
    last: date
    units: list[str]
    types: list[str]
    audiences: list[str]
    scopes: list[str]


def filters(options: pd.DataFrame, sel: Selection) -> Filters:
    """The explorer's filters (unit, type, audience, place kind, dates; the commune is the
    sidebar's); returns them as keyword arguments of ``queries.activities``."""
    label = "label_vi" if sel.lang == "vi" else "label_en"
    names = {(r.field, r.value): getattr(r, label) for r in options.itertuples()}

    def values(field: str) -> list[str]:
        return [str(v) for f, v in names if f == field]

    top = st.columns([3, 3, 2])
    top[0].multiselect(
        t("filter_units"),
        values("unit"),
        key=state.EXPLORER_UNITS,
        on_change=state.first_page,
        format_func=lambda v: names[("unit", v)],
        placeholder=t("filter_all"),
    )
    top[1].multiselect(
        t("filter_types"),
        values("type"),
        key=state.EXPLORER_TYPES,
        on_change=state.first_page,
        format_func=lambda v: names[("type", v)],
        placeholder=t("filter_all"),
    )
    dates = top[2].date_input(
        t("filter_dates"),
        (sel.period_start.date(), sel.period_end.date()),
        key=f"{state.EXPLORER_DATES}:{sel.period_id}",
        on_change=state.first_page,
        format="DD/MM/YYYY",
    )
    bottom = st.columns([3, 3, 2])
    bottom[0].multiselect(
        t("filter_audiences"),
        values("audience"),
        key=state.EXPLORER_AUDIENCES,
        on_change=state.first_page,
        format_func=lambda v: names[("audience", v)],
        placeholder=t("filter_all"),
    )
    bottom[1].multiselect(
        t("filter_scopes"),
        list(queries.SCOPES),
        key=state.EXPLORER_SCOPES,
        on_change=state.first_page,
        format_func=lambda v: t(f"scope_{v}"),
        placeholder=t("filter_all"),
    )
    bottom[2].selectbox(
        t("filter_page_size"),
        [25, 50, 100],
        key=state.EXPLORER_PAGE_SIZE,
        on_change=state.first_page,
    )
    chosen = list(dates) if isinstance(dates, tuple) else [dates]
    first, last = (chosen[0], chosen[-1]) if chosen else (sel.period_start, sel.period_end)
    return {
        "first": pd.Timestamp(first).date(),
        "last": pd.Timestamp(last).date(),
        "units": st.session_state.get(state.EXPLORER_UNITS, []),
        "types": st.session_state.get(state.EXPLORER_TYPES, []),
        "audiences": st.session_state.get(state.EXPLORER_AUDIENCES, []),
        "scopes": st.session_state.get(state.EXPLORER_SCOPES, []),
    }


def pager(total: int, lang: str) -> tuple[int, int]:
    """Rows per page and which page of ``total`` results to show (the page number is kept
    within range when the filters shrink the list); returns (rows per page, page)."""
    size = int(st.session_state.get(state.EXPLORER_PAGE_SIZE, 25))
    pages = max(1, -(-total // size))
    if int(st.session_state.get(state.EXPLORER_PAGE, 1)) > pages:
        st.session_state[state.EXPLORER_PAGE] = pages
    left, right = st.columns([1, 4])
    page = left.number_input(t("filter_page"), 1, pages, key=state.EXPLORER_PAGE, step=1)
    right.markdown(
        "&nbsp;  \n" + t("explorer_count", total=number(total, lang), pages=number(pages, lang))
    )
    return size, int(page)


def every_match(sel: Selection, found: Filters, total: int) -> pd.DataFrame:
    """Every activity the filters match (all pages, newest first) in its file form
    (``tables.activities(…, for_file=True)``). Made when the download is clicked, which
    Streamlit serves on another thread: it reads on a connection of its own (the page's is
    not to be shared between threads), after the page has passed the login gate."""
    con = db.connect_path(Settings.from_env().db_path, read_only=True, extensions=())
    try:
        rows = queries.activities(
            con, geography=sel.geography, commune_id=sel.commune_id, limit=max(total, 1),
            offset=0, **found,
        )  # fmt: skip
    finally:
        con.close()
    return tables.activities(rows, sel.lang, for_file=True)
