"""The rows of an .xlsx report are read to the sheet's real extent, never its declared range.

Workbooks are written with openpyxl, then their sheet XML is patched in the zip the way other
writers (or a file edited by a script) leave it: a stale ``<dimension>``, none at all, one far
larger than the data, cells without ``r`` references, a namespace prefix on every tag.
"""

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from etl.reports.header import extract_activities

HEADER = ["STT", "Ngày bắt đầu", "Đơn vị chủ trì", "Loại hoạt động", "Đối tượng",
          "Xã, thị trấn", "Thôn, tổ dân phố", "Số người tham dự"]  # fmt: skip
SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path: Path, rows: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hoạt động"
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append([i + 1, f"{1 + i % 28:02d}/10/2024", "UBND xã Nam Cường", "Tập huấn",
                      "Học sinh", "Nam Cường", "Nà Pài", 20 + i])  # fmt: skip
    book.save(path)
    return path


def _patch(path: Path, change) -> Path:
    """Rewrite the sheet XML of ``path`` with ``change`` (bytes → bytes), in place."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, change(data) if info.filename == SHEET else data)
    return path


def _dimension(data: bytes) -> bytes:
    found = re.search(rb'<dimension ref="[^"]*"/>', data)
    assert found, data[:300]
    return found.group(0)


def test_a_stale_dimension_does_not_hide_rows(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "stale.xlsx", 39)  # header + 39 rows: rows 1-40
    _patch(path, lambda d: d.replace(_dimension(d), b'<dimension ref="A1:H2"/>'))
    with zipfile.ZipFile(path) as archive:
        assert b'<dimension ref="A1:H2"/>' in archive.read(SHEET)
    frame = extract_activities(path)
    assert frame["source_row"].tolist() == list(range(2, 41))
    assert frame["participants"].tolist()[-1] == "58"


def test_a_sheet_without_dimension_is_read_whole(tmp_path: Path) -> None:
    path = _patch(_workbook(tmp_path / "none.xlsx", 12), lambda d: d.replace(_dimension(d), b""))
    frame = extract_activities(path)
    assert frame["source_row"].tolist() == list(range(2, 14))


def test_a_dimension_larger_than_the_data_adds_no_rows(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "large.xlsx", 3)
    _patch(path, lambda d: d.replace(_dimension(d), b'<dimension ref="A1:XFD1048576"/>'))
    frame = extract_activities(path)
    assert frame["source_row"].tolist() == [2, 3, 4]


def test_styled_empty_cells_below_the_data_do_not_stretch_it(tmp_path: Path) -> None:
    path = tmp_path / "styled.xlsx"
    _workbook(path, 2)
    book = openpyxl.load_workbook(path)
    sheet = book["Hoạt động"]
    for row in range(4, 3000):  # a clerk filled a whole column with colour
        sheet.cell(row=row, column=2).fill = PatternFill("solid", fgColor="FFFF00")
    book.save(path)
    from etl import db
    from etl.reports.grid import load_grid

    con = db.connect_path(":memory:")
    load_grid(con, path, "cells", lambda previews: None)
    assert con.execute("select count(*) from cells").fetchone() == (3,)
    assert extract_activities(path)["source_row"].tolist() == [2, 3]


def test_a_blank_row_in_the_middle_is_kept_and_later_rows_read(tmp_path: Path) -> None:
    path = tmp_path / "gap.xlsx"
    _workbook(path, 2)
    book = openpyxl.load_workbook(path)
    sheet = book["Hoạt động"]
    sheet.append([])
    sheet.append([])
    sheet.append([9, "05/11/2024", "UBND xã Nam Cường", "Tập huấn", "Học sinh", "Nam Cường"])
    book.save(path)
    _patch(path, lambda d: d.replace(_dimension(d), b'<dimension ref="A1:H3"/>'))
    assert extract_activities(path)["source_row"].tolist() == [2, 3, 6]


@pytest.mark.parametrize("prefixed", [False, True])
def test_cells_without_references_and_prefixed_tags(tmp_path: Path, prefixed: bool) -> None:
    """Rows and cells may omit ``r`` (they follow the one before); some writers prefix tags."""
    path = _workbook(tmp_path / "norefs.xlsx", 5)

    def strip(data: bytes) -> bytes:
        data = data.replace(_dimension(data), b'<dimension ref="A1"/>')
        data = re.sub(rb' r="[A-Z]+\d+"', b"", data)  # cells: no reference
        data = re.sub(rb'<row r="\d+"', b"<row", data)
        if prefixed:
            data = data.replace(b'<worksheet xmlns="', b'<x:worksheet xmlns:x="')
            data = re.sub(rb"<(/?)(?!x:)([a-zA-Z]+[ />])", rb"<\1x:\2", data)
        return data

    _patch(path, strip)
    with zipfile.ZipFile(path) as archive:
        assert b'<c r="' not in archive.read(SHEET)
    from etl.reports import grid

    with zipfile.ZipFile(path) as archive:
        assert grid._sheet_range(archive, SHEET) == "A1:H6"


def test_megabytes_of_styled_empty_rows_after_the_data_stretch_nothing(tmp_path: Path) -> None:
    """Past the first megabyte the last row is found from the last value, not the last tag."""
    path = _workbook(tmp_path / "formatted.xlsx", 1)

    def pad(data: bytes) -> bytes:
        cells = (
            b'<c r="A%d" t="inlineStr"><is><t>Bu\xe1\xbb\x95i %d</t></is></c>'
            b'<c r="H%d"><v>%d</v></c>'
        )
        filled = b"".join(b'<row r="%d">' % n + cells % (n, n, n, n) + b"</row>"
                          for n in range(3, 20_001))  # fmt: skip
        empty = b"".join(
            b'<row r="%d"><c r="A%d" s="0"/><c r="B%d" s="0"></c></row>' % (n, n, n)
            for n in range(20_001, 90_000)
        )
        return data.replace(b"</sheetData>", filled + empty + b"</sheetData>")

    _patch(path, pad)
    from etl.reports import grid

    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(SHEET).file_size > 3 << 20
        assert grid._sheet_range(archive, SHEET) == "A1:H20000"
