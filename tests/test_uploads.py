"""The import page's ETL side: files refused before they are read (size, type, zip bomb,
malformed archive, names that try to leave their folder), the check, the commit, the template.

Every refusal leaves the data folder and the warehouse byte for byte as they were.
"""

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.access import audit
from etl.access.upload_safety import UnsafeFile
from etl.access.users import User
from etl.config import Settings
from etl.imports import uploads
from tests.conftest import FIXTURES
from tests.test_access import _inputs, _rows

VHTT = FIXTURES / "activities" / "vhtt_2024-Q3.csv"
CLERK = User("hoa", "reporter", "vhtt")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


REFUSED = [
    ("big.csv", b"x" * 4096, "upload_too_large"),
    ("report.exe", b"MZ", "upload_wrong_type"),
    ("report.xlsx", b"PK\x03\x04 not really a zip", "zip_truncated"),
    ("bomb.xlsx", _zip({"[Content_Types].xml": b"<x/>", "xl/a.xml": b"0" * 3_000_000}),
     "upload_bomb"),
    ("slip.xlsx", _zip({"[Content_Types].xml": b"<x/>", "../../evil.sh": b"1"}),
     "zip_path_entry"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "reason"), REFUSED)
def test_refused_files_change_nothing(
    fresh_data: Settings, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    before, warehouse = _inputs(fresh_data), fresh_data.db_path.read_bytes()
    folder = tmp_path / "upload"
    folder.mkdir()
    good = uploads.Upload(VHTT.name, VHTT.read_bytes())
    with pytest.raises(UnsafeFile) as refused:
        uploads.stage(fresh_data, [good, uploads.Upload(name, data)], folder, CLERK,
                      max_bytes=2048 if reason == "upload_too_large" else 10**7)  # fmt: skip
    assert refused.value.reason == reason
    assert refused.value.fields["file"] == name
    assert list(folder.iterdir()) == []  # not even the good file was written
    assert _inputs(fresh_data) == before
    assert fresh_data.db_path.read_bytes() == warehouse
    last = audit.read_events(fresh_data).iloc[-1]
    assert (last["actor"], last["action"], last["target"], last["detail"]) == (
        "hoa", "upload_refused", name, reason,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("../../../etc/cron.d/vhtt_2024-Q3.csv", "vhtt_2024-Q3.csv"),
        ("..\\..\\Windows\\vhtt_2024-Q3.csv", "vhtt_2024-Q3.csv"),
        ("/abs/path/.vhtt_2024-Q3.csv", "vhtt_2024-Q3.csv"),
        ("bao cao <script>.csv", "bao cao _script_.csv"),
    ],
)
def test_file_names_stay_in_their_folder(
    fresh_data: Settings, tmp_path: Path, name: str, stored: str
) -> None:
    sandbox = tmp_path / "sandbox"
    folder = sandbox / "a" / "b" / "upload"  # deep enough for ../../../ to land in the sandbox
    folder.mkdir(parents=True)
    (path,) = uploads.stage(fresh_data, [uploads.Upload(name, VHTT.read_bytes())], folder, CLERK)
    assert path == folder / stored
    assert [p for p in sandbox.rglob("*") if p.is_file()] == [folder / stored]


def test_two_files_of_one_name_are_both_kept(fresh_data: Settings, tmp_path: Path) -> None:
    files = [uploads.Upload("a/bao_cao.csv", b"1"), uploads.Upload("b/bao_cao.csv", b"2")]
    paths = uploads.stage(fresh_data, files, tmp_path, CLERK)
    assert [(p.name, p.read_bytes()) for p in paths] == [
        ("bao_cao.csv", b"1"), ("1_bao_cao.csv", b"2"),
    ]  # fmt: skip


