"""A province- or nation-sized warehouse made of copies of the district's own staging rows.

The district warehouse (built by the real pipeline from the committed sample) is copied; each
staging view is materialised ``copies`` times side by side, like districts of one province; the
activities are further repeated ``replicas`` times in each copy; then every mart of
``etl/transform.py`` is rebuilt over these rows. Place shapes, names, dates, unit kinds and the
mess of the sample stay real; only identity changes from copy to copy:

- text columns named ``*_id`` or ``*_code``: every 5-digit GSO code in them gets ``~<copy>``
  (``2020:02026:na-pai`` → ``2020:02026~3:na-pai``), and a value without a code gets ``~<copy>``
  at its end (``vhtt`` → ``vhtt~3``: each district has its own offices). The rule is a function
  of the value, so every join between tables still holds. Copy 0 keeps the district's values;
- geometry columns are moved by whole district widths (``st_translate``), and ``lat``/``lon``
  and bounding boxes with them;
- ``activity_id`` of a replica gets ``.<replica>``.
"""

from __future__ import annotations

import math
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import db
from etl.transform import MODELS, run_models

ACTIVITIES = "stg_activities"
_LON_COLUMNS = ("lon", "west", "east")
_LAT_COLUMNS = ("lat", "south", "north")


@dataclass(frozen=True)
class Layout:
    """Where copy ``n`` goes: a grid of ``columns`` copies per row, each ``dx`` × ``dy`` degrees."""

    columns: int
    dx: float
    dy: float


def tile_warehouse(
    district: Path, out: Path, copies: int, replicas: int, *, marts: bool = True
) -> dict[str, int]:
    """Write ``out``: ``district`` with its staging tiled (see module docstring), marts rebuilt
    (or, with ``marts=False``, dropped: the district's would be stale; :func:`ensure_marts`).

    Returns the row counts of the tiled staging tables.
    """
    if copies < 1:
        raise ValueError(f"copies must be ≥ 1, got {copies}")
    if replicas < 1:
        raise ValueError(f"replicas must be ≥ 1, got {replicas}")
    out.unlink(missing_ok=True)
    shutil.copyfile(district, out)
    con = db.connect_path(out)
    try:
        tile_staging(con, copies, replicas)
        if marts:
            rebuild_marts(con)
        else:
            for name in mart_names():
                con.execute(f"drop table if exists {name}")  # names from etl/transform.py
        counts = {name: _count(con, name) for name in staging_views(MODELS) if _exists(con, name)}
        con.execute("checkpoint")
    finally:
        con.close()
    return counts


def tile_staging(con: duckdb.DuckDBPyConnection, copies: int, replicas: int) -> None:
    """Replace every staging view of ``con`` by a table of its rows tiled ``copies`` times."""
    layout = _layout(con, copies)
    names = [n for n in staging_views(MODELS) if _exists(con, n)]
    for name in names:
        select = _tiled_select(con, name, layout, replicas if name == ACTIVITIES else 1)
        con.execute(f"create table {name}__tiled as {select}", {"copies": copies})
    for name in names:
        con.execute(f"drop view {name}")
        con.execute(f"alter table {name}__tiled rename to {name}")


def rebuild_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Run every model of ``etl/transform.py`` after the staging layer (intermediate steps and
    marts), in order, after the build's periods step (``raw_periods``, measured to today as a
    build would); the staging layer is left as it is."""
    from datetime import date

    from etl import periods

    periods.load_periods(con, date.today())
    run_models(con, [m for m in MODELS if m.parent.name != "staging"])


def mart_names() -> list[str]:
    """The mart tables of ``etl/transform.py``, in build order."""
    return [m.stem for m in MODELS if m.parent.name == "marts"]


def marts_built(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every mart table exists."""
    return all(_exists(con, name) for name in mart_names())


def staging_views(models: tuple[Path, ...]) -> list[str]:
    """Names of the staging models, in build order."""
    return [m.stem for m in models if m.parent.name == "staging"]


def tile_id(value: str | None, copy: int) -> str | None:
    """The identity ``value`` takes in ``copy`` (the same rule as the SQL; for tests)."""
    import re

    if value is None or copy == 0:
        return value
    if re.search(r"\d{5}", value):
        return re.sub(r"(\d{5})", rf"\g<1>~{copy}", value)
    return f"{value}~{copy}"


def _tiled_select(con: duckdb.DuckDBPyConnection, name: str, layout: Layout, replicas: int) -> str:
    columns = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where table_name = ? and database_name = current_database() order by column_index",
        [name],
    ).fetchall()
    expressions = [
        f"{_expression(column, kind, layout, replicas)} as {_quote(column)}"
        for column, kind in columns
    ]
    replica = f", range({replicas}) as r(replica)" if replicas > 1 else ""
    return f"select {', '.join(expressions)} from {name}, range($copies) as c(copy){replica}"


def _expression(column: str, kind: str, layout: Layout, replicas: int) -> str:
    quoted = _quote(column)
    shift_x = f"(copy % {layout.columns}) * {layout.dx!r}"
    shift_y = f"(copy // {layout.columns}) * {layout.dy!r}"
    if kind == "VARCHAR" and column.endswith(("_id", "_code")):
        tiled = (
            f"case when copy = 0 or {quoted} is null then {quoted} "
            f"when regexp_matches({quoted}, '\\d{{5}}') "
            f"then regexp_replace({quoted}, '(\\d{{5}})', '\\1~' || copy, 'g') "
            f"else {quoted} || '~' || copy end"
        )
        if column == "activity_id" and replicas > 1:
            return f"case when replica = 0 then {tiled} else {tiled} || '.' || replica end"
        return tiled
    if kind == "GEOMETRY":
        return f"st_translate({quoted}, {shift_x}, {shift_y})"
    if kind == "DOUBLE" and column in _LON_COLUMNS:
        return f"{quoted} + {shift_x}"
    if kind == "DOUBLE" and column in _LAT_COLUMNS:
        return f"{quoted} + {shift_y}"
    return quoted


def _layout(con: duckdb.DuckDBPyConnection, copies: int) -> Layout:
    """Copies on a near-square grid, each a district's bounding box (+5 %) apart."""
    extent = (
        con.execute(
            "select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) "
            "from (select st_extent_agg(geom) as e from stg_boundaries)"
        ).fetchone()
        if _exists(con, "stg_boundaries")
        else None
    )
    if extent is None or extent[0] is None:
        extent = (0.0, 0.0, 0.5, 0.5)
    west, south, east, north = extent
    return Layout(
        columns=math.ceil(math.sqrt(copies)),
        dx=round((east - west) * 1.05, 6),
        dy=round((north - south) * 1.05, 6),
    )


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "select count(*) from duckdb_views() where view_name = ? and not internal", [name]
    ).fetchone()
    tables = con.execute("select count(*) from duckdb_tables() where table_name = ?", [name])
    return bool(found and found[0]) or bool((tables.fetchone() or (0,))[0])


def _count(con: duckdb.DuckDBPyConnection, name: str) -> int:
    row = con.execute(f"select count(*) from {name}").fetchone()
    return int(row[0]) if row else 0


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
