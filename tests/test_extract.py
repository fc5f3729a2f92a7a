from pathlib import Path

import pandas as pd
import pytest

from etl.extract import extract_activities
from tests.conftest import FIXTURES


def test_header_found_under_a_title_row() -> None:
    df = extract_activities(FIXTURES / "activities" / "vhtt_2024-Q3.csv")
    assert df["source_row"].tolist() == [3, 4, 5, 6, 7, 9]  # blank row 8 dropped
    assert df.loc[0, "commune"] == "TT Bằng Lũng"
    assert df.loc[3, "participants"] == "1.200"  # kept as typed


def test_header_variants(tmp_path: Path) -> None:
    path = tmp_path / "variants.xlsx"
    pd.DataFrame(
        [["01/10/2024", "Phòng VH&TT", "Tập huấn", "Giáo viên", "Xã Yên Mỹ"]],
        columns=["NGÀY BẮT ĐẦU", "Đơn vị  chủ trì", "loai hoat dong", "Đối tượng", "Tên xã"],
    ).to_excel(path, index=False, sheet_name="Hoạt động")
    df = extract_activities(path)
    assert [df.loc[0, "start_date"], df.loc[0, "commune"]] == ["01/10/2024", "Xã Yên Mỹ"]


def test_rejects_files_without_the_template_header(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no header row"):
        extract_activities(path)


def test_rejects_other_file_types(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="path must end with"):
        extract_activities(tmp_path / "report.pdf")
