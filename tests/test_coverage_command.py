"""The coverage command's own logic: period checks and formatting (the marts are tested in
test_coverage.py, through the real build)."""

import io
import json
from datetime import date
from pathlib import Path

import pytest

from etl.cli import main
from etl.commands.coverage import LEVELS, write_rows

ROWS = [
    {
        "commune_code": "02026",
        "commune_name": "Nam Cường",
        "village_name": "Nà Pài",
        "state": "reached",
        "direct_activities": 2,
        "indirect_activities": 1,
        "unit_kinds": ["doan_the", "ubnd_xa", "vhtt"],
        "participants_total": 65,
        "children_reached": None,
        "last_direct_date": date(2024, 7, 20),
        "days_since_direct": 72,
    },
    {
        "commune_code": "02071",
        "commune_name": "Nghĩa Tá",
        "village_name": "Bản Cáu",
        "state": "not_reported",
        "direct_activities": 0,
        "indirect_activities": 0,
        "unit_kinds": [],
        "participants_total": None,
        "children_reached": None,
        "last_direct_date": None,
        "days_since_direct": None,
    },
]


def test_table_labels_columns_and_states_in_vietnamese() -> None:
    out = io.StringIO()
    write_rows(ROWS, LEVELS["village"], "table", "vi", out, heading="Độ phủ")
    lines = out.getvalue().splitlines()
    assert lines[0] == "Độ phủ"
    assert lines[1].split("  ")[:4] == ["Mã xã", "Xã, thị trấn", "Thôn, tổ dân phố", "Trạng thái"]
    assert "Đã đến trực tiếp" in lines[3] and "doan_the, ubnd_xa, vhtt" in lines[3]
    assert "2024-07-20" in lines[3]
    assert "Xã chưa báo cáo đủ kỳ" in lines[4]
    assert lines[4].rstrip().endswith("—")  # no data is a dash, never a zero


def test_table_in_english() -> None:
    out = io.StringIO()
    write_rows(ROWS[:1], LEVELS["village"], "table", "en", out)
    assert "Reached" in out.getvalue() and "Village" in out.getvalue()


def test_csv_and_json_keep_every_column_and_raw_codes() -> None:
    out = io.StringIO()
    write_rows(ROWS, LEVELS["village"], "csv", "vi", out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("commune_code,commune_name,village_name,state,")
    assert lines[1] == "02026,Nam Cường,Nà Pài,reached,2,1,doan_the;ubnd_xa;vhtt,65,,2024-07-20,72"
    out = io.StringIO()
    write_rows(ROWS, LEVELS["village"], "json", "vi", out)
    parsed = json.loads(out.getvalue())
    assert parsed[0]["unit_kinds"] == ["doan_the", "ubnd_xa", "vhtt"]
    assert parsed[0]["last_direct_date"] == "2024-07-20"
    assert parsed[1]["state"] == "not_reported"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="output_format"):
        write_rows(ROWS, LEVELS["village"], "xml", "vi", io.StringIO())


def test_bad_period_says_how_to_write_one(tmp_path: Path, capsys) -> None:
    code = main(["--db", str(tmp_path / "none.duckdb"), "coverage", "--level", "village",
                 "--period", "Quý V/2024"])  # fmt: skip
    assert code == 2
    assert "2024-Q3 (quý)" in capsys.readouterr().err
    # written the way clerks write it, a period is understood (then the warehouse is missing)
    code = main(["--db", str(tmp_path / "none.duckdb"), "coverage", "--level", "village",
                 "--period", "Quý III/2024"])  # fmt: skip
    assert code == 1
    assert "Chưa có kho dữ liệu" in capsys.readouterr().err


def test_decision_830_needs_a_school_year(tmp_path: Path, capsys) -> None:
    code = main(["--db", str(tmp_path / "none.duckdb"), "coverage", "--level", "decision830",
                 "--period", "2024"])  # fmt: skip
    assert code == 2
    assert "năm học" in capsys.readouterr().err


def test_missing_warehouse(tmp_path: Path, capsys) -> None:
    code = main(["--db", str(tmp_path / "none.duckdb"), "coverage", "--level", "commune",
                 "--period", "2024-Q3", "--lang", "en"])  # fmt: skip
    assert code == 1
    assert "No warehouse yet" in capsys.readouterr().err
