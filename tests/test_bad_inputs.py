"""The bad-input corpus (``tests/fixtures/bad_inputs/make.py``) through every way in: the guard
itself, the command line (``etl.cli.main``) and the upload page (``etl.imports.uploads`` and an
AppTest of the page). Every refusal is a Vietnamese message of the catalogue, with no
traceback, no server path and no Python exception text; the command exits non-zero; the data
folder and the warehouse keep their bytes; the refusal is audited. Checking a hostile file
takes a bounded amount of memory.
"""

from __future__ import annotations

import errno
import re
import tracemalloc
from pathlib import Path

import pytest

from etl.access import audit
from etl.access.upload_safety import UnsafeFile, check_file, check_upload
from etl.access.users import User
from etl.cli import main
from etl.config import Settings
from etl.imports import uploads
from etl.present.i18n import catalogue
from tests.fixtures.bad_inputs.make import CASES, MB, Case, make
from tests.test_access import _inputs

CLERK = User("hoa", "reporter", "vhtt")
REFUSED = [case for case in CASES if case.expect]
ACCEPTED = [case for case in CASES if not case.expect]
_ABSOLUTE = re.compile(r"(^|[\s'\"(=:])/[\w.-]+/")
_PYTHON = re.compile(r"\b\w*(Error|Exception)\b|Errno|errno|zipfile|Traceback|File \"")
PEAK_BOUND = 10 * MB  # what checking any hostile file of the corpus may take above its bytes


def _ids(case: Case) -> str:
    return case.id


def _assert_told(text: str, key: str, tmp_path: Path, lang: str = "vi") -> None:
    start = catalogue()[key][lang].split("{")[0].strip()[:40]
    assert start in text.replace("\\", ""), text
    assert not _PYTHON.search(text), text
    assert str(tmp_path) not in text and not _ABSOLUTE.search(text), text


def test_the_corpus_has_at_least_55_cases_each_with_a_message_or_acceptance() -> None:
    assert len(CASES) >= 55
    assert len({case.id for case in CASES}) == len(CASES)
    assert all(case.expect in catalogue() for case in REFUSED)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_the_guard_refuses_each_case_as_stated(case: Case, tmp_path: Path) -> None:
    data = case.make()
    if case.expect is None:
        check_upload(case.name, data)
    else:
        with pytest.raises(UnsafeFile) as refused:
            check_upload(case.name, data)
        assert refused.value.reason == case.expect
    if "cli" in case.ways:
        path = make(case, tmp_path)
        if case.expect is None:
            check_file(path)
        else:
            with pytest.raises(UnsafeFile) as refused:
                check_file(path)
            assert refused.value.reason == case.expect


