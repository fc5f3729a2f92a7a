"""First day with real data: the README's "start with your own data" path in a new, empty
folder, and what every command says when an input is missing or broken."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from etl.cli import main
from etl.config import REPO_ROOT
from etl.present.i18n import t

FIXTURES = Path(__file__).parent / "fixtures" / "firstday"
REPORTS = ("ubnd_bang_lung_quy3_2024.csv", "ubnd_nam_cuong_Q3-2024.csv", "phong_vhtt_quy_3.csv")


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_readme_gives_the_path(tmp_path: Path) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for heading in ("Bắt đầu với dữ liệu của mình", "Start with your own data"):
        assert heading in readme
    for step in ("-m etl init", "villages import", "schools import", "activities import",
                 "coverage --level commune --period"):  # fmt: skip
        assert step in readme.split("Bắt đầu với dữ liệu của mình")[1], step


def test_start_with_own_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "du-lieu-cho-don"
    data = ["--data-dir", folder]
    code, out, _ = run(capsys, "init", folder)
    assert code == 0 and "ranh giới minh họa của 20 xã" in out
    names = {p.name for p in folder.iterdir()}
    assert {"activities", "boundaries", "places", "submissions.csv", "warehouse.duckdb"} <= names
    assert sorted(p.name for p in (folder / "places").iterdir()) == ["schools", "villages"]
    assert not list((folder / "activities").iterdir())
    code, out, _ = run(capsys, *data, "villages", "import", FIXTURES / "danh_sach_thon.csv")
    assert code == 0 and "Đã nhập 6 thôn, tổ dân phố" in out
    code, out, _ = run(capsys, *data, "schools", "import", FIXTURES / "danh_sach_truong.csv")
    assert code == 0 and "Đã nhập 4 trường học" in out
    code, out, _ = run(capsys, *data, "activities", "import", *(FIXTURES / r for r in REPORTS))
    assert code == 0
    assert out.count("Số dòng:") == 3 and "loại 1" not in out, out
    for typed, read in (("P. VH-TT huyện Chợ Đồn", "Phòng Văn hóa và Thông tin"),
                        ("MN Bản Thi", "Trường Mầm non Bản Thi"), ("TDP số 02", "Tổ 2"),
                        ("THCS Bằng Lũng", "Trường THCS Bằng Lũng")):  # fmt: skip
        assert f"Đã hiểu “{typed}” là “{read}”." in out  # how each loose name was read
    code, out, _ = run(capsys, *data, "coverage", "--level", "commune", "--period", "2024-Q3",
                       "--format", "csv")  # fmt: skip
    assert code == 0
    rows = {r["commune_code"]: r for r in csv.DictReader(io.StringIO(out))}
    columns = ("villages_applicable", "villages_reached", "schools_reached")
    reached = {code: tuple(rows[code][c] for c in columns) for code in ("02020", "02026", "02035")}
    # Bằng Lũng: both residential groups and its lower-secondary school; Nam Cường: Nà Pài (the
    # broadcast reaches Bản Cuôn indirectly); Bản Thi: Nà Ngài and its kindergarten
    assert reached == {"02020": ("2", "2", "1"), "02026": ("2", "1", "0"), "02035": ("2", "1", "1")}
    assert rows["02020"]["participants_total"] == "1245"


def test_first_import_into_a_missing_folder_makes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "moi"
    code, out, _ = run(capsys, "--data-dir", folder, "villages", "import",
                       FIXTURES / "danh_sach_thon.csv")  # fmt: skip
    assert code == 0 and "Đã nhập 6 thôn" in out
    assert (folder / "boundaries" / "schematic_communes_2020.geojson").is_file()


def test_first_build_of_an_empty_folder_makes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", tmp_path, "build")
    assert code == 0 and "20 xã/communes, 0 tệp báo cáo/report files" in out
    assert (tmp_path / "submissions.csv").read_text(encoding="utf-8").startswith("submission_id,")
    assert (tmp_path / "places" / "villages").is_dir()


def test_init_leaves_a_data_folder_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init", tmp_path / "a")
    ledger = (tmp_path / "a" / "submissions.csv").read_bytes()
    code, out, _ = run(capsys, "init", tmp_path / "a")
    assert (code, out.strip()) == (0, t("init_already", folder=tmp_path / "a"))
    assert (tmp_path / "a" / "submissions.csv").read_bytes() == ledger


@pytest.fixture
def ready(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data folder made by init, with its village list."""
    folder = tmp_path / "data"
    run(capsys, "init", folder)
    run(capsys, "--data-dir", folder, "villages", "import", FIXTURES / "danh_sach_thon.csv")
    return folder


def test_missing_warehouse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "none"
    for argv in (("coverage", "--level", "commune", "--period", "2024-Q3"),
                 ("activities", "history")):  # fmt: skip
        code, out, err = run(capsys, "--data-dir", folder, *argv)
        assert code == 1 and out == ""
        command = f"python -m etl --data-dir {folder} build"
        expected = t("warehouse_not_found", file=folder / "warehouse.duckdb", command=command)
        assert err.strip() == expected


