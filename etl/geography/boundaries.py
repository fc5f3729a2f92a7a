"""Commune boundaries in use: an imported official file if there is one, else the schematic.

The build loads full-resolution polygons (placeholders and "which commune is this point in" use
them) and a browser copy: the polygons cleaned into a coverage (no overlaps, shared edges
identical), simplified together so neighbours keep sharing their edges, and rounded to about
1 m. The 20 communes then cost a few tens of KB of GeoJSON, whatever the source resolution.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import shapely
from shapely.geometry import mapping, shape

from etl.geography.boundary_checks import area_km2
from etl.geography.schematic import SCHEMATIC_FILE, SCHEMATIC_LABEL
from etl.present.errors import MissingInput
from etl.sql_files import ETL_SQL, read_sql

OFFICIAL_FILE = "official_communes_2020.geojson"
WEB_TOLERANCE = 0.0003  # degrees, about 30 m: invisible at the district's zoom levels
WEB_PRECISION = 1e-5  # degrees, about 1 m
_GAP_WIDTH = 0.0005  # slivers narrower than about 50 m are given to a neighbour in the web copy


def boundary_file(boundaries_dir: Path) -> Path:
    """Return the boundary file to load: the imported official file, else the schematic default.

    Raises :class:`etl.present.errors.MissingInput` naming the command that writes the schematic.
    """
    for name in (OFFICIAL_FILE, SCHEMATIC_FILE):
        if (boundaries_dir / name).exists():
            return boundaries_dir / name
    raise MissingInput("boundary_file_missing", file=boundaries_dir / SCHEMATIC_FILE,
                       folder=boundaries_dir.parent)  # fmt: skip


def load_boundaries(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Read a GeoJSON of commune polygons (``commune_code``, ``source``) into ``raw_boundaries``.

    Columns: ``commune_code``, ``source``, ``is_schematic``, ``geom`` (as in the file, repaired
    if invalid), ``geom_web`` (the browser copy, see :func:`web_geometries`) and ``area_km2``
    (equal-area, of ``geom``).
    """
    collection = json.loads(path.read_text(encoding="utf-8"))
    features = collection.get("features") or []
    if not features:
        raise ValueError(f"path {path.name} holds no features")
    geoms = [shapely.make_valid(shape(f["geometry"])) for f in features]
    frame = pd.DataFrame(
        {
            "commune_code": [str(f["properties"]["commune_code"]) for f in features],
            "source": [str(f["properties"]["source"]) for f in features],
            "wkb": [shapely.to_wkb(g) for g in geoms],
            "wkb_web": [shapely.to_wkb(g) for g in web_geometries(geoms)],
            "area_km2": [round(area_km2(g), 3) for g in geoms],
        }
    )
    con.register("_boundaries", frame)
    try:
        con.execute(read_sql(ETL_SQL / "load", "raw_boundaries"), {"schematic": SCHEMATIC_LABEL})
    finally:
        con.unregister("_boundaries")


def web_geometries(geoms: list[shapely.Geometry]) -> list[shapely.Geometry]:
    """Return the browser copy of a set of neighbouring polygons, in the same order.

    Topology-preserving: the set is cleaned into a coverage, simplified as a coverage, then each
    polygon is snapped to a ~1 m grid (shared vertices snap alike, so edges stay shared).
    """
    if not geoms:
        raise ValueError("geoms must hold at least one polygon")
    cleaned = shapely.coverage_clean(geoms, gap_width=_GAP_WIDTH)
    simplified = shapely.coverage_simplify(cleaned, WEB_TOLERANCE)
    return [shapely.make_valid(shapely.set_precision(g, WEB_PRECISION)) for g in simplified]


def web_size(geoms: list[shapely.Geometry]) -> int:
    """Bytes of a GeoJSON FeatureCollection of the browser copies of ``geoms`` (UTF-8)."""
    features = [
        {"type": "Feature", "properties": {}, "geometry": mapping(g)} for g in web_geometries(geoms)
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    return len(text.encode("utf-8"))
