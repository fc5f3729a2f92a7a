import io
import zipfile

import pandas as pd
import pytest

from etl.access.upload_safety import UnsafeFile, check_upload, neutralise_formula, safe_filename
from etl.present.i18n import catalogue


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame({"a": [1]}).to_excel(buffer, index=False)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_real_workbook_passes() -> None:
    assert check_upload("Báo cáo Q3.xlsx", _xlsx()) == "Báo cáo Q3.xlsx"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("big.csv", b"x" * 2048, "upload_too_large"),
        ("report.pdf", b"%PDF", "upload_wrong_type"),
        ("report.xlsx", b"not a zip", "file_is_csv_named_xlsx"),
        ("report.xlsx", b"PK\x03\x04\x00\x00", "zip_truncated"),
        (
            "bomb.xlsx",
            _zip({"[Content_Types].xml": b"<x/>", "a.xml": b"0" * 3_000_000}),
            "upload_bomb",
        ),
        ("evil.xlsx", _zip({"[Content_Types].xml": b"<x/>", "../../x": b"1"}), "zip_path_entry"),
    ],
)
def test_refusals(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(UnsafeFile) as refused:
        check_upload(name, data, max_bytes=1024 if reason == "upload_too_large" else 10**7)
    assert refused.value.reason == reason
    assert reason in catalogue()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\báo cáo.xlsx", "báo cáo.xlsx"),
        ("..", "upload"),
        (".hidden.csv", "hidden.csv"),
        ("a<b>|c.csv", "a_b_c.csv"),
    ],
)
def test_file_names_cannot_escape(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


@pytest.mark.parametrize("text", ["=1+1", "+A1", "-2", "@SUM(A1)", "\t=1"])
def test_formulas_are_neutralised(text: str) -> None:
    assert neutralise_formula(text) == "'" + text


def test_other_values_pass() -> None:
    assert neutralise_formula("Thôn 3") == "Thôn 3"
    assert neutralise_formula(-2) == -2
