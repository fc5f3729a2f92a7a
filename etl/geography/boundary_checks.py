"""Geometry checks of an imported boundary set: repair, areas, overlaps and gaps between neighbours.

Areas are measured on an equal-area projection centred on Chợ Đồn (Lambert azimuthal), so a
square kilometre is a square kilometre whatever CRS the file came in.
"""

from __future__ import annotations

from functools import cache

import geopandas as gpd
import numpy as np
import pyproj
import shapely

EQUAL_AREA = "+proj=laea +lat_0=22.2 +lon_0=105.6 +datum=WGS84 +units=m"  # centred on Chợ Đồn
MIN_REPORTED_KM2 = 0.001  # 1,000 m²: smaller overlaps and gaps are rounding, not news


def repair(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    """Make invalid geometries valid, keep only polygons; return the frame and the count fixed."""
    invalid = ~frame.geometry.is_valid
    frame = frame.copy()
    frame[frame.geometry.name] = [
        _polygonal(shapely.make_valid(g) if bad else g)
        for g, bad in zip(frame.geometry.values, invalid, strict=True)
    ]
    return frame, int(invalid.sum())


def area_km2(geom: shapely.Geometry) -> float:
    """Area of a WGS 84 geometry in km², on the equal-area projection."""
    projected = shapely.transform(geom, _project, interleaved=False)
    return float(projected.area / 1e6)


def overlaps(geoms: dict[str, shapely.Geometry]) -> list[tuple[str, str, float]]:
    """Pairs of communes whose polygons overlap by more than :data:`MIN_REPORTED_KM2`, in km²."""
    ids = sorted(geoms)
    tree = shapely.STRtree([geoms[i] for i in ids])
    found = []
    for a, b in zip(*tree.query([geoms[i] for i in ids], predicate="intersects"), strict=True):
        if a < b:
            km2 = area_km2(geoms[ids[a]].intersection(geoms[ids[b]]))
            if km2 > MIN_REPORTED_KM2:
                found.append((ids[a], ids[b], round(km2, 3)))
    return found


def gaps(geoms: dict[str, shapely.Geometry]) -> list[float]:
    """Areas (km²) of the holes inside the union of all polygons: land that no commune covers."""
    union = shapely.union_all(list(geoms.values()))
    holes = [
        shapely.Polygon(ring)
        for polygon in getattr(union, "geoms", [union])
        for ring in polygon.interiors
    ]
    sizes = sorted((area_km2(h) for h in holes), reverse=True)
    return [round(s, 3) for s in sizes if s > MIN_REPORTED_KM2]


def _project(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _to_equal_area().transform(x, y)


@cache
def _to_equal_area() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(4326, EQUAL_AREA, always_xy=True)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygon parts of a repaired geometry (make_valid may add stray lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)