def test_check_then_commit(fresh_data: Settings) -> None:
    before, warehouse = _inputs(fresh_data), fresh_data.db_path.read_bytes()
    checked = uploads.check(fresh_data, [VHTT], CLERK)
    assert (_inputs(fresh_data), fresh_data.db_path.read_bytes()) == (before, warehouse)
    assert checked.dry_run
    assert checked.files.values.tolist() == [["vhtt_2024-Q3.csv", "new", "S0001", False]]
    assert checked.submissions.drop(columns=["supersedes", "added_to"]).values.tolist() == [
        ["S0001", "vhtt_2024-Q3.csv", "vhtt", "Phòng Văn hóa và Thông tin", "2024-Q3", "active",
         False, 5, 3, 2, "replace", 0],
    ]  # fmt: skip
    assert checked.submissions[["supersedes", "added_to"]].isna().all().all()  # the first one
    assert checked.choices == ()
    assert checked.problems[["source_row", "column_name", "value", "reason"]].values.tolist() == [
        [3, "Thôn, tổ dân phố", "Tổ 3",
         "Không tìm thấy thôn, tổ dân phố “Tổ 3” trong xã đã ghi."],  # not in the village list
        [7, "Ngày bắt đầu", "31/02/2024",
         "Ngày “31/02/2024” không đúng: ghi theo dạng ngày/tháng/năm, ví dụ 05/07/2024."],
    ]  # fmt: skip
    committed = uploads.commit(fresh_data, [VHTT], CLERK, lang="en")
    assert not committed.dry_run
    assert committed.submissions["unit_name"].tolist() == ["Culture & Information office"]
    assert committed.problems["reason"].tolist() == [
        "No village “Tổ 3” in the commune given.",
        "Date “31/02/2024” is not valid: write it as day/month/year, e.g. 05/07/2024.",
    ]
    assert _rows(fresh_data, "select submission_id, status from stg_submissions") == [
        ("S0001", "active")
    ]
    again = uploads.check(fresh_data, [VHTT], CLERK)
    assert again.files["outcome"].tolist() == ["unchanged"]
    assert again.submissions.empty


def test_template_names_the_reporters_unit(fresh_data: Settings) -> None:
    book = load_workbook(io.BytesIO(uploads.template_bytes(fresh_data, "ubnd_xa:2020:02026")))
    assert book.sheetnames == ["Hoạt động", "Hướng dẫn"]
    assert book["Hoạt động"]["B2"].value == "UBND Xã Nam Cường"


def test_no_files_is_a_mistake(fresh_data: Settings, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="uploads must not be empty"):
        uploads.stage(fresh_data, [], tmp_path, CLERK)


def test_a_staged_run_leaves_no_files_and_says_why_it_was_refused(fresh_data: Settings) -> None:
    seen: list[Path] = []

    def look(paths: list[Path]) -> uploads.Report:
        seen.extend(paths)
        assert [p.read_bytes() for p in paths] == [VHTT.read_bytes()]
        return uploads.check(fresh_data, paths, CLERK)

    good = uploads.Upload(VHTT.name, VHTT.read_bytes())
    report = uploads.run_staged(fresh_data, [good], CLERK, look)
    assert isinstance(report, uploads.Report) and report.dry_run
    assert seen and not any(p.exists() for p in seen)  # the private folder is gone
    refused = uploads.run_staged(fresh_data, [uploads.Upload("report.exe", b"MZ")], CLERK, look,
                                 "en")  # fmt: skip
    assert isinstance(refused, str) and refused.startswith("File report.exe refused: ")


def test_a_check_is_fingerprinted_by_content_and_options() -> None:
    one = [uploads.Upload("a.csv", b"1")]
    assert uploads.fingerprint(one, "2024-Q3") == uploads.fingerprint(list(one), "2024-Q3")
    assert uploads.fingerprint(one, "2024-Q3") != uploads.fingerprint(one, "2024-Q4")
    assert uploads.fingerprint(one) != uploads.fingerprint([uploads.Upload("a.csv", b"2")])
