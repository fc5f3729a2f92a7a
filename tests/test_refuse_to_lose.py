"""A report that would lose figures is refused: one with no loadable row, another unit's.

Files are written as clerks send them: a quarter's report of UBND xã Nam Cường, then a second
file for the same quarter whose every row is wrong (dates typed the American way, an activity
type nobody uses), a file of another commune sent from Nam Cường's login, a "no activities"
declaration. The warehouse is the real one, built by the pipeline.
"""

import csv
import json
from pathlib import Path

import pytest

from etl import db
from etl.access.users import User
from etl.config import Settings
from etl.imports import outcome as import_outcome
from etl.imports.activities import import_reports, withdraw
from etl.imports.printout import format_history, format_import
from etl.reports.submissions import ReportError

NAM_CUONG = "ubnd_xa:2020:02026"
CLERK = User("nga", "reporter", NAM_CUONG)
HEADER = ["STT", "Ngày bắt đầu", "Đơn vị chủ trì", "Loại hoạt động", "Đối tượng", "Xã, thị trấn",
          "Số người tham dự", "Nội dung"]  # fmt: skip


def _report(path: Path, rows: list[list[object]], title: str | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if title:
            writer.writerow([title])
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _good(path: Path, unit: str = "UBND xã Nam Cường", commune: str = "Nam Cường") -> Path:
    return _report(path, [
        [i + 1, f"{3 + i:02d}/10/2024", unit, "Tuyên truyền trực tiếp", "Học sinh", commune,
         30 + i, f"Buổi sinh hoạt {i + 1}"]
        for i in range(14)
    ])  # fmt: skip


def _all_wrong(path: Path) -> Path:
    """14 rows, each rejected: an activity type nobody uses, or a count written in words."""
    return _report(path, [
        [i + 1, f"{3 + i:02d}/10/2024", "UBND xã Nam Cường",
         "Họp giao ban" if i % 2 else "Tuyên truyền trực tiếp", "Học sinh", "Nam Cường",
         30 if i % 2 else "ba mươi", "x"]
        for i in range(14)
    ])  # fmt: skip


def _figures(settings: Settings) -> tuple[int, int, list[tuple]]:
    con = db.connect(settings, read_only=True)
    try:
        rows, people = con.execute(
            "select count(*), coalesce(sum(participants), 0) from stg_activities"
        ).fetchone() or (0, 0)
        statuses = con.execute(
            "select submission_id, status, rows_loaded, supersedes, added_to from stg_submissions "
            "order by submission_id"
        ).fetchall()
    finally:
        con.close()
    return int(rows), int(people), statuses


def _audit(settings: Settings) -> list[dict]:
    path = settings.data_dir / "audit.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("mode", ["replace", "add", None])
def test_a_report_with_no_loadable_row_changes_nothing(
    fresh_data: Settings, tmp_path: Path, mode: str | None
) -> None:
    import_reports(fresh_data, [_good(tmp_path / "nam_cuong_2024-Q4.csv")], period="2024-Q4")
    before = _figures(fresh_data)
    assert before[:2] == (14, sum(30 + i for i in range(14)))
    outcome = import_reports(fresh_data, [_all_wrong(tmp_path / "nam_cuong_2024-Q4_lai.csv")],
                             period="2024-Q4", mode=mode)  # fmt: skip
    rows, people, statuses = _figures(fresh_data)
    assert (rows, people) == before[:2]  # nothing off the totals
    assert statuses == [("S0001", "active", 14, None, None),
                        ("S0002", "refused_empty", 0, None, None)]  # fmt: skip
    assert outcome.con is not None
    problems = import_outcome.problems(outcome.con, ["S0002"])
    assert set(problems[problems["severity"] == "error"]["source_row"]) == set(range(2, 16))
    printed = format_import(outcome)
    assert "bị từ chối: không có dòng nào nạp được, báo cáo trước đó vẫn được tính" in printed
    assert "Dòng 2" in printed or "dòng 2" in printed.lower()
    history = format_history(outcome.con)
    assert "S0001" in history and "bị từ chối" in history
    outcome.con.close()


def test_a_report_whose_rows_wait_for_a_reviewer_is_not_refused(
    fresh_data: Settings, tmp_path: Path
) -> None:
    """Rows refused only because a place name matched nothing are held for the name review,
    not lost: their report is in force, and they wait in the queue."""
    rows = [[i + 1, f"{3 + i:02d}/10/2024", "UBND xã Nam Cường", "Tuyên truyền trực tiếp",
             "Học sinh", "Khuổi Tàu Xa Lắm", 20 + i, "x"] for i in range(3)]  # fmt: skip
    import_reports(fresh_data, [_report(tmp_path / "nam_cuong_q4.csv", rows)], period="2024-Q4")
    _, _, statuses = _figures(fresh_data)
    assert [s[:2] for s in statuses] == [("S0001", "active")]
    con = db.connect(fresh_data, read_only=True)
    try:
        waiting = con.execute(
            "select submission_id, source_row, review_status from review_queue order by 2"
        ).fetchall()
    finally:
        con.close()
    assert waiting == [("S0001", r, "waiting") for r in (2, 3, 4)]


def test_a_refused_report_stays_refused_when_the_earlier_one_is_withdrawn(
    fresh_data: Settings, tmp_path: Path
) -> None:
    import_reports(fresh_data, [_good(tmp_path / "nam_cuong_2024-Q4.csv")], period="2024-Q4")
    import_reports(fresh_data, [_all_wrong(tmp_path / "lai.csv")], period="2024-Q4",
                   mode="replace")  # fmt: skip
    withdraw(fresh_data, "S0001")
    rows, _, statuses = _figures(fresh_data)
    assert rows == 0
    assert [s[:2] for s in statuses] == [("S0001", "withdrawn"), ("S0002", "refused_empty")]


def test_a_later_good_report_replaces_the_earlier_one_not_the_refused(
    fresh_data: Settings, tmp_path: Path
) -> None:
    import_reports(fresh_data, [_good(tmp_path / "q4.csv")], period="2024-Q4")
    import_reports(fresh_data, [_all_wrong(tmp_path / "q4_sai.csv")], period="2024-Q4",
                   mode="replace")  # fmt: skip
    row = [1, "05/11/2024", "UBND xã Nam Cường", "Tập huấn", "Giáo viên", "Nam Cường", 12, "x"]
    fixed = _report(tmp_path / "q4_sua.csv", [row])
    import_reports(fresh_data, [fixed], period="2024-Q4", mode="replace")
    rows, people, statuses = _figures(fresh_data)
    assert (rows, people) == (1, 12)
    assert statuses == [("S0001", "superseded", 14, None, None),
                        ("S0002", "refused_empty", 0, None, None),
                        ("S0003", "active", 1, "S0001", None)]  # fmt: skip


def test_a_file_repeating_every_row_of_the_counted_report_adds_nothing(
    fresh_data: Settings, tmp_path: Path
) -> None:
    """Its rows are good, and already count: it is kept, added, and says so (not refused)."""
    first = _good(tmp_path / "q4.csv")
    import_reports(fresh_data, [first], period="2024-Q4")
    again = tmp_path / "q4_gui_lai.csv"
    again.write_bytes(first.read_bytes() + b"\n")  # not the same bytes: not "unchanged"
    import_reports(fresh_data, [again], period="2024-Q4", mode="add")
    rows, _, statuses = _figures(fresh_data)
    assert rows == 14
    assert statuses == [("S0001", "active", 14, None, None), ("S0002", "active", 0, None, "S0001")]


def test_a_refused_report_frees_the_rows_it_repeats(fresh_data: Settings, tmp_path: Path) -> None:
    """S0002 replaced S0001; S0003 (all wrong) is refused, so S0002 still counts, and S0004,
    added, repeating S0002's row, is told so (repeated rows are found after refusals)."""
    import_reports(fresh_data, [_good(tmp_path / "q4.csv")], period="2024-Q4")
    row = [1, "05/11/2024", "UBND xã Nam Cường", "Tập huấn", "Giáo viên", "Nam Cường", 12, "x"]
    import_reports(fresh_data, [_report(tmp_path / "q4_b.csv", [row])], period="2024-Q4",
                   mode="replace")  # fmt: skip
    import_reports(fresh_data, [_all_wrong(tmp_path / "q4_c.csv")], period="2024-Q4",
                   mode="replace")  # fmt: skip
    import_reports(fresh_data, [_report(tmp_path / "q4_d.csv", [row, [*row[:6], 13, "y"]])],
                   period="2024-Q4", mode="add")  # fmt: skip
    rows, people, statuses = _figures(fresh_data)
    assert (rows, people) == (2, 25)
    assert statuses == [("S0001", "superseded", 14, None, None),
                        ("S0002", "active", 1, "S0001", None),
                        ("S0003", "refused_empty", 0, None, None),
                        ("S0004", "active", 1, None, "S0002")]  # fmt: skip


def test_a_no_activities_declaration_is_not_refused(fresh_data: Settings, tmp_path: Path) -> None:
    import_reports(fresh_data, [_good(tmp_path / "q4.csv")], period="2024-Q4")
    declared = _report(tmp_path / "q4_khong.csv",
                       [["", "", "", "", "", "", "", "Không có hoạt động"]],
                       title="Đơn vị báo cáo: UBND xã Nam Cường")  # fmt: skip
    import_reports(fresh_data, [declared], period="2024-Q4", mode="replace")
    rows, _, statuses = _figures(fresh_data)
    assert rows == 0
    assert [s[:2] for s in statuses] == [("S0001", "superseded"), ("S0002", "active")]


def _ledger_and_warehouse(settings: Settings) -> tuple[bytes, bytes]:
    return settings.ledger_path.read_bytes(), settings.db_path.read_bytes()


@pytest.mark.parametrize("titled", [True, False])
def test_a_reporter_cannot_replace_another_units_report(
    fresh_data: Settings, tmp_path: Path, titled: bool
) -> None:
    import_reports(fresh_data, [_good(tmp_path / "q4.csv")], period="2024-Q4", by=CLERK)
    before = _ledger_and_warehouse(fresh_data)
    other = _good(tmp_path / "xuan_lac_q4.csv", unit="UBND xã Xuân Lạc", commune="Xuân Lạc")
    if titled:  # the neighbour's file, its title naming its unit
        other = _report(tmp_path / "xuan_lac_q4.csv",
                        [[1, "04/10/2024", "Đoàn Thanh niên", "Tập huấn", "Học sinh",
                          "Xuân Lạc", 20, "x"]],
                        title="Đơn vị báo cáo: UBND xã Xuân Lạc")  # fmt: skip
    with pytest.raises(ReportError) as refused:
        import_reports(fresh_data, [other], period="2024-Q4", mode="replace", by=CLERK)
    assert refused.value.key == "file_other_unit"
    text = refused.value.text("vi")
    assert "Xuân Lạc" in text and "Nam Cường" in text
    assert _ledger_and_warehouse(fresh_data) == before
    assert _figures(fresh_data)[0] == 14
    last = _audit(fresh_data)[-1]
    assert (last["action"], last["actor"], last["detail"]) == ("upload_refused", "nga",
                                                              "file_other_unit")  # fmt: skip


def test_a_reporters_own_file_with_a_neighbours_row_still_loads(
    fresh_data: Settings, tmp_path: Path
) -> None:
    own = _good(tmp_path / "q4.csv")
    with own.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow([15, "20/10/2024", "UBND xã Xuân Lạc", "Tập huấn", "Học sinh",
                                     "Xuân Lạc", 9, "x"])  # fmt: skip
    import_reports(fresh_data, [own], period="2024-Q4", by=CLERK)
    rows, _, statuses = _figures(fresh_data)
    assert rows == 14 and statuses[0][:3] == ("S0001", "active", 14)


def test_a_header_repeated_at_a_page_break_is_skipped_and_said(
    fresh_data: Settings, tmp_path: Path
) -> None:
    rows = [
        [i + 1, f"{3 + i:02d}/10/2024", "UBND xã Nam Cường", "Tập huấn", "Học sinh", "Nam Cường",
         20, "x"]
        for i in range(4)
    ]  # fmt: skip
    spelled: list[object] = ["stt", "NGÀY BẮT ĐẦU", "Đơn vị  chủ trì", "Loại hoạt động",
                             "Đối tượng", "Xã, thị trấn", "Số người tham dự",
                             "Nội dung"]  # fmt: skip
    near: list[object] = [
        "",
        "",
        "Đơn vị chủ trì",
        "Loại hoạt động",
        "Đối tượng",
        "Nam Cường",
        "",
        "",
    ]
    path = _report(tmp_path / "in_ra.csv", [*rows[:2], spelled, *rows[2:], near])
    outcome = import_reports(fresh_data, [path], period="2024-Q4")
    assert outcome.con is not None
    problems = import_outcome.problems(outcome.con, ["S0001"])
    outcome.con.close()
    assert _figures(fresh_data)[:2] == (4, 80)
    found = problems[["source_row", "severity", "reason_vi"]].values.tolist()
    assert found[0] == [4, "notice", "Dòng 4 nhắc lại tiêu đề bảng (thường do ngắt trang khi "
                        "in): bỏ qua, không tính là hoạt động."]  # fmt: skip
    # a row with a place in it is not the header again: rejected, with its reasons
    assert {row for row, severity, _ in found[1:]} == {7}
    assert {severity for _, severity, _ in found[1:]} == {"error"}
