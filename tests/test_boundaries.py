"""Boundary import through the CLI into a real warehouse, with files made from the schematic."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from etl import db
from etl.cli import main
from etl.config import Settings
from etl.geography.boundaries import OFFICIAL_FILE, boundary_file
from etl.geography.boundary_checks import repair
from etl.geography.schematic import SCHEMATIC_FILE
from tests.conftest import make_data_dir


def _import(settings: Settings, path: Path, *options: str) -> int:
    argv = ["--data-dir", str(settings.data_dir), "boundaries", "import", str(path), *options]
    return main([*argv, "--lang", "en"])


def _query(settings: Settings, sql: str) -> list[tuple]:
    con = db.connect(settings, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _schematic(settings: Settings) -> gpd.GeoDataFrame:
    return gpd.read_file(settings.boundaries_dir / SCHEMATIC_FILE)


def test_kml_matched_by_name_replaces_the_schematic(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    frame = _schematic(settings)[["commune_name", "geometry"]].rename(
        columns={"commune_name": "ten"}
    )
    frame.to_file(tmp_path / "xa.kml", driver="KML")
    assert _import(settings, tmp_path / "xa.kml", "--source", "Sở TN&MT (thử)") == 0
    out = capsys.readouterr().out
    assert "Matched 20/20 communes" in out
    assert "No overlaps or gaps between communes worth reporting" in out
    assert boundary_file(settings.boundaries_dir).name == OFFICIAL_FILE
    assert _query(
        settings,
        "select distinct boundary_source, is_schematic from commune_boundaries "
        "where geography = '2020'",
    ) == [("Sở TN&MT (thử)", False)]


def test_shapefile_zip_in_vn2000_and_a_copy_without_crs(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    main(["--data-dir", str(settings.data_dir), "build"])
    before = settings.db_path.read_bytes()
    folder = tmp_path / "shp"
    folder.mkdir()
    short = _schematic(settings).rename(columns={"commune_code": "ma_xa", "commune_name": "ten"})
    short.to_crs(9213).to_file(folder / "ranh_gioi.shp")  # VN-2000 TM-3 106°30′
    (folder / "ranh_gioi.prj").unlink()
    capsys.readouterr()
    assert _import(settings, folder) == 1
    assert "does not say which coordinate system" in capsys.readouterr().out
    assert settings.db_path.read_bytes() == before
    assert not (settings.boundaries_dir / OFFICIAL_FILE).exists()
    archive = shutil.make_archive(str(tmp_path / "ranh_gioi"), "zip", folder)
    assert _import(settings, Path(archive), "--crs", "EPSG:9213") == 0
    assert _query(
        settings,
        "select count(*) from commune_boundaries where geography = '2020' and not is_schematic",
    ) == [(20,)]


def test_geojson_in_metres_without_crs_member_asks_for_crs(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    metres = json.loads(_schematic(settings).to_crs(3405).to_json())
    metres.pop("crs", None)
    path = tmp_path / "metres.geojson"
    path.write_text(json.dumps(metres), encoding="utf-8")
    assert _import(settings, path) == 1
    assert "--crs 3405 (VN-2000 / UTM 48N)" in capsys.readouterr().out
    assert _import(settings, path, "--crs", "3405") == 0


def test_wrong_crs_is_caught(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    path = tmp_path / "x.gpkg"
    _schematic(settings).to_crs(3405).to_file(path)
    assert _import(settings, path, "--crs", "32649") == 1  # UTM 49N instead of 48N
    assert "the features are not in Chợ Đồn" in capsys.readouterr().out


def test_missing_duplicate_and_foreign_features_are_reported_and_refused(
    tmp_path: Path, capsys
) -> None:
    settings = make_data_dir(tmp_path, [])
    main(["--data-dir", str(settings.data_dir), "build"])
    before = settings.db_path.read_bytes()
    frame = _schematic(settings)
    frame = frame[frame["commune_code"] != "02080"]  # Bình Trung missing
    extra = frame[frame["commune_code"] == "02071"].assign(commune_code="02071")
    foreign = frame[frame["commune_code"] == "02020"].assign(
        commune_code="01933", commune_name="Xã Đồng Phúc"
    )
    foreign = foreign.set_geometry(foreign.translate(0.3, 0.1))
    path = tmp_path / "bad.geojson"
    gpd.GeoDataFrame(
        [*frame.itertuples(index=False), *extra.itertuples(index=False),
         *foreign.itertuples(index=False)], columns=frame.columns, crs=4326,
    ).to_file(path)  # fmt: skip
    capsys.readouterr()
    assert _import(settings, path) == 1
    out = capsys.readouterr().out.splitlines()
    assert "1 features are no commune of Chợ Đồn and were left out: 01933 Xã Đồng Phúc." in out
    assert "No boundary for: Xã Bình Trung." in out
    assert "Duplicates (several overlapping features for one commune): Xã Nghĩa Tá." in out
    assert out[-1] == (
        "bad.geojson not imported: every commune needs exactly one boundary. "
        "Data and warehouse are unchanged."
    )
    assert settings.db_path.read_bytes() == before


def test_invalid_geometry_is_repaired_and_said(tmp_path: Path, capsys) -> None:
    settings = make_data_dir(tmp_path, [])
    frame = _schematic(settings)
    ring = list(frame.geometry.iloc[0].exterior.coords)
    ring[1], ring[2] = ring[2], ring[1]  # a self-intersecting ring
    frame.loc[0, "geometry"] = shapely.Polygon(ring)
    assert not frame.geometry.iloc[0].is_valid
    frame.to_file(tmp_path / "invalid.geojson")
    assert _import(settings, tmp_path / "invalid.geojson") == 0
    assert "Repaired 1 invalid geometries" in capsys.readouterr().out
    assert _query(settings, "select bool_and(st_isvalid(geom)) from stg_boundaries") == [(True,)]


def test_repair_keeps_only_polygons() -> None:
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    fixed, count = repair(gpd.GeoDataFrame(geometry=[bowtie, shapely.box(2, 2, 3, 3)]))
    assert count == 1
    assert list(fixed.geom_type) == ["MultiPolygon", "Polygon"]
    assert fixed.geometry.iloc[0].area == pytest.approx(0.5)


def test_dense_file_is_simplified_for_the_browser(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    frame = _schematic(settings)
    frame = frame.set_geometry(shapely.segmentize(frame.geometry.values, 0.0001))  # ~10 m
    path = tmp_path / "dense.geojson"
    frame.to_file(path)
    assert path.stat().st_size > 1_000_000
    assert _import(settings, path) == 0
    [(size,)] = _query(
        settings,
        "select sum(length(geometry_json)) from commune_boundaries where geography = '2020'",
    )
    assert size < 30_000
    shapes = [
        shapely.from_geojson(g)
        for (g,) in _query(
            settings, "select geometry_json from commune_boundaries where geography = '2020'"
        )
    ]
    assert shapely.coverage_is_valid(shapes)  # neighbours still share their edges exactly


def test_2025_communes_are_unions_of_their_former_units(warehouse: Settings) -> None:
    rows = _query(
        warehouse,
        "select commune_id, is_partial, area_km2 from commune_boundaries "
        "where geography = '2025' order by commune_id",
    )
    areas_2020 = dict(
        _query(
            warehouse,
            "select commune_id, area_km2 from commune_boundaries where geography = '2020'",
        )
    )
    assert [(i, p) for i, p, _ in rows] == [
        ("2025:01933", True), ("2025:02014", True), ("2025:02020", False),
        ("2025:02026", False), ("2025:02038", False), ("2025:02044", False),
        ("2025:02071", False), ("2025:02083", False),
    ]  # fmt: skip
    nghia_ta = next(a for i, _, a in rows if i == "2025:02071")
    expected = sum(areas_2020[f"2020:{c}"] for c in ("02062", "02071", "02080"))
    assert nghia_ta == pytest.approx(expected, abs=0.002)
