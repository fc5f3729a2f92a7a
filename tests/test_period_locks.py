"""Period locks: `periods lock|unlock|list`; later reports and withdrawals for a locked period
are refused (the warehouse stays byte for byte the same) unless an administrator overrides."""

from datetime import date, datetime

import pytest

from etl import pipeline
from etl.access import audit
from etl.access.roles import Refused
from etl.access.users import User
from etl.cli import main
from etl.config import Settings
from etl.imports.activities import import_reports, withdraw
from etl.imports.locks import lock_period, unlock_period
from etl.reports.locks import Lock, lock_covering, read_locks
from etl.reports.submissions import ReportError
from tests.conftest import FIXTURES
from tests.test_access import _inputs, _rows

Q3 = FIXTURES / "activities" / "vhtt_2024-Q3.csv"
Q4 = FIXTURES / "uploads" / "gddt_mixed_units_2024-Q4.csv"
VHTT_CLERK = User("hoa", "reporter", "vhtt")
GDDT = User("thu", "reporter", "gddt")
ADMIN = User("lan", "admin")


def _cli(settings: Settings, *argv: str) -> int:
    return main(["--data-dir", str(settings.data_dir), *argv])


def _q3_copy(settings: Settings) -> object:
    """The Q3 fixture with one more row, so it is a new file (not one received before)."""
    path = settings.data_dir.parent / "vhtt_2024-Q3_bo_sung.csv"
    path.write_bytes(Q3.read_bytes() + "\n6,25/09/2024,,Phòng VH&TT,,Phát thanh,Người dân,"
                     "Xã Nam Cường,,,,,Phát thanh bổ sung,,,\n".encode())  # fmt: skip
    return path


def test_lock_list_unlock(fresh_data: Settings, capsys: pytest.CaptureFixture) -> None:
    assert _cli(fresh_data, "periods", "list") == 0
    assert _cli(fresh_data, "periods", "lock", "Quý III/2024") == 0
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    assert _cli(fresh_data, "periods", "lock", "quý năm") == 2
    assert _cli(fresh_data, "periods", "unlock", "2024-Q4") == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Chưa khóa kỳ nào.",
        "Đã khóa kỳ 2024-Q3 (01/07/2024–30/09/2024): từ nay không nhận báo cáo hay rút báo cáo "
        "của kỳ này, trừ quản trị viên.",
        "Kỳ 2024-Q3 đã khóa từ trước.",
        "Kỳ “quý năm” không đúng dạng (ví dụ 2024-Q3, 2024-07, 2024-H1, 2024).",
        "Kỳ 2024-Q4 không bị khóa.",
    ]
    assert _cli(fresh_data, "periods", "list") == 0
    assert capsys.readouterr().out.startswith("2024-Q3 (01/07/2024–30/09/2024) — khóa lúc ")
    assert _rows(fresh_data, "select period, period_start, period_end, locked_by "
                 "from period_locks") == [
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30), "cli")
    ]  # fmt: skip
    assert _cli(fresh_data, "periods", "unlock", "2024-Q3") == 0
    assert read_locks(fresh_data) == []
    assert _rows(fresh_data, "select count(*) from period_locks") == [(0,)]
    actions = audit.read_events(fresh_data)[["action", "target"]].values.tolist()
    assert actions == [["lock", "2024-Q3"], ["unlock", "2024-Q3"]]


def test_only_an_administrator_locks(fresh_data: Settings) -> None:
    for action in (lock_period, unlock_period):
        with pytest.raises(Refused) as refused:
            action(fresh_data, "2024-Q3", by=VHTT_CLERK)
        assert refused.value.key == "refused_admin_only"
    assert read_locks(fresh_data) == []
    lock = lock_period(fresh_data, "2024-Q3", by=ADMIN)
    assert lock is not None and (lock.period, lock.locked_by) == ("2024-Q3", "lan")
    unlocked = unlock_period(fresh_data, "2024-Q3", by=ADMIN)
    assert unlocked is not None and unlocked.period == "2024-Q3"
    actions = audit.read_events(fresh_data)[["actor", "action"]].values.tolist()
    assert actions == [["lan", "lock"], ["lan", "unlock"]]


def test_a_school_year_can_be_locked(fresh_data: Settings) -> None:
    # the dashboard offers school years; one period grammar (etl.periods) serves locks too
    assert _cli(fresh_data, "periods", "lock", "2024-2025") == 0
    assert [(lock.period, lock.start, lock.end) for lock in read_locks(fresh_data)] == [
        ("2024-2025", date(2024, 9, 1), date(2025, 5, 31))
    ]


def test_a_report_for_a_locked_period_is_refused(fresh_data: Settings) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    before = _inputs(fresh_data)
    warehouse = fresh_data.db_path.read_bytes()
    for kwargs in ({"by": VHTT_CLERK}, {"by": VHTT_CLERK, "dry_run": True}, {}):
        with pytest.raises(ReportError) as refused:
            import_reports(fresh_data, [_q3_copy(fresh_data)], **kwargs)  # type: ignore[list-item]
        assert refused.value.key == "period_locked"
        assert fresh_data.db_path.read_bytes() == warehouse
        assert _inputs(fresh_data) == before
    assert refused.value.text().startswith(
        "Tệp vhtt_2024-Q3_bo_sung.csv: kỳ 2024-Q3 nằm trong kỳ đã khóa 2024-Q3 (khóa ngày "
    )
    # A month inside the locked quarter is refused too; another quarter is not.
    with pytest.raises(ReportError):
        import_reports(fresh_data, [_q3_copy(fresh_data)], period="2024-08", by=ADMIN)  # type: ignore[list-item]
    import_reports(fresh_data, [Q4], by=GDDT).con.close()  # type: ignore[union-attr]
    refusals = audit.read_events(fresh_data).query("action == 'upload_refused'")
    assert refusals["detail"].tolist() == ["period_locked"] * 3  # the dry run is not audited


