"""All SQL is bound: no query text is built from values with f-strings, ``format``, ``%`` or
``+``. A guard that parses the Python (``ast``), not a grep.

Some statements must name things DuckDB cannot bind (a table, a column list, an extension, a
file to ATTACH). Those sites are listed in :data:`ALLOWED` with why their pieces are never
input; a new one fails this test until it is reviewed and listed. Values are bound
(``?``/``$name``) everywhere, which the tests through the ETL exercise.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQL_METHODS = {"execute", "executemany", "sql", "query", "from_query"}
# (file, function) → number of sites, and why the text built there holds no input.
ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("etl/transform.py", "run_models"): (1, "model name = file name; select = a .sql file"),
    ("etl/db.py", "connect_path"): (
        2,
        "extension names are constants; ATTACH path from Settings, quoted as a literal",
    ),
    ("etl/load.py", "load_raw"): (1, "table name checked against ^(raw|ref)_[a-z0-9_]+$"),
    ("etl/load.py", "load_temp"): (
        1,
        "table and column names checked as identifiers; types checked against a constant list",
    ),
    ("etl/sql_files.py", "create_table"): (2, "identifier checked; SQL from a .sql file"),
    ("etl/reports/rows.py", "read_files"): (1, "columns from the constant COLUMNS"),
    ("etl/reports/rows.py", "_read_file"): (3, "view and table names from a receipt number (int)"),
    ("etl/reports/cache.py", "store"): (
        1,
        "view checked as an identifier; columns the constant COLUMNS; the COPY target is the "
        "cache's own path, quoted by db.sql_literal",
    ),
    ("etl/imports/activities.py", "_scratch"): (
        2,
        "ATTACH path from Settings as a literal; table names from the constant PLACE_TABLES",
    ),
    ("etl/geography/place_lookup.py", "_tables"): (1, "current_database() or a bound parameter"),
    ("etl/geography/place_lookup.py", "_rows"): (1, "schema checked; table and columns constants"),
    ("etl/reports/header.py", "read_report"): (
        2,
        "name checked as an identifier; grid column names "
        "are DuckDB's own (A, B… or c000…); row an int()",
    ),
    ("etl/reports/header.py", "_unused"): (
        1,
        "cells table named by read_report (checked); grid column names DuckDB's own; row an int()",
    ),
    ("etl/reports/grid.py", "grid_preview"): (1, "table checked; the limit a constant"),
    ("etl/reports/grid.py", "grid_columns"): (1, "table checked as an identifier"),
    ("etl/reports/grid.py", "_load_xlsx"): (1, "table checked; path, sheet and range bound"),
    ("etl/reports/grid.py", "_load_csv_duckdb"): (2, "table checked; path and options bound"),
    ("etl/reports/grid.py", "_load_csv_python"): (1, "table checked; rows from a registered frame"),
    ("etl/periods.py", "_insert"): (2, "table checked against the two period tables"),
    ("etl/export/parquet.py", "_write_mart"): (
        3,
        "mart names from duckdb_tables(), quoted by _ident; COPY targets quoted by db.sql_literal",
    ),
    ("etl/export/parquet.py", "_write_views"): (
        1,
        "view names quoted by _ident, paths by db.sql_literal",
    ),
}


def test_no_sql_is_built_from_values() -> None:
    found = Counter(site for path in _sources() for site in _dynamic_sql(path))
    unexpected = {site: n for site, n in found.items() if site not in ALLOWED}
    assert not unexpected, f"SQL built from strings outside the reviewed sites: {unexpected}"
    changed = {site: (n, ALLOWED[site][0]) for site, n in found.items() if n > ALLOWED[site][0]}
    assert not changed, f"more dynamic SQL than reviewed at (found, reviewed): {changed}"


def test_the_guard_sees_what_it_should() -> None:
    code = """
def bad(con, name):
    con.execute(f"select * from t where name = '{name}'")
    con.execute("select * from t where name = '%s'" % name)
    con.sql("select * from t where name = '{}'".format(name))
    query = "select * from t where name = '" + name + "'"
    con.execute(query)

def good(con, name):
    con.execute("select * from t where name = ?", [name])
    con.execute("select * from t where name = $name", {"name": name})
"""
    assert Counter(_dynamic_sql(Path("probe.py"), code)) == {("probe.py", "bad"): 4}


def test_dashboard_queries_take_parameters_not_templates() -> None:
    for path in sorted((ROOT / "dashboard" / "sql").glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        assert "{" not in text and "%s" not in text, path.name


def _sources() -> list[Path]:
    return sorted(p for folder in ("etl", "dashboard") for p in (ROOT / folder).rglob("*.py"))


def _dynamic_sql(path: Path, code: str | None = None) -> list[tuple[str, str]]:
    """(file, function) of every SQL call whose text is built, not a literal or a read file."""
    tree = ast.parse(code if code is not None else path.read_text(encoding="utf-8"))
    name = str(path.relative_to(ROOT)) if path.is_absolute() else str(path)
    sites = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        built = {
            target.id
            for node in ast.walk(function)
            if isinstance(node, ast.Assign) and _built(node.value)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in SQL_METHODS
                and node.args
                and (_built(node.args[0]) or _names(node.args[0]) & built)
            ):
                sites.append((name, function.name))
    return sites


def _built(node: ast.expr) -> bool:
    """A string made at run time from pieces: f-string, ``%``, ``+`` or ``.format``."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return not (_constant(node.left) and _constant(node.right))
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


def _constant(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, ast.BinOp) and _constant(node.left) and _constant(node.right)


def _names(node: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