@pytest.mark.parametrize("case", REFUSED, ids=_ids)
def test_a_refusal_is_a_vietnamese_message_both_ways_and_changes_nothing(
    case: Case, fresh_data: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert case.expect is not None
    before = _inputs(fresh_data)
    if "cli" in case.ways:
        path = make(case, tmp_path)
        code = main(["--data-dir", str(fresh_data.data_dir), "activities", "import", str(path)])
        said = capsys.readouterr()
        assert code != 0
        _assert_told(said.out + said.err, case.expect, tmp_path)
        assert audit.read_events(fresh_data)["detail"].tolist()[-1] == case.expect
    result = uploads.run_staged(fresh_data, [uploads.Upload(case.name, case.make())], CLERK,
                                lambda paths: uploads.check(fresh_data, paths, CLERK))  # fmt: skip
    assert isinstance(result, str)
    _assert_told(result, case.expect, tmp_path)
    assert audit.read_events(fresh_data)["detail"].tolist()[-1] == case.expect
    assert _inputs(fresh_data) == before  # the warehouse is in the data folder: its bytes too


@pytest.mark.parametrize("case", ACCEPTED, ids=_ids)
def test_a_file_the_guard_accepts_is_read_or_refused_in_vietnamese(
    case: Case, fresh_data: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _inputs(fresh_data)
    if "cli" in case.ways:
        path = make(case, tmp_path)
        code = main(["--data-dir", str(fresh_data.data_dir), "activities", "import", "--dry-run",
                     str(path)])  # fmt: skip
        said = capsys.readouterr()
        text = said.out + said.err
        assert (code != 0) == bool(case.then), text
        if case.then:
            _assert_told(text, case.then, tmp_path)
        assert "Traceback" not in text and str(tmp_path) not in text
    result = uploads.run_staged(fresh_data, [uploads.Upload(case.name, case.make())], CLERK,
                                lambda paths: uploads.check(fresh_data, paths, CLERK))  # fmt: skip
    if case.then:
        assert isinstance(result, str)
        _assert_told(result, case.then, tmp_path)
    else:
        assert isinstance(result, uploads.Report), result
        assert result.submissions["rows_loaded"].sum() >= 1
    assert _inputs(fresh_data) == before  # dry runs


@pytest.mark.parametrize("case", [c for c in REFUSED if c.name in (
    "bom_ty_le.xlsx", "excel_cu.csv", "hong_sau_1mb.csv", "xxe_trang.xlsx", "trieu_dong.csv")],
    ids=_ids)  # fmt: skip
def test_list_imports_run_the_same_guard(
    case: Case, fresh_data: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert case.expect is not None
    before = _inputs(fresh_data)
    path = make(case, tmp_path)
    code = main(["--data-dir", str(fresh_data.data_dir), "villages", "import", str(path)])
    said = capsys.readouterr()
    assert code == 1
    _assert_told(said.out + said.err, case.expect, tmp_path)
    assert _inputs(fresh_data) == before


def test_a_boundary_zip_bomb_is_refused(
    fresh_data: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.fixtures.bad_inputs.make import zip_of

    path = tmp_path / "ranh_gioi.zip"
    path.write_bytes(zip_of({"xa.shp": b"\x00" * 60 * MB}))
    before = _inputs(fresh_data)
    code = main(["--data-dir", str(fresh_data.data_dir), "boundaries", "import", str(path)])
    said = capsys.readouterr()
    assert code == 1
    _assert_told(said.out + said.err, "upload_bomb", tmp_path)
    assert _inputs(fresh_data) == before


def test_messages_follow_lang_en(
    fresh_data: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = next(c for c in CASES if c.name == "excel_cu.xlsx")
    path = make(case, tmp_path)
    code = main(["--data-dir", str(fresh_data.data_dir), "activities", "--lang", "en", "import",
                 str(path)])  # fmt: skip
    said = capsys.readouterr()
    assert code == 1
    _assert_told(said.out, "file_is_xls", tmp_path, lang="en")


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "/srv/chodon/data/submissions.csv"),
         "failure_disk_full"),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/chodon/data/vhtt.csv"),
         "failure_permission"),
        (OSError(errno.EIO, "Input/output error", "/srv/chodon/data/vhtt.csv"), "failure_os"),
        (MemoryError(), "failure_memory"),
        (RuntimeError("boom at /srv/chodon/etl/secret.py line 3"), "failure_unexpected"),
    ],
)  # fmt: skip
def test_a_failure_mid_import_is_a_message_never_a_traceback(
    fresh_data: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    key: str,
) -> None:
    """The disk filling up, a permission denied, a bug… while a good report is read: the
    command line and the upload page say it in Vietnamese, with the file's name only; a bug's
    traceback goes to ``logs/etl.log`` in the data folder, under the reference the message gives."""
    from etl.reports import intake
    from tests.conftest import FIXTURES

    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(intake, "load_reports", fail)  # the build and the dry run read here
    report = FIXTURES / "activities" / "vhtt_2024-Q3.csv"
    code = main(["--data-dir", str(fresh_data.data_dir), "activities", "import", str(report)])
    said = capsys.readouterr()
    text = said.out + said.err
    assert code == 1
    _assert_told(text, key, tmp_path)
    assert "/srv" not in text and "secret" not in text
    if key in ("failure_permission", "failure_os"):
        assert "vhtt.csv" in text
    sent = [uploads.Upload(report.name, report.read_bytes())]
    result = uploads.run_staged(fresh_data, sent, CLERK,
                                lambda paths: uploads.check(fresh_data, paths, CLERK))  # fmt: skip
    assert isinstance(result, str)
    _assert_told(result, key, tmp_path)
    if key == "failure_unexpected":
        reference = re.search(r"\(mã ([0-9a-f]{8})\)", text)
        assert reference is not None
        log = (fresh_data.data_dir / "logs" / "etl.log").read_text(encoding="utf-8")
        assert reference.group(1) in log and "Traceback" in log and "secret.py" in log


@pytest.mark.parametrize("case", [c for c in REFUSED if c.make.__name__ != "<lambda>" or
                                  c.name.startswith(("bom", "khai", "tram", "trieu", "hai",
                                                     "dong", "o_", "chuoi", "ty_", "xxe"))],
                         ids=_ids)  # fmt: skip
def test_checking_a_hostile_file_takes_bounded_memory(case: Case) -> None:
    data = case.make()
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeFile):
            check_upload(case.name, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_BOUND, f"{case.name}: {peak / MB:.1f} MB"


@pytest.mark.parametrize("case", [c for c in REFUSED if c.name in (
    "bom_ty_le.xlsx", "excel_cu.xlsx", "xxe_trang.xlsx", "that_ra_la_csv.xlsx",
    "hong_sau_1mb.csv")],
    ids=_ids)  # fmt: skip
def test_the_upload_page_shows_the_message_and_no_traceback(
    case: Case, fresh_data: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etl.access import users
    from etl.config import ENV_DATA_DIR, ENV_DB
    from tests.test_pages_upload import PASSWORD, _upload_page

    assert case.expect is not None
    monkeypatch.setenv(ENV_DATA_DIR, str(fresh_data.data_dir))
    monkeypatch.setenv(ENV_DB, str(fresh_data.db_path))
    users.add_user(fresh_data, "hoa", "reporter", PASSWORD, unit_id="vhtt")
    app = _upload_page("hoa")
    before = _inputs(fresh_data)  # after the login, which writes its own state files
    app.file_uploader[0].set_value((case.name, case.make(), "application/octet-stream")).run()
    assert not app.exception
    (error,) = app.error
    _assert_told(error.value, case.expect, tmp_path)
    assert not [b for b in app.button if b.key == "upload_commit"]
    after = {k: v for k, v in _inputs(fresh_data).items() if k != "users.json"}
    assert after == {k: v for k, v in before.items() if k != "users.json"}
