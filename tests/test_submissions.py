"""Versions of reports: the same file again, a corrected file replacing or added, withdrawals,
files with no ledger."""

import csv
from pathlib import Path

import pytest

from etl import db, pipeline
from etl.access.unsafe import UnsafeFile
from etl.config import Settings
from etl.imports.activities import import_reports, withdraw
from etl.reports.ledger import LEDGER_COLUMNS
from etl.reports.submissions import Choice, ChoiceNeeded
from tests.conftest import FIXTURES, REPORTS, make_data_dir

REPORT = FIXTURES / "activities" / "vhtt_2024-Q3.csv"
SAMPLE = Path(__file__).with_name("fixtures") / "samples" / "MAU_vhtt_2024-Q3.csv"


def _import(
    settings: Settings,
    path: Path,
    unit: str | None = None,
    period: str | None = None,
    mode: str | None = None,
) -> list[tuple[str, str]]:
    outcome = import_reports(settings, [path], unit=unit, period=period, mode=mode)
    if outcome.con is not None:
        outcome.con.close()
    return [(p.outcome, p.receipt.receipt_id) for p in outcome.plans]


def _rows(settings: Settings, sql: str) -> list[tuple]:
    con = db.connect(settings, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _statuses(settings: Settings) -> list[tuple]:
    return _rows(settings, "select submission_id, unit_id, period, status, supersedes, "
                           "superseded_by from stg_submissions order by submission_id")  # fmt: skip


def _ledger(settings: Settings) -> list[dict[str, str]]:
    with settings.ledger_path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _corrected(tmp_path: Path) -> Path:
    """The Q3 report again, with its impossible date (31/02) corrected to 30/09."""
    path = tmp_path / "vhtt_2024-Q3_sua.csv"
    path.write_text(REPORT.read_text(encoding="utf-8").replace("31/02/2024", "30/09/2024"), "utf-8")
    return path


def test_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _import(settings, REPORT) == [("new", "S0001")]
    before = settings.db_path.stat().st_mtime_ns
    assert _import(settings, REPORT) == [("unchanged", "S0001")]
    assert settings.db_path.stat().st_mtime_ns == before  # not even rebuilt
    assert [r["submission_id"] for r in _ledger(settings)] == ["S0001"]
    assert sorted(p.name for p in settings.activities_dir.iterdir()) == ["S0001_vhtt_2024-Q3.csv"]


def test_the_ledger_records_each_receipt(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORT)
    (row,) = _ledger(settings)
    assert list(row) == list(LEDGER_COLUMNS)
    assert {k: row[k] for k in ("submission_id", "file_name", "stored_as", "unit", "period",
                                "status")} == {
        "submission_id": "S0001", "file_name": "vhtt_2024-Q3.csv",
        "stored_as": "S0001_vhtt_2024-Q3.csv", "unit": "", "period": "", "status": "received",
    }  # fmt: skip
    assert len(row["sha256"]) == 64
    assert row["received_at"][:4].isdigit()


def _corrected_row(tmp_path: Path) -> Path:
    """Only the row that was rejected (an impossible date), corrected, under the same header."""
    title, header, *rows = REPORT.read_text(encoding="utf-8").splitlines()
    fixed = next(r for r in rows if "31/02/2024" in r).replace("31/02/2024", "30/09/2024")
    path = tmp_path / "vhtt_2024-Q3_bo_sung.csv"
    path.write_text("\n".join([title, header, fixed.replace("5,", "1,", 1)]) + "\n", "utf-8")
    return path


def test_a_second_report_without_a_mode_changes_nothing(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORT)
    before = settings.db_path.read_bytes(), settings.ledger_path.read_bytes()
    with pytest.raises(ChoiceNeeded) as refused:
        _import(settings, _corrected(tmp_path))
    assert refused.value.choices == (
        Choice("S0002", "vhtt_2024-Q3_sua.csv", "Phòng Văn hóa và Thông tin", "2024-Q3",
               ("S0001",), earlier_rows=4, added_rows=1, repeated=4),
    )  # fmt: skip
    assert (settings.db_path.read_bytes(), settings.ledger_path.read_bytes()) == before
    assert sorted(p.name for p in settings.activities_dir.iterdir()) == ["S0001_vhtt_2024-Q3.csv"]


def test_a_corrected_row_added_keeps_the_earlier_rows(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORT)
    assert _import(settings, _corrected_row(tmp_path), mode="add") == [("new", "S0002")]
    assert _rows(settings, "select submission_id, status, mode, supersedes, added_to, "
                           "rows_loaded, rows_repeated from stg_submissions order by 1") == [
        ("S0001", "active", "replace", None, None, 4, 0),
        ("S0002", "active", "add", None, "S0001", 1, 0),
    ]  # fmt: skip
    assert _rows(settings, "select submission_id, source_row, start_date::varchar from "
                           "stg_activities order by 1, 2") == [
        ("S0001", 3, "2024-07-05"), ("S0001", 4, "2024-07-12"), ("S0001", 5, "2024-08-20"),
        ("S0001", 6, "2024-09-03"), ("S0002", 3, "2024-09-30"),
    ]  # fmt: skip
    assert [r["mode"] for r in _ledger(settings)] == ["", "add"]
    # the whole corrected file added as well: its four rows already counted are not counted again
    assert _import(settings, _corrected(tmp_path), mode="add") == [("new", "S0003")]
    assert _rows(settings, "select submission_id, added_to, rows_loaded, rows_repeated from "
                           "stg_submissions order by 1") == [
        ("S0001", None, 4, 0), ("S0002", "S0001", 1, 0), ("S0003", "S0001, S0002", 0, 5),
    ]  # fmt: skip
    assert _rows(settings, "select count(*), sum(participants) from stg_activities") == [(5, 1425)]


def test_a_replacement_supersedes_every_report_that_counted(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORT)
    _import(settings, _corrected_row(tmp_path), mode="add")
    assert _import(settings, _corrected(tmp_path), mode="replace") == [("new", "S0003")]
    assert _statuses(settings) == [
        ("S0001", "vhtt", "2024-Q3", "superseded", None, "S0003"),
        ("S0002", "vhtt", "2024-Q3", "superseded", None, "S0003"),
        ("S0003", "vhtt", "2024-Q3", "active", "S0001, S0002", None),
    ]
    assert _rows(settings, "select submission_id, count(*) from stg_activities group by 1") == [
        ("S0003", 5)
    ]


def test_a_ledger_without_modes_reads_as_replace(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORT)
    _import(settings, _corrected(tmp_path), mode="add")
    old = [{k: v for k, v in row.items() if k != "mode"} for row in _ledger(settings)]
    with settings.ledger_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(old[0]))
        writer.writeheader()
        writer.writerows(old)
    pipeline.build(settings)
    assert [r[3:] for r in _statuses(settings)] == [("superseded", None, "S0002"),
                                                    ("active", "S0001", None)]  # fmt: skip


