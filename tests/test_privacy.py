import io
import zipfile

import duckdb
import pytest
from openpyxl import Workbook, load_workbook

from etl.reports import privacy
from etl.reports.header import COLUMNS
from etl.reports.masked_copy import mask_file
from etl.reports.privacy import MASK, mask_text
from tests.conftest import rewrite_xlsx_part


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Liên hệ anh Hùng 0912 345 678", f"Liên hệ anh Hùng {MASK}"),
        ("SĐT: 0912345678.", f"SĐT: {MASK}."),
        ("gọi +84 912 345 678 hoặc 0987.654.321", f"gọi {MASK} hoặc {MASK}"),
        ("0912345678 0987654321", f"{MASK} {MASK}"),
        ("CCCD 001203004567 của phụ huynh", f"CCCD {MASK} của phụ huynh"),
    ],
)
def test_phone_and_id_numbers_are_masked(text: str, masked: str) -> None:
    assert mask_text(text) == masked


@pytest.mark.parametrize(
    "text", ["1.200 người", "ngày 05/07/2024", "22.1534, 105.5830", "Tổ 3, thôn 12", "mã 02026"]
)
def test_counts_dates_and_coordinates_are_not_personal_data(text: str) -> None:
    assert mask_text(text) == text


def test_csv_keeps_its_encoding_and_bom() -> None:
    data = "\ufeffGhi chú\nGọi 0912345678\n".encode("utf-8")
    assert mask_file("r.csv", data) == f"\ufeffGhi chú\nGọi {MASK}\n".encode()
    utf16 = "Ghi chú\tGọi 0912345678\r\n".encode("utf-16")
    assert mask_file("r.csv", utf16).decode("utf-16") == f"Ghi chú\tGọi {MASK}\r\n"


def test_a_file_without_personal_data_is_returned_as_it_is() -> None:
    data = "STT,Ngày\n1,05/07/2024\n".encode()
    assert mask_file("r.csv", data) is data


def test_xlsx_text_cells_are_masked() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Ghi chú", "Số người"])
    sheet.append(["Liên hệ 0912 345 678", 120])
    buffer = io.BytesIO()
    book.save(buffer)
    masked = load_workbook(io.BytesIO(mask_file("r.xlsx", buffer.getvalue()))).active
    assert masked is not None
    assert [masked["A2"].value, masked["B2"].value] == [f"Liên hệ {MASK}", 120]
    assert zipfile.ZipFile(io.BytesIO(buffer.getvalue())).namelist()  # the original stays a zip


def test_other_file_types_are_refused() -> None:
    with pytest.raises(ValueError, match="name must end with"):
        mask_file("r.pdf", b"0912345678")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_cells_are_masked_whatever_the_delimiter(delimiter: str) -> None:
    d = delimiter
    text = (f"STT{d}Ghi chú{d}Số người\n"
            f'1{d}0912345678{d}120\n'  # a cell that starts with the number
            f'2{d}"ĐT.0987 654 321{d} cô Lan"{d}45\n'  # quoted, the delimiter inside
            f"3{d}912345678{d}30\n"  # the 0 dropped by a spreadsheet
            f'4{d}"001095001234"{d}1.234\n')  # fmt: skip
    masked = mask_file("r.csv", text.encode()).decode()
    assert masked == (f"STT{d}Ghi chú{d}Số người\n"
                      f"1{d}{MASK}{d}120\n"
                      f'2{d}"ĐT.{MASK}{d} cô Lan"{d}45\n'
                      f"3{d}{MASK}{d}30\n"
                      f'4{d}"{MASK}"{d}1.234\n')  # fmt: skip


def test_xlsx_numbers_stored_as_numbers_and_inline_strings_are_masked() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Ghi chú", "Số người", "Ngày", "Vĩ độ", "Công thức"])
    sheet.append([912345678, 120, 45478, 22.1534])
    sheet.append([1095001234.0, 1500000, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    inline = (
        b'<c r="D3" t="inlineStr"><is><t>(+84) 912 345 678</t></is></c>'
        b'<c r="E3" t="str"><f>"0"&amp;"912345678"</f><v>0912345678</v></c>'
    )
    workbook = rewrite_xlsx_part(
        buffer.getvalue(), "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</row></sheetData>", inline + b"</row></sheetData>"),
    )  # fmt: skip
    stored = mask_file("r.xlsx", workbook)
    sheet_xml = zipfile.ZipFile(io.BytesIO(stored)).read("xl/worksheets/sheet1.xml")
    assert b"912345678" not in sheet_xml and b"1095001234" not in sheet_xml
    masked = load_workbook(io.BytesIO(stored), data_only=True).active
    assert masked is not None
    assert [[c.value for c in row] for row in masked.iter_rows(min_row=2)] == [
        [MASK, 120, 45478, 22.1534, None],
        [MASK, 1500000, None, MASK, MASK],
    ]


def test_the_build_masks_every_column_it_reads() -> None:
    """mask_rows.sql names each column of report_rows, so a new one cannot be forgotten."""
    con = duckdb.connect()
    columns = ", ".join(f"{c} varchar" for c in COLUMNS)
    con.execute(
        f"create temp table report_rows (receipt_no integer, source_row integer, {columns})"
    )
    typed = {c: f"{c} ĐT.0912 345 678" for c in COLUMNS}
    con.execute(f"insert into report_rows values (0, 1, {', '.join('?' for _ in COLUMNS)})",
                list(typed.values()))  # fmt: skip
    con.execute(f"insert into report_rows values (0, 2, {', '.join('?' for _ in COLUMNS)})",
                ["912345678", *(["120"] * (len(COLUMNS) - 1))])  # fmt: skip
    privacy.mask_report_rows(con)
    privacy.mask_report_rows(con)  # a second build on one connection registers nothing twice
    rows = con.execute("select * exclude (receipt_no, source_row) from report_rows").fetchall()
    assert rows == [
        tuple(f"{c} ĐT.{MASK}" for c in COLUMNS),
        (MASK, *(["120"] * (len(COLUMNS) - 1))),
    ]
