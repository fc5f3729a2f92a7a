"""AppTest of what a fresh session opens on: the latest ended quarter by the clock
(``CHODON_AS_OF``), in that period's geography; the same period and figures after a language
switch; the geography following the period across the 2025 reform; the lock mark."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import state
from etl.access.users import User
from etl.config import ENV_AS_OF, ENV_DB, Settings
from etl.imports.locks import lock_period
from etl.present.format import vn_day
from tests.conftest import DASHBOARD_AS_OF
from tests.test_pages import APP, Q4

NEW_COMMUNES = "8 xã mới (từ 01/7/2025)"
OLD_COMMUNES = "20 xã, thị trấn (2020–2025)"


def _app(settings: Settings, monkeypatch: pytest.MonkeyPatch, today: str) -> AppTest:
    monkeypatch.setenv(ENV_DB, str(settings.db_path))
    monkeypatch.setenv(ENV_AS_OF, today)
    return AppTest.from_file(APP, default_timeout=120)


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _numbers(values: list[str], lang: str) -> list[str]:
    """``6.590`` / ``27,3 %`` (vi) and ``6,590`` / ``27.3 %`` (en) as one spelling."""
    if lang == "vi":
        return [v.replace(".", "").replace(",", ".") for v in values]
    return [v.replace(",", "") for v in values]


@pytest.mark.parametrize(
    ("today", "quarter"),
    [("2025-01-15", "2024-Q4"), ("2024-12-31", "2024-Q3"), ("2024-10-01", "2024-Q3")],
)
def test_a_fresh_session_opens_on_the_latest_ended_quarter_by_the_clock(
    dashboard_warehouse: Settings, monkeypatch: pytest.MonkeyPatch, today: str, quarter: str
) -> None:
    # The warehouse was built on 2025-01-15; on 2024-12-31 (clock set back) Q4 is still running.
    app = _app(dashboard_warehouse, monkeypatch, today)
    app.run()
    assert not app.exception
    assert app.session_state[state.PERIOD_KIND] == "quarter"
    assert app.session_state[state.PERIOD] == quarter
    assert app.session_state[state.GEOGRAPHY] == "2020"  # 2024: the 20 communes


def test_nothing_ended_yet_opens_on_the_running_quarter(
    dashboard_warehouse: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(dashboard_warehouse, monkeypatch, "2024-08-01")
    app.run()
    assert app.session_state[state.PERIOD] == "2024-Q3"


def test_sample_opens_on_the_latest_ended_quarter_in_the_new_communes(
    demo_warehouse: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(demo_warehouse, monkeypatch, "2026-12-04")  # the sample runs to 2026-09
    app.run()
    assert app.selectbox(key=state.PERIOD).value == "2026-Q3"
    assert app.radio(key=state.GEOGRAPHY).value == "2025"
    # (this warehouse was built on 2026-01-15, so it still calls 2026-Q3 open)
    assert app.caption[0].value.startswith(f"Quý III/2026 · {NEW_COMMUNES}")
    assert f"Bản đồ {NEW_COMMUNES}" in [h.value for h in app.subheader]
    app = _app(demo_warehouse, monkeypatch, "2026-09-30")  # Q3 has not ended: Q2
    app.run()
    assert app.selectbox(key=state.PERIOD).value == "2026-Q2"


def test_english_keeps_the_period_geography_and_figures(
    demo_warehouse: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(demo_warehouse, monkeypatch, "2026-01-15")
    app.run()
    assert app.selectbox(key=state.PERIOD).value == "2025-Q4"
    vietnamese = [m.value for m in app.metric]
    assert len(vietnamese) >= 6
    app.selectbox(key=state.LANG).set_value("en").run()
    assert not app.exception
    assert app.selectbox(key=state.PERIOD).value == "2025-Q4"
    assert app.selectbox(key=state.PERIOD_KIND).value == "quarter"
    assert app.radio(key=state.GEOGRAPHY).value == "2025"
    assert app.caption[0].value == "Q4 2025 · 8 new communes (from 1 July 2025)"
    assert _numbers([m.value for m in app.metric], "en") == _numbers(vietnamese, "vi")


def test_the_geography_follows_the_period_across_the_reform(
    demo_warehouse: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(demo_warehouse, monkeypatch, "2026-01-15")
    app.run()
    app.selectbox(key=state.PERIOD).set_value("2025-Q1").run()  # wholly before: the 20
    assert app.radio(key=state.GEOGRAPHY).value == "2020"
    assert app.caption[0].value == f"Quý I/2025 · {OLD_COMMUNES}"
    app.radio(key=state.GEOGRAPHY).set_value("2025").run()  # the user's choice …
    app.selectbox(key=state.PERIOD).set_value("2025-Q2").run()  # … stays on the same side
    assert app.radio(key=state.GEOGRAPHY).value == "2025"
    app.selectbox(key=state.PERIOD).set_value("2025-Q3").run()  # wholly after: the 8
    assert app.radio(key=state.GEOGRAPHY).value == "2025"
    app.selectbox(key=state.PERIOD_KIND).set_value("year").run()
    app.selectbox(key=state.PERIOD).set_value("2024").run()
    assert app.radio(key=state.GEOGRAPHY).value == "2020"
    app.selectbox(key=state.PERIOD).set_value("2025").run()  # spanning: opens on the 8 …
    geography = app.radio(key=state.GEOGRAPHY)
    assert geography.value == "2025"
    assert geography.options == [OLD_COMMUNES, NEW_COMMUNES]  # … and offers the 20
    geography.set_value("2020").run()
    assert app.caption[0].value == f"Năm 2025 · {OLD_COMMUNES}"
    assert len(app.selectbox(key=state.COMMUNE).options) == 21


@pytest.fixture
def locked(dashboard_warehouse: Settings, tmp_path: Path) -> tuple[Settings, str]:
    """A copy of the dashboard's warehouse with 2024-Q3 locked by ``lan``, and the lock's day."""
    data = tmp_path / "data"
    shutil.copytree(dashboard_warehouse.data_dir, data)
    settings = Settings.from_env({}, data_dir=data, as_of=DASHBOARD_AS_OF)
    lock = lock_period(settings, "2024-Q3", by=User("lan", "admin"))
    assert lock is not None
    return settings, vn_day(lock.locked_at)


def test_a_locked_period_is_marked(
    locked: tuple[Settings, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, day = locked
    app = _app(settings, monkeypatch, DASHBOARD_AS_OF)
    app.run()
    assert app.caption[0].value == f"Quý IV/2024 · {OLD_COMMUNES}"  # Q4 is not locked
    assert _metrics(app) == Q4
    app.selectbox(key=state.PERIOD).set_value("2024-Q3").run()
    assert app.caption[0].value == f"Quý III/2024 · {OLD_COMMUNES} · đã khóa ngày {day} · bởi lan"
    app.selectbox(key=state.PERIOD_KIND).set_value("month").run()  # 2024-09: inside the lock
    assert app.caption[0].value.endswith(f"· đã khóa ngày {day} · bởi lan")
    app.selectbox(key=state.PERIOD_KIND).set_value("year").run()  # 2024: one quarter locked
    assert app.caption[0].value == (
        f"Năm 2024 · {OLD_COMMUNES} · một phần đã khóa (Quý III/2024: khóa ngày {day} · bởi lan), "
        "phần còn lại còn thay đổi được"
    )
    app.selectbox(key=state.LANG).set_value("en").run()
    assert app.caption[0].value.startswith("2024 · 20 communes (2020–2025) · partly locked (Q3")