def test_a_withdrawn_report_needs_no_choice(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORT)
    withdraw(settings, "S0001")
    assert _import(settings, _corrected(tmp_path)) == [("new", "S0002")]
    assert [r[3] for r in _statuses(settings)] == ["withdrawn", "active"]


def test_a_corrected_file_replaces_the_earlier_one(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORT)
    assert _import(settings, _corrected(tmp_path), mode="replace") == [("new", "S0002")]
    assert _statuses(settings) == [
        ("S0001", "vhtt", "2024-Q3", "superseded", None, "S0002"),
        ("S0002", "vhtt", "2024-Q3", "active", "S0001", None),
    ]
    assert _rows(settings, "select submission_id, count(*), sum(participants) from "
                           "stg_activities group by all") == [("S0002", 5, 1425)]  # fmt: skip
    assert _rows(
        settings, "select submission_id, rows_loaded, rows_rejected from stg_submissions order by 1"
    ) == [("S0001", 4, 1), ("S0002", 5, 0)]


def test_a_withdrawn_submission_no_longer_counts(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORT)
    _import(settings, _corrected(tmp_path), mode="replace")
    assert withdraw(settings, "S0002") == "active"
    assert _statuses(settings) == [
        ("S0001", "vhtt", "2024-Q3", "superseded", None, "S0002"),
        ("S0002", "vhtt", "2024-Q3", "withdrawn", "S0001", None),
    ]
    assert _rows(settings, "select count(*) from stg_activities") == [(0,)]
    assert [r["status"] for r in _ledger(settings)] == ["received", "withdrawn"]
    assert withdraw(settings, "S0002") == "withdrawn"
    assert withdraw(settings, "S9999") is None


