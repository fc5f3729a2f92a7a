import json
import re

import pandas as pd
import pytest

from dashboard import maps
from dashboard.legend import legend_html
from etl.present import palette

WEST = {
    "type": "Polygon",
    "coordinates": [[[105.5, 22.0], [105.6, 22.0], [105.6, 22.1], [105.5, 22.1], [105.5, 22.0]]],
}
EAST = {
    "type": "Polygon",
    "coordinates": [[[105.6, 22.0], [105.7, 22.0], [105.7, 22.2], [105.6, 22.2], [105.6, 22.0]]],
}
XSS = "<img src=x onerror=alert(1)>"


def _boundaries() -> maps.Boundaries:
    return maps.read_boundaries(
        pd.DataFrame(
            {
                "commune_id": ["2020:02026", "2020:02023"],
                "commune_code": ["02026", "02023"],
                "full_name": ["Xã Nam Cường", "Xã Xuân Lạc"],
                "boundary_source": ["ranh giới minh họa / schematic"] * 2,
                "is_partial": [False, False],
                "area_km2": [61.6, 114.1],
                "geometry_json": [json.dumps(WEST), json.dumps(EAST)],
            }
        )
    )


def _communes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "commune_id": ["2020:02026", "2020:02023"],
            "coverage_pct": [33.3, None],
            "villages_reached": [1, 0],
            "villages_applicable": [3, 2],
            "schools_reached": [1, 0],
            "schools": [1, 1],
            "activities": [3, 0],
            "participants_total": [160, None],
            "missing_unit_kinds": [["cah", "ttvhtttt|vhtt"], []],
        }
    )


def _villages() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "village_id": ["2020:02026:na-pai", "2020:02023:x"],
            "village_name": ["Nà Pài", XSS],
            "commune_id": ["2020:02026", "2020:02023"],
            "commune_name": ["Nam Cường", "Xuân Lạc"],
            "state": ["reached", "not_reported"],
            "direct_activities": [1, 0],
            "indirect_activities": [1, 0],
            "participants_total": [40, None],
            "last_direct_date": [pd.Timestamp("2024-07-10"), pd.NaT],
            "lat": [22.05, 22.1],
            "lon": [105.55, 105.65],
            "location_approx": [False, True],
        }
    )


def _schools() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "school_id": ["2020:02026:th"],
            "school_name": ["Trường Tiểu học Nam Cường"],
            "school_level": ["Tiểu học"],
            "commune_id": ["2020:02026"],
            "commune_name": ["Nam Cường"],
            "reached": [True],
            "activities": [1],
            "sessions": [1],
            "participants_total": [120],
            "last_activity_date": [pd.Timestamp("2024-09-05")],
            "lat": [22.06],
            "lon": [105.56],
            "location_approx": [False],
        }
    )


def _layers(fmap):
    return [c for c in fmap._children.values() if c.get_name().startswith(("geo_json", "point"))]


def _full_map():
    return maps.coverage_map(_boundaries(), _communes(), "vi", _villages(), _schools())


def _tip(layer, row) -> str:
    """The tooltip the browser writes for ``row`` (the same substitution as the layer's JS)."""
    style = layer.styles[row[2]]
    text = [
        re.sub(r"@(\w+)@", lambda m: style["label"] if m[1] == "S" else str(row[int(m[1])]), line)
        for line in layer.lines
    ]
    if style["approx"]:
        text.append(f"<i>{layer.approx_line}</i>")
    return "<br>".join(text)


def test_map_uses_only_local_assets_and_no_tiles() -> None:
    html = _full_map().get_root().render()
    assert "/app/static/leaflet/leaflet.js" in html
    scripts = [s.split('"')[0] for s in html.split('src="')[1:]]
    assert all(s.startswith("/app/static/") for s in scripts), scripts
    assert "https://" not in html.split("<body>")[0]
    assert "tileLayer" not in html


def test_every_feature_carries_its_commune_for_the_drill_down() -> None:
    communes, villages, schools = _layers(_full_map())
    assert [f["properties"]["commune_id"] for f in communes.data["features"]] == [
        "2020:02026",
        "2020:02023",
    ]
    assert [(row[3], row[4]) for row in villages.rows] == [
        ("2020:02026:na-pai", "2020:02026"),
        ("2020:02023:x", "2020:02023"),
    ]
    assert (villages.id_field, schools.id_field) == ("village_id", "school_id")
    assert schools.rows[0][4] == "2020:02026"


def test_fixed_classes_and_a_dashed_no_data_style() -> None:
    communes = _layers(_full_map())[0]
    first, second = communes.data["features"]
    assert first["properties"]["fill"] == palette.coverage_colour(33.3) == "#6baed6"
    assert second["properties"]["fill"] == palette.NO_DATA_COLOUR
    assert maps._commune_style(second)["dashArray"] == palette.NO_DATA_DASH
    assert "dashArray" not in maps._commune_style(first)
    assert "Chưa có dữ liệu" in second["properties"]["tip"]


