"""Static maps rendered on the server (matplotlib, no browser): PNG for slides, PDF for print.

Every map carries a title, the period, a legend naming the classes, a scale bar, a north arrow,
a source-and-date line, and the schematic-boundary note when it applies. Text uses DejaVu Sans,
which matplotlib ships and which has every Vietnamese letter.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on servers

import matplotlib.pyplot as plt
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrow, Patch, Rectangle
from matplotlib.patches import Polygon as PolygonPatch

FONT = "DejaVu Sans"
_HALO = [patheffects.withStroke(linewidth=2, foreground="#ffffff")]  # labels read on any fill
PRINT_DPI = 200
FORMATS = ("png", "pdf")


@dataclass(frozen=True)
class MapArea:
    """One polygon to draw: GeoJSON geometry text, fill colour, optional label and dashed edge."""

    geometry_json: str
    fill: str
    label: str = ""
    dashed: bool = False


@dataclass(frozen=True)
class MapSheet:
    """Everything printed around the map."""

    title: str
    period: str
    source: str
    legend: Sequence[tuple[str, str]]  # (colour, label)
    note: str = ""
    points: Sequence[tuple[float, float, str]] = field(default_factory=tuple)  # lon, lat, colour


def render_map(
    areas: Sequence[MapArea], sheet: MapSheet, size_inches: tuple[float, float] = (10, 7.5)
) -> Figure:
    """Draw ``areas`` with the frame of ``sheet`` and return the figure (16:9-friendly 4:3 page)."""
    if not areas:
        raise ValueError("areas must not be empty")
    plt.rcParams["font.family"] = FONT
    figure = plt.figure(figsize=size_inches)
    axes = figure.add_axes((0.02, 0.1, 0.68, 0.76))
    bounds = _draw_areas(axes, areas)
    for lon, lat, colour in sheet.points:
        axes.plot(lon, lat, "o", markersize=3, color=colour, markeredgecolor="#333333", mew=0.3)
    west, south, east, north = bounds
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    axes.axis("off")
    _scale_bar(axes, bounds)
    _north_arrow(axes, bounds)
    figure.text(0.02, 0.95, sheet.title, fontsize=16, fontweight="bold", va="top")
    figure.text(0.02, 0.895, sheet.period, fontsize=12, va="top")
    handles = [Patch(facecolor=c, edgecolor="#333333", label=label) for c, label in sheet.legend]
    figure.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(0.71, 0.86), frameon=False, fontsize=10
    )
    footer = sheet.source if not sheet.note else f"{sheet.note}\n{sheet.source}"
    figure.text(0.02, 0.02, footer, fontsize=8, va="bottom", color="#333333")
    return figure


def save_map(figure: Figure, path: Path) -> Path:
    """Write ``figure`` as PNG (print resolution) or PDF, chosen by ``path``'s suffix."""
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ValueError(f"path must end with one of {FORMATS}, got {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(figure_bytes(figure, fmt))
    plt.close(figure)
    return path


def figure_bytes(figure: Figure, fmt: str, dpi: int = PRINT_DPI) -> bytes:
    """``figure`` as PNG (``dpi`` dots per inch) or PDF bytes, nothing written to disk."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, got {fmt!r}")
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    out = io.BytesIO()
    figure.savefig(out, dpi=dpi, format=fmt, metadata=_metadata(fmt))
    return out.getvalue()


def _draw_areas(axes: plt.Axes, areas: Sequence[MapArea]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for area in areas:
        for ring in _outer_rings(json.loads(area.geometry_json)):
            patch = PolygonPatch(
                ring, closed=True, facecolor=area.fill, edgecolor="#333333", linewidth=0.6,
                linestyle=(0, (4, 3)) if area.dashed else "solid",
            )  # fmt: skip
            axes.add_patch(patch)
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
        if area.label:
            ring = max(_outer_rings(json.loads(area.geometry_json)), key=len)
            cx = sum(p[0] for p in ring) / len(ring)
            cy = sum(p[1] for p in ring) / len(ring)
            axes.text(cx, cy, area.label, fontsize=6.5, ha="center", va="center",
                      path_effects=_HALO)  # fmt: skip
    pad_x, pad_y = (max(xs) - min(xs)) * 0.04, (max(ys) - min(ys)) * 0.04
    return min(xs) - pad_x, min(ys) - pad_y, max(xs) + pad_x, max(ys) + pad_y


def _outer_rings(geometry: dict) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "Polygon":
        return [[(x, y) for x, y, *_ in geometry["coordinates"][0]]]
    if geometry["type"] == "MultiPolygon":
        return [[(x, y) for x, y, *_ in poly[0]] for poly in geometry["coordinates"]]
    raise ValueError(f"geometry must be a Polygon or MultiPolygon, got {geometry['type']}")


def _scale_bar(axes: plt.Axes, bounds: tuple[float, float, float, float]) -> None:
    west, south, east, _ = bounds
    km_per_degree = 111.32 * math.cos(math.radians(south))
    length_km = _nice_length((east - west) * km_per_degree / 4)
    width = length_km / km_per_degree
    x0, y0 = west + (east - west) * 0.04, south + (east - west) * 0.03
    height = (east - west) * 0.008
    for i in range(2):
        axes.add_patch(
            Rectangle((x0 + i * width / 2, y0), width / 2, height,
                      facecolor="#000000" if i == 0 else "#ffffff", edgecolor="#000000", lw=0.6)
        )  # fmt: skip
    axes.text(x0, y0 + height * 1.8, "0", fontsize=7, ha="center")
    axes.text(x0 + width, y0 + height * 1.8, f"{length_km:g} km", fontsize=7, ha="center")


def _north_arrow(axes: plt.Axes, bounds: tuple[float, float, float, float]) -> None:
    west, south, east, north = bounds
    x = east - (east - west) * 0.05
    length = (north - south) * 0.07
    y = north - (north - south) * 0.05 - length
    axes.add_patch(
        FancyArrow(x, y, 0, length, width=length * 0.12, head_length=length * 0.4, color="#000000")
    )
    tip = y + length * 1.4  # the head is drawn beyond ``length``
    axes.text(x, tip + length * 0.1, "B / N", fontsize=8, ha="center", va="bottom")


def _nice_length(km: float) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100):
        if km <= step:
            return float(step)
    return 100.0


def _metadata(fmt: str) -> dict[str, str | None]:
    # Fixed metadata keeps files byte-stable for the same figures (no creation timestamp).
    if fmt == "pdf":
        return {"Creator": "chodon-coverage", "Producer": None, "CreationDate": None}
    return {"Software": "chodon-coverage"}
