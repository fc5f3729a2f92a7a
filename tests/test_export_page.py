"""The exports page (AppTest, the dashboard's fixture warehouse): a file is made only when its
button is pressed, then offered for download, for the sidebar's period and geography."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard import state
from etl.config import ENV_DB, Settings

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


@pytest.fixture
def app(dashboard_warehouse: Settings, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(ENV_DB, str(dashboard_warehouse.db_path))
    return AppTest.from_file(APP, default_timeout=60)


def test_files_are_made_on_request(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/exports.py").run()
    assert not app.exception
    assert app.title[0].value == "Xuất tệp cho cuộc họp và báo cáo"
    assert [h.value for h in app.subheader] == [
        "Bài trình chiếu (PowerPoint)",
        "Bản đồ in (PNG và PDF)",
        "Bảng số liệu (Excel)",
        "Dự thảo báo cáo năm QĐ 830 (Word)",
    ]
    assert not app.get("download_button")  # nothing made yet
    assert app.session_state[state.PERIOD] == "2024-Q4"
    app.button(key=f"{state.EXPORT_BUILD}_tables").click().run()
    assert not app.exception
    downloads = app.get("download_button")
    assert [d.proto.label for d in downloads] == ["Tải bang-so-lieu_2024-Q4_2020.xlsx"]
    name, data = app.session_state[state.EXPORT_FILES]["tables"][3:]
    assert name == "bang-so-lieu_2024-Q4_2020.xlsx"
    summary = load_workbook(io.BytesIO(data))["Tổng hợp"]
    values = {row[0].value: row[1].value for row in summary.iter_rows(min_row=3)}
    assert values["Số HĐ"] == 2  # the overview page's "Hoạt động" card for 2024-Q4
    app.radio(key=state.GEOGRAPHY).set_value("2025").run()
    assert not app.get("download_button")  # made for the other geography: not offered
