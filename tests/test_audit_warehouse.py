"""The audit trail in the warehouse: raw → stg → mart ``audit_log``, as of the build."""

from datetime import UTC, datetime

import pytest

from etl import pipeline
from etl.access import audit, users
from etl.config import Settings
from tests.test_access import _rows


def test_events_reach_the_audit_mart(fresh_data: Settings) -> None:
    users.add_user(fresh_data, "lan", "admin", "mật khẩu dài")
    users.authenticate(fresh_data, "lan", "mật khẩu dài")
    with pytest.raises(users.LoginRefused):
        users.authenticate(fresh_data, "lan", "sai mật khẩu")
    audit.record(fresh_data, "lan", "reference_change", "villages", "import villages.csv")
    pipeline.build(fresh_data)
    rows = _rows(fresh_data, "select event_no, actor, action, target, detail from audit_log")
    assert rows == [
        (1, "lan", "login_ok", "", ""),
        (2, "lan", "login_failed", "", ""),
        (3, "lan", "reference_change", "villages", "import villages.csv"),
    ]
    (first,) = _rows(fresh_data, "select epoch(event_at) from audit_log where event_no = 1")
    assert abs(first[0] - datetime.now(UTC).timestamp()) < 120


def test_a_torn_line_is_skipped_and_never_glued_to_the_next(fresh_data: Settings) -> None:
    audit.record(fresh_data, "lan", "lock", "2024-Q3")
    with (fresh_data.data_dir / audit.AUDIT_FILE).open("a", encoding="utf-8") as handle:
        handle.write('{"at": "2024-10-0')  # a crash in the middle of a line
    audit.record(fresh_data, "lan", "unlock", "2024-Q3")
    assert audit.read_events(fresh_data)["action"].tolist() == ["lock", "unlock"]
    pipeline.build(fresh_data)
    assert _rows(fresh_data, "select action from audit_log order by event_no") == [
        ("lock",), ("unlock",)
    ]  # fmt: skip


def test_the_audit_file_is_private(fresh_data: Settings) -> None:
    audit.record(fresh_data, "lan", "lock", "2024-Q3")
    assert (fresh_data.data_dir / audit.AUDIT_FILE).stat().st_mode & 0o077 == 0


def test_an_empty_trail_builds(fresh_data: Settings) -> None:
    pipeline.build(fresh_data)
    assert _rows(fresh_data, "select count(*) from audit_log") == [(0,)]
    assert _rows(fresh_data, "select count(*) from submission_history") == [(0,)]


def test_reference_data_changes_are_audited(fresh_data: Settings) -> None:
    from etl.cli import main
    from tests.conftest import FIXTURES

    folder = ["--data-dir", str(fresh_data.data_dir)]
    villages = FIXTURES / "places" / "villages_cho_don.csv"
    assert main([*folder, "villages", "import", str(villages)]) == 0
    assert main([*folder, "boundaries", "reset"]) == 0
    events = audit.read_events(fresh_data)[["actor", "action", "target", "detail"]]
    assert events.values.tolist() == [
        ["cli", "reference_change", "villages", "import villages_cho_don.csv: 7"],
        ["cli", "reference_change", "boundaries", "reset"],
    ]
