"""The map's layers are cached per warehouse version, period, geography and language: a build
that swaps in a new warehouse file, or another language, must never show the old layers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard import resources
from dashboard.maps import CoverageLayers
from etl import db
from etl.config import ENV_DB, Settings


@pytest.fixture
def warehouse(
    dashboard_warehouse: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A copy of the dashboard's fixture warehouse that the test may replace."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(dashboard_warehouse.db_path, path)
    monkeypatch.setenv(ENV_DB, str(path))
    return path


def _village_names(layers: CoverageLayers) -> str:
    assert layers.villages is not None
    return layers.villages.rows_json


def test_a_new_warehouse_file_gives_new_layers(warehouse: Path) -> None:
    before = resources.map_layers("2024-Q3", "2020", "vi", points=True)
    assert "Nà Pài" in _village_names(before)
    assert resources.map_layers("2024-Q3", "2020", "vi", points=True) == before  # cached

    # A build writes a new file beside the old one and swaps it in (etl.build).
    rebuilt = warehouse.with_name("rebuilt.duckdb")
    shutil.copyfile(warehouse, rebuilt)
    con = db.connect_path(rebuilt)
    con.execute(
        "update village_coverage set village_name = 'Nà Pài mới' where village_name = 'Nà Pài'"
    )
    con.close()
    old = warehouse.stat().st_mtime_ns
    os.replace(rebuilt, warehouse)
    os.utime(warehouse, ns=(old + 10**9, old + 10**9))  # a later build, even on a coarse clock

    after = resources.map_layers("2024-Q3", "2020", "vi", points=True)
    assert "Nà Pài mới" in _village_names(after)


def test_layers_follow_the_language_period_and_points(warehouse: Path) -> None:
    del warehouse
    vi = resources.map_layers("2024-Q3", "2020", "vi", points=True)
    en = resources.map_layers("2024-Q3", "2020", "en", points=True)
    nam_cuong = "2020:02026"
    assert "Độ phủ thôn" in vi.communes[nam_cuong]["tip"]
    assert "Villages reached: 33.3 %" in en.communes[nam_cuong]["tip"]
    assert vi.villages is not None and en.villages is not None
    assert vi.villages.styles != en.villages.styles  # state labels in each language
    q4 = resources.map_layers("2024-Q4", "2020", "vi", points=True)
    assert q4.communes[nam_cuong]["tip"] != vi.communes[nam_cuong]["tip"]
    bare = resources.map_layers("2024-Q3", "2020", "vi", points=False)
    assert (bare.villages, bare.schools) == (None, None)
    assert bare.communes == vi.communes
