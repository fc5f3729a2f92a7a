"""Masking that holds, from the upload to every place a value or a file name goes: the stored
copy (read back as bytes), the ledger, the audit trail, every warehouse table, the upload
page's problems, the history and its problems, the review queue, the audit page and the
Parquet export. Files are written as a clerk fills them: numbers at the start of a CSV cell,
in quoted cells, after "ĐT.", grouped IDs, a phone typed as an Excel number."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from dashboard import queries
from etl import db, pipeline
from etl.access.users import User
from etl.config import Settings
from etl.export.parquet import export_parquet
from etl.imports import uploads
from etl.reports.privacy import MASK
from tests.conftest import rewrite_xlsx_part

CLERK = User("hoa", "reporter", "vhtt")
HEADER = [
    "STT", "Ngày bắt đầu", "Ngày kết thúc", "Đơn vị chủ trì", "Đơn vị phối hợp",
    "Loại hoạt động", "Đối tượng", "Xã, thị trấn", "Thôn, tổ dân phố", "Trường học",
    "Số người tham dự", "Trong đó trẻ em", "Nội dung", "Vĩ độ", "Kinh độ", "Ghi chú",
]  # fmt: skip
VHTT = "Phòng Văn hóa và Thông tin"
# The digits of every personal number below: none may survive anywhere
SECRETS = ["0977888999", "0912345678", "0987654321", "0388123456", "912111222", "001095001234",
           "0966777888", "02093876543"]  # fmt: skip
CSV_TEXT = (
    ",".join(f'"{h}"' if "," in h else h for h in HEADER) + "\n"
    # a note that is only a phone, at the start of its cell (and the end of the line)
    f"1,05/07/2024,05/07/2024,{VHTT},,Tuyên truyền trực tiếp,Trẻ em,TT Bằng Lũng,,,120,95,"
    "Kỹ năng an toàn trên mạng,,,0912345678\n"
    # a quoted description with a comma, "ĐT." glued to the number
    f"2,06/07/2024,06/07/2024,{VHTT},,Tuyên truyền trực tiếp,Cha mẹ,TT Bằng Lũng,,,40,,"
    '"Họp phụ huynh, ĐT.0987 654 321 cô Lan",,,\n'
    # a phone typed where the count goes: the row is rejected, its value shown masked
    f"3,07/07/2024,07/07/2024,{VHTT},,Tuyên truyền trực tiếp,Trẻ em,Xã Ngọc Phái,,,"
    "0388 123 456,,Tuyên truyền,,,\n"
    # a village name carrying a number: it waits for a reviewer, masked
    f"4,08/07/2024,08/07/2024,{VHTT},,Tuyên truyền trực tiếp,Người dân,Xã Nam Cường,"
    '"Thôn Khuổi Tục (+84) 912 111 222",,30,,Họp thôn,,,\n'
    # a grouped citizen ID and an 11-digit landline in the note
    f"5,09/07/2024,09/07/2024,{VHTT},,Phát thanh,Người dân,Xã Ngọc Phái,,,,,Loa xã,,,"
    '"CCCD 0010 9500 1234; ĐT 0209 3 876 543"\n'
)
PERSONAL = re.compile("|".join("[^0-9]{0,3}".join(secret) for secret in SECRETS))


def _found(text: str) -> list[str]:
    return PERSONAL.findall(text)


def _csv(delimiter: str) -> bytes:
    if delimiter == ",":
        return CSV_TEXT.encode("utf-8")
    rows = []
    for line in CSV_TEXT.splitlines():
        cells = next(csv.reader([line]))
        rows.append(delimiter.join(f'"{c}"' if delimiter in c else c for c in cells))
    return ("\n".join(rows) + "\n").encode("utf-8")


def _xlsx() -> bytes:
    """Shared strings, an inline string and a phone typed as a number (its 0 dropped)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hoạt động"
    sheet.append(HEADER)
    sheet.append([1, "05/07/2024", "05/07/2024", VHTT, None, "Tuyên truyền trực tiếp", "Trẻ em",
                  "TT Bằng Lũng", None, None, 120, 95, "Kỹ năng, ĐT: 0912.345.678", None, None,
                  912345678])  # fmt: skip
    sheet.append([2, "06/07/2024", "06/07/2024", VHTT, None, "Tuyên truyền trực tiếp", "Cha mẹ",
                  "TT Bằng Lũng", None, None, 40, None, "INLINE", None, None,
                  "CCCD 001.095.001.234"])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)

    def inline(xml: bytes) -> bytes:
        cell = '<c r="M3" t="inlineStr"><is><t>Gọi 0966 777 888 (Zalo)</t></is></c>'
        changed, n = re.subn(r'<c r="M3"[^>]*>.*?</c>', cell, xml.decode("utf-8"))
        assert n == 1
        return changed.encode("utf-8")

    return rewrite_xlsx_part(buffer.getvalue(), "xl/worksheets/sheet1.xml", inline)


