"""Imports that are killed, run while the dashboard reads, or run two at a time."""

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from etl import db
from etl.config import Settings
from etl.imports.journal import JOURNAL_NAME, commit_inputs
from tests.conftest import FIXTURES, make_data_dir

REPORT = FIXTURES / "activities" / "vhtt_2024-Q3.csv"
HEADER = ["STT", "Ngày bắt đầu", "Đơn vị chủ trì", "Loại hoạt động", "Đối tượng", "Xã, thị trấn",
          "Số người tham dự", "Nội dung"]  # fmt: skip


def _big_report(path: Path, rows: int, unit: str = "Phòng VH&TT") -> Path:
    """A long, valid quarterly report, so an import takes a few seconds."""
    communes = ["TT Bằng Lũng", "Ngọc Phái", "Phương Viên", "Bằng Lãng", "Nam Cường"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow([i + 1, f"{1 + i % 28:02d}/{7 + i % 3:02d}/2024", unit, "Tập huấn",
                             "Giáo viên", communes[i % 5], 10 + i % 90, f"Buổi {i}"])  # fmt: skip
    return path


def _etl(settings: Settings, *argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "--data-dir", str(settings.data_dir), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_mid_build(settings: Settings, tmp_path: Path) -> None:
    """Import a big report (Phòng GD&ĐT, 2024-Q3) in a child process and kill it with SIGKILL
    once it is building the new warehouse with its journal written."""
    big = _big_report(tmp_path / "gddt_2024-Q3.csv", 150_000, "Phòng GD&ĐT")
    process = _etl(settings, "activities", "import", str(big))
    building = settings.db_path.with_name(settings.db_path.name + ".building")
    deadline = time.monotonic() + 120
    while not (building.exists() and (settings.data_dir / JOURNAL_NAME).exists()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _snapshot(settings: Settings) -> dict[str, bytes]:
    return {
        str(p.relative_to(settings.data_dir)): p.read_bytes()
        for p in sorted(settings.data_dir.rglob("*"))
        if p.is_file()
        and p.name not in (".writer.lock", "warehouse.duckdb", "audit.jsonl")  # appended to
        and "warehouse.duckdb.cache" not in p.parts  # derived, as the warehouse is
    }


def _count(settings: Settings, sql: str) -> int:
    con = db.connect(settings, read_only=True)
    try:
        (value,) = con.execute(sql).fetchone() or (None,)
        return int(value)
    finally:
        con.close()


def test_an_import_killed_mid_build_leaves_everything_as_it_was(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    commit_inputs(settings, {Path("activities/vhtt_2024-Q3.csv"): REPORT.read_bytes()})
    warehouse = settings.db_path.read_bytes()
    inputs = _snapshot(settings)
    kill_mid_build(settings, tmp_path)
    # Killed while building: the warehouse is untouched, the journal says what to undo.
    assert settings.db_path.read_bytes() == warehouse
    assert (settings.data_dir / JOURNAL_NAME).exists()
    # The next writer (here a build-only commit) puts the data folder back, then rebuilds.
    commit_inputs(settings, {})
    assert _snapshot(settings) == inputs
    assert _count(settings, "select count(*) from stg_activities") == 4
    assert _count(settings, "select count(*) from stg_submissions") == 1


def test_the_dashboard_keeps_reading_during_an_import(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [REPORT])
    commit_inputs(settings, {})
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(settings.db_path), "25"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2)
    big = _big_report(tmp_path / "gddt_2024-Q3.csv", 50_000, "Phòng GD&ĐT")
    importer = _etl(settings, "activities", "import", str(big))
    _, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err
    seen, errors = reader.communicate(timeout=120)
    assert reader.returncode == 0, errors
    counts = [int(line.split()[1]) for line in seen.splitlines() if line.startswith("rows ")]
    assert counts[0] == 4  # before the import
    assert counts[-1] == 50_004  # after it, read from the swapped-in file
    assert set(counts) == {4, 50_004}  # never an error, never a half-built warehouse


# What the dashboard does: open the warehouse read-only, query, reopen when the file changes.
_READER = """
import sys, time
from pathlib import Path
from etl import db
path, seconds = Path(sys.argv[1]), float(sys.argv[2])
version, con, end = None, None, time.monotonic() + seconds
while time.monotonic() < end:
    current = path.stat().st_mtime_ns
    if current != version:
        if con is not None:
            con.close()
        con, version = db.connect_path(path, read_only=True), current
        con.execute("set enable_progress_bar = false")
    print("rows", con.execute("select count(*) from stg_activities").fetchone()[0], flush=True)
    time.sleep(0.05)
"""


def test_two_imports_at_once_take_turns(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    commit_inputs(settings, {})
    first = _big_report(tmp_path / "vhtt_2024-Q3.csv", 20_000)
    second = _big_report(tmp_path / "gddt_2024-Q3.csv", 20_000, "Phòng GD&ĐT")
    runs = [_etl(settings, "activities", "import", str(p)) for p in (first, second)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert _count(settings, "select count(distinct submission_id) from stg_activities") == 2
    assert _count(settings, "select count(*) from stg_activities") == 40_000
    ledger = settings.ledger_path.read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in ledger] == ["submission_id", "S0001", "S0002"]
    assert not (settings.data_dir / JOURNAL_NAME).exists()
    assert len(os.listdir(settings.activities_dir)) == 2
