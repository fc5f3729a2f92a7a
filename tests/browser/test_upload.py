"""The import page in a real browser: a report goes from file to committed submission, and a
name from a file that holds HTML stays inert text."""

from __future__ import annotations

from etl import db
from etl.config import Settings
from tests.browser.conftest import Browser, log_in
from tests.conftest import FIXTURES

REPORT = FIXTURES / "activities" / "vhtt_2024-Q3.csv"
XSS = FIXTURES / "uploads" / "xss_village_2024-Q4.csv"
XSS_NAME = "<img src=x onerror=alert(1)>"
# Counts every alert() and every script error, from before the page's own scripts run.
TRAP = """
window.__fired = [];
window.alert = (m) => window.__fired.push('alert:' + m);
window.addEventListener('error', (e) => window.__fired.push('error:' + e.message), true);
"""


def _open_import_page(browser: Browser, url: str, name: str) -> None:
    """Open the import page from the menu and sign in there. (On the overview, the map's first
    message can rerun the app under a click on the login button, on a fresh server.)"""
    page = browser.page
    page.goto(url)
    page.get_by_role("link", name="Nhập dữ liệu").click()
    page.get_by_text("Trang này cần đăng nhập").wait_for(timeout=60_000)
    log_in(page, name)
    page.get_by_role("tab", name="Gửi báo cáo").wait_for(timeout=30_000)


def test_a_report_goes_from_file_to_committed_submission(
    import_server: tuple[str, Settings], browser: Browser
) -> None:
    url, settings = import_server
    page = browser.page
    _open_import_page(browser, url, "hoa")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(REPORT))
    page.get_by_text("Kết quả kiểm tra (chưa nhập)").wait_for(timeout=60_000)
    page.get_by_text("Tệp vhtt_2024-Q3.csv: sẽ được nhận với mã S0001.").wait_for()
    metrics = page.get_by_test_id("stMetricValue")
    metrics.nth(2).wait_for()
    assert metrics.all_inner_texts() == ["5", "3", "2"]
    assert _submissions(settings) == []  # checked, not yet imported
    page.get_by_role("button", name="Nhập vào kho").click()
    page.get_by_text("Đã nhập. Kho dữ liệu đã được cập nhật.").wait_for(timeout=60_000)
    assert _submissions(settings) == [("S0001", "vhtt", "active", "hoa")]
    page.get_by_role("tab", name="Lịch sử báo cáo").click()
    cells = page.locator('[data-testid="stDataFrame"] td[role="gridcell"]')
    # the first cells: the grid draws only the columns in view, and the sender's is far right
    cells.filter(has_text="S0001").first.wait_for(state="attached", timeout=30_000)
    row = [c.text_content() for c in cells.all()]
    assert row[:4] == ["S0001", "Phòng Văn hóa và Thông tin", "2024-Q3", "đang được tính"]
    assert page.get_by_test_id("stException").count() == 0
    assert browser.outside_requests == []


def test_a_name_holding_html_shows_as_text(
    import_server: tuple[str, Settings], browser: Browser
) -> None:
    url, _ = import_server
    page = browser.page
    page.add_init_script(TRAP)
    _open_import_page(browser, url, "lan")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(XSS))
    page.get_by_text("Kết quả kiểm tra (chưa nhập)").wait_for(timeout=60_000)
    # The village is not in the list, so its row is rejected and the table shows the name.
    cell = page.locator('[data-testid="stDataFrame"] td[role="gridcell"]').filter(
        has_text="onerror"
    )
    cell.first.wait_for(state="attached", timeout=30_000)
    assert cell.first.text_content() == XSS_NAME
    page.wait_for_timeout(1_000)  # give a planted handler time to fire
    assert page.evaluate("window.__fired") == []
    for frame in page.frames:
        assert frame.locator('img[src="x"]').count() == 0
    assert browser.outside_requests == []


def _submissions(settings: Settings) -> list[tuple]:
    con = db.connect(settings, read_only=True)
    try:
        return con.execute(
            "select submission_id, unit_id, status, submitted_by from stg_submissions"
        ).fetchall()
    finally:
        con.close()
