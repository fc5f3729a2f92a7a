"""Who may do what, enforced in the ETL layer: a reporter's own unit, viewers, withdrawals.

Each refusal leaves the warehouse byte for byte as it was, and is in the audit trail.
"""

from pathlib import Path

import pytest

from etl import db
from etl.access import audit
from etl.access.roles import Refused
from etl.access.users import User
from etl.config import Settings
from etl.imports.activities import import_reports, withdraw
from tests.conftest import FIXTURES

MIXED = FIXTURES / "uploads" / "gddt_mixed_units_2024-Q4.csv"
VHTT = FIXTURES / "activities" / "vhtt_2024-Q3.csv"
GDDT = User("thu", "reporter", "gddt")
VHTT_CLERK = User("hoa", "reporter", "vhtt")
VIEWER = User("minh", "viewer")
ADMIN = User("lan", "admin")


def _rows(settings: Settings, sql: str) -> list[tuple]:
    con = db.connect(settings, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _inputs(settings: Settings) -> dict[str, bytes]:
    """The data folder (without the audit trail and the lock file) and the warehouse."""
    return {
        str(p.relative_to(settings.data_dir)): p.read_bytes()
        for p in sorted(settings.data_dir.rglob("*"))
        if p.is_file() and p.name not in (".writer.lock", audit.AUDIT_FILE)
    }


def test_a_reporters_file_keeps_only_their_units_rows(fresh_data: Settings) -> None:
    outcome = import_reports(fresh_data, [MIXED], by=GDDT)
    assert outcome.con is not None
    outcome.con.close()
    assert _rows(fresh_data, "select submission_id, unit_id, period, rows_read, rows_loaded, "
                 "rows_rejected, submitted_by from stg_submissions") == [
        ("S0001", "gddt", "2024-Q4", 4, 2, 2, "thu"),
    ]  # fmt: skip
    # Row 3 is led by Đoàn Thanh niên (a mass organisation): any unit's report may carry it.
    assert _rows(fresh_data, "select source_row, lead_unit_id from stg_activities "
                 "order by source_row") == [(3, "gddt"), (5, "doan_the")]  # fmt: skip
    assert _rows(fresh_data, "select source_row, column_name, value, reason_vi "
                 "from stg_rejected_rows order by source_row") == [
        (4, "Đơn vị chủ trì", "Phòng VH&TT",
         "Dòng của đơn vị khác (“Phòng VH&TT”): tài khoản này chỉ được báo cáo cho Phòng Giáo "
         "dục và Đào tạo. Dòng không được nạp; đơn vị đó tự gửi báo cáo của mình."),
        (6, "Đơn vị chủ trì", "Công an huyện",
         "Dòng của đơn vị khác (“Công an huyện”): tài khoản này chỉ được báo cáo cho Phòng Giáo "
         "dục và Đào tạo. Dòng không được nạp; đơn vị đó tự gửi báo cáo của mình."),
    ]  # fmt: skip
    events = audit.read_events(fresh_data)
    assert events[["actor", "action", "target"]].values.tolist() == [
        ["thu", "import_started", MIXED.name], ["thu", "upload", "S0001"]
    ]  # fmt: skip


def test_a_communes_reporter_is_named_by_the_units_display_name(fresh_data: Settings) -> None:
    reporter = User("nga", "reporter", "ubnd_xa:2020:02026")
    import_reports(fresh_data, [MIXED], by=reporter).con.close()  # type: ignore[union-attr]
    reasons = _rows(fresh_data, "select distinct reason_vi from stg_rejected_rows "
                    "where column_name = 'Đơn vị chủ trì' order by all")  # fmt: skip
    assert ("Dòng của đơn vị khác (“Phòng GD&ĐT”): tài khoản này chỉ được báo cáo cho UBND "
            "xã/thị trấn – Xã Nam Cường. Dòng không được nạp; đơn vị đó tự gửi báo cáo của "
            "mình.",) in reasons  # fmt: skip


def test_an_administrator_may_send_any_units_rows(fresh_data: Settings) -> None:
    import_reports(fresh_data, [MIXED], by=ADMIN).con.close()  # type: ignore[union-attr]
    # No unit given, so the file splits by lead unit (the mass organisation's row goes with
    # the first of the units with most rows, etl.reports.submissions).
    assert _rows(fresh_data, "select unit_id, rows_loaded, rows_rejected from stg_submissions "
                 "order by unit_id") == [("cah", 2, 0), ("gddt", 1, 0), ("vhtt", 1, 0)]  # fmt: skip


@pytest.mark.parametrize(
    ("by", "kwargs", "key"),
    [
        (VIEWER, {}, "refused_viewer"),
        (GDDT, {"unit": "vhtt"}, "refused_other_unit"),
        (GDDT, {"override_lock": True}, "refused_lock_admin_only"),
        (User("x", "reporter"), {}, "refused_reporter_without_unit"),
    ],
)
def test_refused_imports_change_nothing(
    fresh_data: Settings, by: User, kwargs: dict, key: str
) -> None:
    before = _inputs(fresh_data)
    with pytest.raises(Refused) as refused:
        import_reports(fresh_data, [MIXED], by=by, **kwargs)
    assert refused.value.key == key
    assert _inputs(fresh_data) == before
    last = audit.read_events(fresh_data).iloc[-1]
    assert (last["actor"], last["action"], last["detail"]) == (by.name, "upload_refused", key)


def test_a_reporter_withdraws_only_their_own_units_reports(fresh_data: Settings) -> None:
    import_reports(fresh_data, [VHTT], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    before = _inputs(fresh_data)
    for by in (GDDT, VIEWER):
        with pytest.raises(Refused):
            withdraw(fresh_data, "S0001", by=by)
    assert _inputs(fresh_data) == before
    assert withdraw(fresh_data, "S0001", by=VHTT_CLERK) == "active"
    assert _rows(fresh_data, "select status from stg_submissions") == [("withdrawn",)]
    events = audit.read_events(fresh_data)[["actor", "action", "target", "detail"]]
    assert events.values.tolist()[2:] == [  # after the import's start and upload
        ["thu", "withdraw_refused", "S0001", "refused_other_unit"],
        ["minh", "withdraw_refused", "S0001", "refused_viewer"],
        ["hoa", "withdraw", "S0001", ""],
    ]


def test_sql_in_an_identifier_is_only_a_value(fresh_data: Settings) -> None:
    before = _inputs(fresh_data)
    assert withdraw(fresh_data, "S0001' or 1=1; drop table stg_submissions; --") is None
    assert _inputs(fresh_data) == before


def test_a_reporter_cannot_name_another_file_path(fresh_data: Settings, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        import_reports(fresh_data, [tmp_path / ".." / "nowhere.csv"], by=GDDT)
