"""The three scales, and the warehouse each is measured on.

- ``district``: the committed Chợ Đồn sample (`data/`), built by the real pipeline
  (`etl.pipeline.build`) into the scratch folder, its staging views then materialised as tables
  (one copy), as at the other scales: the marts benchmark times the marts alone everywhere.
- ``province``: 7 copies of the district's staging rows side by side (140 communes of 2020, like
  the ~1,400-village province of `etl demo --scale province`), activities repeated to about
  1,000,000.
- ``national``: 500 copies (10,000 communes, ~93,500 villages), about 10,000,000 activities.

See `benchmarks/tiling.py` for how copies keep every join intact.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from benchmarks.harness import ROOT
from benchmarks.tiling import tile_warehouse
from etl import db, pipeline
from etl.config import Settings


@dataclass(frozen=True)
class Scale:
    """``copies`` of the district, activities repeated to about ``activities`` (None: as is);
    the import benchmark's file sizes in rows (None: the district's activities; 0: not run)."""

    name: str
    copies: int
    activities: int | None
    import_rows: dict[str, int | None] = field(default_factory=dict)


SCALES = {
    "district": Scale("district", 1, None, {".csv": None, ".xlsx": None}),
    # the import's targets: a 1,000,000-row CSV and a 100,000-row workbook
    "province": Scale("province", 7, 1_000_000, {".csv": 1_000_000, ".xlsx": 100_000}),
    # no workbook: a sheet holds at most 1,048,576 rows, and nobody types 10 M rows into one
    "national": Scale("national", 500, 10_000_000, {".csv": 10_000_000, ".xlsx": 0}),
}
SAMPLE_DATA = ROOT / "data"


@dataclass
class Prepared:
    """A scale's warehouse and what is in it."""

    scale: Scale
    db_path: Path
    district_db: Path
    sizes: dict[str, int]
    replicas: int = 1
    notes: list[str] = field(default_factory=list)


def prepare_scale(scale: Scale, work: Path, data_dir: Path = SAMPLE_DATA) -> Prepared:
    """Build (district) or tile (province, national) the warehouse of ``scale`` in ``work``."""
    district_db = work / "sample.duckdb"
    if not district_db.exists():
        started = time.perf_counter()
        pipeline.build(Settings(data_dir=data_dir, db_path=district_db))
        built = time.perf_counter() - started
    else:
        built = 0.0
    replicas = replicas_for(scale, sizes_of(district_db)["activities"])
    out = work / f"{scale.name}.duckdb"  # never the sample itself: tiling replaces its target
    started = time.perf_counter()
    tile_warehouse(district_db, out, scale.copies, replicas, marts=False)
    seconds = time.perf_counter() - started
    notes = [f"{scale.name}: staging materialised ×{scale.copies} copies, activities ×{replicas} "
             f"per copy, in {seconds:.1f} s (one run, not a benchmark; the marts are built by "
             "the marts benchmark's first run)"]  # fmt: skip
    if built:
        notes.insert(0, f"district: warehouse built by `etl.pipeline.build` from `data/` in "
                        f"{built:.1f} s (one run, not a benchmark)")  # fmt: skip
    return Prepared(scale, out, district_db, sizes_of(out), replicas, notes)


def replicas_for(scale: Scale, district_activities: int) -> int:
    """How many times each activity of each copy is repeated to reach ``scale.activities``."""
    if scale.activities is None or district_activities == 0:
        return 1
    return max(1, round(scale.activities / (scale.copies * district_activities)))


def sizes_of(db_path: Path) -> dict[str, int]:
    """Communes of 2020, villages, schools and activities in a warehouse's staging layer."""
    con = db.connect_path(db_path, read_only=True)
    try:
        found = {}
        for key, sql in _SIZE_SQL.items():
            try:
                row = con.execute(sql).fetchone()
            except duckdb.Error:  # a table the warehouse does not have yet counts as none
                row = None
            found[key] = int(row[0]) if row else 0
        return found
    finally:
        con.close()


_SIZE_SQL = {
    "communes": "select count(*) from stg_communes where epoch = '2020'",
    "villages": "select count(*) from stg_villages",
    "schools": "select count(*) from stg_schools",
    "activities": "select count(*) from stg_activities",
}
