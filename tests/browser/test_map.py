"""What only a browser shows: the Leaflet map draws its polygons offline, with no error."""

from __future__ import annotations

from tests.browser.conftest import Browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def test_overview_map_draws_the_20_communes_offline(server: str, browser: Browser) -> None:
    page = browser.page
    page.goto(server)
    frame = page.frame_locator(MAP_FRAME)
    polygons = frame.locator("path.leaflet-interactive")
    polygons.nth(19).wait_for(state="attached", timeout=60_000)
    assert polygons.count() == 20
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.outside_requests == []


def test_tooltip_names_the_commune(server: str, browser: Browser) -> None:
    page = browser.page
    page.goto(server)
    frame = page.frame_locator(MAP_FRAME)
    polygons = frame.locator("path.leaflet-interactive")
    polygons.nth(19).wait_for(state="attached", timeout=60_000)
    polygons.first.hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert "Bằng Lũng" in tooltip.inner_text()
