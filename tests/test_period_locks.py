"""Period locks: `periods lock|unlock|list`; later reports and withdrawals for a locked period
are refused (the warehouse stays byte for byte the same) unless an administrator overrides."""

from datetime import date, datetime
from pathlib import Path

import duckdb
import geopandas as gpd
import pytest

from etl import db, pipeline
from etl.access import audit
from etl.access.roles import Refused
from etl.access.users import User
from etl.cli import main
from etl.config import Settings
from etl.geography import places
from etl.geography.schematic import SCHEMATIC_FILE
from etl.imports.activities import import_reports, withdraw
from etl.imports.locks import lock_period, unlock_period
from etl.imports.places import import_place_list
from etl.reports.locks import Lock, fingerprint, lock_covering, read_locks
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


def test_a_later_report_cannot_move_a_locked_period(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    locked = [_rows(fresh_data, sql) for sql in LOCKED_FIGURES]
    signed, figures = _fingerprint(fresh_data), _coverage_csv(fresh_data, capsys)
    late = _q4_with_a_late_row(fresh_data)
    import_reports(fresh_data, [late], by=VHTT_CLERK).con.close()  # type: ignore[list-item, union-attr]
    assert [_rows(fresh_data, sql) for sql in LOCKED_FIGURES] == locked  # not one figure moved
    assert _fingerprint(fresh_data) == signed and _coverage_csv(fresh_data, capsys) == figures
    assert _rows(fresh_data, "select rows_loaded, rows_rejected from stg_submissions "
                 "where period = '2024-Q4'") == [(1, 1)]  # fmt: skip
    [(row, reason)] = _rows(fresh_data, "select source_row, reason_vi from stg_rejected_rows "
                            "where submission_id = 'S0002'")  # fmt: skip
    assert row == 4
    assert reason.startswith("Ngày 28/08/2024 thuộc kỳ 2024-Q3 đã khóa (khóa ngày ")
    assert reason.endswith(", bởi cli): dòng này không được tính, để số liệu kỳ đã khóa không "
                           "đổi. Cần quản trị viên nhập thay nếu dòng phải được tính.")  # fmt: skip
    # an administrator's import, with the override in the ledger, counts it; audited, re-signed
    assert _cli(fresh_data, "activities", "import", str(late), "--override-lock", "--replace") == 0
    assert _rows(fresh_data, "select rows_loaded, rows_rejected, lock_override from "
                 "stg_submissions where submission_id = 'S0003'") == [(2, 0, True)]  # fmt: skip
    assert [_rows(fresh_data, sql) for sql in LOCKED_FIGURES] != locked
    assert _coverage_csv(fresh_data, capsys) != figures
    assert audit.read_events(fresh_data).query("action == 'lock_override'")[
        ["actor", "target", "detail"]
    ].values.tolist() == [["cli", "2024-Q3", "upload S0003"]]
    assert read_locks(fresh_data)[0].fingerprint == _fingerprint(fresh_data)
    pipeline.build(fresh_data)  # the accepted state still builds
    # the report of an open quarter, replaced or withdrawn, would take the late row out of Q3
    signed, figures = _fingerprint(fresh_data), _coverage_csv(fresh_data, capsys)
    warehouse, inputs = fresh_data.db_path.read_bytes(), _inputs(fresh_data)
    october = fresh_data.data_dir.parent / "vhtt_2024-Q4_sua.csv"
    october.write_text("".join(late.read_text(encoding="utf-8").splitlines(True)[:3]),  # type: ignore[attr-defined]
                       encoding="utf-8")  # fmt: skip
    with pytest.raises(Refused) as refused:
        import_reports(fresh_data, [october], by=VHTT_CLERK, mode="replace")
    assert refused.value.key == "refused_lock_moved"
    with pytest.raises(Refused) as refused:
        withdraw(fresh_data, "S0003", by=VHTT_CLERK)
    assert refused.value.text().startswith(
        "Không thực hiện được: thay đổi này làm đổi số liệu của kỳ đã khóa 2024-Q3 (khóa ngày "
    )
    assert refused.value.text().endswith(", bởi cli); kỳ khóa bị ảnh hưởng: 2024-Q3. Dữ liệu giữ "
                                         "nguyên. Nếu số liệu đó phải đổi, quản trị viên làm lại "
                                         "với tùy chọn ghi đè khóa kỳ (--override-lock), việc này "
                                         "được ghi vào nhật ký.")  # fmt: skip
    assert fresh_data.db_path.read_bytes() == warehouse and _inputs(fresh_data) == inputs
    assert _fingerprint(fresh_data) == signed and _coverage_csv(fresh_data, capsys) == figures
    refusals = audit.read_events(fresh_data).query("action.str.endswith('_refused')")
    assert refusals["detail"].tolist() == ["refused_lock_moved"] * 2


# --- Fingerprints: every path that would move a locked period is refused ---------------------

VILLAGES = FIXTURES / "places" / "villages_cho_don.csv"


def _coverage_csv(settings: Settings, capsys: pytest.CaptureFixture) -> str:
    """``etl coverage`` of the communes in 2024-Q3, as csv (what a meeting signed off)."""
    capsys.readouterr()
    assert _cli(settings, "coverage", "--level", "commune", "--period", "2024-Q3",
                "--format", "csv") == 0  # fmt: skip
    return capsys.readouterr().out


def _fingerprint(settings: Settings) -> str:
    """The fingerprint of 2024-Q3 recomputed from the warehouse."""
    con = db.connect(settings, read_only=True, extensions=())
    try:
        return fingerprint(con, "2024-Q3")
    finally:
        con.close()


def _village_list(settings: Settings, name: str, *, old: str, new: str) -> Path:
    """The fixture village list with the line ``old`` replaced by ``new``."""
    text = VILLAGES.read_text(encoding="utf-8")
    assert old in text
    path = settings.data_dir.parent / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_locking_records_the_figures_and_verify_confirms_them(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    [lock] = read_locks(fresh_data)
    assert len(lock.fingerprint) == 64 and lock.fingerprint == _fingerprint(fresh_data)
    capsys.readouterr()
    assert _cli(fresh_data, "periods", "list") == 0
    assert capsys.readouterr().out.rstrip().endswith(f"dấu số liệu {lock.fingerprint[:12]}")
    pipeline.build(fresh_data)  # a rebuild of the same folder computes the same figures
    assert _cli(fresh_data, "periods", "verify") == 0
    assert _cli(fresh_data, "periods", "--lang", "en", "verify", "Quý III/2024") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"2024-Q3: khớp — số liệu như lúc khóa (dấu {lock.fingerprint[:12]};")
    assert out[1].startswith("2024-Q3: confirmed — the figures are as locked")
    assert _cli(fresh_data, "periods", "verify", "2024-Q4") == 1
    assert capsys.readouterr().out == "Kỳ 2024-Q4 không bị khóa.\n"


def test_verify_detects_a_tampered_warehouse_or_lock_file(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    assert _cli(fresh_data, "periods", "lock", "2024-Q2") == 0
    con = duckdb.connect(str(fresh_data.db_path))  # a figure not reported (null) made 0
    con.execute("update village_coverage set participants_total = 0 where period_id = "
                "'2024-Q3' and is_applicable and participants_total is null")  # fmt: skip
    [(updated,)] = con.fetchall()
    assert updated > 0
    con.close()
    capsys.readouterr()
    assert _cli(fresh_data, "periods", "verify") == 1
    q3, q2 = capsys.readouterr().out.splitlines()
    assert q3.startswith("2024-Q3: ĐÃ THAY ĐỔI — số liệu trong kho (dấu ")
    assert q2.startswith("2024-Q2: khớp")
    assert _cli(fresh_data, "periods", "verify", "2024-Q2") == 0
    assert _cli(fresh_data, "build") == 0  # the folder still holds the locked figures
    assert _cli(fresh_data, "periods", "verify") == 0
    # the lock file edited by hand: its fingerprint no longer matches
    text = fresh_data.locks_path.read_text(encoding="utf-8")
    q3_print = read_locks(fresh_data)[0].fingerprint
    fresh_data.locks_path.write_text(text.replace(q3_print, "0" * 64), encoding="utf-8")
    capsys.readouterr()
    assert _cli(fresh_data, "periods", "--lang", "en", "verify") == 1
    assert capsys.readouterr().out.startswith(
        "2024-Q3: CHANGED — the figures in the warehouse (fingerprint "
        f"{q3_print[:12]}) differ from the lock's (fingerprint 000000000000; locked on "
    )


def test_a_lock_file_without_fingerprints_still_reads(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    fresh_data.locks_path.write_text(
        "period,period_start,period_end,locked_at,locked_by,after_receipt\n"
        "2024-Q3,2024-07-01,2024-09-30,2024-10-02T09:00:00+07:00,lan,1\n",
        encoding="utf-8",
    )
    [lock] = read_locks(fresh_data)
    assert (lock.period, lock.locked_by, lock.fingerprint, lock.short_fingerprint) == (
        "2024-Q3", "lan", "", "—"
    )  # fmt: skip
    assert _cli(fresh_data, "periods", "verify") == 1
    assert capsys.readouterr().out.startswith("2024-Q3: chưa có dấu số liệu (khóa ngày 02/10/2024")
    # the next commit compares with the warehouse as it was: a list moving Q3 is refused …
    renamed = _village_list(
        fresh_data, "thon_doi_ten.csv", old="Thôn Nà Ngần", new="Thôn Nà Ngần Mới"
    )
    assert _cli(fresh_data, "villages", "import", str(renamed)) == 1
    assert read_locks(fresh_data)[0].fingerprint == ""
    # … and a build that moves nothing records the fingerprint
    assert _cli(fresh_data, "build") == 0
    assert read_locks(fresh_data)[0].fingerprint == _fingerprint(fresh_data)
    assert _cli(fresh_data, "periods", "verify") == 0


def test_a_period_not_yet_ended_cannot_be_locked(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    running = Settings.from_env({}, data_dir=fresh_data.data_dir, as_of="2024-09-15")
    with pytest.raises(Refused) as refused:
        lock_period(running, "2024-Q3", by=ADMIN)
    assert refused.value.text() == (
        "Chưa khóa được kỳ 2024-Q3: kỳ chưa kết thúc (đến hết 30/09/2024), số liệu còn thay "
        "đổi. Khóa sau khi kỳ kết thúc."
    )
    assert read_locks(fresh_data) == []


def test_a_list_change_inside_a_locked_period_is_refused_unless_overridden(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    locked, figures = _fingerprint(fresh_data), _coverage_csv(fresh_data, capsys)
    inputs, warehouse = _inputs(fresh_data), fresh_data.db_path.read_bytes()
    renamed = _village_list(
        fresh_data, "thon_doi_ten.csv", old="Thôn Nà Ngần", new="Thôn Nà Ngần Mới"
    )
    ended = _village_list(fresh_data, "thon_het_hieu_luc.csv", old="Nà Ngần,,,,96,,",
                          new="Nà Ngần,,,,96,,30/06/2024")  # fmt: skip
    added = _village_list(fresh_data, "thon_moi_2024.csv", old="8,02050",
                          new="7,02050,Phương Viên,Thôn Mới,,,,,01/08/2024,\n8,02050")  # fmt: skip
    for changed in (renamed, ended, added):
        assert _cli(fresh_data, "villages", "import", str(changed)) == 1
        assert (
            capsys.readouterr()
            .out.splitlines()[-1]
            .startswith(
                "Không thực hiện được: thay đổi này làm đổi số liệu của kỳ đã khóa 2024-Q3 (khóa "
                "ngày "
            )
        )
    assert fresh_data.db_path.read_bytes() == warehouse  # the refusals rolled back: byte for byte
    assert _inputs(fresh_data) == inputs
    assert _fingerprint(fresh_data) == locked
    assert _coverage_csv(fresh_data, capsys) == figures
    # a village that begins after the locked period moves none of its figures: it is taken
    later = _village_list(fresh_data, "thon_moi_2025.csv", old="8,02050",
                          new="7,02050,Phương Viên,Thôn Mới,,,,,01/01/2025,\n8,02050")  # fmt: skip
    assert _cli(fresh_data, "villages", "import", str(later)) == 0
    assert _fingerprint(fresh_data) == locked
    assert _cli(fresh_data, "periods", "verify") == 0
    # an administrator's override goes through, is audited, and the lock now holds the new figures
    with pytest.raises(Refused):
        import_place_list(fresh_data, ended, "villages", by=VHTT_CLERK, override_lock=True)
    stored = import_place_list(fresh_data, ended, "villages", by=ADMIN, override_lock=True)
    assert stored.stored
    assert _fingerprint(fresh_data) != locked
    assert _coverage_csv(fresh_data, capsys) != figures
    assert read_locks(fresh_data)[0].fingerprint == _fingerprint(fresh_data)
    assert _cli(fresh_data, "periods", "verify") == 0
    overrides = audit.read_events(fresh_data).query("action == 'lock_override'")
    assert overrides[["actor", "target", "detail"]].values.tolist() == [
        ["lan", "2024-Q3", "villages import thon_het_hieu_luc.csv"]
    ]


def test_a_school_list_change_is_refused_while_a_period_is_locked(fresh_data: Settings) -> None:
    # schools carry no validity dates: a new list changes every period's schools
    import_reports(fresh_data, [Q3], by=VHTT_CLERK).con.close()  # type: ignore[union-attr]
    assert _cli(fresh_data, "periods", "lock", "2024") == 0
    warehouse = fresh_data.db_path.read_bytes()
    fewer = fresh_data.data_dir.parent / "truong_bot.csv"  # the fixture's list, one school less
    fewer.write_text("STT,Mã xã,Tên xã,Trường học,Cấp,Thôn,Vĩ độ,Kinh độ,Số HS\n"
                     "1,2020,TT Bằng Lũng,Trường THPT Chợ Đồn,Trung học phổ thông,,22.1598,"
                     "105.6031,1120\n", encoding="utf-8")  # fmt: skip
    assert places.prepare_places(fewer, "schools")[1] == []
    with pytest.raises(Refused) as refused:
        import_place_list(fresh_data, fewer, "schools", by=ADMIN)
    assert refused.value.key == "refused_lock_moved"
    assert refused.value.fields["periods"] == "2024"
    assert fresh_data.db_path.read_bytes() == warehouse


def test_a_boundary_import_is_refused_while_a_period_is_locked(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    assert _cli(fresh_data, "periods", "lock", "2024-Q3") == 0
    warehouse, inputs = fresh_data.db_path.read_bytes(), _inputs(fresh_data)
    frame = gpd.read_file(fresh_data.boundaries_dir / SCHEMATIC_FILE)
    official = fresh_data.data_dir.parent / "ranh_gioi_xa.geojson"
    frame[["commune_name", "geometry"]].rename(columns={"commune_name": "ten"}).to_file(
        official, driver="GeoJSON"
    )
    capsys.readouterr()
    assert _cli(fresh_data, "boundaries", "import", str(official), "--lang", "en") == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .startswith(
            "Not done: this change would move the figures of the locked period 2024-Q3 (locked on "
        )
    )
    assert fresh_data.db_path.read_bytes() == warehouse and _inputs(fresh_data) == inputs
    assert _cli(fresh_data, "boundaries", "import", str(official), "--override-lock") == 0
    assert _cli(fresh_data, "periods", "verify") == 0
    assert audit.read_events(fresh_data).query("action == 'lock_override'")["detail"].tolist() == [
        "boundaries import ranh_gioi_xa.geojson"
    ]
    assert _cli(fresh_data, "boundaries", "reset") == 1  # back to the schematic moves it again
