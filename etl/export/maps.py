"""The two print maps of a period: communes by coverage class, villages by state.

Drawn by :mod:`etl.export.static_map` with the dashboard's colours (:mod:`etl.present.palette`): the
fixed coverage classes, "no data" dashed grey (never the colour of 0 %), and the village states
in legend order. Each map comes as PNG (print resolution) and PDF.
"""

from __future__ import annotations

import textwrap
from datetime import date

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from etl.export.captions import area_name, boundary_note, file_stem, period_name, source_line
from etl.export.figures import Figures
from etl.export.static_map import FORMATS, PRINT_DPI, MapArea, MapSheet, figure_bytes, render_map
from etl.present import palette
from etl.present.format import is_missing
from etl.present.i18n import t

MAPS = ("coverage", "villages")
_FOOTER_WIDTH = 150  # characters per footer line at 8 pt on a 10-inch page
_STEMS = {"coverage": "ban-do-do-phu-xa", "villages": "ban-do-thon"}


def map_files(figures: Figures, lang: str, made_on: date, dpi: int = PRINT_DPI) -> dict[str, bytes]:
    """Both maps, PNG and PDF: file name → bytes."""
    files = {}
    for name in MAPS:
        figure = draw_map(figures, name, lang, made_on)
        try:
            for fmt in FORMATS:
                files[f"{file_stem(_STEMS[name], figures)}.{fmt}"] = figure_bytes(figure, fmt, dpi)
        finally:
            plt.close(figure)
    return files


def map_png(figures: Figures, name: str, lang: str, made_on: date, dpi: int) -> bytes:
    """One map as PNG bytes at ``dpi`` (the deck's picture)."""
    figure = draw_map(figures, name, lang, made_on)
    try:
        return figure_bytes(figure, "png", dpi)
    finally:
        plt.close(figure)


def draw_map(figures: Figures, name: str, lang: str, made_on: date) -> Figure:
    """One map (``coverage`` or ``villages``) as a matplotlib figure."""
    areas = map_areas(figures, name)
    sheet = MapSheet(
        title=t(f"export_map_{name}_title", lang),
        period=f"{period_name(figures, lang)} · {area_name(figures, lang)}",
        source=textwrap.fill(source_line(figures, lang, made_on), _FOOTER_WIDTH),
        legend=_legend(name, lang),
        note=textwrap.fill(boundary_note(figures, lang), _FOOTER_WIDTH),
        points=_points(figures) if name == "villages" else (),
    )
    return render_map(areas, sheet)


def map_areas(figures: Figures, name: str) -> list[MapArea]:
    """The communes of one map (``coverage`` or ``villages``): on the coverage map each is
    filled by its coverage class, or dashed grey where ``coverage_pct`` is null (no data)."""
    if name not in MAPS:
        raise ValueError(f"name must be one of {MAPS}, got {name!r}")
    communes = figures.table("communes").set_index("commune_id")
    areas = []
    for row in figures.table("boundaries").itertuples():
        known = row.commune_id in communes.index
        pct = _number(communes["coverage_pct"].get(row.commune_id)) if known else None
        if name == "coverage":
            fill, dashed = palette.coverage_colour(pct), pct is None
        else:
            fill, dashed = "#f7f7f7", False
        areas.append(MapArea(str(row.geometry_json), fill, str(row.commune_name), dashed))
    return areas


def _legend(name: str, lang: str) -> list[tuple[str, str]]:
    if name == "coverage":
        classes = list(zip(palette.COVERAGE_COLOURS, palette.coverage_class_labels(), strict=True))
        return [*classes, (palette.NO_DATA_COLOUR, t("legend_no_data", lang))]
    return [
        (palette.state_colour(state), t(f"coverage_state_{state}", lang))
        for state in palette.STATES
        if state != "not_applicable"
    ]


def _points(figures: Figures) -> list[tuple[float, float, str]]:
    villages = figures.table("villages")
    shown = villages[
        villages["lat"].notna() & villages["lon"].notna() & (villages["state"] != "not_applicable")
    ]
    return [
        (float(lon), float(lat), palette.state_colour(str(state)))
        for lon, lat, state in zip(shown["lon"], shown["lat"], shown["state"], strict=True)
    ]


def _number(value: object) -> float | None:
    if is_missing(value):
        return None
    return float(value)  # type: ignore[arg-type]
