"""A fresh session in a real browser, on the committed sample with the clock on 2026-01-15:
it opens on the latest ended quarter in the 8 new communes, and English keeps the period, the
geography and the figures (a picker sends back its label, in the old language)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import Browser, wait_idle
from tests.browser.test_dashboard import _map

CARDS = 6


def _cards(page: Page) -> list[str]:
    values = page.locator('[data-testid="stMetricValue"]')
    values.nth(CARDS - 1).wait_for(timeout=60_000)
    return [v.strip() for v in values.all_inner_texts()]


def _numbers(values: list[str], lang: str) -> list[str]:
    """``6.590`` / ``27,3 %`` (vi) and ``6,590`` / ``27.3 %`` (en) as one spelling."""
    if lang == "vi":
        return [v.replace(".", "").replace(",", ".") for v in values]
    return [v.replace(",", "") for v in values]


def test_fresh_session_opens_on_the_last_ended_quarter_and_english_keeps_it(
    sample_server: str, browser: Browser
) -> None:
    page = browser.page
    page.goto(sample_server)
    _map(page)
    wait_idle(page)
    expect(page.get_by_role("combobox", name="Kỳ", exact=True)).to_have_value("Quý IV/2025")
    expect(page.get_by_role("combobox", name="Loại kỳ")).to_have_value("Quý")
    expect(page.get_by_role("radio", name="8 xã mới (từ 01/7/2025)")).to_be_checked()
    expect(page.get_by_text("Quý IV/2025 · 8 xã mới (từ 01/7/2025)")).to_be_visible()
    expect(page.get_by_role("heading", name="Bản đồ 8 xã mới (từ 01/7/2025)")).to_be_visible()
    vietnamese = _cards(page)
    assert len(vietnamese) == CARDS

    page.get_by_role("combobox", name="Ngôn ngữ / Language").click()
    page.get_by_role("option", name="English").click()
    expect(page.get_by_text("Q4 2025 · 8 new communes (from 1 July 2025)")).to_be_visible(
        timeout=60_000
    )
    wait_idle(page)
    expect(page.get_by_role("combobox", name="Period", exact=True)).to_have_value("Q4 2025")
    expect(page.get_by_role("combobox", name="Period kind")).to_have_value("Quarter")
    expect(page.get_by_role("radio", name="8 new communes (from 1 July 2025)")).to_be_checked()
    assert _numbers(_cards(page), "en") == _numbers(vietnamese, "vi")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.outside_requests == []
