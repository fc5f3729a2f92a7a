"""Colours and class breaks shared by the maps, charts and legends. No Streamlit here.

Okabe–Ito colour-blind-safe hues for states; a sequential blue ramp for coverage with fixed
breaks, so colours mean the same in every period; "no data" is grey and never the colour of zero.
"""

from __future__ import annotations

from etl.present.format import is_missing

# Village and school states (docs/warehouse.md "Coverage marts"), in legend order.
STATES = ("reached", "indirect", "not_reached", "not_reported", "not_applicable")
STATE_COLOURS = {
    "reached": "#0072B2",  # blue
    "indirect": "#56B4E9",  # sky blue
    "not_reached": "#E69F00",  # orange: a gap someone can act on
    "not_reported": "#999999",  # grey: no data, not zero
    "not_applicable": "#FFFFFF",  # white: did not exist
}

# Commune coverage (% of applicable villages reached): fixed class edges, lower bound inclusive.
COVERAGE_BREAKS = (0.0, 25.0, 50.0, 75.0, 100.0)
COVERAGE_COLOURS = ("#fff7bc", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
NO_DATA_COLOUR = "#bdbdbd"
NO_DATA_DASH = "4 3"


def state_colour(state: str | None) -> str:
    """Fill colour of a village or school state; unknown or missing → the no-data grey."""
    return STATE_COLOURS.get(state or "", NO_DATA_COLOUR)


def coverage_class(percent: float | None) -> int | None:
    """Index into :data:`COVERAGE_COLOURS` for a coverage percentage (None → no data).

    Classes: 0 %, (0, 25), [25, 50), [50, 75), [75, 100].
    """
    if percent is None or is_missing(percent):
        return None
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be within 0..100, got {percent}")
    if percent == 0:
        return 0
    return min(sum(percent >= edge for edge in COVERAGE_BREAKS[1:]) + 1, 4)


def coverage_colour(percent: float | None) -> str:
    """Fill colour of a commune with ``percent`` of its villages reached."""
    index = coverage_class(percent)
    return NO_DATA_COLOUR if index is None else COVERAGE_COLOURS[index]


def coverage_class_labels() -> list[str]:
    """Legend labels of the coverage classes, language-neutral ("0 %", "1–24 %", …)."""
    return ["0 %", "1–24 %", "25–49 %", "50–74 %", "75–100 %"]


# Unit kinds in charts (Okabe–Ito qualitative hues; black for mass organisations).
UNIT_KINDS = ("vhtt", "ttvhtttt", "ldtbxh", "gddt", "cah", "ca_xa", "ubnd_xa", "doan_the")
UNIT_KIND_COLOURS = {
    "vhtt": "#0072B2",
    "ttvhtttt": "#56B4E9",
    "ldtbxh": "#CC79A7",
    "gddt": "#009E73",
    "cah": "#D55E00",
    "ca_xa": "#E69F00",
    "ubnd_xa": "#F0E442",
    "doan_the": "#000000",
}
OTHER_COLOUR = "#999999"

# Gap matrices: a unit kind or audience active in the commune, an expected one missing, neither.
MATRIX_COLOURS = {"active": "#0072B2", "missing": "#E69F00", "none": "#f0f0f0"}  # in z order
