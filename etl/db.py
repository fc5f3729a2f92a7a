"""DuckDB connections with the bundled extensions, the name normaliser and the SQL macros."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import duckdb_ext

from etl import names
from etl.config import WAREHOUSE_NAME, Settings
from etl.present.errors import BrokenInput, MissingInput
from etl.sql_files import ETL_SQL

EXTENSIONS = ("spatial", "excel")
# One file per macro, each a single `create or replace temp macro`, run on every connection.
MACROS_DIR = ETL_SQL / "macros"


def connect(
    settings: Settings, *, read_only: bool = False, extensions: Sequence[str] = EXTENSIONS
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse named in ``settings``.

    Read-only, a missing or unreadable file raises :class:`etl.present.errors.MissingInput` or
    :class:`etl.present.errors.BrokenInput`, naming the data folder to build it from.
    """
    if read_only and not settings.db_path.exists():
        command = f"python -m etl --data-dir {settings.data_dir} build"
        if settings.db_path != settings.data_dir / WAREHOUSE_NAME:
            command = f"python -m etl --data-dir {settings.data_dir} --db {settings.db_path} build"
        raise MissingInput("warehouse_not_found", file=settings.db_path, command=command)
    return connect_path(settings.db_path, read_only=read_only, extensions=extensions)


def connect_path(
    path: Path | str, *, read_only: bool = False, extensions: Sequence[str] = EXTENSIONS
) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file (or ``:memory:``), load ``extensions`` from the installed wheels.

    A read-only file is attached to a private in-memory instance, so it is always read as it
    is now, even when another connection of this process still has an older copy open.
    Extensions are never downloaded: ``duckdb-ext`` ships their binaries, and auto-install is
    switched off so a missing one fails loudly instead of reaching for the network. Loading
    ``spatial`` takes about half a second per connection: a caller that only reads plain
    tables may pass ``extensions=()`` (the ``st_*`` functions are then missing).
    """
    unknown = set(extensions) - set(EXTENSIONS)
    if unknown:
        raise ValueError(f"extensions must be among {EXTENSIONS}, got {sorted(unknown)}")
    if read_only and str(path) != ":memory:" and not Path(path).exists():
        command = f"python -m etl --db {path} build"
        raise MissingInput("warehouse_not_found", file=path, command=command)
    attach = read_only and str(path) != ":memory:"
    try:
        return _open(path, read_only, attach, extensions)
    except duckdb.IOException as error:
        if str(path) == ":memory:" or not Path(path).is_file():
            raise
        folder = Path(path).parent
        raise BrokenInput("warehouse_unreadable", file=path, folder=folder, detail=error) from error


def _open(
    path: Path | str, read_only: bool, attach: bool, extensions: Sequence[str]
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:" if attach else str(path), read_only=read_only and not attach)
    con.execute("set extension_directory = ?", [duckdb_ext.get_extension_dir()])
    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    for ext in extensions:
        con.execute(f"load {ext}")  # checked against the constant above, never free input
    if attach:
        # DuckDB hands out one cached instance per file path while any connection to it is
        # open: after a build swapped in a new file, connecting to the path again would still
        # read the old one. A private in-memory instance attaching the file reads it as it is.
        # ATTACH takes no bound parameter: the path (from Settings) is quoted as a literal.
        con.execute(f"attach {sql_literal(str(path))} as warehouse (read_only)")
        con.execute("use warehouse")
    names.register(con)
    for macro in sorted(MACROS_DIR.glob("*.sql")):
        con.execute(macro.read_text(encoding="utf-8"))
    return con


def sql_literal(text: str) -> str:
    """``text`` as a quoted SQL string, for the few places DuckDB takes no bound parameter
    (ATTACH and COPY file names)."""
    return "'" + text.replace("'", "''") + "'"
