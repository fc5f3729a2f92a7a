"""What only a browser shows, on the dashboard's fixture warehouse (``dashboard_warehouse``):
the map draws offline, a click drills down, the period drives the figures, names stay text."""

from __future__ import annotations

from playwright.sync_api import Frame, Page, expect

from tests.browser.conftest import Browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# 20 commune polygons and the 7 fixture villages are SVG paths; the 3 schools are squares.
COMMUNES, VILLAGES, SCHOOLS = 20, 7, 3


def test_map_draws_every_commune_and_village_offline(server: str, browser: Browser) -> None:
    page = browser.page
    page.goto(server)
    frame = page.frame_locator(MAP_FRAME).first
    paths = frame.locator("path.leaflet-interactive")
    paths.nth(COMMUNES + VILLAGES - 1).wait_for(state="attached", timeout=60_000)
    assert paths.count() == COMMUNES + VILLAGES
    assert frame.locator(".cd-school").count() == SCHOOLS
    assert frame.locator(".leaflet-tile").count() == 0
    expect(page.get_by_text("Chưa có dữ liệu").first).to_be_visible()  # the legend
    trend = page.locator('svg[role="img"]').first  # the trend, SVG in the page
    expect(trend.locator("title").first).to_have_text("Hoạt động theo tháng và đơn vị chủ trì")
    assert trend.locator("rect > title").count() > 0  # bars, each naming its month and count
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.outside_requests == []


def test_clicking_a_commune_drills_down(server: str, browser: Browser) -> None:
    page = browser.page
    page.goto(server)
    frame = _map(page)
    page.locator(MAP_FRAME).first.scroll_into_view_if_needed()
    assert _metric(page, "Thôn được đến trực tiếp") == "14,3 %"
    _click(page, frame, "commune_id", "2020:02026")
    expect(page.get_by_text("Xã Nam Cường: thôn và trường học trong kỳ")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_role("combobox", name="Xã, thị trấn")).to_have_value("Xã Nam Cường")
    assert _metric(page, "Thôn được đến trực tiếp") == "Chưa có dữ liệu"  # no Q4 report
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.outside_requests == []


def test_changing_the_period_changes_the_kpis(server: str, browser: Browser) -> None:
    page = browser.page
    page.goto(server)
    _map(page)
    assert _metric(page, "Hoạt động") == "2"
    page.get_by_role("combobox", name="Kỳ", exact=True).click()
    page.get_by_role("option", name="Quý III/2024").click()
    expect(page.get_by_text("Quý III/2024 · 20 xã, thị trấn (2020–2025)")).to_be_visible(
        timeout=30_000
    )
    assert _metric(page, "Hoạt động") == "3"
    assert _metric(page, "Lượt người tham dự") == "160"
    assert browser.outside_requests == []


def test_names_from_files_stay_text(server: str, browser: Browser) -> None:
    page = browser.page
    page.goto(server)
    frame = _map(page)
    page.locator(MAP_FRAME).first.scroll_into_view_if_needed()
    _click(page, frame, "village_id", "2020:02023:<img-src=x-onerror=alert(1)>", hover=True)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert "<img src=x onerror=alert(1)>" in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    assert browser.dialogs == []


def test_a_page_address_opened_first_shows_that_page(fresh_server: str, browser: Browser) -> None:
    page = browser.page
    page.goto(fresh_server + "/gaps")
    expect(
        page.get_by_role("heading", name="Khoảng trống: nơi chưa ai đến, đơn vị còn vắng")
    ).to_be_visible(timeout=60_000)
    page.goto(fresh_server + "/hoat-dong")
    expect(page.get_by_role("heading", name="Danh sách hoạt động")).to_be_visible(timeout=60_000)
    assert browser.outside_requests == []


def _map(page: Page) -> Frame:
    """The (first) map's frame, once its polygons are drawn."""
    page.frame_locator(MAP_FRAME).first.locator("path.leaflet-interactive").nth(
        COMMUNES - 1
    ).wait_for(state="attached", timeout=60_000)
    return next(f for f in page.frames if "streamlit_folium" in f.url)


def _click(page: Page, frame: Frame, field: str, value: str, hover: bool = False) -> None:
    """Click (or hover) the map feature whose ``field`` is ``value``, with the mouse, at a
    point where nothing else (a village or school on top) is."""
    point = frame.evaluate(_FREE_POINT, [field, value])
    assert point, f"no visible point of {value}"
    box = page.locator(MAP_FRAME).first.bounding_box()
    assert box
    x, y = box["x"] + point[0], box["y"] + point[1]
    page.mouse.move(x, y) if hover else page.mouse.click(x, y)


_FREE_POINT = """([field, value]) => {
    for (const layer of Object.values(window.map._layers)) {
        const f = layer.feature;
        if (!f || f.properties[field] !== value || !layer._path) continue;
        const r = layer._path.getBoundingClientRect();
        for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
            const x = r.x + r.width * i / 10, y = r.y + r.height * j / 10;
            if (document.elementFromPoint(x, y) === layer._path) return [x, y];
        }
    }
    return null; }"""


def _metric(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.get_by_text(label, exact=True)
    )
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
