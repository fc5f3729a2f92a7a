"""Placeholder locations: a deterministic point inside a commune polygon for a place without one.

The same place id and polygon always give the same point, so maps do not jump between builds.
Points keep a margin from the commune's edge where the polygon allows, so they fall inside the
commune even after the boundary is simplified for the browser. They are flagged
``location_approx`` everywhere they are shown.
"""

from __future__ import annotations

import hashlib

import shapely
from shapely.geometry.base import BaseGeometry

MARGIN_DEGREES = 0.003  # about 300 m
_TRIES = 500


def placeholder_point(polygon: BaseGeometry, seed: str) -> tuple[float, float]:
    """Return ``(lat, lon)`` of a point inside ``polygon`` chosen by ``seed`` (the place id)."""
    if polygon is None or polygon.is_empty:
        raise ValueError("polygon must be a non-empty geometry")
    if not seed:
        raise ValueError("seed must be a non-empty string")
    inner = polygon.buffer(-MARGIN_DEGREES)
    target = inner if not inner.is_empty else polygon
    west, south, east, north = target.bounds
    for attempt in range(_TRIES):
        digest = hashlib.sha256(f"{seed}#{attempt}".encode()).digest()
        u = int.from_bytes(digest[:8], "big") / 2**64
        v = int.from_bytes(digest[8:16], "big") / 2**64
        lon, lat = west + u * (east - west), south + v * (north - south)
        if target.contains(shapely.Point(lon, lat)):
            return round(lat, 6), round(lon, 6)
    point = target.point_on_surface()
    return round(point.y, 6), round(point.x, 6)