def test_tooltips_give_name_state_and_numbers() -> None:
    communes, villages, schools = _layers(_full_map())
    tip = communes.data["features"][0]["properties"]["tip"]
    assert tip == (
        "<b>Xã Nam Cường</b> (02026)<br>Độ phủ thôn: 33,3 % (1/3 thôn)<br>"
        "Trường đã có hoạt động: 1/1<br>Hoạt động: 3 · lượt người tham dự: 160<br>"
        "Đơn vị còn vắng: Công an huyện, TT VH-TT&amp;TT hoặc Phòng VH&amp;TT"
    )
    assert _tip(villages, villages.rows[0]) == (
        "<b>Nà Pài</b> – Nam Cường<br>Trạng thái: Đã đến trực tiếp<br>"
        "Hoạt động trực tiếp: 1 · gián tiếp: 1 · lượt người tham dự: 40<br>"
        "Lần đến trực tiếp gần nhất: 10/07/2024"
    )
    assert _tip(schools, schools.rows[0]).startswith(
        "<b>Trường Tiểu học Nam Cường</b> (Tiểu học) – Nam Cường<br>Trạng thái: Đã có hoạt động<br>"
    )


def test_approximate_points_are_hollow_and_say_so() -> None:
    villages = _layers(_full_map())[1]
    exact, approx = (villages.styles[row[2]] for row in villages.rows)
    assert (exact["fill"], exact["approx"]) == (True, False)
    assert (approx["fill"], approx["dashArray"], approx["approx"]) == (False, "3 2", True)
    assert "Vị trí gần đúng" in _tip(villages, villages.rows[1])
    assert "Vị trí gần đúng" not in _tip(villages, villages.rows[0])


def test_names_reaching_html_are_escaped() -> None:
    fmap = _full_map()
    row = _layers(fmap)[1].rows[1]
    assert row[5] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<" not in _layers(fmap)[1].rows_json
    assert XSS not in fmap.get_root().render()


def test_names_are_not_read_as_template_code() -> None:
    shapes = _boundaries()
    names = shapes.communes.assign(full_name=["Commune {{ 7 * 7 }}", "Commune {% raw %}"])
    odd = maps.Boundaries(names, shapes.geometries, shapes.bounds, shapes.extent)
    for fmap in (maps.coverage_map(odd, _communes(), "vi"), maps.boundary_map(odd, "vi")):
        page = fmap.get_root().render()
        assert "Commune {{ 7 * 7 }}" in page
        assert "Commune {% raw %}" in page
        assert "Commune 49" not in page


def test_points_go_to_the_browser_as_short_rows() -> None:
    fmap = _full_map()
    villages = _layers(fmap)[1]
    assert villages.rows[0][:3] == (22.05, 105.55, 0)
    assert len(villages.styles) == 2 * len(palette.STATES)
    page = fmap.get_root().render()
    assert page.count(villages.rows_json) == 1  # written into the page as it is, once


def test_the_legend_names_every_state_once() -> None:
    legend = legend_html("vi")
    for label in [
        "Đã đến trực tiếp",
        "Chỉ gián tiếp (loa, tờ rơi)",
        "Chưa đến (xã đã báo cáo)",
        "Xã chưa báo cáo đủ kỳ",
        "Chưa/không còn tồn tại",
        "Chưa có dữ liệu",
        "> 0 %<",
        "> 75–100 %<",
        "Đã có hoạt động",
        "Chưa có hoạt động",
        "vị trí gần đúng",
    ]:
        assert legend.count(label) == 1, label
    assert "Thôn" not in legend_html("vi", points=False)


def test_view_fits_the_area_or_one_commune() -> None:
    shapes = _boundaries()
    assert shapes.extent == (22.0, 105.5, 22.2, 105.7)
    (lat, lon), zoom = maps.view(shapes)
    assert (round(lat, 3), round(lon, 3)) == (22.1, 105.6)
    centre, commune_zoom = maps.view(shapes, "2020:02026")
    assert centre == pytest.approx((22.05, 105.55))
    assert commune_zoom > zoom


def test_outline_refuses_a_commune_not_drawn() -> None:
    with pytest.raises(ValueError, match="commune_id"):
        maps.outline(_boundaries(), "2025:02020")


def test_boundary_map_tells_the_source() -> None:
    fmap = maps.boundary_map(_boundaries(), "en")
    tip = _layers(fmap)[0].data["features"][1]["properties"]["tip"]
    assert "<b>Xã Xuân Lạc</b> (02023)" in tip
    assert "Area: 114.1 km²" in tip
    assert "ranh giới minh họa / schematic" in tip


def test_rejects_frames_without_their_columns() -> None:
    with pytest.raises(ValueError, match="state"):
        maps.coverage_map(_boundaries(), _communes(), "vi", _villages().drop(columns=["state"]))
    with pytest.raises(ValueError, match="coverage_pct"):
        maps.coverage_map(_boundaries(), _communes().drop(columns=["coverage_pct"]), "vi")
