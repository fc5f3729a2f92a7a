"""The build's geography step: communes of every epoch, names, boundaries, villages, schools."""

from __future__ import annotations

import logging

import duckdb
import pandas as pd
import shapely

from etl.config import Settings
from etl.geography import boundaries, commune_names, gazetteer, places
from etl.geography.placeholders import placeholder_point
from etl.load import load_raw

log = logging.getLogger(__name__)


def load_geography(con: duckdb.DuckDBPyConnection, settings: Settings) -> int:
    """Write ``raw_communes``, ``raw_commune_crosswalk``, ``raw_commune_names``,
    ``raw_boundaries``, ``raw_villages`` and ``raw_schools``; return the number of 2020 communes.

    Raises ``ValueError`` when a stored master list has rows that cannot be loaded (imports
    refuse such lists, so this means the data folder was edited by hand).
    """
    communes = gazetteer.extract_communes()
    crosswalk = gazetteer.extract_crosswalk()
    load_raw(con, "raw_communes", communes)
    load_raw(con, "raw_commune_crosswalk", crosswalk)
    load_raw(con, "raw_commune_names", commune_names.commune_names(communes, crosswalk))
    boundaries.load_boundaries(con, boundaries.boundary_file(settings.boundaries_dir))
    polygons = _polygons(con)
    for kind, columns in (("villages", places.VILLAGE_COLUMNS), ("schools", places.SCHOOL_COLUMNS)):
        frame = _read_list(settings, kind, columns)
        load_raw(con, f"raw_{kind}", _with_locations(frame, kind, polygons))
    return int((communes["epoch"] == "2020").sum())


def _read_list(settings: Settings, kind: str, columns: list[str]) -> pd.DataFrame:
    path = places.place_list_file(settings.data_dir, kind)
    if path is None:
        return pd.DataFrame(columns=columns)
    frame, problems = places.prepare_places(path, kind)
    if problems:
        details = "; ".join(p.text("en") for p in problems[:5])
        raise ValueError(f"{path.name}: {len(problems)} rows cannot be loaded: {details}")
    log.info("read %s: %d %s", path.name, len(frame), kind)
    return frame


def _with_locations(
    frame: pd.DataFrame, kind: str, polygons: dict[str, shapely.Geometry]
) -> pd.DataFrame:
    """Fill a placeholder point inside the commune polygon where no location was given."""
    frame = frame.copy()
    frame["location_approx"] = frame["lat"].isna()
    id_column = "village_id" if kind == "villages" else "school_id"
    for index in frame.index[frame["location_approx"]]:
        code = str(frame.at[index, "commune_id"]).split(":")[1]
        lat, lon = placeholder_point(polygons[code], str(frame.at[index, id_column]))
        frame.at[index, "lat"], frame.at[index, "lon"] = lat, lon
    for column in ("valid_from", "valid_to"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame.astype({"location_approx": "boolean"})


def _polygons(con: duckdb.DuckDBPyConnection) -> dict[str, shapely.Geometry]:
    rows = con.execute("select commune_code, st_aswkb(geom) from raw_boundaries").fetchall()
    return {code: shapely.from_wkb(bytes(wkb)) for code, wkb in rows}
