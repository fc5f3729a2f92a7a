"""Commune boundaries in use: the schematic default, or an official file once imported."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.schematic import SCHEMATIC_FILE, SCHEMATIC_LABEL


def boundary_file(boundaries_dir: Path) -> Path:
    """Return the boundary file to load: the schematic default shipped in ``boundaries_dir``."""
    path = boundaries_dir / SCHEMATIC_FILE
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: regenerate it with `python -m etl boundaries schematic`"
        )
    return path


def load_boundaries(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Read a GeoJSON of commune polygons (``commune_code``, ``source``) into ``raw_boundaries``."""
    con.execute(
        """
        create or replace table raw_boundaries as
        select
            commune_code,
            source,
            source = $schematic as is_schematic,
            st_makevalid(geom) as geom,
        from st_read($path)
        """,
        {"path": str(path), "schematic": SCHEMATIC_LABEL},
    )
