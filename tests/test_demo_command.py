"""`python -m etl demo`: into the data folder (journalled, rebuilt) or into another folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import db
from etl.cli import main
from etl.commands.demo import sample_changes
from etl.demo import scale
from etl.demo.generate import DemoSample
from tests.conftest import make_data_dir


def test_demo_replaces_the_sample_in_the_data_folder_and_rebuilds(
    tmp_path: Path, demo_sample: DemoSample, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_data_dir(tmp_path, [])
    stale = settings.activities_dir / "MAU_vhtt_2024-Q3.csv"
    stale.write_text("old placeholder\n", encoding="utf-8")
    assert main(["--data-dir", str(settings.data_dir), "demo"]) == 0
    out = capsys.readouterr().out
    assert "187 thôn, tổ dân phố; 58 trường; 253 báo cáo với 1567 hoạt động" in out
    assert not stale.exists()
    written = sorted(p.name for p in settings.activities_dir.iterdir())
    assert written == sorted(Path(r.path).name for r in demo_sample.reports)
    assert (settings.reference_dir / "MAU_villages.csv").read_bytes() == demo_sample.files[
        "reference/MAU_villages.csv"
    ]
    con = db.connect_path(settings.db_path, read_only=True)
    assert con.execute("select is_sample from warehouse_info").fetchone() == (True,)


def test_demo_keeps_files_that_are_not_samples(tmp_path: Path, demo_sample: DemoSample) -> None:
    data = tmp_path / "data"
    (data / "activities").mkdir(parents=True)
    (data / "activities" / "vhtt_2025-Q1.xlsx").write_bytes(b"a real report")
    (data / "activities" / "MAU_old.xlsx").write_bytes(b"an old sample")
    changes = sample_changes(data, demo_sample)
    assert changes[Path("activities/MAU_old.xlsx")] is None
    assert Path("activities/vhtt_2025-Q1.xlsx") not in changes
    assert len(changes) == len(demo_sample.files) + 1


def test_demo_scale_writes_outside_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(scale.SCALES, "province", scale.Scale(villages=100, activities=1_000))
    out = tmp_path / "bench"
    args = ["--data-dir", str(tmp_path / "data"), "demo", "--scale", "province", "--out", str(out)]
    assert main(args) == 0
    assert "100 thôn, 30 trường, 1000 hoạt động trong 11 tệp" in capsys.readouterr().out
    assert len(list((out / "activities").glob("*.csv"))) == 11
    assert not (tmp_path / "data").exists()
