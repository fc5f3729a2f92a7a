"""The benchmarks, each at one scale: what is timed, against which floor.

Floors and scales are described in `benchmarks/README.md`.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from benchmarks import page
from benchmarks.harness import Figure, Op, compare, probe, ratio
from benchmarks.report import INPUT_ROWS  # the data a figure grew with, if not activities
from benchmarks.scales import Prepared

FAST_RUNS = 5  # the dashboard queries take milliseconds: more runs cost nothing
MEMORY_SHARE = 0.5  # a run projected to need more of the (shared) machine's RAM is skipped
UNPROJECTED_ROWS = 1_000_000  # larger imports run only after a smaller one to project from
FRESH_ROWS = 50_000  # imports of this many rows or more run in a new process each


@dataclass
class Context:
    """One scale of one run."""

    scale: str
    prepared: Prepared
    work: Path
    runs: int
    missing: list[str]
    earlier: list[Figure]  # figures of the scales already run

    @property
    def db(self) -> str:
        """The scale's warehouse, as text for the probes' JSON arguments."""
        return str(self.prepared.db_path)


def import_reports(ctx: Context) -> list[Figure]:
    """The import of one report file, end to end (`benchmarks/import_speed.py`), against
    DuckDB's ``read_csv`` / ``read_xlsx`` of the same file; one CSV and one workbook, sized by
    the scale."""
    figures = []
    folder = ctx.work / "import"
    for suffix, wanted in ctx.prepared.scale.import_rows.items():
        rows = ctx.prepared.sizes["activities"] if wanted is None else wanted
        if not rows:
            continue
        projected = _projected_mb(ctx.earlier, f"import {suffix[1:]} end to end", rows)
        if projected is None and rows > UNPROJECTED_ROWS:
            ctx.missing.append(
                f"import {suffix[1:]} at {ctx.scale} scale ({rows:,} rows): no smaller run to "
                "project its memory from; run with province"
            )
            continue
        if projected is not None and projected > MEMORY_SHARE * _ram_mb():
            ctx.missing.append(
                f"import {suffix[1:]} at {ctx.scale} scale ({rows:,} rows): projected peak "
                f"memory {projected / 1024:,.0f} GiB from the smaller scale's, more than "
                f"{MEMORY_SHARE:.0%} of this machine's RAM; not run"
            )
            continue
        path = folder / f"vhtt_2024-Q3_{ctx.scale}{suffix}"
        prepared = probe(
            Op(
                "import_prepare",
                {"file": str(path), "rows": rows, "template": str(folder / "template")},
                "write",
            )
        )
        reader = "read_xlsx" if suffix == ".xlsx" else "read_csv"
        # small files: all runs in one process; large ones: a process per run, so that the
        # import's peak memory and read_csv's are measured apart
        fresh = rows >= FRESH_ROWS
        subject = Op("import_file", {"file": str(path), "template": str(folder / "template"),
                                     "target": str(folder / f"data_{ctx.scale}"),
                                     "runs": 1 if fresh else ctx.runs},
                     f"import {suffix[1:]} end to end")  # fmt: skip
        floor = Op("read_file", {"file": str(path)}, f"DuckDB {reader} of the same file")
        figure = compare("import", ctx.scale, subject, floor, ctx.runs, fresh=fresh)
        figure.info = {INPUT_ROWS: rows, "file MB": prepared["info"]["file_mb"], **figure.info}
        figures.append(figure)
        # the yardstick: how much of the ratio merely storing the rows takes
        stored = Op("store_file", {"file": str(path), "target": str(folder / "store_only")},
                    f"store only: {reader} into a new warehouse file")  # fmt: skip
        figure = compare("import", ctx.scale, stored, floor, ctx.runs, fresh=fresh)
        figure.info = {INPUT_ROWS: rows, "file MB": prepared["info"]["file_mb"]}
        figures.append(figure)
    return figures


def marts(ctx: Context) -> list[Figure]:
    """Every mart rebuilt over the scale's staging rows, against one aggregation pass over them;
    then the coverage-marts benchmark (`benchmarks/marts.py`) at the same sizes."""
    floor_label = "one group-by pass over the staging activities (place × month)"
    fresh = False  # one process per scale: the floor's memory is far below the marts' anyway
    subject = Op("marts", {"db": ctx.db}, "marts rebuild (all marts)")
    floor = Op("marts_floor", {"db": ctx.db}, floor_label)
    figures = [compare("marts", ctx.scale, subject, floor, ctx.runs, fresh=fresh)]
    sizes = ctx.prepared.sizes
    synthetic = ctx.work / f"coverage_{ctx.scale}.duckdb"
    args = {"db": str(synthetic), "villages": max(sizes["villages"], 1),
            "activities": max(sizes["activities"], 1)}  # fmt: skip
    prepared = probe(Op("coverage_prepare", args, "synthetic staging"))
    subject = Op("coverage_marts", args, "coverage marts rebuild (benchmarks/marts.py)")
    floor = Op("marts_floor", {"db": str(synthetic)}, floor_label)
    figures.append(compare("coverage marts", ctx.scale, subject, floor, ctx.runs, fresh=fresh))
    figures[-1].info["synthetic staging s"] = round(prepared["seconds"], 1)
    return figures


def queries(ctx: Context) -> list[Figure]:
    """Every dashboard query that takes only a connection, against a full scan of the marts it
    reads; the ratio against ``select 1`` (the fixed cost of a query) is given beside it."""
    ensure_marts(ctx)
    runs = max(FAST_RUNS, ctx.runs)
    out = probe(Op("queries", {"db": ctx.db, "runs": runs}, "dashboard queries"))
    info = out["info"]
    for name, needs in info.get("skipped", {}).items():
        ctx.missing.append(f"dashboard query {name}: no value for its arguments {', '.join(needs)}")
    figures = []
    for name, result in info["queries"].items():
        if "error" in result:
            ctx.missing.append(f"dashboard query {name} fails at {ctx.scale} scale: "
                               f"{result['error']}")  # fmt: skip
            continue
        reads = ", ".join(result["reads"]) or "nothing"
        figure = Figure("query", ctx.scale, f"query {name}", f"full scan of {reads}",
                        result["query"], result["scan"], out["peak_mb"], None)  # fmt: skip
        select_1 = statistics.median(result["select_1"])
        versus = f"{ratio(figure.median, select_1):.1f}×"
        figure.info = {"rows": result["rows"], "vs select 1": versus}
        figures.append(figure)
    return figures


def overview_page(ctx: Context) -> list[Figure]:
    """The overview page's time to interactive in Chromium against the bare map page; the size
    of the GeoJSON and of the map HTML sent to the browser."""
    ensure_marts(ctx)
    sent = probe(Op("geojson", {"db": ctx.db}, "map payload"))["info"]
    ctx.prepared.sizes.update(
        {
            key: round(sent[key])
            for key in ("geojson_kb", "geojson_gzip_kb", "map_html_kb", "map_html_gzip_kb")
        }
    )
    shapes = sent["communes"] + sent["villages"]  # polygons and circle markers: SVG paths
    loads = max(page.LOADS, ctx.runs)
    figure = page.compare_pages(ctx.scale, ctx.prepared.db_path, shapes, ctx.work, loads)
    figure.info["GeoJSON KB"] = round(sent["geojson_kb"])
    return [figure]


def reruns(ctx: Context) -> list[Figure]:
    """The server time per dashboard rerun (`benchmarks/dashboard_reruns.py`, AppTest on
    its synthetic warehouse at the scale's sizes), each interaction against a rerun of the bare
    map page on the same warehouse."""
    sizes = ctx.prepared.sizes
    args = {
        "db": str(ctx.work / f"reruns_{ctx.scale}.duckdb"),
        "runs": ctx.runs,
        "villages": max(sizes["villages"], 1),
        "activities": max(sizes["activities"], 1),
    }
    out = probe(Op("reruns", args, "dashboard reruns"))
    figures = []
    for name, times in out["info"]["steps"].items():
        figure = Figure("reruns", ctx.scale, f"rerun: {name}", "rerun of the bare map page",
                        times["subject"], times["floor"], out["peak_mb"],
                        out["peak_mb"])  # fmt: skip
        figure.info = {"synthetic warehouse s": out["info"]["warehouse_s"]}
        figures.append(figure)
    return figures


def ensure_marts(ctx: Context) -> None:
    """Build the scale's marts when the marts benchmark has not (``--only queries,page``)."""
    from benchmarks.tiling import marts_built
    from etl import db

    con = db.connect_path(ctx.prepared.db_path, read_only=True)
    try:
        built = marts_built(con)
    finally:
        con.close()
    if not built:
        probe(Op("marts", {"db": ctx.db}, "marts"))


def _projected_mb(earlier: list[Figure], subject: str, rows: int) -> float | None:
    """Peak memory of ``subject`` at ``rows`` input rows, scaled linearly from the largest
    earlier run of it (None when there is none with at least a tenth of ``rows``)."""
    runs = [f for f in earlier if f.subject == subject and f.info.get(INPUT_ROWS) and f.peak_mb]
    if not runs:
        return None
    largest = max(runs, key=lambda f: f.info[INPUT_ROWS])
    if largest.info[INPUT_ROWS] * 10 < rows:  # a small run is mostly fixed cost: no basis
        return None
    return float(largest.peak_mb or 0) * rows / float(largest.info[INPUT_ROWS])


def _ram_mb() -> float:
    import os

    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**2
