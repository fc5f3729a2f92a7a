"""Login throttle under parallel guesses, a login's cost with a long audit trail, signed-in
browsers (tokens: expiry, rotation, revocation), the password and name rules, and session ids
kept out of the server log."""

from __future__ import annotations

import io
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dashboard import log_redact
from etl.access import audit, sessions, throttle, users
from etl.config import Settings

PASSWORD = "trời xanh mây trắng"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data = Settings.from_env({}, data_dir=tmp_path)
    users.add_user(data, "lan", "admin", PASSWORD)
    return data


def test_forty_parallel_guesses_reach_the_password_check_at_most_three_times(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    verify = users._verify

    def counting(password: str, stored: str) -> bool:
        checked.append(password)
        return verify(password, stored)

    monkeypatch.setattr(users, "_verify", counting)

    def guess(index: int) -> str:
        try:
            users.authenticate(settings, "lan", f"đoán-thử-{index:02d}", source="10.0.0.9")
        except users.LoginRefused as refused:
            return refused.reason
        return "login_ok"

    with ThreadPoolExecutor(max_workers=40) as pool:
        reasons = list(pool.map(guess, range(40)))
    assert len(checked) == 3
    assert sorted(reasons) == ["login_throttled"] * 37 + ["login_wrong"] * 3
    details = audit.read_events(settings)["detail"].tolist()
    assert details.count("throttled") == 37 and details.count("") == 3  # every attempt audited


def test_a_source_is_slowed_across_names(settings: Settings) -> None:
    for index in range(throttle.FREE_FAILURES["source"]):
        with pytest.raises(users.LoginRefused, match="login_wrong"):
            users.authenticate(settings, f"ten{index}", "sai-mat-khau-1", source="10.0.0.7")
    with pytest.raises(users.LoginRefused, match="login_throttled"):
        users.authenticate(settings, "lan", PASSWORD, source="10.0.0.7")
    assert users.authenticate(settings, "lan", PASSWORD, source="10.0.0.8").name == "lan"


def test_good_logins_of_an_office_behind_one_address_are_not_slowed(settings: Settings) -> None:
    """Fifteen colleagues behind one address log in within minutes; a source counts failures."""
    for index in range(15):
        users.add_user(settings, f"can_bo{index}", "viewer", PASSWORD)
    with pytest.raises(users.LoginRefused, match="login_wrong"):
        users.authenticate(settings, "can_bo0", "go-nham-mat-khau", source="10.0.0.5")
    for index in range(15):
        user = users.authenticate(settings, f"can_bo{index}", PASSWORD, source="10.0.0.5")
        assert user.name == f"can_bo{index}"
    assert throttle.wait_seconds(settings, "source", "10.0.0.5") == 0.0
    state = json.loads((settings.data_dir / throttle.THROTTLE_FILE).read_text())
    assert state["source:10.0.0.5"]["failures"] == 1  # the one wrong password stays counted


def test_a_login_never_reads_the_audit_trail(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = json.dumps({"at": "2025-01-01T00:00:00+00:00", "actor": "lan",
                       "action": "login_failed", "target": "", "detail": ""})  # fmt: skip
    (settings.data_dir / audit.AUDIT_FILE).write_text((line + "\n") * 200_000, encoding="utf-8")

    def unreadable(_settings: Settings) -> None:
        raise AssertionError("a login read the audit trail")

    monkeypatch.setattr(audit, "read_events", unreadable)
    start = time.perf_counter()
    assert users.authenticate(settings, "lan", PASSWORD).role == "admin"
    print(f"login with a 200,000-line audit trail: {1000 * (time.perf_counter() - start):.0f} ms")


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("12345678", "ít nhất 10 ký tự"),
        ("matkhau", "ít nhất 10 ký tự"),
        ("matkhau123", "quá phổ biến"),
        ("MatKhau123", "quá phổ biến"),
        ("123456789a", "quá phổ biến"),
        ("chodon2024", "quá phổ biến"),
        ("1234567890", "quá phổ biến"),
        ("qwertyuiop", "quá phổ biến"),
        ("aaaaaaaaaaaa", "một ký tự lặp lại"),
        ("nguyenvanan", "trùng với tên đăng nhập"),
    ],
)
def test_weak_passwords_are_refused_naming_the_rule(
    tmp_path: Path, password: str, rule: str
) -> None:
    data = Settings.from_env({}, data_dir=tmp_path)
    with pytest.raises(users.NotAccepted, match=rule):
        users.add_user(data, "nguyenvanan", "viewer", password)
    assert users.list_users(data) == []


