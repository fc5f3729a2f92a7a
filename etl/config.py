"""Settings: the only place paths are built.

Each setting has one default (relative to the repository) and one environment variable:

- ``data_dir`` (``CHODON_DATA_DIR``, default ``<repo>/data``): inputs: boundaries, reports, lists.
- ``db_path`` (``CHODON_DB``, default ``<data_dir>/warehouse.duckdb``): the DuckDB warehouse.
- ``earliest_activity_date`` (``CHODON_EARLIEST_DATE``, default ``2020-01-01``): report rows
  dated before it are rejected as typing mistakes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_DATA_DIR = "CHODON_DATA_DIR"
ENV_DB = "CHODON_DB"
ENV_EARLIEST_DATE = "CHODON_EARLIEST_DATE"
EARLIEST_ACTIVITY_DATE = date(2020, 1, 1)


@dataclass(frozen=True)
class Settings:
    """Where inputs are read from and where the warehouse is written."""

    data_dir: Path
    db_path: Path
    earliest_activity_date: date = EARLIEST_ACTIVITY_DATE

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        data_dir: Path | str | None = None,
        db_path: Path | str | None = None,
    ) -> Settings:
        """Build settings: explicit arguments win over environment variables over defaults."""
        env = os.environ if env is None else env
        data = Path(data_dir or env.get(ENV_DATA_DIR) or REPO_ROOT / "data").resolve()
        db = Path(db_path or env.get(ENV_DB) or data / "warehouse.duckdb").resolve()
        earliest = env.get(ENV_EARLIEST_DATE)
        if earliest is None:
            return cls(data_dir=data, db_path=db)
        try:
            first = date.fromisoformat(earliest)
        except ValueError:
            raise ValueError(f"{ENV_EARLIEST_DATE} must be YYYY-MM-DD, got {earliest!r}") from None
        return cls(data_dir=data, db_path=db, earliest_activity_date=first)

    @property
    def boundaries_dir(self) -> Path:
        """Boundary files: the schematic default or an imported official file."""
        return self.data_dir / "boundaries"

    @property
    def activities_dir(self) -> Path:
        """Unit activity reports as received."""
        return self.data_dir / "activities"

    @property
    def ledger_path(self) -> Path:
        """The submissions ledger: every report received, its unit, period and status."""
        return self.data_dir / "submissions.csv"

    @property
    def reference_dir(self) -> Path:
        """Master lists kept as data: aliases, units, activity types, expectations."""
        return self.data_dir / "reference"
