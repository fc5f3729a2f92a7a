"""AppTest of the login box, the import page and the audit page, on a copy of a built data
folder (the page writes: it imports and withdraws)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.markdown import escape
from etl.access import audit, users
from etl.access.users import User
from etl.config import ENV_DATA_DIR, ENV_DB, ENV_REQUIRE_LOGIN, Settings
from tests.conftest import FIXTURES
from tests.test_access import _inputs, _rows
from tests.test_pages import APP
from tests.test_uploads import REFUSED

REPORT = FIXTURES / "activities" / "vhtt_2024-Q3.csv"
PASSWORD = "mật khẩu đủ dài"


@pytest.fixture
def data(fresh_data: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv(ENV_DATA_DIR, str(fresh_data.data_dir))
    monkeypatch.setenv(ENV_DB, str(fresh_data.db_path))
    users.add_user(fresh_data, "hoa", "reporter", PASSWORD, unit_id="vhtt")
    users.add_user(fresh_data, "minh", "viewer", PASSWORD)
    users.add_user(fresh_data, "lan", "admin", PASSWORD)
    return fresh_data


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _login(app: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    app.sidebar.text_input(key="auth_name").input(name)
    app.sidebar.text_input(key="auth_password").input(password)
    next(b for b in app.sidebar.button if b.label == "Đăng nhập").click().run()
    return app


def _table(app: AppTest, *columns: str) -> pd.DataFrame:
    """The first table shown with all of ``columns`` (AppTest does not expose their keys)."""
    return next(d.value for d in app.dataframe if set(columns) <= set(d.value.columns))


def _upload_page(name: str | None) -> AppTest:
    """The import page, signed in as ``name``. (The login comes after a switch: on a rerun of
    the default page, AppTest runs ``pages/overview.py`` without ``app.py`` and its sidebar;
    and the login's ``st.rerun`` lands AppTest on the default page, hence the second switch.)"""
    app = _app().run().switch_page("pages/upload.py").run()
    if name:
        _login(app, name).switch_page("pages/upload.py").run()
    return app


def test_the_import_page_needs_a_reporter_or_an_administrator(data: Settings) -> None:
    app = _upload_page(None)
    assert not app.exception
    assert [i.value for i in app.info][-1] == (
        "Trang này cần đăng nhập (ô Đăng nhập ở thanh bên trái)."
    )
    assert not app.file_uploader
    app = _upload_page("minh")
    assert [w.value for w in app.warning] == ["Tài khoản người xem không dùng được trang này."]
    assert not app.file_uploader


def test_upload_check_commit_history(data: Settings) -> None:
    app = _upload_page("hoa")
    assert app.caption[0].value.startswith(  # the unit's name, not its code (escaped markdown)
        "Tài khoản này báo cáo cho đơn vị\\: Phòng Văn hóa và Thông tin\\."
    )
    app.file_uploader[0].set_value((REPORT.name, REPORT.read_bytes(), "text/csv")).run()
    assert not app.exception
    assert [(m.label, m.value) for m in app.metric] == [
        ("Dòng đọc được", "5"), ("Dòng nạp", "3"), ("Dòng bị loại", "2"),
    ]  # fmt: skip
    assert "Tệp vhtt\\_2024\\-Q3\\.csv\\: sẽ được nhận với mã S0001\\." in [
        m.value for m in app.markdown
    ]
    problems = _table(app, "Tệp", "Lý do")
    assert problems["Dòng"].tolist() == [3, 7]
    assert _rows(data, "select count(*) from stg_submissions") == [(0,)]  # only checked
    app.button(key="upload_commit").click().run()
    assert not app.exception
    assert next(s.value for s in app.success) == "Đã nhập. Kho dữ liệu đã được cập nhật."
    assert _rows(data, "select submission_id, unit_id, submitted_by from stg_submissions") == [
        ("S0001", "vhtt", "hoa")
    ]
    history = _table(app, "Người gửi")
    assert history[["Mã", "Kỳ", "Trạng thái", "Nạp", "Loại", "Người gửi"]].values.tolist() == [
        ["S0001", "2024-Q3", "đang được tính", 3, 2, "hoa"]
    ]


# Streamlit's own picker refuses other types than .xlsx/.csv; 20 MB is its limit too.
@pytest.mark.parametrize(("name", "payload", "reason"), [c for c in REFUSED if ".xlsx" in c[0]])
def test_a_refused_file_says_why_and_changes_nothing(
    data: Settings, name: str, payload: bytes, reason: str
) -> None:
    app = _upload_page("hoa")  # (the login writes its own state files: not inputs)
    before, warehouse = _inputs(data), data.db_path.read_bytes()
    app.file_uploader[0].set_value((name, payload, "application/octet-stream")).run()
    assert not app.exception
    assert app.error[0].value.startswith("Tệp " + escape(name) + " bị từ chối\\:")
    assert not [b for b in app.button if b.key == "upload_commit"]
    assert (_inputs(data), data.db_path.read_bytes()) == (before, warehouse)
    assert audit.read_events(data)["detail"].tolist()[-1] == reason


def test_withdraw_asks_for_confirmation(data: Settings) -> None:
    app = _upload_page("hoa")
    app.file_uploader[0].set_value((REPORT.name, REPORT.read_bytes(), "text/csv")).run()
    app.button(key="upload_commit").click().run()
    app.button(key="withdraw_start").click().run()
    assert [w.value for w in app.warning] == [
        "Rút báo cáo S0001? Báo cáo sẽ không còn được tính \\(vẫn giữ trong lịch sử\\)\\."
    ]
    app.button(key="withdraw_cancel").click().run()
    assert _rows(data, "select status from stg_submissions") == [("active",)]
    app.button(key="withdraw_start").click().run()
    app.button(key="withdraw_confirm").click().run()
    assert not app.exception
    assert _rows(data, "select status from stg_submissions") == [("withdrawn",)]
    assert _table(app, "Người gửi")["Trạng thái"].tolist() == ["đã rút"]
    assert audit.read_events(data)["action"].tolist()[-2:] == ["upload", "withdraw"]


def test_administrators_see_the_audit_trail(data: Settings) -> None:
    app = _upload_page("hoa")
    next(b for b in app.sidebar.button if b.label == "Đăng xuất").click().run()
    _login(app, "lan")
    app.switch_page("pages/audit.py").run()
    assert not app.exception
    app.button(key="audit_refresh").click().run()  # rebuild: the logins reach the warehouse
    trail = _table(app, "Ai", "Việc")
    assert trail[["Ai", "Việc"]].values.tolist() == [["lan", "đăng nhập"], ["hoa", "đăng nhập"]]


def test_the_audit_page_refuses_a_reporter(data: Settings) -> None:
    app = _upload_page("hoa")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/audit.py")  # not in a reporter's menu
    # Reached by its file's URL, the page checks the role itself.
    alone = AppTest.from_file(str(Path(APP).with_name("pages") / "audit.py"))
    alone.session_state[auth.USER] = User("hoa", "reporter", "vhtt")
    alone.run()
    assert [w.value for w in alone.warning] == [
        "Tài khoản người báo cáo không dùng được trang này."
    ]
    assert not alone.dataframe and not alone.exception


def test_failed_logins_are_slowed(data: Settings) -> None:
    app = _upload_page(None)
    for _ in range(3):
        _login(app, "lan", "sai mật khẩu")
    assert app.error[0].value == "Sai tên đăng nhập hoặc mật khẩu."
    _login(app, "lan")  # the right password, too soon
    assert app.error[0].value.startswith("Đăng nhập sai nhiều lần. Vui lòng thử lại sau ")
    assert not app.sidebar.caption or "lan" not in app.sidebar.caption[0].value


def test_viewing_can_require_a_login(data: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_REQUIRE_LOGIN, "1")
    app = _app().run()
    gate = "Cần đăng nhập để xem bảng điều khiển (ô Đăng nhập ở thanh bên trái)."
    assert [i.value for i in app.info] == [gate]
    assert not app.metric
    # A page run without app.py (as a URL naming its file does) stops too: the connection
    # itself is gated.
    alone = AppTest.from_file(str(Path(APP).with_name("pages") / "overview.py")).run()
    assert [i.value for i in alone.info] == [gate]
    assert not alone.metric and not alone.exception
    _login(app, "minh")  # app.py stopped before st.navigation, so the rerun runs app.py
    assert not app.exception
    assert [c.value for c in app.sidebar.caption] == ["Đã đăng nhập: minh (người xem)"]


def _corrected() -> tuple[str, bytes, str]:
    """The report again, its impossible date (31/02) corrected, as the clerk sends it back."""
    text = REPORT.read_text(encoding="utf-8").replace("31/02/2024", "30/09/2024")
    return "vhtt_2024-Q3_sua.csv", text.encode("utf-8"), "text/csv"


def _send_again(data: Settings) -> AppTest:
    """Signed in as the unit's reporter: the report imported, then the corrected one checked."""
    app = _upload_page("hoa")
    app.file_uploader[0].set_value((REPORT.name, REPORT.read_bytes(), "text/csv")).run()
    app.button(key="upload_commit").click().run()
    app.file_uploader[0].set_value(_corrected()).run()
    assert not app.exception
    return app


@pytest.mark.parametrize(
    ("mode", "statuses", "counted"),
    [
        ("add", [("S0001", "active", "replace"), ("S0002", "active", "add")], 5),
        ("replace", [("S0001", "superseded", "replace"), ("S0002", "active", "replace")], 5),
    ],
)
def test_a_second_report_asks_replace_or_add(
    data: Settings, mode: str, statuses: list[tuple], counted: int
) -> None:
    app = _send_again(data)
    assert [w.value for w in app.warning] == [
        "Tệp vhtt\\_2024\\-Q3\\_sua\\.csv\\: Phòng Văn hóa và Thông tin đã có báo cáo kỳ "
        "2024\\-Q3 đang được tính \\(S0001\\: 3 dòng\\)\\."
    ]
    choice = app.radio(key="upload_mode")
    assert choice.value is None
    assert choice.options == ["Thay thế báo cáo trước", "Bổ sung vào báo cáo trước"]
    assert app.button(key="upload_commit").disabled  # nothing is imported before a choice
    assert _rows(data, "select count(*) from stg_submissions") == [(1,)]
    choice.set_value(mode).run()
    assert not app.button(key="upload_commit").disabled
    app.button(key="upload_commit").click().run()
    assert not app.exception
    assert next(s.value for s in app.success) == "Đã nhập. Kho dữ liệu đã được cập nhật."
    assert _rows(data, "select submission_id, status, mode from stg_submissions "
                       "order by 1") == statuses  # fmt: skip
    assert _rows(data, "select count(*) from stg_activities") == [(counted - 1,)]
    said = [m.value for m in app.markdown]
    if mode == "add":
        assert (
            "Bổ sung vào báo cáo S0001\\: các dòng đã tính của báo cáo đó vẫn được tính\\. 3 dòng "
            "giống hệt dòng đã tính của báo cáo trước\\: không tính hai lần\\."
        ) in said
    else:
        assert "Thay thế báo cáo S0001 \\(bản cũ giữ trong lịch sử, không tính nữa\\)\\." in said
        replaced = _table(app, "Báo cáo cũ", "Dòng cũ")
        assert replaced[["Báo cáo cũ", "Dòng cũ", "Dòng giống hệt trong tệp mới"]].values.tolist(
        ) == [["S0001", 4, 4], ["S0001", 5, 5], ["S0001", 6, 6]]  # fmt: skip
    assert "upload_mode" not in [r.key for r in app.radio]  # the next file starts afresh
    history = _table(app, "Người gửi")  # the unit sees what its second report did
    assert history[["Mã", "Trạng thái", "Thay thế / bổ sung"]].sort_values(
        "Mã"
    ).values.tolist() == [
        ["S0001", "đang được tính" if mode == "add" else "đã được thay thế", ""],
        ["S0002", "đang được tính", "bổ sung vào S0001" if mode == "add" else "thay thế S0001"],
    ]


EVERY_PAGE = ["pages/overview.py", "pages/gaps.py", "pages/activities.py", "pages/exports.py",
              "pages/reference.py", "pages/upload.py"]  # fmt: skip


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_a_login_works_from_every_page(data: Settings, page: str) -> None:
    app = _app().run().switch_page(page).run()
    _login(app, "lan")
    assert not app.exception
    assert [c.value for c in app.sidebar.caption] == ["Đã đăng nhập: lan (quản trị viên)"]
    app.switch_page("pages/audit.py").run()  # in an administrator's menu now
    assert not app.exception and _table(app, "Ai", "Việc") is not None


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_a_refused_login_says_why_on_every_page(data: Settings, page: str) -> None:
    app = _app().run().switch_page(page).run()
    _login(app, "lan", "không phải mật khẩu")
    assert [e.value for e in app.sidebar.error] == ["Sai tên đăng nhập hoặc mật khẩu."]
    _login(app, "", "")
    assert [e.value for e in app.sidebar.error] == ["Hãy nhập tên đăng nhập."]


def test_a_name_is_shown_as_text(data: Settings) -> None:
    users.add_user(data, "hoa_2.b", "viewer", PASSWORD)
    app = _login(_app().run(), "hoa_2.b")
    assert [c.value for c in app.sidebar.caption] == ["Đã đăng nhập: hoa\\_2\\.b (người xem)"]
