"""The headline figures of a period as cards: label, value, note, written once for the
dashboard's KPI cards, the deck's figures slide and the Word report.

``row`` is one row of the headline query (``dashboard/sql/district_kpis.sql``,
``commune_kpis.sql`` or ``etl/sql/exports/district.sql``: the same column names). The rules:

- schools: for a school year or a semester, Decision 830's indicator (a direct session in every
  semester, ``school_indicator_830``) against its target (``etl/reference/targets.csv``); for any
  other period, schools with any activity, with no target beside it;
- units: those whose reports cover the whole period, with the ones that cover part of it;
- children and participants are contacts ("lượt"): children reached are set against the children
  aged 0–14 as contacts per child, never as a share, with a caveat when they exceed them.

No Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from etl.present.format import DASH, is_missing, number, percent, share
from etl.present.i18n import t


class Card(NamedTuple):
    """One headline figure; ``column`` is the one the change from a comparison period uses."""

    label: str
    value: str
    note: str
    column: str
    points: bool = False


def headline_cards(row: Mapping[str, Any], lang: str) -> list[Card]:
    """The six cards: villages, schools, activities, participants, children, units."""
    return [
        Card(
            t("kpi_villages", lang),
            share(row["coverage_pct"], lang),
            t("kpi_villages_note", lang, reached=number(row["villages_reached"], lang),
              total=number(row["villages_applicable"], lang)),
            "coverage_pct",
            points=True,
        ),
        school_card(row, lang),
        Card(
            t("kpi_activities", lang),
            number(row["activities"], lang),
            t("kpi_activities_note", lang, joint=number(row["joint_activities"], lang)),
            "activities",
        ),
        Card(
            t("kpi_participants", lang),
            number(row["participants_total"], lang),
            t("kpi_participants_note", lang),
            "participants_total",
        ),
        Card(
            t("kpi_children", lang),
            number(row["children_reached"], lang),
            children_note(row, lang),
            "children_reached",
        ),
        Card(
            t("kpi_units", lang),
            units_share(row, lang),
            t("kpi_units_note", lang, partial=number(row["units_partial"], lang)),
            "units_complete",
        ),
    ]  # fmt: skip


def school_card(row: Mapping[str, Any], lang: str) -> Card:
    """Decision 830's indicator when the period has it, else schools with any activity."""
    reached = t("kpi_schools_any_note", lang, reached=number(row["schools_reached"], lang),
                total=number(row["schools"], lang),
                pct=share(row["schools_pct"], lang))  # fmt: skip
    if is_missing(row.get("schools_830_pct")):
        return Card(t("kpi_schools", lang), share(row["schools_pct"], lang),
                    t("kpi_schools_note", lang, reached=number(row["schools_reached"], lang),
                      total=number(row["schools"], lang)),
                    "schools_pct", points=True)  # fmt: skip
    note = t("kpi_schools_830_note", lang, held=number(row["schools_830"], lang),
             total=number(row["schools"], lang),
             target=percent(row["schools_830_target_pct"], lang, 0))  # fmt: skip
    return Card(t("kpi_schools_830", lang), percent(row["schools_830_pct"], lang),
                f"{note} · {reached}", "schools_830_pct", points=True)  # fmt: skip


def units_share(row: Mapping[str, Any], lang: str) -> str:
    """``59/61``: units whose reports cover the whole period, of those due; a dash when none
    was due (a commune that no longer existed)."""
    expected = row["units_expected"]
    if is_missing(expected) or not expected:
        return DASH
    return f"{number(row['units_complete'], lang)}/{number(expected, lang)}"


def units_text(row: Mapping[str, Any], lang: str) -> str:
    """``59/61 đủ kỳ · 2 thiếu một phần``: complete, due, and partly covered units."""
    return t("units_reported_text", lang, share=units_share(row, lang),
             partial=number(row["units_partial"], lang))  # fmt: skip


def children_note(row: Mapping[str, Any], lang: str) -> str:
    """Children reached as contacts per child aged 0–14 (census or estimate), and the caveat
    when the contacts exceed the children."""
    children, population = row["children_reached"], row["child_population"]
    key = "children_basis_estimate" if row["children_estimated"] else "children_basis_census"
    if is_missing(children) or is_missing(population) or not population:
        ratio = DASH
    else:
        ratio = number(float(children) / float(population), lang, 2)
    note = t("kpi_children_note", lang, ratio=ratio, estimate=number(population, lang),
             basis=t(key, lang))  # fmt: skip
    caveat = contacts_caveat(row, lang)
    return f"{note} · {caveat}" if caveat else note


def contacts_caveat(row: Mapping[str, Any], lang: str) -> str:
    """The caveat when more children were reached (contacts) than there are children
    (``contacts_exceed_children``, the marts' rule); else empty text."""
    return t("contacts_exceed_children", lang) if row["contacts_exceed_children"] else ""
