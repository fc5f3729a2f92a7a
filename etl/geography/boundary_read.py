"""Read a boundary file a user brings and put it in WGS 84, or say clearly why it cannot be.

Accepted: GeoJSON, Shapefile (the ``.shp``, its folder, or a ``.zip`` of it), GeoPackage, KML.
Coordinates are reprojected to EPSG:4326, including from VN-2000 (EPSG:3405 UTM 48N, the TM-3
zones such as EPSG:9213 for Bắc Kạn). A file without a CRS is refused with a request for
``--crs``; so is a file whose coordinates are not where its CRS says (metres labelled degrees,
or the wrong zone).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio
import pyproj
import shapely

SUFFIXES = (".geojson", ".json", ".shp", ".zip", ".gpkg", ".kml")
_DATA_SUFFIXES = (".shp", ".geojson", ".json", ".gpkg", ".kml")


class BoundaryError(ValueError):
    """A boundary file that cannot be imported; ``key`` names the message in messages.toml."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(f"{key}: {fields}")
        self.key = key
        self.fields = fields


def read_boundaries(
    path: Path, district_box: tuple[float, float, float, float], crs: str | None = None
) -> tuple[gpd.GeoDataFrame, str]:
    """Return the file's polygon features in EPSG:4326 and a description of the source CRS.

    ``district_box`` is (west, south, east, north) in degrees: the features must reach it, or
    the CRS is wrong. ``crs`` (anything pyproj reads: ``3405``, ``EPSG:9213``, a PROJ string)
    is used when the file has none and overrides the file's own when given.
    """
    source = _data_source(path)
    layer = _polygon_layer(source, path)
    frame = gpd.read_file(source, layer=layer)
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    frame = frame[frame.geom_type.isin(["Polygon", "MultiPolygon", "GeometryCollection"])]
    if frame.empty:
        raise BoundaryError("boundaries_no_polygons", file=path.name)
    if crs is not None:
        frame = frame.set_crs(_parse_crs(crs), allow_override=True)
    elif frame.crs is None:
        raise BoundaryError("boundaries_no_crs", file=path.name)
    described = f"{frame.crs.name} ({frame.crs.to_string()})"
    if frame.crs.is_geographic and not _looks_like_degrees(frame):
        raise BoundaryError("boundaries_no_crs", file=path.name)
    frame = frame.to_crs(4326)
    if not shapely.box(*district_box).intersects(shapely.box(*frame.total_bounds)):
        raise BoundaryError("boundaries_far_away", file=path.name, crs=described)
    return frame.reset_index(drop=True), described


def _data_source(path: Path) -> str:
    """The string GDAL opens: the file, the one data file in a folder, or the zip."""
    if not path.exists():
        raise BoundaryError("boundaries_no_file", file=str(path))
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in _DATA_SUFFIXES)
        if len(found) != 1:
            raise BoundaryError("boundaries_folder", file=path.name, count=len(found))
        return str(found[0])
    if path.suffix.lower() not in SUFFIXES:
        raise BoundaryError("boundaries_format", file=path.name, allowed=", ".join(SUFFIXES))
    if path.suffix.lower() == ".zip":
        return f"/vsizip/{path}"
    return str(path)


def _polygon_layer(source: str, path: Path) -> str | None:
    """The first layer with polygons (GeoPackages and KML files may hold several)."""
    try:
        layers = pyogrio.list_layers(source)
    except Exception as error:  # GDAL raises many kinds for an unreadable file
        raise BoundaryError("boundaries_unreadable", file=path.name, error=str(error)) from error
    for name, geometry_type in layers:
        if (
            geometry_type is None
            or "Polygon" in str(geometry_type)
            or "Unknown" in str(geometry_type)
        ):
            return str(name)
    raise BoundaryError("boundaries_no_polygons", file=path.name)


def _parse_crs(text: str) -> pyproj.CRS:
    try:
        return pyproj.CRS.from_user_input(int(text) if text.isdigit() else text)
    except pyproj.exceptions.CRSError:
        raise BoundaryError("boundaries_bad_crs", crs=text) from None


def _looks_like_degrees(frame: gpd.GeoDataFrame) -> bool:
    west, south, east, north = frame.total_bounds
    return -180 <= west <= east <= 180 and -90 <= south <= north <= 90
