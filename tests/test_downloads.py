"""Tables leave the dashboard only as the product's own files: Streamlit's CSV export is off,
and every table a user would take away has an .xlsx download written by the one writer, where
a village typed as a formula stays text and counts are numbers.

The warehouse is built from ``tests/fixtures/downloads``: a village list and a report from Xuân
Lạc whose names were typed the way an attacker would (``=HYPERLINK("http://evil","x")``,
``@SUM(1+1)``, ``+84 Nà Pài``, a school ``-Trường…``), and a report row naming a village
``=cmd|' /C calc'!A0`` that matches no place.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from streamlit import config as st_config
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard import state
from etl.access import users
from etl.config import ENV_DATA_DIR, ENV_DB, ENV_REQUIRE_LOGIN, REPO_ROOT, Settings
from etl.geography import places
from etl.imports import journal
from tests.conftest import FIXTURES, make_data_dir
from tests.test_pages_upload import PASSWORD, _login

APP = str(REPO_ROOT / "dashboard" / "app.py")
HOSTILE = FIXTURES / "downloads"
EVIL = '=HYPERLINK("http://evil","x")'
CMD = "=cmd|' /C calc'!A0"
XUAN_LAC = "2020:02023"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A warehouse of the hostile fixtures ("today" 2025-01-15), with a planner and a reporter
    for Xuân Lạc's People's Committee."""
    root = tmp_path_factory.mktemp("downloads")
    made = make_data_dir(root, [HOSTILE / "ubnd_xa_xuan_lac_2024-Q4.csv"])
    settings = Settings.from_env({}, data_dir=made.data_dir, as_of="2025-01-15")
    changes: dict[Path, bytes | None] = {}
    for kind in ("villages", "schools"):
        path = HOSTILE / f"{kind}.csv"
        changes[Path(places.PLACES_DIR) / kind / path.name] = path.read_bytes()
    journal.commit_inputs(settings, changes)
    users.add_user(settings, "mai", "planner", PASSWORD)
    users.add_user(settings, "xuan", "reporter", PASSWORD, unit_id="ubnd_xa:2020:02023")
    return settings


@pytest.fixture
def files(hostile: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """File name → the function a download button would call when clicked (Streamlit keeps
    it for the click; AppTest has no browser to click, so the test calls it)."""
    monkeypatch.setenv(ENV_DATA_DIR, str(hostile.data_dir))
    monkeypatch.setenv(ENV_DB, str(hostile.db_path))
    made: dict[str, Callable[[], bytes]] = {}
    keep = MediaFileManager.add_deferred

    def record(
        self: MediaFileManager,
        data_callable: Callable[[], bytes],
        mimetype: str | None,
        coordinates: str,
        file_name: str | None = None,
        *,
        element_id: str = "",
    ) -> str:
        made[str(file_name)] = data_callable
        return keep(self, data_callable, mimetype, coordinates, file_name, element_id=element_id)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _labels(app: AppTest) -> list[str]:
    return [d.proto.label for d in app.get("download_button")]


def _book(files: dict[str, Callable[[], bytes]], name: str) -> dict[str, Worksheet]:
    data = files[name]()
    book = load_workbook(io.BytesIO(data))
    sheets = {s.title: s for s in book.worksheets}
    for sheet in sheets.values():
        _no_live_formula(sheet)
    return sheets


def _no_live_formula(sheet: Worksheet) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert not cell.value.startswith(FORMULA_START), (cell.coordinate, cell.value)


def _rows(sheet: Worksheet, header: str) -> list[dict[str, Any]]:
    """The rows under the header row (the row whose first cell is ``header``), by header."""
    cells = [[c for c in row] for row in sheet.iter_rows()]
    at = next(i for i, row in enumerate(cells) if row[0].value == header)
    names = [str(c.value) for c in cells[at]]
    return [dict(zip(names, row, strict=True)) for row in cells[at + 1 :] if row[0].value]


def test_the_app_runs_with_streamlits_export_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)  # `make dashboard` starts Streamlit from the repository
    try:
        st_config.get_config_options(force_reparse=True)
        assert st_config.get_option("client.disableDataExport") is True
    finally:
        st_config.get_config_options(force_reparse=True)


