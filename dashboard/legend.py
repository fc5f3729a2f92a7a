"""The one map legend, as HTML the pages draw under every map: coverage classes and "no data",
the village and school states, the approximate-location mark. No Streamlit here."""

from __future__ import annotations

import html

from dashboard.map_points import EDGE, SCHOOL_STATES
from etl.present import palette
from etl.present.i18n import t


def legend_html(lang: str, points: bool = True) -> str:
    """The one legend: coverage classes and "no data", and (``points``) the village and school
    states and the approximate-location mark, as self-contained HTML."""
    classes = [
        _swatch(colour, label)
        for colour, label in zip(
            palette.COVERAGE_COLOURS, palette.coverage_class_labels(), strict=True
        )
    ]
    classes.append(_swatch(palette.NO_DATA_COLOUR, t("legend_no_data", lang), dashed=True))
    groups = [(t("legend_coverage", lang), classes)]
    if points:
        villages = [
            _dot(palette.state_colour(s), t(f"coverage_state_{s}", lang)) for s in palette.STATES
        ]
        schools = [
            _dot(palette.state_colour(s), t(f"school_state_{s}", lang), square=True)
            for s in SCHOOL_STATES
        ]
        schools.append(_dot("#555555", t("legend_approx", lang), hollow=True))
        groups += [(t("legend_villages", lang), villages), (t("legend_schools", lang), schools)]
    rows = "".join(
        f'<div class="cdl-group"><span class="cdl-title">{html.escape(title)}</span>'
        f"{''.join(items)}</div>"
        for title, items in groups
    )
    return f'<div class="cdl-legend">{rows}</div>'


def _swatch(colour: str, label: str, dashed: bool = False) -> str:
    border = "1.5px dashed #6b6b6b" if dashed else "1px solid #555"
    return (
        f'<span class="cdl-item"><span style="display:inline-block;width:18px;height:12px;'
        f'background:{colour};border:{border};vertical-align:middle"></span> '
        f"{html.escape(label)}</span>"
    )


def _dot(colour: str, label: str, square: bool = False, hollow: bool = False) -> str:
    radius = "2px" if square else "50%"
    fill = "transparent" if hollow else colour
    border = f"2px dashed {colour}" if hollow else f"1.5px solid {EDGE}"
    return (
        f'<span class="cdl-item"><span style="display:inline-block;width:11px;height:11px;'
        f'border-radius:{radius};background:{fill};border:{border};vertical-align:middle">'
        f"</span> {html.escape(label)}</span>"
    )
