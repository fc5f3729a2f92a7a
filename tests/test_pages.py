"""Streamlit AppTest for every page, against the dashboard's fixture warehouse
(``dashboard_warehouse``: 2024-Q3 Nam Cường report, 2024-Q4 Xuân Lạc report, today 2025-01-15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import state
from etl.config import ENV_DB, Settings

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
PAGES = ["pages/overview.py", "pages/gaps.py", "pages/activities.py", "pages/reference.py"]
Q4 = {
    "Thôn được đến trực tiếp": "14,3 %",
    "Trường học có hoạt động (bất kỳ)": "33,3 %",
    "Hoạt động": "2",
    "Lượt người tham dự": "1.055",
    "Lượt trẻ em được tiếp cận": "980",
    "Đơn vị báo cáo đủ kỳ": "1/45",  # 5 district units, 20 People's Committees, 20 commune police
}


@pytest.fixture
def app(dashboard_warehouse: Settings, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(ENV_DB, str(dashboard_warehouse.db_path))
    return AppTest.from_file(APP, default_timeout=60)


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _trend_charts(app: AppTest) -> list[str]:
    """The overview's trend charts: SVG in the page (``dashboard.trend_chart``)."""
    return [m.value for m in app.markdown if m.value.startswith("<svg")]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app: AppTest, page: str) -> None:
    app.run()
    app.switch_page(page).run()
    assert not app.exception
    assert app.title[0].value


def test_sidebar_offers_the_communes_of_the_geography(app: AppTest) -> None:
    app.run()
    communes = app.selectbox(key=state.COMMUNE)
    assert len(communes.options) == 21
    assert communes.options[:4] == [
        "Toàn địa bàn Chợ Đồn",
        "Thị trấn Bằng Lũng",
        "Xã Xuân Lạc",
        "Xã Nam Cường",
    ]
    app.radio(key=state.GEOGRAPHY).set_value("2025").run()
    assert app.selectbox(key=state.COMMUNE).options == [
        "Toàn địa bàn Chợ Đồn",
        "Xã Đồng Phúc",
        "Xã Bạch Thông",
        "Xã Chợ Đồn",
        "Xã Nam Cường",
        "Xã Quảng Bạch",
        "Xã Yên Thịnh",
        "Xã Nghĩa Tá",
        "Xã Yên Phong",
    ]


def test_overview_opens_on_the_last_finished_quarter(app: AppTest) -> None:
    app.run()
    assert app.selectbox(key=state.PERIOD).value == "2024-Q4"
    assert app.selectbox(key=state.PERIOD).options == ["Quý III/2024", "Quý IV/2024"]
    assert _metrics(app) == Q4
    assert app.caption[0].value == "Quý IV/2024 · 20 xã, thị trấn (2020–2025)"
    (trend,) = _trend_charts(app)
    assert "Quý IV/2024" in trend  # the chosen period is marked on the trend


def test_changing_the_period_changes_the_kpis(app: AppTest) -> None:
    app.run()
    app.selectbox(key=state.PERIOD).set_value("2024-Q3").run()
    assert _metrics(app) == {
        "Thôn được đến trực tiếp": "16,7 %",
        "Trường học có hoạt động (bất kỳ)": "33,3 %",
        "Hoạt động": "3",
        "Lượt người tham dự": "160",
        "Lượt trẻ em được tiếp cận": "150",
        "Đơn vị báo cáo đủ kỳ": "1/45",  # 5 district units, 20 People's Committees, 20 police
    }


def test_comparison_gives_the_change_and_both_periods(app: AppTest) -> None:
    app.run()
    app.selectbox(key=state.COMPARE).set_value("2024-Q3").run()
    deltas = {m.label: m.delta for m in app.metric}
    assert deltas["Thôn được đến trực tiếp"] == "-2,4 điểm %"
    assert deltas["Hoạt động"] == "-1"
    assert deltas["Lượt người tham dự"] == "+895"
    headings = [h.value for h in app.subheader]
    assert "So sánh hai kỳ: Quý IV/2024 và Quý III/2024" in headings


def test_another_period_kind_keeps_the_moment(app: AppTest) -> None:
    app.run()
    app.selectbox(key=state.PERIOD_KIND).set_value("month").run()
    assert app.selectbox(key=state.PERIOD).value == "2024-12"
    assert _metrics(app)["Hoạt động"] == "0"
    app.selectbox(key=state.PERIOD_KIND).set_value("school_year").run()
    assert app.selectbox(key=state.PERIOD).value == "2024-2025"


