"""A failed build leaves no large file behind: no staging warehouse, log, spill folder or
half-written copy, in the data folder or beside the warehouse."""

import os
from pathlib import Path

import pytest

from etl import pipeline
from etl.config import Settings
from etl.imports.journal import commit_inputs
from tests.conftest import make_data_dir
from tests.test_import_safety import REPORT, _big_report


def _listing(settings: Settings) -> dict[str, int]:
    folders = {settings.data_dir, settings.db_path.parent}
    return {
        str(p): p.stat().st_size
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p != settings.db_path and ".writer.lock" not in p.name
    }


def test_a_build_failing_in_its_last_check_leaves_nothing(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [REPORT])
    pipeline.build(settings)
    _big_report(settings.activities_dir / "gddt_2024-Q3.csv", 40_000, "Phòng GD&ĐT")
    before = _listing(settings)
    seen: dict[str, int] = {}

    def injected(con: object) -> None:
        seen.update({k: v for k, v in _listing(settings).items() if k not in before})
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        pipeline.build(settings, check=injected)
    assert any(name.endswith(".building") for name in seen)  # there was something to clean
    assert sum(seen.values()) > 1 << 20
    assert _listing(settings) == before


def test_a_refused_import_leaves_nothing(fresh_data: Settings, tmp_path: Path) -> None:
    from etl.imports.activities import import_reports
    from etl.reports.submissions import ReportError

    before = _listing(fresh_data)
    bad = tmp_path / "khong_ro_don_vi.csv"  # rows with no unit anyone knows
    text = "Ngày bắt đầu,Đơn vị chủ trì,Loại hoạt động,Đối tượng\n05/10/2024,Tổ 3,Họp,Dân\n"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError):
        import_reports(fresh_data, [bad])
    after = _listing(fresh_data)
    after.pop(str(fresh_data.data_dir / "audit.jsonl"))
    assert after == before


def test_a_killed_builds_log_is_not_replayed_and_is_removed(tmp_path: Path) -> None:
    """A build killed mid-way leaves its staging file and log; the next build removes both
    (replaying an old log into a new staging file would be wrong, or fail)."""
    settings = make_data_dir(tmp_path, [REPORT])
    staging = settings.db_path.with_name(settings.db_path.name + ".building")
    staging.write_bytes(os.urandom(1 << 16))
    staging.with_name(staging.name + ".wal").write_bytes(os.urandom(1 << 16))
    (spill := staging.with_name(staging.name + ".tmp")).mkdir()
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(os.urandom(1 << 16))
    commit_inputs(settings, {})
    leftovers = [p.name for p in settings.data_dir.iterdir() if ".building" in p.name]
    assert leftovers == []
