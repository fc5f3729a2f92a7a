import pandas as pd
import pytest

from dashboard import charts
from etl.present import palette


def test_unit_matrix_marks_missing_kinds_and_alternatives() -> None:
    df = pd.DataFrame(
        {
            "commune_name": ["Nam Cường", "Nam Cường", "Xuân Lạc"],
            "missing_unit_kinds": [["cah"], ["cah"], ["ttvhtttt|vhtt"]],
            "unit_kind": ["ubnd_xa", "doan_the", None],
            "activities": [3, 1, None],
        }
    )
    heatmap = charts.unit_matrix(df, "vi").data[0]
    columns = list(palette.UNIT_KINDS)
    nam_cuong, xuan_lac = heatmap.text
    assert nam_cuong[columns.index("ubnd_xa")] == "3"
    assert nam_cuong[columns.index("cah")] == "thiếu"
    assert nam_cuong[columns.index("gddt")] == ""
    assert xuan_lac[columns.index("vhtt")] == "thiếu (1 trong 2)"
    assert xuan_lac[columns.index("ttvhtttt")] == "thiếu (1 trong 2)"
    states = list(palette.MATRIX_COLOURS)
    assert heatmap.z[0][columns.index("ubnd_xa")] == states.index("active") + 0.5
    assert heatmap.z[0][columns.index("cah")] == states.index("missing") + 0.5
    assert list(heatmap.y) == ["Nam Cường", "Xuân Lạc"]


def test_audience_matrix_shows_audiences_nobody_addressed() -> None:
    df = pd.DataFrame(
        {
            "commune_name": ["Nam Cường", "Nam Cường", "Bằng Lũng"],
            "audience": ["children", "community", None],
            "activities": [2, 1, None],
        }
    )
    heatmap = charts.audience_matrix(df, "en").data[0]
    assert list(heatmap.x)[:2] == ["Children", "Parents"]
    assert list(heatmap.text[0]) == ["2", "none", "none", "none", "none", "1"]
    assert list(heatmap.text[1]) == ["none"] * 6


def test_priority_parts_stack_the_score() -> None:
    df = pd.DataFrame(
        {
            "village_name": ["Khuổi Đăm", "Tổ 3"],
            "commune_name": ["Xuân Lạc", "Bằng Lũng"],
            "state_points": [40.0, 30.0],
            "recency_points": [30.0, 30.0],
            "children_points": [5.0, 4.0],
            "missing_kind_points": [10.0, 15.0],
        }
    )
    figure = charts.priority_parts(df, "vi", top=1)
    assert [trace.name for trace in figure.data] == [
        "Điểm trạng thái",
        "Điểm thời gian",
        "Điểm trẻ em",
        "Điểm đơn vị thiếu",
    ]
    assert list(figure.data[0].y) == ["Khuổi Đăm – Xuân Lạc"]
    with pytest.raises(ValueError, match="top"):
        charts.priority_parts(df, "vi", top=0)


def test_comparison_leaves_no_data_out() -> None:
    first = pd.DataFrame({"commune_name": ["Nam Cường", "Bằng Lũng"], "coverage_pct": [33.3, None]})
    second = pd.DataFrame({"commune_name": ["Nam Cường", "Bằng Lũng"], "coverage_pct": [0.0, None]})
    figure = charts.compare_communes(first, second, ("Quý III/2024", "Quý IV/2024"), "vi")
    assert [trace.name for trace in figure.data] == ["Quý III/2024", "Quý IV/2024"]
    assert figure.data[1].x[0] == 0.0
    assert pd.isna(figure.data[1].x[1])


def test_rejects_missing_columns() -> None:
    with pytest.raises(ValueError, match="coverage_pct"):
        charts.compare_communes(
            pd.DataFrame({"commune_name": []}), pd.DataFrame(), ("a", "b"), "vi"
        )
