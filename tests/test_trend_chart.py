import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from dashboard import trend_chart
from etl.present import palette

SVG = "{http://www.w3.org/2000/svg}"
Q3 = (pd.Timestamp("2024-07-01"), pd.Timestamp("2024-09-30"), "Quý III/2024")


def bars(svg: str) -> list[tuple[str, str, float, float]]:
    """The bars of a trend SVG: (tooltip, colour, top, bottom), in drawing order."""
    root = ET.fromstring(svg)
    return [
        (bar.findtext(SVG + "title") or "", bar.get("fill", ""),
         float(bar.get("y", 0)), float(bar.get("y", 0)) + float(bar.get("height", 0)))
        for bar in root.iter(SVG + "rect") if bar.find(SVG + "title") is not None
    ]  # fmt: skip


def texts(svg: str) -> list[str]:
    return [node.text or "" for node in ET.fromstring(svg).iter(SVG + "text")]


def bands(svg: str) -> list[tuple[float, float]]:
    """The marked periods' bands: (left, right)."""
    return [
        (float(r.get("x", 0)), float(r.get("x", 0)) + float(r.get("width", 0)))
        for r in ET.fromstring(svg).iter(SVG + "rect") if r.get("class") == "period"
    ]  # fmt: skip


def _trend(lang: str = "vi") -> trend_chart.Trend:
    df = pd.DataFrame(
        {
            "month": pd.to_datetime(["2024-07-01", "2024-07-01", "2024-09-01"]),
            "unit_kind": ["ubnd_xa", "vhtt", "ubnd_xa"],
            "activities": [2, 1, 1200],
        }
    )
    return trend_chart.draw(df, lang)


def test_trend_stacks_months_by_lead_unit_kind_in_a_fixed_order() -> None:
    drawn = _trend()
    svg = trend_chart.svg(drawn)
    assert texts(svg)[0] == "Hoạt động theo tháng và đơn vị chủ trì"
    (july_vhtt, july_xa, september) = bars(svg)
    # palette order, not data order: Phòng VH&TT at the bottom of July, UBND xã on top of it
    assert july_vhtt[:2] == (
        "Tháng 07/2024 · Đơn vị chủ trì: Phòng VH&TT · Số hoạt động: 1",
        palette.UNIT_KIND_COLOURS["vhtt"],
    )
    assert july_xa[:2] == (
        "Tháng 07/2024 · Đơn vị chủ trì: UBND xã · Số hoạt động: 2",
        palette.UNIT_KIND_COLOURS["ubnd_xa"],
    )
    assert july_xa[3] == pytest.approx(july_vhtt[2])  # stacked: one ends where the other starts
    assert september[0] == "Tháng 09/2024 · Đơn vị chủ trì: UBND xã · Số hoạt động: 1.200"
    assert "1.500" in texts(svg)  # the axis' round ceiling, above September's 1,200
    assert september[3] - september[2] == pytest.approx((drawn.bottom - drawn.top) * 0.8, abs=0.2)
    # every month from the first to the last has its slot, August (no activity) included
    assert [x for x in texts(svg) if x.endswith("/2024")] == ["07/2024", "08/2024", "09/2024"]
    assert {"Phòng VH&TT", "UBND xã"} <= set(texts(svg))  # the legend


def test_names_are_in_the_readers_language_and_escaped() -> None:
    svg = trend_chart.svg(_trend("en"))  # "&" in "VH&TT" would break the XML unescaped
    assert texts(svg)[0] == "Activities by month and lead unit"
    assert bars(svg)[0][0].startswith("Month 07/2024 · ")


def test_the_chosen_period_is_shaded_and_named() -> None:
    drawn = _trend()
    assert bands(trend_chart.svg(drawn)) == []
    marked = trend_chart.svg(drawn, [Q3])
    ((left, right),) = bands(marked)
    # three whole months shown, the band covers them all: from July's left edge to September's right
    assert (left, right) == pytest.approx((drawn.left, drawn.left + 3 * drawn.step), abs=0.1)
    assert "Quý III/2024" in texts(marked)
    half = (pd.Timestamp("2024-08-16"), pd.Timestamp("2024-08-31"), "x")
    ((left, right),) = bands(trend_chart.svg(drawn, [half]))
    assert left == pytest.approx(drawn.left + (1 + 15 / 31) * drawn.step, abs=0.1)  # Aug 16
    assert right == pytest.approx(drawn.left + 2 * drawn.step, abs=0.1)
    later = (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-03-31"), "Quý I/2025")
    assert bands(trend_chart.svg(drawn, [later])) == []  # outside the months shown


def test_rejects_missing_columns_and_an_empty_trend() -> None:
    with pytest.raises(ValueError, match="activities"):
        trend_chart.draw(pd.DataFrame({"month": [], "unit_kind": []}), "vi")
    with pytest.raises(ValueError, match="no activity"):
        trend_chart.draw(pd.DataFrame({"month": [], "unit_kind": [], "activities": []}), "vi")


def test_a_projector_gets_larger_type() -> None:
    df = pd.DataFrame({"month": ["2024-07-01"], "unit_kind": ["vhtt"], "activities": [3]})
    small, large = trend_chart.draw(df, "vi"), trend_chart.draw(df, "vi", 520, large=True)
    assert large.font > small.font
    assert large.bottom - large.top == 520