def test_choosing_a_commune_drills_down(app: AppTest) -> None:
    app.run()
    app.selectbox(key=state.PERIOD).set_value("2024-Q3").run()
    app.selectbox(key=state.COMMUNE).set_value("2020:02026").run()
    metrics = _metrics(app)
    assert metrics["Thôn được đến trực tiếp"] == "33,3 %"
    assert metrics["Hoạt động"] == "3"
    assert metrics["Đơn vị báo cáo đủ kỳ"] == "1/2"  # its People's Committee and its police
    villages, schools = app.dataframe[0].value, app.dataframe[1].value
    assert villages["Thôn, tổ dân phố"].tolist() == ["Bản Cuôn", "Khuổi Tục", "Nà Pài"]
    assert villages["Trạng thái"].tolist() == [
        "Chỉ gián tiếp (loa, tờ rơi)",
        "Chỉ gián tiếp (loa, tờ rơi)",
        "Đã đến trực tiếp",
    ]
    assert villages["Vị trí gần đúng"].tolist() == ["có", "", ""]
    assert schools["Trạng thái"].tolist() == ["Đã có hoạt động"]
    app.button[0].click().run()  # back to the whole area
    assert app.selectbox(key=state.COMMUNE).value == ""


def test_english_switch(app: AppTest) -> None:
    app.run()
    app.selectbox(key=state.LANG).set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Child online protection outreach coverage — Chợ Đồn"
    assert _metrics(app)["Participants (contacts)"] == "1,055"
    assert app.selectbox(key=state.PERIOD).options == ["Q3 2024", "Q4 2024"]


def test_gaps_ranks_villages_and_exports_them(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/gaps.py").run()
    assert app.session_state[state.GAPS_SECTION] == "map"
    assert not app.dataframe  # the map section: no commune chosen, no table
    app.session_state[state.GAPS_SECTION] = "ranked"
    app.run()
    ranked = app.dataframe[0].value
    assert ranked["Thứ tự"].tolist() == ["1", "1", "3", "4", "5", "6"]
    assert ranked["Thôn, tổ dân phố"].tolist() == [
        "Tổ 3",
        "Tổ 9",
        "<img src=x onerror=alert(1)>",
        "Bản Cuôn",
        "Khuổi Tục",
        "Nà Pài",
    ]
    assert ranked["Trạng thái"].tolist()[2] == "Chưa đến (xã đã báo cáo)"
    assert ranked["Điểm ưu tiên"].tolist()[2] == "97,5"
    assert len(app.dataframe[1].value) == 2  # schools without an activity in 2024-Q4
    reports = app.dataframe[2].value
    assert len(reports) == 44  # the 45 expected units but the one that reported
    download = app.get("download_button")[0].proto
    assert download.label == "Tải danh sách (Excel)"
    app.session_state[state.GAPS_SECTION] = "matrix"
    app.run()
    assert len(app.get("plotly_chart")) == 1
    assert app.subheader[0].value == "Xã × đơn vị: ai còn vắng ở đâu — 20 xã, thị trấn (2020–2025)"


def test_activities_are_filtered_and_paged(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/activities.py").run()
    table = app.dataframe[0].value
    assert table["Ngày bắt đầu"].tolist() == ["20/11/2024", "15/10/2024"]
    assert table["Đối tượng"].tolist() == ["Trẻ em, học sinh", "Cha mẹ, người chăm sóc trẻ"]
    app.multiselect(key=state.EXPLORER_TYPES).select("integrated").run()
    assert app.dataframe[0].value["Ngày bắt đầu"].tolist() == ["15/10/2024"]
    app.multiselect(key=state.EXPLORER_SCOPES).select("online").run()
    assert app.info[-1].value == "Không có hoạt động nào khớp với bộ lọc."


def test_reference_lists_places_with_approximate_points(app: AppTest) -> None:
    app.run()
    app.switch_page("pages/reference.py").run()
    boundaries, villages, schools, imports = (d.value for d in app.dataframe)
    assert len(boundaries) == 20
    assert set(boundaries["Nguồn ranh giới"]) == {"ranh giới minh họa / schematic"}
    assert len(villages) == 7
    assert villages["Vị trí gần đúng"].tolist().count("có") == 3
    assert len(schools) == 3
    assert imports["Tệp nguồn"].tolist() == ["villages.csv", "schools.csv"]
    assert app.markdown[0].value == "**7** thôn, tổ dân phố · **3** vị trí gần đúng"
    app.radio(key=state.GEOGRAPHY).set_value("2025").run()
    assert len(app.dataframe[0].value) == 8


def test_presentation_mode_shows_one_figure_at_a_time(app: AppTest) -> None:
    app.run()
    app.toggle(key=state.PRESENT).set_value(True).run()
    assert len(app.metric) == 6
    assert not _trend_charts(app)
    app.session_state[state.SLIDE] = "trend"
    app.run()
    assert not app.metric
    assert len(_trend_charts(app)) == 1
    app.button[0].click().run()  # leave
    assert app.toggle(key=state.PRESENT).value is False


def test_missing_warehouse_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "none.duckdb"))
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    assert "python -m etl build" in app.error[0].value
