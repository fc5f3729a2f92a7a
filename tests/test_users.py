from datetime import timedelta
from pathlib import Path

import pytest

from etl.access import audit, users
from etl.cli import main
from etl.config import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env({}, data_dir=tmp_path)


def test_password_is_stored_salted_never_plain(settings: Settings) -> None:
    users.add_user(settings, "lan", "admin", "mật khẩu dài")
    users.add_user(settings, "minh", "viewer", "mật khẩu dài")
    text = (settings.data_dir / users.USERS_FILE).read_text(encoding="utf-8")
    assert "mật khẩu dài" not in text
    hashes = [line for line in text.splitlines() if '"password"' in line]
    assert len(hashes) == 2 and hashes[0] != hashes[1]  # same password, different salt
    assert (settings.data_dir / users.USERS_FILE).stat().st_mode & 0o077 == 0


def test_authenticate_and_audit(settings: Settings) -> None:
    users.add_user(settings, "hoa", "reporter", "xanh lá cây 42", unit_id="vhtt")
    user = users.authenticate(settings, "hoa", "xanh lá cây 42")
    assert user == users.User("hoa", "reporter", "vhtt")
    with pytest.raises(users.LoginRefused) as refused:
        users.authenticate(settings, "hoa", "wrong-password")
    assert refused.value.reason == "login_wrong"
    events = audit.read_events(settings)
    assert events["action"].tolist() == ["login_ok", "login_failed"]
    assert events["actor"].tolist() == ["hoa", "hoa"]


def test_repeated_failures_are_slowed(settings: Settings) -> None:
    users.add_user(settings, "an", "viewer", "xanh lá cây 42")
    for _ in range(3):
        with pytest.raises(users.LoginRefused):
            users.authenticate(settings, "an", "sai-mat-khau")
    assert users.login_wait(settings, "an") > 0
    with pytest.raises(users.LoginRefused) as refused:
        users.authenticate(settings, "an", "xanh lá cây 42")  # right password, still refused
    assert refused.value.reason == "login_throttled"
    later = audit.read_events(settings)["at"].iloc[-1] + timedelta(minutes=16)
    assert users.login_wait(settings, "an", now=later.to_pydatetime()) == 0
    assert audit.read_events(settings)["detail"].tolist() == ["", "", "", "throttled"]


def test_role_rules(settings: Settings) -> None:
    with pytest.raises(ValueError, match="role must be one of"):
        users.add_user(settings, "x", "boss", "xanh lá cây 42")
    with pytest.raises(ValueError, match="unit_id is required"):
        users.add_user(settings, "x", "reporter", "xanh lá cây 42")
    with pytest.raises(ValueError, match="ít nhất 10 ký tự"):
        users.add_user(settings, "x", "viewer", "short")


def test_cli_manages_users(settings: Settings, monkeypatch, capsys) -> None:
    base = ["--data-dir", str(settings.data_dir), "users"]
    monkeypatch.setattr("sys.stdin", _Lines("mật-khẩu-một\n", "mật-khẩu-hai\n"))
    assert main([*base, "add", "thu", "--role", "admin", "--password-stdin"]) == 0
    assert main([*base, "passwd", "thu", "--password-stdin"]) == 0
    assert users.authenticate(settings, "thu", "mật-khẩu-hai").role == "admin"
    assert main([*base, "remove", "thu"]) == 0
    assert main([*base, "remove", "thu"]) == 2
    out = capsys.readouterr()
    assert "Đã tạo tài khoản thu" in out.out
    assert "Không có tài khoản thu" in out.err
    actions = audit.read_events(settings)["action"].tolist()
    assert actions.count("user_change") == 3


class _Lines:
    def __init__(self, *lines: str) -> None:
        self._lines = list(lines)

    def readline(self) -> str:
        return self._lines.pop(0)
