"""In a real browser, on the dashboard's fixture warehouse: a table's toolbar offers no
"Download as CSV" (Streamlit's export is off in ``.streamlit/config.toml``; with it on, the
same hover shows the button), and the product's own download gives an .xlsx, made on click,
whose counts are numbers."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from etl.config import Settings
from tests.browser.conftest import Browser, _serve, wait_idle

CSV_BUTTON = '[data-testid="stElementToolbar"] button[aria-label="Download as CSV"]'


@pytest.fixture
def export_on_server(dashboard_warehouse: Settings) -> Iterator[str]:
    """The same app with Streamlit's export switched back on (what every table had before)."""
    yield from _serve(dashboard_warehouse, STREAMLIT_CLIENT_DISABLE_DATA_EXPORT="false")


def _hover_boundary_table(page: Page, server: str) -> None:
    """Open the reference page and hover its first table (the commune boundaries)."""
    page.goto(server)
    page.get_by_role("link", name="Dữ liệu nền").click()
    wait_idle(page)
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    table.wait_for(timeout=30_000)
    table.hover()
    expect(page.locator('[data-testid="stElementToolbar"]').filter(visible=True)).not_to_have_count(
        0, timeout=10_000
    )


def test_no_csv_download_in_a_tables_toolbar(server: str, browser: Browser) -> None:
    page = browser.page
    _hover_boundary_table(page, server)
    assert page.locator(CSV_BUTTON).count() == 0
    expect(page.get_by_role("button", name="Tải “Ranh giới xã” (Excel)")).to_be_visible()
    assert browser.outside_requests == []


def test_with_the_export_on_the_toolbar_offered_csv(
    export_on_server: str, browser: Browser
) -> None:
    page = browser.page
    _hover_boundary_table(page, export_on_server)
    expect(page.locator(CSV_BUTTON).filter(visible=True).first).to_be_visible(timeout=10_000)
    assert browser.outside_requests == []


def test_the_activity_download_is_made_on_click(server: str, browser: Browser) -> None:
    """The explorer's file is made on the click, on a thread of Streamlit's own that reads the
    warehouse on its own connection: it holds every activity of the quarter, counts as numbers."""
    page = browser.page
    page.goto(server)
    page.get_by_role("link", name="Hoạt động").click()
    wait_idle(page)
    button = page.get_by_role("button", name="Tải “Hoạt động” (Excel)")
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=30_000) as made:
        button.click()
    download = made.value
    assert download.suggested_filename == "hoat-dong_2024-Q4_2020.xlsx"
    path = download.path()
    sheet = load_workbook(io.BytesIO(path.read_bytes()))["Hoạt động"]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[1]][:2] == ["Ngày bắt đầu", "Đơn vị chủ trì"]
    participants = [row[7] for row in rows[2:]]
    assert [(c.data_type, c.value) for c in participants] == [("n", 1020), ("n", 35)]
    assert all(c.data_type != "f" for row in rows for c in row)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.outside_requests == []
