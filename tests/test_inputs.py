from pathlib import Path

import pytest

from etl import db
from etl.config import Settings
from etl.imports.journal import JOURNAL_NAME, commit_inputs
from tests.conftest import FIXTURES, make_data_dir

REPORT = FIXTURES / "activities" / "vhtt_2024-Q3.csv"


def _activities(settings: Settings) -> int:
    con = db.connect(settings, read_only=True)
    try:
        (count,) = con.execute("select count(*) from stg_activities").fetchall()[0]
        return int(count)
    finally:
        con.close()


def test_change_and_rebuild_together(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    result = commit_inputs(settings, {Path("activities/r.csv"): REPORT.read_bytes()})
    assert result.activity_files == 1
    assert _activities(settings) == 4
    assert not (settings.data_dir / JOURNAL_NAME).exists()


def test_failed_build_restores_files_and_warehouse(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [REPORT])
    commit_inputs(settings, {})
    changes = {
        Path("activities/vhtt_2024-Q3.csv"): None,
        Path("activities/broken.csv"): b"not a report\n",
    }
    with pytest.raises(ValueError, match="thiếu cột"):
        commit_inputs(settings, changes)
    assert sorted(p.name for p in settings.activities_dir.iterdir()) == ["vhtt_2024-Q3.csv"]
    assert _activities(settings) == 4
    assert not (settings.data_dir / JOURNAL_NAME).exists()


def test_a_killed_writer_is_undone_by_the_next(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [REPORT])
    commit_inputs(settings, {})
    # What a writer killed between applying its change and committing leaves behind:
    journal = '{"%s": null}' % (settings.activities_dir / "half.csv")
    (settings.data_dir / JOURNAL_NAME).write_text(journal)
    (settings.activities_dir / "half.csv").write_bytes(REPORT.read_bytes())
    commit_inputs(settings, {})
    assert not (settings.activities_dir / "half.csv").exists()
    assert _activities(settings) == 4


def test_paths_outside_the_data_folder_are_refused(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    with pytest.raises(ValueError, match="inside the data folder"):
        commit_inputs(settings, {Path("../escape.csv"): b"x"})
    assert not (tmp_path / "escape.csv").exists()