def test_a_withdrawal_from_a_locked_period_is_refused(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024") == 0
    warehouse = fresh_data.db_path.read_bytes()
    with pytest.raises(Refused) as refused:
        withdraw(fresh_data, "S0001", by=VHTT_CLERK)
    assert refused.value.key == "refused_period_locked"
    assert _cli(fresh_data, "activities", "withdraw", "S0001") == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .startswith("Không rút được báo cáo S0001: kỳ 2024 đã khóa (ngày ")
    )
    assert fresh_data.db_path.read_bytes() == warehouse
    with pytest.raises(Refused):  # only an administrator may override
        withdraw(fresh_data, "S0001", by=VHTT_CLERK, override_lock=True)
    assert withdraw(fresh_data, "S0001", by=ADMIN, override_lock=True) == "active"
    assert _rows(fresh_data, "select status, locked_period from submission_history") == [
        ("withdrawn", "2024")
    ]


def test_an_administrator_may_override_and_rebuilds_keep_working(fresh_data: Settings) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    extra = _q3_copy(fresh_data)
    assert _cli(fresh_data, "activities", "import", str(extra), "--override-lock", "--replace") == 0
    assert _rows(fresh_data, "select submission_id, status, submitted_by, lock_override "
                 "from submission_history order by submission_id") == [
        ("S0001", "superseded", "hoa", False), ("S0002", "active", "cli", True),
    ]  # fmt: skip
    pipeline.build(fresh_data)  # the accepted state still builds: the override is in the ledger
    assert _cli(fresh_data, "periods", "unlock", "2024-Q3") == 0
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _rows(fresh_data, "select count(*) from stg_submissions where status = 'active'") == [
        (1,)
    ]


def test_files_without_a_ledger_row_are_never_refused(fresh_data: Settings) -> None:
    (fresh_data.activities_dir / Q3.name).write_bytes(Q3.read_bytes())
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0  # builds with the loose file
    assert _rows(fresh_data, "select submission_id from stg_submissions") == [
        ("file:vhtt_2024-Q3.csv",)
    ]


def test_lock_covering() -> None:
    at = datetime(2024, 10, 2, 9, 0)
    locks = [Lock("2024-Q3", date(2024, 7, 1), date(2024, 9, 30), at, "lan", 3)]
    assert lock_covering(locks, date(2024, 9, 1), date(2024, 9, 30)) == locks[0]
    assert lock_covering(locks, date(2024, 1, 1), date(2024, 12, 31)) == locks[0]
    assert lock_covering(locks, date(2024, 10, 1), date(2024, 10, 31)) is None
    with pytest.raises(ValueError, match="end must not be before start"):
        lock_covering(locks, date(2024, 10, 1), date(2024, 9, 1))


def _q4_with_a_late_row(settings: Settings) -> object:
    """VHTT's Q4 report as a clerk sends it, with one activity of August typed in late."""
    path = settings.data_dir.parent / "vhtt_2024-Q4.csv"
    path.write_text(
        "BÁO CÁO HOẠT ĐỘNG QUÝ IV/2024,,,,,,,,\n"
        "STT,Ngày bắt đầu,Đơn vị chủ trì,Loại hoạt động,Đối tượng,Xã/Thị trấn,Thôn/Tổ dân phố,"
        "Số người tham dự,Ghi chú\n"
        "1,15/10/2024,Phòng VH&TT,Tuyên truyền trực tiếp,Trẻ em,Bằng Lãng,Thôn 2,40,\n"
        "2,28/08/2024,Phòng VH&TT,Tuyên truyền trực tiếp,Trẻ em,Bằng Lãng,Thôn 2,35,báo cáo bù\n",
        encoding="utf-8",
    )
    return path


LOCKED_FIGURES = (
    "select * from village_coverage where period_id = '2024-Q3' order by all",
    "select * from commune_coverage where period_id = '2024-Q3' order by all",
    "select * from district_coverage where period_id = '2024-Q3' order by all",
)


def test_a_later_report_cannot_move_a_locked_period(fresh_data: Settings) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    locked = [_rows(fresh_data, sql) for sql in LOCKED_FIGURES]
    late = _q4_with_a_late_row(fresh_data)
    import_reports(fresh_data, [late], by=VHTT_CLERK).con.close()  # type: ignore[list-item, union-attr]
    assert [_rows(fresh_data, sql) for sql in LOCKED_FIGURES] == locked  # not one figure moved
    assert _rows(fresh_data, "select rows_loaded, rows_rejected from stg_submissions "
                 "where period = '2024-Q4'") == [(1, 1)]  # fmt: skip
    [(row, reason)] = _rows(fresh_data, "select source_row, reason_vi from stg_rejected_rows "
                            "where submission_id = 'S0002'")  # fmt: skip
    assert row == 4
    assert reason.startswith("Ngày 28/08/2024 thuộc kỳ 2024-Q3 đã khóa (khóa ngày ")
    assert reason.endswith(", bởi cli): dòng này không được tính, để số liệu kỳ đã khóa không "
                           "đổi. Cần quản trị viên nhập thay nếu dòng phải được tính.")  # fmt: skip
    # an administrator's import, with the override in the ledger, counts it
    assert _cli(fresh_data, "activities", "import", str(late), "--override-lock", "--replace") == 0
    assert _rows(fresh_data, "select rows_loaded, rows_rejected, lock_override from "
                 "stg_submissions where submission_id = 'S0003'") == [(2, 0, True)]  # fmt: skip
    assert [_rows(fresh_data, sql) for sql in LOCKED_FIGURES] != locked
    pipeline.build(fresh_data)  # the accepted state still builds
