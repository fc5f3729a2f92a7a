"""Streamlit AppTest for every page, against the fixture warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.config import ENV_DB, Settings

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
PAGES = ["pages/overview.py"]


@pytest.fixture
def app(warehouse: Settings, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(ENV_DB, str(warehouse.db_path))
    return AppTest.from_file(APP, default_timeout=30)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app: AppTest, page: str) -> None:
    app.run()
    app.switch_page(page).run()
    assert not app.exception


def test_overview_shows_fixture_totals(app: AppTest) -> None:
    app.run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Xã, thị trấn": "20", "Hoạt động": "4", "Lượt người tham dự": "1.365"}
    assert any("ranh giới minh họa" in c.value for c in app.caption)


def test_english_switch(app: AppTest) -> None:
    app.run()
    app.sidebar.selectbox[0].select("en").run()
    assert not app.exception
    assert app.title[0].value == "Child online protection outreach coverage — Chợ Đồn"
    assert {m.label for m in app.metric} == {"Communes", "Activities", "Participants"}


def test_missing_warehouse_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "none.duckdb"))
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    assert "python -m etl build" in app.error[0].value
