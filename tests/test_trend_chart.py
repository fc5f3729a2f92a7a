import pandas as pd
import pytest

from dashboard import trend_chart
from etl import palette


def _spec() -> dict:
    df = pd.DataFrame(
        {
            "month": pd.to_datetime(["2024-07-01", "2024-07-01", "2024-08-01"]),
            "unit_kind": ["ubnd_xa", "vhtt", "ubnd_xa"],
            "activities": [2, 1, 5],
        }
    )
    shade = [(pd.Timestamp("2024-07-01"), pd.Timestamp("2024-09-30"), "Quý III/2024")]
    return trend_chart.monthly_trend(df, "vi", shade).to_dict()


def test_trend_stacks_months_by_lead_unit_kind_in_a_fixed_order() -> None:
    spec = _spec()
    assert spec["title"] == "Hoạt động theo tháng và đơn vị chủ trì"
    bars = spec["layer"][-1]
    colour = bars["encoding"]["color"]
    assert colour["scale"]["domain"] == ["Phòng VH&TT", "UBND xã"]  # palette order, not data order
    assert colour["scale"]["range"] == [
        palette.UNIT_KIND_COLOURS["vhtt"],
        palette.UNIT_KIND_COLOURS["ubnd_xa"],
    ]
    assert bars["encoding"]["y"]["stack"] == "zero"
    rows = spec["datasets"][bars["data"]["name"]]
    assert [(r["month"][:7], r["unit"], r["activities"]) for r in rows] == [
        ("2024-07", "UBND xã", 2),
        ("2024-07", "Phòng VH&TT", 1),
        ("2024-08", "UBND xã", 5),
    ]


def test_the_chosen_period_is_shaded_and_named() -> None:
    spec = _spec()
    band, label, _ = spec["layer"]
    (shaded,) = spec["datasets"][band["data"]["name"]]
    assert (shaded["start"][:10], shaded["end"][:10]) == ("2024-07-01", "2024-10-01")
    assert spec["datasets"][label["data"]["name"]][0]["label"] == "Quý III/2024"


def test_rejects_missing_columns() -> None:
    with pytest.raises(ValueError, match="activities"):
        trend_chart.monthly_trend(pd.DataFrame({"month": [], "unit_kind": []}), "vi")


def test_a_cached_spec_marks_a_period_without_changing() -> None:
    df = pd.DataFrame({"month": pd.to_datetime(["2024-07-01"]), "unit_kind": ["vhtt"],
                       "activities": [3]})  # fmt: skip
    base = trend_chart.trend_spec(df, "vi")
    band = base["layer"][0]["data"]["name"]
    shade = [(pd.Timestamp("2024-07-01"), pd.Timestamp("2024-09-30"), "Quý III/2024")]
    marked = trend_chart.shaded(base, shade)
    assert marked["datasets"][band] == [
        {"start": "2024-07-01T00:00:00", "end": "2024-10-01T00:00:00", "label": "Quý III/2024"}
    ]
    assert base["datasets"][band] == []  # the cached spec is untouched
    built = trend_chart.monthly_trend(df, "vi", shade).to_dict()
    assert marked["datasets"][band] == built["datasets"][built["layer"][0]["data"]["name"]]