def test_the_drill_down_lists_download_with_formulas_as_text(
    files: dict[str, Callable[[], bytes]],
) -> None:
    app = _app().run()
    app.selectbox(key=state.PERIOD).set_value("2024-Q4").run()
    app.selectbox(key=state.COMMUNE).set_value(XUAN_LAC).run()
    assert not app.exception
    assert _labels(app) == [
        "Tải “Thôn trong kỳ” (Excel)",
        "Tải “Trường học trong kỳ” (Excel)",
    ]
    sheet = _book(files, "thon_2020-02023_2024-Q4_2020.xlsx")["Thôn trong kỳ"]
    assert sheet["A1"].value == "Thôn trong kỳ — Quý IV/2024 — 20 xã, thị trấn (2020–2025)"
    rows = {r["Thôn, tổ dân phố"].value: r for r in _rows(sheet, "Thôn, tổ dân phố")}
    assert set(rows) == {"'" + EVIL, "'@SUM(1+1)", "Khuổi Đăm"}
    evil = rows["'" + EVIL]
    assert evil["Thôn, tổ dân phố"].data_type == "s"
    assert evil["Lượt người tham dự"].value == 1035
    assert evil["Lượt người tham dự"].data_type == "n"
    school = _book(files, "truong_2020-02023_2024-Q4_2020.xlsx")["Trường học trong kỳ"]
    (row,) = _rows(school, "Trường")
    assert row["Trường"].value == "'-Trường THCS Xuân Lạc"
    assert (row["Số HĐ"].data_type, row["Số HĐ"].value) == ("n", 0)


def test_the_gaps_workbook_keeps_numbers_as_numbers(files: dict[str, Callable[[], bytes]]) -> None:
    app = _app().run()
    app.selectbox(key=state.PERIOD).set_value("2024-Q4").run()
    app.switch_page("pages/gaps.py").run()
    app.session_state[state.GAPS_SECTION] = "ranked"
    app.run()
    assert not app.exception
    assert _labels(app) == ["Tải danh sách (Excel)"]
    sheets = _book(files, "khoang-trong_2024-Q4_2020.xlsx")
    assert list(sheets) == ["Thôn ưu tiên", "Trường chưa đến", "Đơn vị chưa báo cáo"]
    ranked = _rows(sheets["Thôn ưu tiên"], "Thứ tự")
    names = [r["Thôn, tổ dân phố"].value for r in ranked]
    assert "'+84 Nà Pài" in names
    for row in ranked:
        for column in ("Thứ tự", "Điểm ưu tiên"):
            assert row[column].data_type == "n", (column, row[column].value)
    schools = _rows(sheets["Trường chưa đến"], "Xã, thị trấn")
    assert [r["Số học sinh"].value for r in schools] == [1210]
    reports = _rows(sheets["Đơn vị chưa báo cáo"], "Đơn vị")
    assert len(reports) == 44  # the 45 expected units but Xuân Lạc's People's Committee
    assert {r["Số ngày phải báo cáo"].data_type for r in reports} == {"n"}


@pytest.mark.parametrize(
    ("section", "label", "name", "column", "count"),
    [
        ("matrix", "Xã × đơn vị", "xa-don-vi_2024-Q4_2020.xlsx", "UBND xã", 2),
        ("audiences", "Xã × đối tượng", "xa-doi-tuong_2024-Q4_2020.xlsx", "Cha mẹ", 1),
    ],
)  # fmt: skip
def test_the_gaps_matrices_download_as_counts(
    files: dict[str, Callable[[], bytes]],
    section: str,
    label: str,
    name: str,
    column: str,
    count: int,
) -> None:
    app = _app().run()
    app.selectbox(key=state.PERIOD).set_value("2024-Q4").run()
    app.switch_page("pages/gaps.py").run()
    app.session_state[state.GAPS_SECTION] = section
    app.run()
    assert not app.exception
    assert _labels(app) == [f"Tải “{label}” (Excel)"]
    rows = {r["Xã, thị trấn"].value: r for r in _rows(_book(files, name)[label], "Xã, thị trấn")}
    assert len(rows) == 20
    counted = rows["Xuân Lạc"][column]
    assert (counted.data_type, counted.value) == ("n", count)
    assert rows["Nam Cường"][column].value is None  # nothing there: an empty cell


def test_the_activity_download_holds_every_match_of_the_filters(
    files: dict[str, Callable[[], bytes]],
) -> None:
    app = _app().run()
    app.selectbox(key=state.PERIOD).set_value("2024-Q4").run()
    app.switch_page("pages/activities.py").run()
    app.session_state[state.EXPLORER_PAGE_SIZE] = 25
    app.run()
    assert not app.exception
    assert _labels(app) == ["Tải “Hoạt động” (Excel)"]
    assert len(app.dataframe[0].value) == 2
    rows = _rows(_book(files, "hoat-dong_2024-Q4_2020.xlsx")["Hoạt động"], "Ngày bắt đầu")
    assert len(rows) == 2
    places_named = [r["Thôn / trường"].value for r in rows]
    assert "'" + EVIL in places_named and "'@SUM(1+1)" in places_named
    first = next(r for r in rows if r["Thôn / trường"].value == "'" + EVIL)
    assert (first["Lượt người tham dự"].data_type, first["Lượt người tham dự"].value) == (
        "n",
        1035,
    )
    assert first["Ngày bắt đầu"].is_date
    assert first["Ngày bắt đầu"].number_format == "DD/MM/YYYY"
    app.multiselect(key=state.EXPLORER_TYPES).select("integrated").run()
    rows = _rows(_book(files, "hoat-dong_2024-Q4_2020.xlsx")["Hoạt động"], "Ngày bắt đầu")
    assert [r["Thôn / trường"].value for r in rows] == ["'@SUM(1+1)"]


