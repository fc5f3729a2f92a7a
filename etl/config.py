"""Settings: the only place paths are built.

Each setting has one default (relative to the repository) and one environment variable:

- ``data_dir`` (``CHODON_DATA_DIR``, default ``<repo>/data``): inputs: boundaries, reports, lists.
- ``db_path`` (``CHODON_DB``, default ``<data_dir>/warehouse.duckdb``): the DuckDB warehouse.

Synthetic benchmark data (``python -m etl demo --scale …``) goes to ``<repo>/benchmarks/out``
(gitignored) unless told otherwise: :data:`BENCHMARK_OUT_DIR`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_DATA_DIR = "CHODON_DATA_DIR"
ENV_DB = "CHODON_DB"
BENCHMARK_OUT_DIR = REPO_ROOT / "benchmarks" / "out"


@dataclass(frozen=True)
class Settings:
    """Where inputs are read from and where the warehouse is written."""

    data_dir: Path
    db_path: Path

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
        return cls(data_dir=data, db_path=db)

    @property
    def boundaries_dir(self) -> Path:
        """Boundary files: the schematic default or an imported official file."""
        return self.data_dir / "boundaries"

    @property
    def activities_dir(self) -> Path:
        """Unit activity reports as received."""
        return self.data_dir / "activities"

    @property
    def reference_dir(self) -> Path:
        """Master lists kept as data: aliases, units, activity types, expectations."""
        return self.data_dir / "reference"
