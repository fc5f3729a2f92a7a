"""Import the real 20-commune file of ../shared/reference (read there, never copied)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

from etl import db
from etl.cli import main
from etl.config import Settings
from tests.conftest import SHARED_REFERENCE, make_data_dir

REAL = SHARED_REFERENCE / "cho_don_communes_2020_20.geojson"
REAL_22 = SHARED_REFERENCE / "cho_don_communes_pre2020_22.geojson"
pytestmark = pytest.mark.skipif(
    not REAL.exists(), reason="../shared/reference/cho_don_communes_2020_20.geojson is not present"
)


def _import(settings: Settings, path: Path, *options: str) -> int:
    argv = ["--data-dir", str(settings.data_dir), "boundaries", "import", str(path), *options]
    return main([*argv, "--lang", "en"])


def _areas(settings: Settings) -> dict[str, float]:
    con = db.connect(settings, read_only=True)
    try:
        rows = con.execute(
            "select commune_code, area_km2 from commune_boundaries where geography = '2020'"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def _real_columns() -> gpd.GeoDataFrame:
    """The real file with short column names (Shapefile fields hold 10 characters)."""
    return gpd.read_file(REAL)[["gso_code", "name", "geometry"]]


def _file_areas() -> dict[str, float]:
    """The file's own areas, on a world equal-area projection (not the one the import uses)."""
    frame = gpd.read_file(REAL).to_crs(6933)
    return dict(zip(frame["gso_code"], frame.area / 1e6, strict=True))


def test_real_file_matches_all_20_with_their_areas(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _import(settings, REAL) == 0
    assert "Matched 20/20 communes (2020–2025)." in capsys.readouterr().out.splitlines()
    areas, expected = _areas(settings), _file_areas()
    assert sorted(areas) == sorted(expected)
    for code, area in areas.items():
        assert area == pytest.approx(expected[code], rel=0.02), code


@pytest.mark.parametrize(("epsg", "name"), [(3405, "utm48n.gpkg"), (9213, "tm3_10630.shp")])
def test_a_vn2000_copy_gives_the_same_result(tmp_path: Path, epsg: int, name: str) -> None:
    reference = make_data_dir(tmp_path / "wgs84", [])
    _import(reference, REAL)
    settings = make_data_dir(tmp_path / "vn2000", [])
    _real_columns().to_crs(epsg).to_file(tmp_path / name)
    assert _import(settings, tmp_path / name) == 0
    areas, expected = _areas(settings), _areas(reference)
    assert sorted(areas) == sorted(expected)
    for code, area in areas.items():
        assert area == pytest.approx(expected[code], rel=0.001), code


def test_a_copy_without_crs_is_refused_and_changes_nothing(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _import(settings, REAL) == 0
    warehouse, stored = settings.db_path.read_bytes(), sorted(settings.boundaries_dir.iterdir())
    _real_columns().to_crs(3405).to_file(tmp_path / "no_crs.shp")
    (tmp_path / "no_crs.prj").unlink()
    capsys.readouterr()
    assert _import(settings, tmp_path / "no_crs.shp") == 1
    assert capsys.readouterr().out.startswith(
        "no_crs.shp does not say which coordinate system (CRS) it uses"
    )
    assert settings.db_path.read_bytes() == warehouse
    assert sorted(settings.boundaries_dir.iterdir()) == stored


@pytest.mark.skipif(not REAL_22.exists(), reason="the pre-2020 22-commune file is not present")
def test_the_pre2020_file_joins_the_merged_units(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _import(settings, REAL_22) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Joined into Xã Đồng Thắng: 02056 Xã Rã Bản + 02059 Xã Đông Viên." in out
    assert "Joined into Xã Yên Phong: 02074 Xã Phong Huân + 02083 Xã Yên Nhuận." in out
    assert _areas(settings)["02059"] == pytest.approx(_file_areas()["02059"], rel=0.02)