@pytest.mark.parametrize(
    "name", ["![x](http://example.invalid/x.png)", "<b>lan</b>", "lan hoa", "-lan", "a" * 33, ""]
)
def test_login_names_are_restricted(tmp_path: Path, name: str) -> None:
    data = Settings.from_env({}, data_dir=tmp_path)
    with pytest.raises(users.NotAccepted, match="Tên đăng nhập"):
        users.add_user(data, name, "viewer", PASSWORD)


def test_vietnamese_names_are_kept(tmp_path: Path) -> None:
    data = Settings.from_env({}, data_dir=tmp_path)
    decomposed = "Nguyễn.Thị-Hoa_2".replace("ễ", "e\u0302\u0303")
    assert users.add_user(data, decomposed, "viewer", PASSWORD).name == "Nguyễn.Thị-Hoa_2"
    assert users.authenticate(data, decomposed, PASSWORD).name == "Nguyễn.Thị-Hoa_2"


def test_a_token_is_stored_hashed_and_expires(settings: Settings) -> None:
    now = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    token = sessions.start(settings, "lan", "10.0.0.9", now=now)
    text = (settings.data_dir / sessions.SESSIONS_FILE).read_text(encoding="utf-8")
    assert token not in text and sessions.digest(token) in text
    key = sessions.digest(token)
    idle = sessions.digest(sessions.start(settings, "lan", "10.0.0.9", now=now))
    assert sessions.user_of(settings, idle, now + timedelta(minutes=119)) == "lan"
    assert sessions.user_of(settings, idle, now + timedelta(minutes=119 + 120)) is None
    for hour in range(1, 12):  # in use all day, still ends after the absolute lifetime
        assert sessions.user_of(settings, key, now + timedelta(hours=hour)) == "lan"
    assert sessions.user_of(settings, key, now + timedelta(hours=12)) is None
    assert sessions.user_of(settings, sessions.digest("a guessed token"), now) is None


def test_a_new_login_replaces_the_browsers_token_and_removal_ends_all(
    settings: Settings,
) -> None:
    first = sessions.start(settings, "lan", "local")
    second = sessions.start(settings, "lan", "local", replacing=first)
    other = sessions.start(settings, "lan", "10.0.0.5")
    assert sessions.user_of(settings, sessions.digest(first)) is None
    assert sessions.user_of(settings, sessions.digest(second)) == "lan"
    sessions.end(settings, sessions.digest(second))
    assert sessions.user_of(settings, sessions.digest(second)) is None
    users.set_password(settings, "lan", "một mật khẩu mới hẳn")
    assert sessions.user_of(settings, sessions.digest(other)) is None
    again = sessions.start(settings, "lan", "local")
    users.remove_user(settings, "lan")
    assert sessions.user_of(settings, sessions.digest(again)) is None


def test_session_ids_are_redacted_from_streamlits_log() -> None:
    from streamlit.logger import get_logger
    from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

    logger = get_logger("streamlit.runtime.websocket_session_manager")
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    logger.addHandler(handler)
    try:
        log_redact.install()
        session_id = "3f2b8c1e-9a4d-4e7b-8c2f-1a2b3c4d5e6f"
        manager = WebsocketSessionManager.__new__(WebsocketSessionManager)
        manager._log_logged_out_reconnect(session_id)  # Streamlit's own line, with the id
        logger.warning("Session with id %s is already connected! Reconnecting.", session_id)
    finally:
        logger.removeHandler(handler)
    text = output.getvalue()
    assert session_id not in text
    assert text.count(log_redact.REDACTED) == 2
