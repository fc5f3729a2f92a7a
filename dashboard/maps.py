"""DataFrames and GeoJSON → folium maps that draw with no network: local Leaflet, no tiles.

Communes are coloured by the fixed coverage classes of :mod:`etl.present.palette` (a dashed grey
for "no data", never the colour of 0 %); villages (circles) and schools (squares) by state; a
point placed approximately is hollow with a dashed edge, and its tooltip says so. Every name
from a file is escaped before it reaches a tooltip. The legend is HTML drawn under the map by
the page, from :func:`legend_html`. No Streamlit here.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
from branca.element import Figure

from dashboard import map_points
from dashboard.verbatim import Verbatim
from etl.present import palette
from etl.present.format import (
    coverage_status_name,
    is_missing,
    kinds_text,
    no_data,
    number,
    percent,
)
from etl.present.i18n import t

# Served by Streamlit's static file serving from dashboard/static/ (see .streamlit/config.toml).
STATIC_URL = "/app/static"
LEAFLET_JS = [("leaflet", f"{STATIC_URL}/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css")]
MAP_SIZE = (900, 520)  # typical map size in pixels, for choosing a zoom
_MAP_CSS = "<style>.leaflet-container{background:#f7f7f2}</style>"


@dataclass(frozen=True)
class Boundaries:
    """The commune polygons of one geography: attributes, parsed geometries and extents."""

    communes: pd.DataFrame  # every column of queries.boundaries but geometry_json
    geometries: Mapping[str, dict[str, Any]]  # commune_id → GeoJSON geometry
    bounds: Mapping[str, tuple[float, float, float, float]]  # commune_id → (S, W, N, E)
    extent: tuple[float, float, float, float]  # all communes: (S, W, N, E)


def read_boundaries(df: pd.DataFrame) -> Boundaries:
    """Parse ``queries.boundaries`` rows once (they are cached for the warehouse's life)."""
    missing = {"commune_id", "geometry_json"} - set(df.columns)
    if missing:
        raise ValueError(f"df lacks columns {sorted(missing)}")
    geometries: dict[str, dict[str, Any]] = {
        str(cid): json.loads(str(text))
        for cid, text in zip(df["commune_id"], df["geometry_json"], strict=True)
    }
    bounds = {cid: _bounds(geometry) for cid, geometry in geometries.items()}
    boxes = list(bounds.values()) or [(0.0, 0.0, 0.0, 0.0)]
    extent = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return Boundaries(df.drop(columns=["geometry_json"]), geometries, bounds, extent)


@dataclass(frozen=True)
class CoverageLayers:
    """What a coverage map draws on the commune polygons, as plain data a cache can keep: each
    drawn commune's feature properties (colour, "no data", tooltip) and the village and school
    points (None: not drawn)."""

    communes: Mapping[str, dict[str, Any]]  # commune_id → GeoJSON feature properties
    villages: map_points.PointData | None
    schools: map_points.PointData | None


def coverage_layers(
    boundaries: Boundaries,
    communes: pd.DataFrame,
    lang: str,
    villages: pd.DataFrame | None = None,
    schools: pd.DataFrame | None = None,
) -> CoverageLayers:
    """Communes coloured by village coverage (``commune_coverage`` rows; ``coverage_pct`` null =
    no data), with village and school points (``village_points`` / ``school_points`` rows).

    Every feature's properties carry ``commune_id`` (and ``village_id`` / ``school_id``), so a
    click can drill down to the commune.
    """
    missing = {"commune_id", "coverage_pct"} - set(communes.columns)
    if missing:
        raise ValueError(f"communes lacks columns {sorted(missing)}")
    figures = {str(row["commune_id"]): row for row in _records(communes)}
    infos = {str(row["commune_id"]): row for row in _records(boundaries.communes)}
    properties = {
        cid: _commune_properties(cid, infos[cid], figures.get(cid), lang)
        for cid in boundaries.geometries
    }
    return CoverageLayers(
        properties,
        None if villages is None or villages.empty else map_points.village_data(villages, lang),
        None if schools is None or schools.empty else map_points.school_data(schools, lang),
    )


def coverage_map(
    boundaries: Boundaries,
    communes: pd.DataFrame,
    lang: str,
    villages: pd.DataFrame | None = None,
    schools: pd.DataFrame | None = None,
) -> folium.Map:
    """The map of :func:`coverage_layers`."""
    layers = coverage_layers(boundaries, communes, lang, villages, schools)
    return layers_map(boundaries, layers, lang)


def layers_map(boundaries: Boundaries, layers: CoverageLayers, lang: str) -> folium.Map:
    """A new folium map drawing ``layers`` on ``boundaries`` (cheap: the layers are data
    made already; a page may cache them, never the map, whose element ids change when drawn)."""
    features = [
        {"type": "Feature", "geometry": geometry, "properties": layers.communes[cid]}
        for cid, geometry in boundaries.geometries.items()
    ]
    fmap = offline_map(*view(boundaries))
    _Polygons(
        {"type": "FeatureCollection", "features": features},
        name=t("map_layer_communes", lang),
        style_function=_commune_style,
        highlight_function=lambda _f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(fmap)
    for points in (layers.villages, layers.schools):
        if points is not None:
            map_points.PointLayer(points).add_to(fmap)
    return fmap


def boundary_map(boundaries: Boundaries, lang: str) -> folium.Map:
    """The commune polygons in use, in one neutral colour, each with its name, code, area and
    source in the tooltip (the reference page)."""
    features = []
    for row in _records(boundaries.communes):
        lines = [
            f"<b>{_esc(row['full_name'])}</b> ({_esc(row['commune_code'])})",
            _esc(t("map_tip_area", lang, area=number(row["area_km2"], lang, 1))),
            _esc(t("boundary_source_caption", lang, source=row["boundary_source"])),
        ]
        if bool(row.get("is_partial")):
            lines.append(f"<i>{_esc(t('boundary_partial_note', lang))}</i>")
        features.append(
            {
                "type": "Feature",
                "geometry": boundaries.geometries[row["commune_id"]],
                "properties": {"commune_id": row["commune_id"], "tip": "<br>".join(lines)},
            }
        )
    fmap = offline_map(*view(boundaries))
    _Polygons(
        {"type": "FeatureCollection", "features": features},
        name=t("map_layer_communes", lang),
        style_function=lambda _f: {
            "fillColor": "#c6dbef",
            "color": "#333333",
            "weight": 1.2,
            "fillOpacity": 0.5,
        },
        highlight_function=lambda _f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(fmap)
    return fmap


def outline(boundaries: Boundaries, commune_id: str) -> folium.FeatureGroup:
    """A thick, click-through outline of one commune (``st_folium``'s ``feature_group_to_add``,
    which adds it without reloading the map)."""
    if commune_id not in boundaries.geometries:
        raise ValueError(f"commune_id {commune_id!r} is not drawn in this geography")
    group = folium.FeatureGroup(name="selected", control=False)
    feature = {"type": "Feature", "geometry": boundaries.geometries[commune_id], "properties": {}}
    folium.GeoJson(
        feature,
        style_function=lambda _f: {"color": "#000000", "weight": 4, "fill": False},
        interactive=False,
    ).add_to(group)
    return group


def view(
    boundaries: Boundaries, commune_id: str | None = None, size: tuple[int, int] = MAP_SIZE
) -> tuple[tuple[float, float], float]:
    """Centre and zoom showing the whole area, or one commune, in a map of ``size`` pixels."""
    south, west, north, east = (
        boundaries.extent if commune_id is None else boundaries.bounds[commune_id]
    )
    centre = ((south + north) / 2, (west + east) / 2)
    width, height = size
    span_x = max(east - west, 1e-4)
    span_y = max((north - south) / max(math.cos(math.radians(centre[0])), 0.1), 1e-4)
    fit = min(math.log2(width * 360 / 256 / span_x), math.log2(height * 360 / 256 / span_y))
    zoom = math.floor((fit - 0.25) * 4) / 4  # a margin; the map snaps to quarter zoom levels
    return centre, max(6.0, min(zoom, 15.0))


def offline_map(center: tuple[float, float], zoom: float = 10) -> folium.Map:
    """An empty folium map whose only assets are the Leaflet files the app serves itself."""
    fmap = folium.Map(
        location=list(center),
        zoom_start=zoom,  # type: ignore[arg-type]  # Leaflet takes fractional zooms
        tiles=None,
        control_scale=True,
        zoom_snap=0.25,
    )
    fmap.default_js = list(LEAFLET_JS)
    fmap.default_css = list(LEAFLET_CSS)
    root = fmap.get_root()
    if isinstance(root, Figure):
        root.header.add_child(folium.Element(_MAP_CSS))
    return fmap


class _Polygons(folium.GeoJson, Verbatim):
    """Commune polygons: a folium GeoJson (style and highlight maps, tooltip) whose rendered
    script, every polygon and name, goes into the page as it is."""


def _commune_properties(
    commune_id: str,
    info: Mapping[str, Any],
    row: Mapping[str, Any] | None,
    lang: str,
) -> dict[str, Any]:
    pct = None if row is None or is_missing(row["coverage_pct"]) else float(row["coverage_pct"])
    lines = [f"<b>{_esc(info['full_name'])}</b> ({_esc(info['commune_code'])})"]
    if row is None or pct is None:
        status = None if row is None else row.get("coverage_status")
        text = no_data(lang) if is_missing(status) else coverage_status_name(status, lang)
        lines.append(f"<i>{_esc(text)}</i>")
    else:
        reached, applicable = row["villages_reached"], row["villages_applicable"]
        lines.append(
            _esc(
                t(
                    "map_tip_coverage",
                    lang,
                    pct=percent(pct, lang),
                    reached=number(reached, lang),
                    applicable=number(applicable, lang),
                )
            )
        )
    if row is not None:
        reached, total = row.get("schools_reached"), row.get("schools")
        lines.append(
            _esc(
                t("map_tip_schools", lang, reached=number(reached, lang), total=number(total, lang))
            )
        )
        activities, participants = row.get("activities"), row.get("participants_total")
        lines.append(
            _esc(
                t(
                    "map_tip_activities",
                    lang,
                    activities=number(activities, lang),
                    participants=number(participants, lang),
                )
            )
        )
        kinds = kinds_text(row.get("missing_unit_kinds"), lang)
        if kinds:
            lines.append(_esc(t("map_tip_missing", lang, kinds=kinds)))
    if bool(info.get("is_partial", False)):
        lines.append(f"<i>{_esc(t('boundary_partial_note', lang))}</i>")
    return {
        "commune_id": commune_id,
        "fill": palette.coverage_colour(pct),
        "no_data": pct is None,
        "tip": "<br>".join(lines),
    }


def _commune_style(feature: dict[str, Any]) -> dict[str, object]:
    props = feature["properties"]
    if props["no_data"]:
        return {
            "fillColor": props["fill"],
            "color": "#6b6b6b",
            "weight": 1.2,
            "dashArray": palette.NO_DATA_DASH,
            "fillOpacity": 0.55,
        }
    return {"fillColor": props["fill"], "color": "#555555", "weight": 1, "fillOpacity": 0.6}


def _bounds(geometry: Mapping[str, Any]) -> tuple[float, float, float, float]:
    points = list(_coordinates(geometry["coordinates"]))
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lats), min(lons), max(lats), max(lons)


def _coordinates(nested: Any) -> Any:
    if nested and isinstance(nested[0], int | float):
        yield nested
    else:
        for part in nested:
            yield from _coordinates(part)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in df.to_dict("records")]


def _esc(value: object) -> str:
    return html.escape("" if is_missing(value) else str(value))
