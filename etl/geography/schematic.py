"""The schematic default boundaries: a Voronoi tessellation of the official commune points.

Official commune polygons are not published. Until a user imports them, the map
draws cells grown from each commune's official point, clipped to the union of the official
bounding boxes. The result is labelled "ranh giới minh họa / schematic" wherever it appears.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Point, mapping

SCHEMATIC_LABEL = "ranh giới minh họa / schematic"
SCHEMATIC_FILE = "schematic_communes_2020.geojson"
_PRECISION = 1e-5  # degrees, about 1 m


def schematic_boundaries(communes: pd.DataFrame) -> dict:
    """Return a GeoJSON FeatureCollection with one schematic polygon per commune row.

    ``communes`` needs ``commune_code``, ``commune_name``, ``lat``, ``lon`` and the bounding box
    columns ``south``, ``west``, ``north``, ``east``.
    """
    missing = {"commune_code", "commune_name", "lat", "lon", "south", "west", "north", "east"}
    missing -= set(communes.columns)
    if missing:
        raise ValueError(f"communes lacks columns {sorted(missing)}")
    boxes = [
        shapely.box(r.west, r.south, r.east, r.north) for r in communes.itertuples(index=False)
    ]
    extent = shapely.union_all(boxes).buffer(0.004, join_style="mitre").buffer(-0.002)
    extent = shapely.union_all([shapely.Polygon(p.exterior) for p in _parts(extent)])  # no holes
    points = [Point(r.lon, r.lat) for r in communes.itertuples(index=False)]
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=extent)
    features = []
    for row, point in zip(communes.itertuples(index=False), points, strict=True):
        cell = next(c for c in cells.geoms if c.contains(point))
        shape = shapely.set_precision(cell.intersection(extent), _PRECISION)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "commune_code": row.commune_code,
                    "commune_name": row.commune_name,
                    "source": SCHEMATIC_LABEL,
                },
                "geometry": mapping(shape),
            }
        )
    return {"type": "FeatureCollection", "name": SCHEMATIC_LABEL, "features": features}


def write_schematic(communes: pd.DataFrame, path: Path) -> Path:
    """Write :func:`schematic_boundaries` to ``path`` (UTF-8 GeoJSON) and return the path."""
    collection = schematic_boundaries(communes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(collection, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _parts(shape: shapely.Geometry) -> list[shapely.Polygon]:
    return list(shape.geoms) if isinstance(shape, shapely.MultiPolygon) else [shape]
