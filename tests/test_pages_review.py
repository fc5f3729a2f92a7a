"""AppTest of the name review page ("Duyệt tên"): who sees it, a waiting row resolved by
choosing a suggestion (the village's coverage changes, the unit's history says why), a choice
revoked, a row waiting on its commune's name."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from etl.access import audit, users
from etl.config import ENV_DATA_DIR, ENV_DB, Settings
from etl.imports.activities import import_reports
from tests.test_name_choices import Q4, VHTT_Q4, _state
from tests.test_pages_upload import PASSWORD, _app, _login, _table

NGHIA_TA = "ubnd_xa:2020:02071"


@pytest.fixture
def data(fresh_data: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv(ENV_DATA_DIR, str(fresh_data.data_dir))
    monkeypatch.setenv(ENV_DB, str(fresh_data.db_path))
    users.add_user(fresh_data, "mai", "planner", PASSWORD)
    users.add_user(fresh_data, "minh", "viewer", PASSWORD)
    users.add_user(fresh_data, "nga", "reporter", PASSWORD, unit_id=NGHIA_TA)
    import_reports(fresh_data, [Q4])
    return fresh_data


def _review_page(name: str) -> AppTest:
    """The review page signed in as ``name``: the page is registered only once a planner or
    an administrator is signed in (see ``tests.test_pages_upload._upload_page``)."""
    app = _login(_app().run(), name)
    return app.switch_page("pages/review.py").run()


def test_only_planners_and_admins_have_the_page(data: Settings) -> None:
    for name in ("minh", "nga"):  # a viewer, a reporter: not in their navigation
        app = _login(_app().run(), name)
        assert not app.exception
        with pytest.raises(ValueError, match=r"review\.py"):
            app.switch_page("pages/review.py")


def test_a_planner_resolves_a_waiting_row_and_revokes_it(data: Settings) -> None:
    app = _review_page("mai")
    assert not app.exception
    waiting = _table(app, "Gợi ý")
    assert waiting[["Mã", "Dòng", "Giá trị", "Gợi ý"]].values.tolist() == [
        ["S0001", 3, "Thôn Nà Ngầm", "Thôn Nà Ngần"]
    ]
    assert app.selectbox(key="review_place").options == ["Thôn Nà Ngần (gợi ý)"]
    assert _state(data, "2024-Q4") == ("indirect", 0, None)

    app.button(key="review_choose").click().run()

    assert not app.exception
    assert [s.value for s in app.success] == [
        "Đã hiểu “Thôn Nà Ngầm” là “Thôn Nà Ngần”\\. Dòng đã được tính\\."
    ]
    assert app.info[-1].value == "Không có dòng nào chờ duyệt tên."
    assert _state(data, "2024-Q4") == ("reached", 1, 45)
    choices = _table(app, "Mã lựa chọn")
    assert choices[["Mã lựa chọn", "Tên đã ghi", "Nơi được chọn", "Người chọn", "Trạng thái"]
                   ].values.tolist() == [
        ["N0001", "Thôn Nà Ngầm", "Thôn Nà Ngần", "mai", "đang dùng"]
    ]  # fmt: skip
    events = audit.read_events(data)
    assert list(events.loc[events["action"] == "name_choose", "actor"]) == ["mai"]

    app.button(key="review_revoke").click().run()

    assert not app.exception
    assert _state(data, "2024-Q4") == ("indirect", 0, None)
    assert _table(app, "Gợi ý")["Mã"].tolist() == ["S0001"]
    assert _table(app, "Mã lựa chọn")["Trạng thái"].tolist() == ["đã thu hồi"]


def test_the_unit_sees_the_choice_in_its_history(data: Settings) -> None:
    app = _review_page("mai")
    app.button(key="review_choose").click().run()
    app = _login(_app().run(), "nga").switch_page("pages/upload.py").run()
    assert not app.exception
    history = _table(app, "Người gửi")
    assert history[["Mã", "Nạp", "Loại"]].values.tolist() == [["S0001", 2, 0]]
    problems = _table(app, "Lý do")
    assert problems[["Dòng", "Giá trị", "Lý do"]].values.tolist() == [
        [3, "Thôn Nà Ngầm", "Đã hiểu “Thôn Nà Ngầm” là “Thôn Nà Ngần” theo lựa chọn của người "
         f"duyệt mai ngày {date.today():%d/%m/%Y}."]
    ]  # fmt: skip


def test_a_row_waiting_on_its_commune_is_placed_there(data: Settings) -> None:
    import_reports(data, [VHTT_Q4])  # "Ngĩa Tá" for Xã Nghĩa Tá, on rows 3 and 4
    app = _review_page("mai")
    assert not app.exception
    waiting = _table(app, "Gợi ý")
    assert waiting[["Mã", "Dòng", "Loại tên", "Giá trị", "Gợi ý"]].values.tolist() == [
        ["S0001", 3, "Thôn, tổ dân phố", "Thôn Nà Ngầm", "Thôn Nà Ngần"],
        ["S0002", 3, "Xã, thị trấn", "Ngĩa Tá", "Xã Nghĩa Tá"],
        ["S0002", 4, "Xã, thị trấn", "Ngĩa Tá", "Xã Nghĩa Tá"],
    ]
    rows = app.selectbox(key="review_row")
    assert rows.options[1] == "S0002 · dòng 3 · Xã, thị trấn “Ngĩa Tá” (—)"
    rows.set_value(1).run()  # the value is the row's place in the queue
    places = app.selectbox(key="review_place")
    assert places.options[:2] == ["Xã Nghĩa Tá (gợi ý)", "Thị trấn Bằng Lũng"]
    assert len(places.options) == 20

    app.button(key="review_choose").click().run()

    assert not app.exception
    assert [s.value for s in app.success] == [
        "Đã hiểu “Ngĩa Tá” là “Xã Nghĩa Tá”\\. Dòng đã được tính\\."
    ]
    # row 4 is in Nghĩa Tá now, and waits on its village's spelling like row 3 of S0001
    assert _table(app, "Gợi ý")[["Mã", "Dòng", "Loại tên"]].values.tolist() == [
        ["S0001", 3, "Thôn, tổ dân phố"],
        ["S0002", 4, "Thôn, tổ dân phố"],
    ]
    assert _table(app, "Mã lựa chọn")[["Loại tên", "Tên đã ghi", "Nơi được chọn"]
                                      ].values.tolist() == [
        ["Xã, thị trấn", "Ngĩa Tá", "Xã Nghĩa Tá"]
    ]  # fmt: skip
