"""DataFrames → folium maps that draw with no network: local Leaflet, no tiles by default."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

import folium
import pandas as pd

# Served by Streamlit's static file serving from dashboard/static/ (see .streamlit/config.toml).
STATIC_URL = "/app/static"
LEAFLET_JS = [("leaflet", f"{STATIC_URL}/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css")]

# Fixed class breaks (activities per commune) so colours compare across periods. Colour-blind-safe
# sequential blues; "no data" is grey with hatching-like dash, never the lightest class.
ACTIVITY_BREAKS = (1, 3, 6, 10)
ACTIVITY_COLOURS = ("#f7f7f7", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
NO_DATA_COLOUR = "#bdbdbd"


def offline_map(center: tuple[float, float], zoom: int = 10) -> folium.Map:
    """An empty folium map whose only assets are the Leaflet files the app serves itself."""
    fmap = folium.Map(location=list(center), zoom_start=zoom, tiles=None, control_scale=True)
    fmap.default_js = list(LEAFLET_JS)
    fmap.default_css = list(LEAFLET_CSS)
    return fmap


def commune_map(communes: pd.DataFrame, labels: Mapping[str, str]) -> folium.Map:
    """Draw one polygon per row of ``communes`` (``geometry_json``, ``commune_code``,
    ``commune_name``, ``activities``), coloured by fixed activity classes.

    ``labels`` holds the tooltip field names in the UI language: ``commune``, ``code``,
    ``activities``.
    """
    missing = {"geometry_json", "commune_code", "commune_name", "activities"} - set(communes)
    if missing:
        raise ValueError(f"communes lacks columns {sorted(missing)}")
    collection = {
        "type": "FeatureCollection",
        "features": [_feature(row) for row in communes.to_dict("records")],
    }
    fmap = offline_map(center=(0.0, 0.0))
    layer = folium.GeoJson(
        collection,
        name="communes",
        style_function=_style,
        highlight_function=lambda _f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(
            fields=["commune_name", "commune_code", "activities"],
            aliases=[labels["commune"], labels["code"], labels["activities"]],
        ),
    )
    layer.add_to(fmap)
    if collection["features"]:
        fmap.fit_bounds(layer.get_bounds())  # type: ignore[arg-type]  # never None here
    return fmap


def activity_colour(activities: int | None) -> str:
    """The fill colour of a commune with ``activities`` (None means no data)."""
    if activities is None or pd.isna(activities):
        return NO_DATA_COLOUR
    classes = sum(activities >= b for b in ACTIVITY_BREAKS)
    return ACTIVITY_COLOURS[classes]


def _feature(row: Mapping[Any, Any]) -> dict[str, object]:
    activities = row["activities"]
    return {
        "type": "Feature",
        "geometry": json.loads(row["geometry_json"]),
        "properties": {
            "commune_code": row["commune_code"],
            # Tooltips render HTML: names from files are escaped before they get there.
            "commune_name": html.escape(str(row["commune_name"])),
            "activities": None if pd.isna(activities) else int(activities),
            "fill": activity_colour(activities),
        },
    }


def _style(feature: dict) -> dict[str, object]:
    return {
        "fillColor": feature["properties"]["fill"],
        "color": "#333333",
        "weight": 1,
        "fillOpacity": 0.75,
    }
