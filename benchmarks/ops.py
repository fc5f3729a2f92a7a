"""The operations `benchmarks.probe` can time: each takes JSON arguments, does its setup and
returns the work to time (a callable returning a small dict of facts, or None)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from etl import db

Work = Callable[[], dict[str, Any] | None]

# The physical floor of a marts rebuild: one pass over every staging activity row, aggregated to
# the finest place the staging layer has (the village, else the commune) × month, written as a
# table. The place column is chosen from this list, never from input.
MARTS_FLOOR_PLACES = ("village_id", "commune_id", "commune_code")
MARTS_FLOOR_SQL = """
create or replace table bench_floor as
select {place} as place, date_trunc('month', start_date) as month, count(*) as activities,
from stg_activities
group by all
"""
_READS = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)
_RUNS = re.compile(r"_run\(\s*con,\s*\"(\w+)\"")
_FIGURES = re.compile(r"\bfigures\.(\w+)\(")
_FRAMES = re.compile(r"_frame\(\s*con,\s*\"(\w+)\"")


def marts(args: dict[str, Any]) -> Work:
    """Rebuild every mart of ``etl/transform.py`` in ``args['db']`` (staging left as it is),
    checkpointed. Every writing operation here ends with a checkpoint: each pays for putting its
    own writes on disk, and the next run starts from a clean file."""
    from benchmarks.tiling import rebuild_marts

    con = connect(args["db"])

    def work() -> None:
        rebuild_marts(con)
        con.execute("checkpoint")

    return work


def marts_floor(args: dict[str, Any]) -> Work:
    """:data:`MARTS_FLOOR_SQL` in ``args['db']``."""
    con = connect(args["db"])
    columns = {r[0] for r in con.execute("describe stg_activities").fetchall()}
    place = next(c for c in MARTS_FLOOR_PLACES if c in columns)
    sql = MARTS_FLOOR_SQL.format(place=place)

    def work() -> dict[str, Any]:
        con.execute(sql)
        con.execute("checkpoint")
        return {"activities": _scalar(con, "select count(*) from stg_activities")}

    return work


def coverage_prepare(args: dict[str, Any]) -> Work:
    """The coverage marts benchmark's synthetic staging (``benchmarks/marts.py``) for
    ``villages`` and ``activities`` into a new ``args['db']``."""
    from benchmarks import marts as coverage

    Path(args["db"]).unlink(missing_ok=True)
    con = connect(args["db"])

    def work() -> None:
        coverage._generate(con, int(args["villages"]), int(args["activities"]))
        con.execute("checkpoint")

    return work


def coverage_marts(args: dict[str, Any]) -> Work:
    """What the coverage marts benchmark (``benchmarks/marts.py``) times: ``raw_periods`` plus
    every coverage mart."""
    from benchmarks import marts as coverage
    from etl import periods
    from etl.transform import MODELS, run_models

    con = connect(args["db"])
    models = [m for m in MODELS if m.stem in coverage.COVERAGE_MARTS]

    def work() -> dict[str, Any]:
        count = periods.load_periods(con, coverage.TODAY)
        run_models(con, models)
        con.execute("checkpoint")
        return {"periods": count}

    return work


def queries(args: dict[str, Any]) -> Work:
    """Every dashboard query in ``dashboard.queries``, called as a first visit would call it
    (``benchmarks.overview.query_arguments``), ``args['runs']`` times each, interleaved with two
    floors: ``select 1`` and a full scan of the marts its SQL reads (``sum(hash(row))`` over
    every row and column), all fetched as DataFrames like the query."""
    from benchmarks.overview import query_arguments

    con = connect(args["db"], read_only=True)
    runs = int(args["runs"])
    known = query_arguments(con)
    functions, skipped = query_functions(set(known))

    def work() -> dict[str, Any]:
        results: dict[str, Any] = {}
        for name, function in functions.items():
            reads = marts_read(sql_name(function) or name, con)
            scan = scan_sql(reads)
            kwargs = {k: v for k, v in known.items() if k in _parameters(function)}
            try:
                function(con, **kwargs)
            except duckdb.Error as error:  # a broken query is reported, the others still run
                results[name] = {"error": str(error).splitlines()[0], "reads": reads}
                continue
            timings: dict[str, list[float]] = {"query": [], "select_1": [], "scan": []}
            for _ in range(runs):
                timings["select_1"].append(_timed(lambda: con.execute("select 1").df()))
                timings["scan"].append(_timed(lambda sql=scan: con.execute(sql).df()))  # type: ignore[misc]
                timings["query"].append(_timed(lambda f=function, k=kwargs: f(con, **k)))  # type: ignore[misc]
            answer = function(con, **kwargs)
            rows = len(answer) if hasattr(answer, "__len__") else 1  # a count is one value
            results[name] = {**timings, "rows": rows, "reads": reads}
        return {"queries": results, "skipped": skipped}

    return work


def geojson(args: dict[str, Any]) -> Work:
    """The overview map as a first visit builds it (``widgets.coverage_map``'s queries and
    ``maps.coverage_map``); the size of what is sent to the browser: the commune polygons'
    GeoJSON, and the whole map HTML (polygons, village and school points, Leaflet set-up)."""
    from benchmarks.overview import default_selection
    from dashboard import maps
    from dashboard import queries as dashboard_queries

    con = connect(args["db"], read_only=True)

    def work() -> dict[str, Any]:
        import gzip

        import folium

        sel = default_selection(con)
        if sel is None:
            raise RuntimeError("the warehouse has no periods: no overview map to measure")
        shapes = maps.read_boundaries(dashboard_queries.boundaries(con, sel.geography))
        communes = dashboard_queries.commune_coverage(con, sel.period_id, sel.geography)
        villages = dashboard_queries.village_points(con, sel.period_id, sel.geography)
        schools = dashboard_queries.school_points(con, sel.period_id, sel.geography)
        fmap = maps.coverage_map(shapes, communes, sel.lang, villages, schools)
        layers = [c for c in fmap._children.values() if isinstance(c, folium.GeoJson)]
        polygons = json.dumps(layers[0].data, separators=(",", ":")).encode() if layers else b""
        page = fmap.get_root().render().encode()
        return {
            "communes": len(shapes.geometries),
            "villages": len(villages),
            "schools": len(schools),
            "geojson_kb": len(polygons) / 1024,
            "geojson_gzip_kb": len(gzip.compress(polygons)) / 1024,
            "map_html_kb": len(page) / 1024,
            "map_html_gzip_kb": len(gzip.compress(page)) / 1024,
        }

    return work


def query_functions(
    known: set[str],
) -> tuple[dict[str, Callable[..., Any]], dict[str, list[str]]]:
    """Public functions of ``dashboard.queries`` whose required arguments are all ``known``,
    and those skipped (with the arguments they lack)."""
    import inspect

    from dashboard import queries as dashboard_queries

    found: dict[str, Callable[..., Any]] = {}
    skipped: dict[str, list[str]] = {}
    for name, function in inspect.getmembers(dashboard_queries, inspect.isfunction):
        if name.startswith("_") or function.__module__ != dashboard_queries.__name__:
            continue
        required = [
            p.name
            for p in list(inspect.signature(function).parameters.values())[1:]
            if p.default is inspect.Parameter.empty
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        lacking = [p for p in required if p not in known]
        if lacking:
            skipped[name] = lacking
        else:
            found[name] = function
    return found, skipped


def sql_name(function: Callable[..., Any]) -> str | None:
    """The first ``dashboard/sql`` file a query function runs (``_run(con, "name"``), or the
    ``etl/sql/exports`` file of the ``etl.export.figures`` reader it calls (as
    ``exports/name``)."""
    import inspect

    from etl.export import figures

    source = inspect.getsource(function)
    match = _RUNS.search(source)
    if match:
        return match.group(1)
    reader = _FIGURES.search(source)
    if reader is None:
        return None
    match = _FRAMES.search(inspect.getsource(getattr(figures, reader.group(1))))
    return f"exports/{match.group(1)}" if match else None


def marts_read(name: str, con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables of ``con`` named after ``from``/``join`` in ``dashboard/sql/<name>.sql`` (or
    ``etl/sql/exports/<file>.sql`` for ``exports/<file>``)."""
    from dashboard.queries import SQL_DIR
    from etl.export import figures

    folder, _, file = name.rpartition("/")
    path = (figures.SQL_DIR if folder == "exports" else SQL_DIR) / f"{file}.sql"
    if not path.exists():
        return []
    tables = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
    named = _READS.findall(path.read_text(encoding="utf-8"))
    return sorted({n for n in named if n in tables})


def scan_sql(tables: list[str]) -> str:
    """One row: a hash over every row and column of ``tables`` (``select 1`` when none).

    Table names come from the warehouse's own catalogue (:func:`marts_read`), never from input.
    """
    if not tables:
        return "select 1"
    parts = [f"(select sum(hash(t)) from {name} as t)" for name in tables]
    return "select " + " + ".join(parts) + " as scanned"


def connect(path: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """One connection per file and process, shared by the operations a paired probe runs (a
    second connection's open transaction would block the other's checkpoint)."""
    key = (path, read_only)
    if key not in _CONNECTIONS:
        _CONNECTIONS[key] = db.connect_path(path, read_only=read_only)
    return _CONNECTIONS[key]


_CONNECTIONS: dict[tuple[str, bool], duckdb.DuckDBPyConnection] = {}


def _parameters(function: Callable[..., Any]) -> set[str]:
    import inspect

    return set(inspect.signature(function).parameters)


def _timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    return row[0] if row else None


OPERATIONS: dict[str, Callable[[dict[str, Any]], Work]] = {
    "marts": marts,
    "marts_floor": marts_floor,
    "coverage_prepare": coverage_prepare,
    "coverage_marts": coverage_marts,
    "queries": queries,
    "geojson": geojson,
}
