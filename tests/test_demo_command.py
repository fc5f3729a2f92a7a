"""`python -m etl demo`: the sample through the real imports, or files into another folder."""

from __future__ import annotations

import contextlib
import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from etl import db
from etl.cli import main
from etl.config import Settings
from etl.demo import scale
from etl.demo.generate import SCHOOLS_PATH, VILLAGES_PATH, DemoSample
from etl.demo.install import not_sample_files
from tests.conftest import FIXTURES, make_data_dir


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, str]:
    """A data folder holding an old sample report, after `python -m etl demo`; and its output."""
    settings = make_data_dir(tmp_path_factory.mktemp("demo"), [])
    stale = settings.activities_dir / "MAU_vhtt_2024-Q3.csv"  # an old sample report
    stale.write_bytes((FIXTURES / "activities" / "vhtt_2024-Q3.csv").read_bytes())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(settings.data_dir), "demo"]) == 0
    return settings, out.getvalue()


def test_demo_says_what_it_loaded(installed: tuple[Settings, str]) -> None:
    _, out = installed
    assert "187 thôn, tổ dân phố; 58 trường; 328 báo cáo với 1727 hoạt động" in out
    assert "328 tệp báo cáo; 1727 dòng được nạp, 8 dòng bị loại" in out


def test_every_report_passes_through_the_real_import(
    installed: tuple[Settings, str], demo_sample: DemoSample
) -> None:
    settings, _ = installed
    con = db.connect_path(settings.db_path, read_only=True)
    found = {
        file_name: (status, read, loaded, rejected, none)
        for file_name, status, read, loaded, rejected, none in con.execute(
            "select file_name, status, rows_read, rows_loaded, rows_rejected, no_activities "
            "from stg_submissions"
        ).fetchall()
    }
    expected = {
        Path(r.path).name: (
            "active",
            r.activities + len(r.bad),
            r.activities,
            len(r.bad),
            r.no_activities,
        )
        for r in demo_sample.reports
    }
    assert found == expected
    assert con.execute("select count(*) from stg_activities").fetchone() == (1727,)
    assert con.execute("select count(*) from stg_villages").fetchone() == (187,)
    assert con.execute("select count(*) from stg_schools").fetchone() == (58,)
    assert con.execute("select is_sample from warehouse_info").fetchone() == (True,)


def test_the_import_rejects_exactly_the_planted_rows(installed: tuple[Settings, str]) -> None:
    settings, _ = installed
    con = db.connect_path(settings.db_path, read_only=True)
    rows = con.execute(
        "select distinct file_name, source_row, reason_en from stg_rejected_rows"
    ).fetchall()
    assert len({(f, r) for f, r, _ in rows}) == 8
    reasons = " | ".join(reason for _, _, reason in rows)
    planted = ("No village", "exceed the number of participants", "Required value missing",
               "after the day the report was received", "is not in the list")  # fmt: skip
    for part in planted:
        assert part in reasons, part


def test_demo_replaced_the_old_sample_and_stored_what_was_generated(
    installed: tuple[Settings, str], demo_sample: DemoSample
) -> None:
    settings, _ = installed
    assert not (settings.activities_dir / "MAU_vhtt_2024-Q3.csv").exists()
    for relative in (VILLAGES_PATH, SCHOOLS_PATH):
        assert (settings.data_dir / relative).read_bytes() == demo_sample.files[relative]
    with settings.ledger_path.open(encoding="utf-8") as handle:
        ledger = list(csv.DictReader(handle))
    assert Counter(r["status"] for r in ledger) == {"received": 328}
    assert not_sample_files(settings) == []


def test_demo_refuses_a_data_folder_with_real_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_data_dir(tmp_path, [FIXTURES / "activities" / "vhtt_2024-Q3.csv"])
    assert main(["--data-dir", str(settings.data_dir), "demo"]) == 1
    assert "activities/vhtt_2024-Q3.csv" in capsys.readouterr().out
    assert sorted(p.name for p in settings.activities_dir.iterdir()) == ["vhtt_2024-Q3.csv"]
    assert not (settings.data_dir / "places").exists()


def test_demo_out_writes_files_only(tmp_path: Path, demo_sample: DemoSample) -> None:
    out = tmp_path / "out"
    assert main(["--data-dir", str(tmp_path / "data"), "demo", "--out", str(out)]) == 0
    assert (out / VILLAGES_PATH).read_bytes() == demo_sample.files[VILLAGES_PATH]
    assert len(list((out / "activities").iterdir())) == 328
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