def test_one_part_of_a_split_file_can_be_withdrawn(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORTS / "tong_hop_2024-Q4.csv")
    withdraw(settings, "S0001/gddt")
    assert [r[:4] for r in _statuses(settings)] == [
        ("S0001/gddt", "gddt", "2024-Q4", "withdrawn"),
        ("S0001/vhtt", "vhtt", "2024-Q4", "active"),
    ]
    assert [(r["submission_id"], r["status"]) for r in _ledger(settings)] == [
        ("S0001", "received"), ("S0001/gddt", "withdrawn")
    ]  # fmt: skip


def test_unit_and_period_given_on_import(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    _import(settings, REPORTS / "tong_hop_2024-Q4.csv", unit="vhtt", period="2024-10")
    assert _rows(settings, "select submission_id, unit_id, period, unit_source, period_source, "
                           "rows_loaded from stg_submissions") == [
        ("S0001", "vhtt", "2024-10", "given", "given", 5)
    ]  # fmt: skip
    assert _rows(settings, "select lead_unit_id from stg_activities order by source_row") == [
        ("vhtt",), ("vhtt",), ("gddt",), ("doan_the",), ("vhtt",)
    ]  # fmt: skip
    (row,) = _ledger(settings)
    assert (row["unit"], row["period"]) == ("vhtt", "2024-10")
    # the same bytes with other options are another receipt
    assert _import(settings, REPORTS / "tong_hop_2024-Q4.csv") == [("new", "S0002")]


def test_files_without_a_ledger_row_are_taken_first_in_name_order(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [SAMPLE])
    import_reports(settings, [], dry_run=False)  # nothing to import: nothing is built
    assert not settings.db_path.exists()
    assert _import(settings, SAMPLE) == [("unchanged", "file:MAU_vhtt_2024-Q3.csv")]
    assert _import(settings, REPORT, mode="replace") == [("new", "S0001")]
    assert _rows(settings, "select submission_id, status, received_at is null, superseded_by "
                           "from stg_submissions order by 1") == [
        ("S0001", "active", False, None),
        ("file:MAU_vhtt_2024-Q3.csv", "superseded", True, "S0001"),
    ]  # fmt: skip


def test_a_file_without_a_ledger_row_can_be_withdrawn(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [SAMPLE])
    _import(settings, REPORTS / "tong_hop_2024-Q4.csv")
    assert withdraw(settings, "file:MAU_vhtt_2024-Q3.csv") == "active"
    assert _rows(settings, "select status from stg_submissions where submission_id = "
                           "'file:MAU_vhtt_2024-Q3.csv'") == [("withdrawn",)]  # fmt: skip
    assert (settings.activities_dir / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()


@pytest.mark.parametrize("name", ["report.pdf", "report.xls"])
def test_only_csv_and_xlsx_are_imported(tmp_path: Path, name: str) -> None:
    settings = make_data_dir(tmp_path, [])
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(UnsafeFile) as refused:
        import_reports(settings, [path])
    assert refused.value.reason == "upload_wrong_type"
    assert not settings.activities_dir.exists() or not any(settings.activities_dir.iterdir())