def test_folder_that_is_not_a_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Ghi chu.docx").write_bytes(b"not data")
    code, _, err = run(capsys, "--data-dir", tmp_path, "build")
    assert code == 1 and err.strip() == t("data_dir_not_data", folder=tmp_path)
    assert f"python -m etl init {tmp_path}" in err
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "Ghi chu.docx"
    ]
    code, _, err = run(capsys, "--data-dir", tmp_path / "Ghi chu.docx", "build")
    assert code == 1 and "không phải thư mục dữ liệu" in err


def test_missing_input_file(ready: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = ready.parent / "danh sach thon (1).xlsx"
    code, _, err = run(capsys, "--data-dir", ready, "villages", "import", missing)
    assert code == 1 and err.strip() == t(
        "input_file_missing", file=missing.name
    )  # the name, never a server path


@pytest.mark.parametrize(
    ("name", "data", "start", "detail"),
    [
        # refused by the file guard before anything reads it
        ("thon.xlsx", b"PK not really a workbook", "Tệp thon.xlsx bị từ chối", "Excel"),
    ],
)
def test_unreadable_list(
    ready: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    start: str,
    detail: str,
) -> None:
    path = ready.parent / name
    path.write_bytes(data)
    before = sorted((ready / "places" / "villages").iterdir())
    code, _, err = run(capsys, "--data-dir", ready, "villages", "import", path)
    assert code == 1 and err.startswith(start) and detail in err
    assert sorted((ready / "places" / "villages").iterdir()) == before


def test_a_list_saved_by_excel_in_utf16_with_semicolons_is_read(
    ready: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel under Vietnamese regional settings separates with ';'; "Unicode Text" is UTF-16."""
    with (FIXTURES / "danh_sach_thon.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    out_text = io.StringIO()
    csv.writer(out_text, delimiter=";").writerows(rows)
    path = ready.parent / "danh sach thon (ban Unicode).csv"
    path.write_bytes(out_text.getvalue().encode("utf-16"))
    code, out, _ = run(capsys, "--data-dir", ready, "villages", "import", path)
    assert code == 0 and "Đã nhập 6 thôn, tổ dân phố" in out


def test_unreadable_report(ready: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ready.parent / "bao_cao_quy_3.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old .xls renamed")
    code, out, _ = run(capsys, "--data-dir", ready, "activities", "import", path)
    assert code == 1 and "Không nhập được" in out and "Không có gì thay đổi" in out
    assert not list((ready / "activities").iterdir())


def test_broken_ledger(ready: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (ready / "submissions.csv").write_text("ma;ten\n1;x\n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", ready, "activities", "import",
                       FIXTURES / REPORTS[0])  # fmt: skip
    assert code == 1 and err.startswith("Không đọc được sổ nhận báo cáo")
    assert f"python -m etl --data-dir {ready} build" in err
    (ready / "submissions.csv").write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = run(capsys, "--data-dir", ready, "build")
    assert code == 1 and "utf-8" in err


def test_broken_warehouse(ready: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (ready / "warehouse.duckdb").write_bytes(b"half a file")
    code, _, err = run(capsys, "--data-dir", ready, "coverage", "--level", "commune",
                       "--period", "2024-Q3")  # fmt: skip
    assert code == 1 and err.startswith("Không đọc được kho dữ liệu")
    code, out, _ = run(capsys, "--data-dir", ready, "build")  # the build replaces it
    assert code == 0 and "20 xã/communes" in out


def test_missing_boundaries(ready: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(ready / "boundaries")
    code, _, err = run(capsys, "--data-dir", ready, "build")
    assert code == 1 and err.startswith("Thiếu tệp ranh giới")
    assert f"python -m etl --data-dir {ready} boundaries schematic" in err
    assert run(capsys, "--data-dir", ready, "boundaries", "schematic")[0] == 0
    assert run(capsys, "--data-dir", ready, "build")[0] == 0


@pytest.mark.parametrize(
    ("file", "data", "argv", "start", "command"),
    [
        ("locks.csv", 'ky,khoa\n2024-Q3,"co\n', ("periods", "list"),
         "Không đọc được tệp khóa kỳ", "periods lock"),
        ("users.json", "{ten: admin", ("users", "list"),
         "Không đọc được tệp tài khoản", "users add"),
    ],
)  # fmt: skip
def test_broken_locks_and_users(
    ready: Path, capsys: pytest.CaptureFixture[str], file: str, data: str,
    argv: tuple[str, ...], start: str, command: str,
) -> None:  # fmt: skip
    (ready / file).write_text(data, encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", ready, *argv)
    assert code == 1 and err.startswith(start)
    assert f"python -m etl --data-dir {ready} {command}" in err


def test_a_setting_that_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHODON_AS_OF", "15/10/2025")
    code, _, err = run(capsys, "--data-dir", tmp_path, "activities", "history")
    assert code == 1
    assert err.strip() == t("setting_invalid", name="CHODON_AS_OF", value="15/10/2025",
                            expected="a date like 2025-10-15")  # fmt: skip
