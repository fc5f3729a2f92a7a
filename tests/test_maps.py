import json

import pandas as pd
import pytest

from dashboard import maps

SQUARE = json.dumps(
    {"type": "Polygon", "coordinates": [[[105, 22], [105.1, 22], [105.1, 22.1], [105, 22]]]}
)
LABELS = {"commune": "Xã", "code": "Mã", "activities": "Số hoạt động"}


def _communes(names, activities):
    return pd.DataFrame(
        {
            "commune_code": [f"0{i}" for i in range(len(names))],
            "commune_name": names,
            "geometry_json": [SQUARE] * len(names),
            "activities": activities,
        }
    )


def test_map_uses_only_local_assets() -> None:
    html = maps.commune_map(_communes(["Bằng Lũng"], [3]), LABELS).get_root().render()
    assert "/app/static/leaflet/leaflet.js" in html
    scripts = [s for s in html.split('src="')[1:]]
    assert all(s.startswith("/app/static/") for s in scripts), scripts
    assert "https://" not in html.split("<body>")[0]


def test_fixed_classes_and_no_data_colour() -> None:
    assert maps.activity_colour(0) == maps.ACTIVITY_COLOURS[0]
    assert maps.activity_colour(1) == maps.ACTIVITY_COLOURS[1]
    assert maps.activity_colour(10) == maps.ACTIVITY_COLOURS[-1]
    assert maps.activity_colour(None) == maps.NO_DATA_COLOUR
    assert maps.NO_DATA_COLOUR not in maps.ACTIVITY_COLOURS


def test_names_reaching_html_are_escaped() -> None:
    fmap = maps.commune_map(_communes(["<img src=x onerror=alert(1)>"], [0]), LABELS)
    layer = next(c for c in fmap._children.values() if c.get_name().startswith("geo_json"))
    feature = layer.data["features"][0]  # type: ignore[attr-defined]
    shown = feature["properties"]["commune_name"]
    assert shown == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<img src=x" not in fmap.get_root().render()


def test_rejects_a_frame_without_geometry() -> None:
    with pytest.raises(ValueError, match="geometry_json"):
        maps.commune_map(_communes(["A"], [1]).drop(columns=["geometry_json"]), LABELS)