FILES = {
    "bao cao quy 3 - 0977888999.csv": lambda: _csv(","),
    "bao cao quy 3 - 0977 888 999 (cham phay).csv": lambda: _csv(";"),
    "bao cao quy 3 ĐT.0977888999 tab.csv": lambda: _csv("\t"),
    "bao cao quy 3 0977.888.999 bom.csv": lambda: b"\xef\xbb\xbf" + _csv(";"),
    "bao cao quy 3 SĐT 0977888999.xlsx": _xlsx,
}


def _import(settings: Settings, name: str, data: bytes) -> uploads.Report:
    def commit(paths: list[Path]) -> uploads.Report:
        return uploads.commit(settings, paths, CLERK)

    report = uploads.run_staged(settings, [uploads.Upload(name, data)], CLERK, commit)
    assert isinstance(report, uploads.Report), report
    return report


def _stored_text(path: Path) -> str:
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    if zipfile.is_zipfile(io.BytesIO(data)):
        archive = zipfile.ZipFile(io.BytesIO(data))
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode("utf-8")


def _warehouse_hits(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every column of every table and view, as text, searched for a personal number."""
    hits: dict[str, list[str]] = {}
    columns = con.execute(
        "select table_name, column_name from duckdb_columns() where not internal"
    ).fetchall()
    for table, column in columns:
        values = con.execute(f'select distinct cast("{column}" as varchar) from "{table}"')
        for (value,) in values.fetchall():
            if value is not None and _found(value):
                hits.setdefault(f"{table}.{column}", []).append(value)
    return hits


@pytest.mark.parametrize("name", list(FILES))
def test_no_personal_number_is_stored_anywhere(fresh_data: Settings, name: str) -> None:
    data = FILES[name]()
    assert _found(data.decode("utf-8", "replace") + name)  # the file does carry them
    report = _import(fresh_data, name, data)
    assert report.files["masked"].tolist() == [True]
    assert [_found(f) for f in report.files["file_name"]] == [[]]
    assert MASK in report.files["file_name"].iloc[0]
    stored = list(fresh_data.activities_dir.iterdir())
    assert [_found(p.name) for p in stored] == [[]]
    assert _found(_stored_text(stored[0])) == []
    assert MASK in _stored_text(stored[0])
    assert _found(fresh_data.ledger_path.read_text(encoding="utf-8")) == []
    assert _found((fresh_data.data_dir / "audit.jsonl").read_text(encoding="utf-8")) == []
    con = db.connect(fresh_data, read_only=True)
    try:
        assert _warehouse_hits(con) == {}
        (masked_cells,) = con.execute(
            "select sum(cells_masked) from stg_submissions"
        ).fetchone() or (0,)
        assert masked_cells >= 2  # descriptions and notes that held a number
    finally:
        con.close()
    for column in ("file_name", "value", "reason"):
        assert [v for v in report.problems[column] if _found(str(v))] == []


def test_every_consumer_of_rejected_values_shows_them_masked(
    fresh_data: Settings, tmp_path: Path
) -> None:
    report = _import(fresh_data, "bao cao quy 3 - 0977888999.csv", _csv(","))
    refused = uploads.run_staged(fresh_data, [uploads.Upload("ĐT 0977888999.exe", b"MZ")], CLERK,
                                 lambda paths: uploads.check(fresh_data, paths, CLERK))  # fmt: skip
    assert isinstance(refused, str) and f"ĐT {MASK}.exe" in refused and not _found(refused)
    pipeline.build(fresh_data)  # the audit page shows the events up to the last build
    # the upload page's problems table: the count typed as a phone, the village carrying one
    rejected = report.problems[report.problems["severity"] == "error"]
    assert set(rejected["value"]) >= {MASK, f"Thôn Khuổi Tục {MASK}"}
    con = db.connect(fresh_data, read_only=True)
    try:
        history = queries.submission_history(con, None)
        (submission,) = history["submission_id"]
        assert history["file_name"].tolist() == [f"bao cao quy 3 - {MASK}.csv"]
        problems = queries.submission_problems(con, submission)  # history detail and download
        assert MASK in problems["value"].tolist()
        assert f"Thôn Khuổi Tục {MASK}" in problems["value"].tolist()
        waiting = queries.review_queue(con)  # the reviewer's queue
        assert waiting["value"].tolist() == [f"Thôn Khuổi Tục {MASK}"]
        assert waiting["file_name"].tolist() == [f"bao cao quy 3 - {MASK}.csv"]
        audit = queries.audit_log(con, None)  # the audit page
        assert f"ĐT {MASK}.exe" in audit["target"].tolist()
        assert audit["detail"].str.contains(re.escape(f"bao cao quy 3 - {MASK}.csv")).any()
        for frame in (history, problems, waiting, audit):
            text = frame.astype(str).to_csv()
            assert _found(text) == []
    finally:
        con.close()
    exported = export_parquet(fresh_data, tmp_path / "export")  # the exports
    check = duckdb.connect()
    for folder in exported.out.iterdir():
        if folder.is_dir():
            frame = check.execute(
                "select * from read_parquet(?, hive_partitioning = true)",
                [str(folder / "**" / "*.parquet")],
            ).df()
            assert _found(frame.astype(str).to_csv()) == [], folder.name
    (values,) = check.execute(
        "select string_agg(value, ' ') from read_parquet(?)",
        [str(exported.out / "submission_problems" / "**" / "*.parquet")],
    ).fetchone() or ("",)
    assert MASK in values


def test_a_file_with_no_personal_number_is_stored_as_sent(fresh_data: Settings) -> None:
    header = CSV_TEXT.splitlines()[0] + "\n"
    clean = header + (
        f"1,05/07/2024,05/07/2024,{VHTT},,Tuyên truyền trực tiếp,Trẻ em,TT Bằng Lũng,,,120,95,"
        "Tập huấn 1.500.000 đ ngày 12.09.2024 theo 830/QĐ-TTg,,,năm học 2024-2025\n"
    )
    report = _import(fresh_data, "bao cao quy 3.csv", clean.encode("utf-8"))
    assert report.files["masked"].tolist() == [False]
    (stored,) = fresh_data.activities_dir.iterdir()
    assert stored.read_bytes() == clean.encode("utf-8")
    assert stored.name == "S0001_bao cao quy 3.csv"


def test_the_build_masks_files_it_did_not_import(fresh_data: Settings) -> None:
    """Files copied into the data folder by hand, or stored before the detector knew a format,
    are read masked: no warehouse table holds their numbers, their names are masked too."""
    for name, make in FILES.items():
        (fresh_data.activities_dir / name).write_bytes(make())
    pipeline.build(fresh_data)
    con = db.connect(fresh_data, read_only=True)
    try:
        assert _warehouse_hits(con) == {}
        names = con.execute("select file_name, stored_as, submission_id from stg_submissions")
        rows = names.fetchall()
        assert len(rows) == len(FILES)
        assert all(MASK in cell for row in rows for cell in row)
        assert len({row[2] for row in rows}) == len(FILES)  # masked names stay apart
        waiting = queries.review_queue(con)
        assert f"Thôn Khuổi Tục {MASK}" in waiting["value"].tolist()
    finally:
        con.close()
