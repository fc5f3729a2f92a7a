import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from etl.geography.gazetteer import extract_communes_2020
from etl.geography.schematic import SCHEMATIC_FILE, SCHEMATIC_LABEL, schematic_boundaries
from tests.conftest import SHARED_REFERENCE

REPO_DATA = Path(__file__).resolve().parents[1] / "data" / "boundaries"


def test_one_labelled_cell_per_commune_holding_its_official_point() -> None:
    communes = extract_communes_2020()
    collection = schematic_boundaries(communes)
    assert len(collection["features"]) == 20
    for feature, row in zip(collection["features"], communes.itertuples(), strict=True):
        assert feature["properties"]["commune_code"] == row.commune_code
        assert feature["properties"]["source"] == SCHEMATIC_LABEL
        assert shape(feature["geometry"]).contains(Point(row.lon, row.lat))


def test_cells_tile_without_overlap() -> None:
    shapes = [
        shape(f["geometry"]) for f in schematic_boundaries(extract_communes_2020())["features"]
    ]
    total = sum(s.area for s in shapes)
    assert shapely.union_all(shapes).area == pytest.approx(total, rel=1e-6)


def test_committed_default_is_what_the_code_generates() -> None:
    committed = json.loads((REPO_DATA / SCHEMATIC_FILE).read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(schematic_boundaries(extract_communes_2020())))


def test_rejects_a_table_without_coordinates() -> None:
    communes = extract_communes_2020().drop(columns=["lat"])
    with pytest.raises(ValueError, match="lat"):
        schematic_boundaries(communes)


@pytest.mark.skipif(
    not (SHARED_REFERENCE / "cho_don_communes_2020_20.geojson").exists(),
    reason="../shared/reference/cho_don_communes_2020_20.geojson is not present",
)
def test_schematic_covers_the_real_district() -> None:
    real = json.loads(
        (SHARED_REFERENCE / "cho_don_communes_2020_20.geojson").read_text(encoding="utf-8")
    )
    district = shapely.union_all([shape(f["geometry"]) for f in real["features"]])
    cells = schematic_boundaries(extract_communes_2020())["features"]
    schematic = shapely.union_all([shape(f["geometry"]) for f in cells])
    assert schematic.intersection(district).area / district.area > 0.95


def test_cells_leave_no_hole_inside_the_district() -> None:
    cells = schematic_boundaries(extract_communes_2020())["features"]
    union = shapely.union_all([shape(f["geometry"]) for f in cells])
    assert union.geom_type == "Polygon"
    assert len(union.interiors) == 0
