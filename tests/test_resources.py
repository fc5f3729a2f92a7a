"""The map's layers and the trend chart are cached per warehouse version and the reader's
choices: a build that swaps in a new warehouse file, or another language, must never show the
old ones."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import resources
from dashboard.maps import CoverageLayers
from etl import db
from etl.config import ENV_DB, Settings
from tests.test_trend_chart import bars, texts


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

    _rebuild(warehouse, "update village_coverage set village_name = 'Nà Pài mới' "
                        "where village_name = 'Nà Pài'")  # fmt: skip
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


Q3 = (pd.Timestamp("2024-07-01"), pd.Timestamp("2024-09-30"), "Quý III/2024")


def _trend_rows(lang: str) -> list[str]:
    """The trend's bars, each as its tooltip (month, unit kind, count)."""
    svg = resources.trend(lang, Q3, 360, False)
    assert svg is not None
    return [tip for tip, *_ in bars(svg)]


def test_the_trend_follows_the_warehouse_and_the_language(warehouse: Path) -> None:
    before = _trend_rows("vi")
    assert resources.trend("vi", Q3, 360, False) == resources.trend("vi", Q3, 360, False)
    q4 = (pd.Timestamp("2024-10-01"), pd.Timestamp("2024-12-31"), "Quý IV/2024")
    marked = resources.trend("vi", q4, 360, False)
    assert marked is not None
    assert "Quý IV/2024" in texts(marked) and "Quý III/2024" not in texts(marked)
    assert "Quý III/2024" in texts(resources.trend("vi", Q3, 360, False) or "")
    assert _trend_rows("vi") == before  # marking another period changed no cached chart
    assert before != _trend_rows("en")  # unit kinds named in English
    _rebuild(warehouse, "update monthly_unit_activity set activities = activities + 100")
    assert [_count(tip) for tip in _trend_rows("vi")] == [_count(tip) + 100 for tip in before]


def _count(tip: str) -> int:
    """The count at the end of a bar's tooltip ("… · Số hoạt động: 1.200")."""
    return int(tip.rsplit(": ", 1)[1].replace(".", ""))


def _rebuild(warehouse: Path, sql: str) -> None:
    """What a build does: write a new file beside the old one (here: a copy changed by
    ``sql``) and swap it in, later than the old one even on a coarse clock."""
    rebuilt = warehouse.with_name("rebuilt.duckdb")
    shutil.copyfile(warehouse, rebuilt)
    con = db.connect_path(rebuilt)
    con.execute(sql)
    con.close()
    old = warehouse.stat().st_mtime_ns
    os.replace(rebuilt, warehouse)
    os.utime(warehouse, ns=(old + 10**9, old + 10**9))
