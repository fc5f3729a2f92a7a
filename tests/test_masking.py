"""The corpus of the one detector of personal numbers (``etl.reports.privacy``): numbers as
clerks type them in notes, descriptions and file names, and the numbers that must stay."""

from __future__ import annotations

import re

import pytest

from etl.reports.privacy import MASK, SUSPECT_PATTERN, mask_cell, mask_name, mask_text

M = MASK

# (as typed, as stored)
MASKED = [
    # mobiles, 10 digits, every way of grouping
    ("Liên hệ 0912345678", f"Liên hệ {M}"),
    ("cô Lan 0912 345 678", f"cô Lan {M}"),
    ("0912.345.678", M),
    ("0912-345-678", M),
    ("091 234 5678", M),
    ("09 1234 5678", M),
    ("0352 123 456 (Viettel)", f"{M} (Viettel)"),
    ("0562.123.456", M),
    ("0778-123-456 gặp anh Tùng", f"{M} gặp anh Tùng"),
    ("0868 123 456", M),
    ("(0912) 345 678", M),
    ("(0912345678)", f"({M})"),
    # international
    ("+84912345678", M),
    ("+84 912 345 678", M),
    ("(+84) 912 345 678", M),
    ("(+84)912345678", M),
    ("+84-912-345-678", M),
    ("84912345678", M),
    ("84 912 345 678", M),
    ("+84.912.345.678", M),
    # labels, glued or not, also when the 0 was lost
    ("ĐT 0912345678", f"ĐT {M}"),
    ("ĐT: 0912 345 678", f"ĐT: {M}"),
    ("ĐT.0912345678", f"ĐT.{M}"),
    ("ĐT:0912345678", f"ĐT:{M}"),
    ("SĐT0987654321", f"SĐT{M}"),
    ("sdt: 0387 654 321", f"sdt: {M}"),
    ("Tel: 0912 345 678", f"Tel: {M}"),
    ("Tel.+84 912345678", f"Tel.{M}"),
    ("đt 912345678", f"đt {M}"),
    # landlines and old mobiles, 11 digits
    ("0209 3 876 543", M),
    ("02093876543", M),
    ("0209.3876.543", M),
    ("(0209) 3876 543", M),
    ("+84 209 3876 543", M),
    ("01681234567", M),
    ("0168 123 4567", M),
    # citizen IDs (CCCD), 12 digits
    ("CCCD 001095001234", f"CCCD {M}"),
    ("0010 9500 1234", M),
    ("001.095.001.234", M),
    ("001 095 001 234", M),
    ("001-095-001-234", M),
    ("CCCD: 034 195 001 234", f"CCCD: {M}"),
    ("căn cước 001095001234", f"căn cước {M}"),
    # old IDs (CMND), 9 digits, labelled
    ("CMND 012345678", f"CMND {M}"),
    ("CMT: 012 345 678", f"CMT: {M}"),
    ("số CMND 123456789", f"số CMND {M}"),
    ("Số CMND: 123.456.789", f"Số CMND: {M}"),
    # in sentences, lists and CSV text
    ("Phụ huynh em A (ĐT 0912345678) đã dự.", f"Phụ huynh em A (ĐT {M}) đã dự."),
    ("gọi 0912345678.", f"gọi {M}."),
    ("0912345678/0987654321", f"{M}/{M}"),
    ("0912345678 - 0987654321", f"{M} - {M}"),
    ("0912345678;0987654321", f"{M};{M}"),
    ("1,05/07/2024,0912345678,x", f"1,05/07/2024,{M},x"),
    ('120,"0912 345 678",ghi chú', f'120,"{M}",ghi chú'),
    ("1\t0912345678\tgọi", f"1\t{M}\tgọi"),
    ("x|0912.345.678|y", f"x|{M}|y"),
]

# Counts, dates, money, codes the product uses, decision numbers, years, times, ranges
KEPT = [
    "120",
    "1.234 lượt",
    "12,5",
    "12/09/2024",
    "2024-09-12",
    "12.09.2024",
    "20240912",
    "từ 05/07/2024 đến 12/09/2024",
    "1.500.000 đ",
    "15.000.000",
    "150.000.000 đồng",
    "1.500.000.000",
    "2.500.000.000 đ",
    "S0001",
    "S0123/gddt",
    "file:MAU_vhtt_2024-Q1.xlsx",
    "S0007_MAU_ubnd_xa_02020_2024-Q1.xlsx",
    "02020",
    "02020, 02023, 02026",
    "02020 02023 02026",
    "830/QĐ-TTg",
    "Số 123/UBND-VHTT",
    "Quyết định số 830/QĐ-TTg ngày 01/06/2021",
    "năm học 2024-2025",
    "2024-2025 2025-2026",
    "8h30-10h00",
    "10-15 em",
    "Tổ 3, thôn 12",
    "22.1534, 105.5830",
    "22,15341234 105,58301234",
    "lat 22.0912345678",
    "2024-Q1",
    "a3f0912345678b9c0e1d2f",  # a hash
]


@pytest.mark.parametrize(("typed", "stored"), MASKED, ids=[t for t, _ in MASKED])
def test_personal_numbers_are_masked(typed: str, stored: str) -> None:
    assert mask_text(typed) == stored


@pytest.mark.parametrize("typed", KEPT)
def test_other_numbers_are_kept(typed: str) -> None:
    assert mask_text(typed) == typed


def test_the_corpus_is_as_large_as_promised() -> None:
    assert len(MASKED) >= 40 and len(KEPT) >= 20
    assert len({t for t, _ in MASKED}) == len(MASKED) and len(set(KEPT)) == len(KEPT)


@pytest.mark.parametrize("typed", [t for t, _ in MASKED])
def test_the_cheap_test_before_the_detector_lets_every_number_through(typed: str) -> None:
    """SUSPECT_PATTERN (the SQL's and the files' first test) must never skip a number."""
    assert re.search(SUSPECT_PATTERN, typed)


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        ("912345678", M),  # a phone typed as a number: the spreadsheet dropped its 0
        ("912345678.0", M),
        (" 1095001234 ", M),  # a CCCD typed as a number
        ("84912345678", M),
        ("120", "120"),
        ("45478", "45478"),  # an Excel date serial
        ("12345678", "12345678"),
        ("105.58301234", "105.58301234"),
        ("Ghi chú 912345678", "Ghi chú 912345678"),  # in a sentence, a bare 9 digits is a count
        (None, None),
    ],
)
def test_a_cell_holding_only_a_long_number_is_masked(cell: str | None, stored: str | None) -> None:
    assert mask_cell(cell) == stored


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("bao cao 0912345678.xlsx", f"bao cao {M}.xlsx"),
        ("BC_quy1_SĐT_0912.345.678.csv", f"BC_quy1_SĐT_{M}.csv"),
        ("0912345678.XLSX", f"{M}.XLSX"),
        ("MAU_ubnd_xa_02020_2024-Q1.xlsx", "MAU_ubnd_xa_02020_2024-Q1.xlsx"),
        ("bao cao 12.09.2024.xlsx", "bao cao 12.09.2024.xlsx"),
    ],
)
def test_file_names_are_masked_and_keep_their_extension(name: str, masked: str) -> None:
    assert mask_name(name) == masked
