"""The product's SQL files (``etl/sql/<folder>/<name>.sql``, the dashboard's ``dashboard/sql``),
each read once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

ETL_SQL = Path(__file__).with_name("sql")


@cache
def read_sql(folder: Path, name: str) -> str:
    """The text of ``folder/<name>.sql``."""
    return (folder / f"{name}.sql").read_text(encoding="utf-8")
