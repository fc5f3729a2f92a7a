"""Every started import is on the audit trail, also one killed with SIGKILL mid-build."""

from pathlib import Path

from etl.access import audit
from etl.imports.activities import import_reports
from etl.imports.journal import JOURNAL_NAME, commit_inputs
from etl.present.i18n import t
from tests.conftest import make_data_dir
from tests.test_import_safety import REPORT, kill_mid_build


def test_a_killed_import_is_audited_as_started_then_rolled_back(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    commit_inputs(settings, {Path("activities/vhtt_2024-Q3.csv"): REPORT.read_bytes()})
    ledger_before = settings.ledger_path.exists()
    kill_mid_build(settings, tmp_path)
    events = audit.read_events(settings)
    assert events[["actor", "action", "target"]].values.tolist() == [
        ["cli", "import_started", "gddt_2024-Q3.csv"]
    ]
    assert events["detail"].iloc[0] == "activities/S0001_gddt_2024-Q3.csv, submissions.csv"
    commit_inputs(settings, {})  # the next writer rolls the dead import back
    events = audit.read_events(settings)
    assert events["action"].tolist() == ["import_started", "import_rolled_back"]
    rolled = events.iloc[1]
    assert (rolled["actor"], rolled["target"]) == ("cli", "gddt_2024-Q3.csv")
    assert rolled["detail"].startswith(f"started {events['at'].iloc[0].isoformat()}")
    assert rolled["detail"].endswith("put back: activities/S0001_gddt_2024-Q3.csv, submissions.csv")
    assert not (settings.activities_dir / "S0001_gddt_2024-Q3.csv").exists()
    assert settings.ledger_path.exists() == ledger_before
    assert not (settings.data_dir / JOURNAL_NAME).exists()
    commit_inputs(settings, {})  # recorded once: nothing left to roll back
    assert len(audit.read_events(settings)) == 2


def test_an_import_that_completes_is_started_then_done(tmp_path: Path) -> None:
    settings = make_data_dir(tmp_path, [])
    import_reports(settings, [REPORT])
    events = audit.read_events(settings)
    assert events[["action", "target"]].values.tolist() == [
        ["import_started", "vhtt_2024-Q3.csv"], ["upload", "S0001"]
    ]  # fmt: skip


def test_the_new_actions_have_names_on_the_audit_page() -> None:
    for action in ("import_started", "import_rolled_back"):
        assert action in audit.ACTIONS
        vi, en = t(f"audit_action_{action}", "vi"), t(f"audit_action_{action}", "en")
        assert vi != en and "audit_action" not in vi