def test_the_reference_lists_download(files: dict[str, Callable[[], bytes]]) -> None:
    app = _app().run()
    app.switch_page("pages/reference.py").run()
    assert not app.exception
    assert _labels(app) == [
        "Tải “Ranh giới xã” (Excel)",
        "Tải “Thôn, tổ dân phố” (Excel)",
        "Tải “Trường học” (Excel)",
        "Tải “Danh sách đang dùng” (Excel)",
    ]
    shown = app.dataframe[1].value["Thôn, tổ dân phố"].tolist()  # on screen: as typed
    assert sorted(shown) == sorted([EVIL, "@SUM(1+1)", "Khuổi Đăm", "+84 Nà Pài"])
    villages = _rows(_book(files, "danh-sach-thon_2020.xlsx")["Thôn, tổ dân phố"], "Xã, thị trấn")
    households = {r["Thôn, tổ dân phố"].value: r["Số hộ"] for r in villages}
    assert set(households) == {"'" + EVIL, "'@SUM(1+1)", "Khuổi Đăm", "'+84 Nà Pài"}
    evil = households["'" + EVIL]
    assert (evil.data_type, evil.value) == ("n", 1250)
    boundaries = _rows(_book(files, "ranh-gioi_2020.xlsx")["Ranh giới xã"], "Mã xã")
    assert len(boundaries) == 20
    assert {r["Diện tích (km²)"].data_type for r in boundaries} == {"n"}
    imports = _rows(_book(files, "danh-sach-dang-dung.xlsx")["Danh sách đang dùng"], "Danh sách")
    assert sorted(r["Số địa điểm"].value for r in imports) == [1, 4]


def test_the_review_queue_downloads_the_typed_value_as_text(
    files: dict[str, Callable[[], bytes]],
) -> None:
    app = _login(_app().run(), "mai").switch_page("pages/review.py").run()
    assert not app.exception
    assert "Tải “Dòng chờ duyệt tên” (Excel)" in _labels(app)
    (row,) = _rows(_book(files, "dong-cho-duyet.xlsx")["Dòng chờ duyệt tên"], "Mã")
    assert row["Giá trị"].value == "'" + CMD
    assert (row["Dòng"].data_type, row["Dòng"].value) == ("n", 5)


def test_rejected_cells_of_a_checked_upload_download_as_text(
    files: dict[str, Callable[[], bytes]],
) -> None:
    """A clerk's file with a formula typed in the participants column: the check shows the row
    rejected, and its download keeps the cell as text."""
    report = (HOSTILE / "ubnd_xa_xuan_lac_2024-Q4.csv").read_text(encoding="utf-8")
    report = report.replace(',"1.035",', ',"=1+1",')
    app = _app().run().switch_page("pages/upload.py").run()
    _login(app, "xuan").switch_page("pages/upload.py").run()
    app.file_uploader[0].set_value(("xuan_lac.csv", report.encode("utf-8"), "text/csv")).run()
    assert not app.exception
    assert "Tải “Dòng bị loại” (Excel)" in _labels(app)
    rows = _rows(_book(files, "dong-bi-loai.xlsx")["Dòng bị loại"], "Tệp")
    values = {r["Giá trị"].value for r in rows}
    assert "'=1+1" in values
    assert {r["Dòng"].data_type for r in rows} == {"n"}
    checked = _rows(_book(files, "bao-cao-trong-tep.xlsx")["Báo cáo trong tệp"], "Mã")
    assert [(r["Đọc"].value, r["Nạp"].value, r["Loại"].value) for r in checked] == [(3, 0, 3)]
    assert {r["Đọc"].data_type for r in checked} == {"n"}


def test_no_download_reaches_a_viewer_before_login(
    files: dict[str, Callable[[], bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_REQUIRE_LOGIN, "1")
    app = _app().run()
    for page in ("pages/gaps.py", "pages/activities.py", "pages/reference.py"):
        app.switch_page(page).run()
        assert not app.exception
        assert not app.get("download_button"), page
    assert not files
