"""`python -m etl demo`: into the data folder through the real imports, or into another folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import db
from etl.cli import main
from etl.demo import scale
from etl.demo.generate import SCHOOLS_PATH, VILLAGES_PATH, DemoSample
from etl.demo.install import report_changes
from tests.conftest import FIXTURES, make_data_dir


def test_demo_loads_the_sample_through_the_imports_and_rebuilds(
    tmp_path: Path, demo_sample: DemoSample, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_data_dir(tmp_path, [])
    stale = settings.activities_dir / "MAU_vhtt_2024-Q3.csv"  # an old sample report
    stale.write_bytes((FIXTURES / "activities" / "vhtt_2024-Q3.csv").read_bytes())
    assert main(["--data-dir", str(settings.data_dir), "demo"]) == 0
    out = capsys.readouterr().out
    assert "187 thôn, tổ dân phố; 58 trường; 254 báo cáo với 1592 hoạt động" in out
    assert not stale.exists()
    written = sorted(p.name for p in settings.activities_dir.iterdir())
    assert written == sorted(Path(r.path).name for r in demo_sample.reports)
    for relative in (VILLAGES_PATH, SCHOOLS_PATH):  # stored by the imports, bytes as generated
        assert (settings.data_dir / relative).read_bytes() == demo_sample.files[relative]
    con = db.connect_path(settings.db_path, read_only=True)
    assert con.execute("select count(*) from stg_villages").fetchone() == (187,)
    assert con.execute("select count(*) from stg_schools").fetchone() == (58,)
    assert con.execute("select is_sample from warehouse_info").fetchone() == (True,)


def test_demo_refuses_a_data_folder_with_real_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_data_dir(tmp_path, [])
    real = settings.activities_dir / "vhtt_2025-Q1.xlsx"
    real.write_bytes(b"a real report")
    assert main(["--data-dir", str(settings.data_dir), "demo"]) == 1
    assert "activities/vhtt_2025-Q1.xlsx" in capsys.readouterr().out
    assert sorted(p.name for p in settings.activities_dir.iterdir()) == ["vhtt_2025-Q1.xlsx"]
    assert not (settings.data_dir / "places").exists()


def test_report_changes_replace_old_samples_only(tmp_path: Path, demo_sample: DemoSample) -> None:
    data = tmp_path / "data"
    (data / "activities").mkdir(parents=True)
    (data / "activities" / "MAU_old.xlsx").write_bytes(b"an old sample")
    changes = report_changes(data, demo_sample)
    assert changes[Path("activities/MAU_old.xlsx")] is None
    assert len(changes) == len(demo_sample.reports) + 1
    assert not any(p.parts[0] == "places" for p in changes)


def test_demo_out_writes_files_only(tmp_path: Path, demo_sample: DemoSample) -> None:
    out = tmp_path / "out"
    assert main(["--data-dir", str(tmp_path / "data"), "demo", "--out", str(out)]) == 0
    assert (out / VILLAGES_PATH).read_bytes() == demo_sample.files[VILLAGES_PATH]
    assert len(list((out / "activities").iterdir())) == 254
    assert not (tmp_path / "data").exists()


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
