"""The name review page in a real browser: a planner places a waiting row's village, and the
village's coverage figure changes without the file being sent again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from etl.access import users
from etl.config import Settings
from etl.imports.activities import import_reports
from tests.browser.conftest import BROWSER_PASSWORD, Browser, _serve, log_in, wait_idle
from tests.test_name_choices import Q4, _state

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.fixture
def review_server(places_template: Settings, tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    """(base URL, settings) of a dashboard over a copy of ``places_template`` holding one
    report with a row waiting for its village, and the planner login ``mai``."""
    settings = Settings.from_env({}, data_dir=tmp_path / "data")
    shutil.copytree(places_template.data_dir, settings.data_dir)
    users.add_user(settings, "mai", "planner", BROWSER_PASSWORD)
    import_reports(settings, [Q4])
    for url in _serve(settings, CHODON_DATA_DIR=str(settings.data_dir)):
        yield url, settings


def test_a_planner_places_a_waiting_village(
    review_server: tuple[str, Settings], browser: Browser
) -> None:
    url, settings = review_server
    page = browser.page
    page.goto(url)
    before = _headline(page)  # the overview's headline figures: Q4 2024, the broadcast only
    # sign in on a page that asks for it (the overview's map may rerun the app under a click)
    page.get_by_role("link", name="Nhập dữ liệu").click()
    page.get_by_text("Trang này cần đăng nhập").wait_for(timeout=60_000)
    log_in(page, "mai")
    page.get_by_role("link", name="Duyệt tên").click()
    page.get_by_role("heading", name="Duyệt tên").wait_for(timeout=60_000)
    cells = page.locator('[data-testid="stDataFrame"] td[role="gridcell"]')
    cells.filter(has_text="Thôn Nà Ngầm").first.wait_for(state="attached", timeout=30_000)
    assert _state(settings, "2024-Q4") == ("indirect", 0, None)
    wait_idle(page)

    page.get_by_role("button", name="Chọn nơi này").click()

    page.get_by_text("Dòng đã được tính.").wait_for(timeout=60_000)
    page.get_by_text("Không có dòng nào chờ duyệt tên.").wait_for(timeout=30_000)
    assert _state(settings, "2024-Q4") == ("reached", 1, 45)
    cells.filter(has_text="đang dùng").first.wait_for(state="attached", timeout=30_000)
    page.goto(url)  # a new session: the overview's default period, 2024-Q4
    after = _headline(page)
    assert (before["Thôn được đến trực tiếp"], before["Hoạt động"]) == ("0,0 %", "1")
    assert (after["Thôn được đến trực tiếp"], after["Hoạt động"]) == ("16,7 %", "2")
    assert page.get_by_test_id("stException").count() == 0
    assert browser.outside_requests == []


def _headline(page: Page) -> dict[str, str]:
    """The overview's headline figures (label → value), once drawn."""
    cards = page.get_by_test_id("stMetric")
    cards.first.wait_for(timeout=60_000)
    wait_idle(page)
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    return dict(zip(labels, values, strict=True))
