"""Probe operations for the activity import: the import benchmark (`benchmarks/import_speed.py`)
split into runs the harness can time one by one, each in a fresh process.

Its report rows (text dates, names with and without prefixes, "1.200" counts), its data folder
(schematic boundaries, warehouse built; here with the sample's village and school lists in it)
and its end-to-end import (`import_reports`: hash, writer lock, journal, ledger, whole rebuild,
swap) are used as they are; only the number of rows follows the scale.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from benchmarks import limits
from benchmarks.ops import Work
from etl import db
from etl.config import Settings

READERS = {".csv": "read_csv", ".xlsx": "read_xlsx"}
SAMPLE_PLACES = Path(__file__).resolve().parent.parent / "data" / "places"


def import_prepare(args: dict[str, Any]) -> Work:
    """Write the report file ``args['file']`` with ``args['rows']`` rows and, once, the empty
    data folder ``args['template']`` every import starts from."""
    from benchmarks import import_speed

    path, template = Path(args["file"]), Path(args["template"])

    def work() -> dict[str, Any]:
        if not template.exists():  # built aside, renamed when whole: a failure leaves none
            partial = template.with_name(template.name + ".partial")
            shutil.rmtree(partial, ignore_errors=True)
            # the sample's village and school lists first: a district has them before any
            # report comes in (and a build over no places at all fails on main today)
            shutil.copytree(SAMPLE_PLACES, partial / "places")
            import_speed._data_folder(partial)
            partial.rename(template)
        import_speed._write(path, int(args["rows"]), path.suffix[1:])
        return {"file_mb": round(path.stat().st_size / 1024**2, 1)}

    return work


def import_file(args: dict[str, Any]) -> Work:
    """Import ``args['file']`` end to end into a fresh copy of the template data folder; the
    copies for ``args['runs']`` calls (default 1) are made in the setup, so the work can be
    repeated in one process (a second import of the same file into one folder does nothing)."""
    from etl.imports.activities import import_reports

    folders = []
    for number in range(int(args.get("runs", 1))):
        target = Path(args["target"]) / str(number)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(args["template"], target)
        folders.append(Settings.from_env(limits.BIG_FILES, data_dir=target))
    path = Path(args["file"])

    def work() -> dict[str, Any]:
        settings = folders.pop(0)
        outcome = import_reports(settings, [path])
        if outcome.con is None:
            raise RuntimeError("the import built no warehouse")
        row = outcome.con.execute(
            "select sum(rows_read), sum(rows_loaded) from stg_submissions"
        ).fetchone()
        outcome.con.close()
        return {"rows read": int(row[0] or 0), "rows loaded": int(row[1] or 0)} if row else {}

    return work


def read_file(args: dict[str, Any]) -> Work:
    """DuckDB's own reader of the file's type into a table, on an open connection (the floor)."""
    path = Path(args["file"])
    reader = READERS[path.suffix]
    con = db.connect_path(":memory:")
    # The reader's name comes from READERS, never from input; the file is bound.
    sql = f"create or replace table t as select * from {reader}(?)"

    def work() -> None:
        con.execute(sql, [str(path)])

    return work


def store_file(args: dict[str, Any]) -> Work:
    """The least an import has to do besides checking the rows: DuckDB's own reader of the file
    into a table of a new warehouse file, on disk (connect, read, write, checkpoint, close).

    Not a target: a yardstick for how much of a ratio is left for checks, names, marts and
    history once the rows are merely stored.
    """
    path = Path(args["file"])
    reader = READERS[path.suffix]
    target = Path(args["target"]) / "store_only.duckdb"
    target.parent.mkdir(parents=True, exist_ok=True)
    extensions = ("excel",) if path.suffix == ".xlsx" else ()
    # The reader's name comes from READERS, never from input; the file is bound.
    sql = f"create table activities as select * from {reader}(?)"

    def work() -> None:
        target.unlink(missing_ok=True)
        con = db.connect_path(target, extensions=extensions)
        try:
            con.execute(sql, [str(path)])
            con.execute("checkpoint")
        finally:
            con.close()
        target.unlink()

    return work


OPERATIONS = {
    "import_prepare": import_prepare,
    "import_file": import_file,
    "read_file": read_file,
    "store_file": store_file,
}
