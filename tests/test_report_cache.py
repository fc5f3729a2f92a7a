"""The report cache: a report read again is cached, and a rebuild from the cache gives the same
warehouse without opening the files; an edited file or a spoilt entry is read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl import db, pipeline
from etl.config import Settings
from etl.imports.activities import import_reports
from etl.reports import rows as report_rows
from etl.reports.cache import ReportCache
from etl.reports.submissions import ReportError
from tests.conftest import FIXTURES, REPORTS, make_data_dir

FILES = [
    FIXTURES / "activities" / "vhtt_2024-Q3.csv",
    REPORTS / "ubnd_nam_cuong_2024-Q4.xlsx",  # merged header cells, title rows
    REPORTS / "cah_2025-Q1_cp1258.csv",  # Windows-1258
    REPORTS / "gddt_2025-Q1_utf16.csv",  # UTF-16, tab-separated
]


def _tables(settings: Settings) -> tuple[list[tuple], ...]:
    con = db.connect(settings, read_only=True, extensions=())
    try:
        return tuple(
            con.execute(query).fetchall()
            for query in (
                "select * from activity_list order by activity_id",
                "select * from raw_row_problems order by all",
                "select * exclude (received_at) from stg_submissions order by submission_id",
            )
        )
    finally:
        con.close()


def _unread(*args: object) -> None:
    raise AssertionError(f"a cached report was read again: {args[1]}")


def _entries(settings: Settings) -> list[Path]:
    return sorted(ReportCache.beside(settings.db_path).folder.rglob("*.parquet"))


@pytest.fixture
def cached(tmp_path: Path) -> tuple[Settings, tuple[list[tuple], ...]]:
    """A data folder built twice (the second build caches every report), and its tables."""
    settings = make_data_dir(tmp_path, FILES)
    pipeline.build(settings)
    assert _entries(settings) == []  # a first reading is only marked
    first = _tables(settings)
    pipeline.build(settings)
    assert len(_entries(settings)) == len(FILES)
    assert _tables(settings) == first
    return settings, first


def test_a_rebuild_reads_the_cache_not_the_files(
    cached: tuple[Settings, tuple[list[tuple], ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, first = cached
    monkeypatch.setattr(report_rows, "read_report", _unread)
    pipeline.build(settings)
    assert _tables(settings) == first
    assert sum(len(t) for t in first) > 20  # rows, problems and submissions were compared


def test_an_edited_file_is_read_again(cached: tuple[Settings, tuple[list[tuple], ...]]) -> None:
    settings, _ = cached
    path = settings.activities_dir / "vhtt_2024-Q3.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",120,95,", ",130,95,"), encoding="utf-8"
    )
    pipeline.build(settings)
    con = db.connect(settings, read_only=True, extensions=())
    try:
        rows = con.execute(
            "select participants from activity_list where source_file = 'vhtt_2024-Q3.csv' "
            "and source_row = 3"
        ).fetchall()
    finally:
        con.close()
    assert rows == [(130,)]


def test_a_spoilt_entry_is_read_from_the_file_and_cached_anew(
    cached: tuple[Settings, tuple[list[tuple], ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, first = cached
    for entry in _entries(settings):
        entry.write_bytes(b"not parquet")
    pipeline.build(settings)
    assert _tables(settings) == first
    assert all(entry.read_bytes().startswith(b"PAR1") for entry in _entries(settings))
    monkeypatch.setattr(report_rows, "read_report", _unread)
    pipeline.build(settings)  # from the entries written anew
    assert _tables(settings) == first


def test_entries_of_files_no_longer_read_are_deleted(
    cached: tuple[Settings, tuple[list[tuple], ...]],
) -> None:
    settings, _ = cached
    (settings.activities_dir / FILES[0].name).unlink()
    pipeline.build(settings)
    folder = ReportCache.beside(settings.db_path).folder
    kinds = sorted(p.suffix for p in folder.rglob("*") if p.is_file())
    left = len(FILES) - 1
    assert kinds == [".json"] * left + [".parquet"] * left + [".seen"] * left


def test_another_reader_does_not_use_old_readings(
    cached: tuple[Settings, tuple[list[tuple], ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, _ = cached
    cache = ReportCache.beside(settings.db_path)
    path = settings.activities_dir / "vhtt_2024-Q3.csv"
    key = cache.key("x", path)
    monkeypatch.setattr("etl.reports.cache.reader_fingerprint", lambda: "another reader")
    assert cache.key("x", path) != key
    assert cache.layout(cache.key("x", path)) is None


def test_a_cache_that_is_not_writable_writes_nothing(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, FILES[:1])
    folder = ReportCache.beside(settings.db_path).folder
    read_only = ReportCache(folder, writable=False)
    path = settings.activities_dir / FILES[0].name
    read_only.mark(read_only.key("x", path))
    read_only.commit()
    assert not folder.exists()


def test_a_failed_build_leaves_the_cache_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_data_dir(tmp_path, FILES[:2])
    pipeline.build(settings)  # marks both
    # read last (files sort by name): the build caches both reports, then fails on this list
    (settings.activities_dir / "zz_danh_sach.csv").write_text("Họ tên,Lớp\nA,1\n", "utf-8")
    discarded: list[int] = []
    discard = ReportCache.discard

    def counting(self: ReportCache) -> None:
        discarded.append(len(self._pending))
        discard(self)

    monkeypatch.setattr(ReportCache, "discard", counting)
    with pytest.raises(ReportError):
        pipeline.build(settings)
    assert discarded == [4]  # two entries (rows and record each) were written, then dropped
    folder = ReportCache.beside(settings.db_path).folder
    assert sorted(p.suffix for p in folder.rglob("*") if p.is_file()) == [".seen", ".seen"]


def test_a_stored_report_edited_in_place_is_read_again(
    places_data: Settings, tmp_path: Path
) -> None:
    report = tmp_path / "vhtt_2024-Q3.csv"
    report.write_bytes((FIXTURES / "activities" / "vhtt_2024-Q3.csv").read_bytes())
    outcome = import_reports(places_data, [report])  # a ledger receipt: its hash is not redone
    assert outcome.con is not None
    outcome.con.close()
    pipeline.build(places_data)  # caches it
    stored = next(places_data.activities_dir.glob("S0001_*"))
    before = stored.stat()
    stored.write_bytes(stored.read_bytes().replace(b"1.200", b"1.300"))  # same size
    os.utime(stored, ns=(before.st_atime_ns, before.st_mtime_ns))  # as copying tools keep it
    pipeline.build(places_data)
    con = db.connect(places_data, read_only=True, extensions=())
    try:
        rows = con.execute("select participants from activity_list where source_row = 6").fetchall()
    finally:
        con.close()
    assert rows == [(1300,)]
