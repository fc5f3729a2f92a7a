"""Synthetic benchmark volumes, shrunk for the test: layout, counts, reproducibility."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from etl.demo import scale
from etl.demo.places import SCHOOL_HEADERS, VILLAGE_HEADERS
from etl.demo.rows import REPORT_HEADERS
from etl.demo.workbook import SAMPLE_NOTE
from etl.reports.header import extract_activities


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> scale.Scale:
    shrunk = scale.Scale(villages=400, activities=5_000)  # 40 communes in 3 districts
    monkeypatch.setitem(scale.SCALES, "province", shrunk)
    return shrunk


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.csv"))
    }


def test_scale_writes_lists_and_reports(tiny: scale.Scale, tmp_path: Path) -> None:
    result = scale.write_scale("province", 3, tmp_path)
    assert (result.communes, result.villages, result.schools, result.files) == (40, 400, 120, 33)
    with (tmp_path / "villages.csv").open(encoding="utf-8") as handle:
        villages = list(csv.reader(handle))
    assert tuple(villages[0]) == VILLAGE_HEADERS
    assert len(villages) == 401
    assert villages[1][:5] == ["S00001", "Xã Mẫu 1", "Thôn 1 (mẫu)", "Thôn", "S00001.001"]
    with (tmp_path / "schools.csv").open(encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == SCHOOL_HEADERS
    reports = sorted((tmp_path / "activities").glob("MAU_province_*.csv"))
    assert len(reports) == 33
    counts = [len(_rows(p)) - 2 for p in reports]  # less the note and the header
    assert counts[0] == 152  # 5,000 rows over 33 files: 151 each, one more in the first 17
    assert sum(counts) == 5_000
    assert len(extract_activities(reports[0])) == 152  # the import's reader takes the layout
    with reports[0].open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == [SAMPLE_NOTE]
    assert tuple(lines[1]) == REPORT_HEADERS


def test_same_seed_same_files(tiny: scale.Scale, tmp_path: Path) -> None:
    scale.write_scale("province", 5, tmp_path / "a")
    scale.write_scale("province", 5, tmp_path / "b")
    scale.write_scale("province", 6, tmp_path / "c")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert _digests(tmp_path / "a") != _digests(tmp_path / "c")


def test_real_sizes_are_as_the_issue_says() -> None:
    province, national = scale.SCALES["province"], scale.SCALES["national"]
    assert (province.villages, province.activities, province.communes) == (1_400, 1_000_000, 140)
    assert (national.villages, national.activities, national.communes) == (
        100_000,
        10_000_000,
        10_000,
    )


def test_unknown_scale_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="name must be one of"):
        scale.write_scale("world", 1, tmp_path)
