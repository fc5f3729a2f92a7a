"""`python -m etl activities …` and `python -m etl template` as a clerk sees them."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.cli import main
from etl.config import Settings
from tests.conftest import FIXTURES, make_data_dir

REPORT = FIXTURES / "activities" / "vhtt_2024-Q3.csv"


def _run(settings: Settings, *argv: str) -> int:
    return main(["--data-dir", str(settings.data_dir), *argv])


def _snapshot(settings: Settings) -> dict[str, bytes]:
    return {
        str(p.relative_to(settings.data_dir)): p.read_bytes()
        for p in sorted(settings.data_dir.rglob("*"))
        if p.is_file() and p.name != ".writer.lock"
    }


def test_import_prints_what_happened(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "activities", "import", str(REPORT)) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Tệp vhtt_2024-Q3.csv: đã nhận, mã S0001.",
        "  Báo cáo S0001 — đang được tính",
        "    Đơn vị: Phòng Văn hóa và Thông tin (vhtt), suy ra từ cột Đơn vị chủ trì",
        "    Kỳ báo cáo: 2024-Q3 (01/07/2024–30/09/2024), suy ra từ tên tệp",
        "    Số dòng: đọc 5, nạp 4, loại 1",
        "    Dòng bị loại (sửa rồi gửi lại: cả tệp để thay thế báo cáo này, hoặc chỉ các dòng đã "
        "sửa để bổ sung vào nó):",
        "      Dòng 7, cột “Ngày bắt đầu”: Ngày “31/02/2024” không đúng: ghi theo dạng "
        "ngày/tháng/năm, ví dụ 05/07/2024.",
    ]
    assert _run(settings, "activities", "import", str(REPORT)) == 0
    assert capsys.readouterr().out == (
        "Tệp vhtt_2024-Q3.csv: đã nhận trước đây (S0001), không thay đổi gì.\n"
    )


def test_import_in_english(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "activities", "--lang", "en", "import", str(REPORT)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[4] == "    Rows: read 5, loaded 4, rejected 1"
    assert out[6] == (
        "      Row 7, column “Ngày bắt đầu”: Date “31/02/2024” is not valid: write it as "
        "day/month/year, e.g. 05/07/2024."
    )


def _corrected(tmp_path: Path) -> Path:
    corrected = tmp_path / "vhtt_2024-Q3_sua.csv"
    corrected.write_text(REPORT.read_text("utf-8").replace("31/02/2024", "30/09/2024"), "utf-8")
    return corrected


CHOICE = [
    "Tệp vhtt_2024-Q3_sua.csv: Phòng Văn hóa và Thông tin đã có báo cáo kỳ 2024-Q3 đang được "
    "tính (S0001: 4 dòng).",
    "  Thay thế: 4 dòng của báo cáo trước không tính nữa (vẫn giữ trong lịch sử); tính 5 dòng "
    "của tệp này.",
    "  Bổ sung: giữ 4 dòng của báo cáo trước, tính thêm 1 dòng của tệp này. 4 dòng giống hệt "
    "dòng đã tính của báo cáo trước: không tính hai lần.",
]


def test_dry_run_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "activities", "import", str(REPORT)) == 0
    before = _snapshot(settings)
    corrected = _corrected(tmp_path)
    capsys.readouterr()
    assert _run(settings, "activities", "import", "--dry-run", "--replace", str(corrected)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "KIỂM TRA THỬ (--dry-run): chưa lưu gì vào thư mục dữ liệu hay kho dữ liệu.",
        "Tệp vhtt_2024-Q3_sua.csv: sẽ được nhận với mã S0002.",
    ]
    assert "    Số dòng: đọc 5, nạp 5, loại 0" in out
    assert "    Thay thế báo cáo S0001 (bản cũ giữ trong lịch sử, không tính nữa)." in out
    assert _run(settings, "activities", "import", "--dry-run", str(corrected)) == 0
    assert capsys.readouterr().out.splitlines()[-4:] == [
        *CHOICE, "Khi nhập thật, cần chọn --replace (thay thế) hoặc --add (bổ sung)."
    ]  # fmt: skip
    assert _snapshot(settings) == before


def test_a_second_report_needs_replace_or_add(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "activities", "import", str(REPORT)) == 0
    before = _snapshot(settings)
    corrected = _corrected(tmp_path)
    capsys.readouterr()
    assert _run(settings, "activities", "import", str(corrected)) == 1
    assert capsys.readouterr().out.splitlines() == [
        *CHOICE, "Chưa nhập gì. Gửi lại với --replace (thay thế) hoặc --add (bổ sung)."
    ]  # fmt: skip
    after = _snapshot(settings)
    assert after.pop("audit.jsonl").count(b'"detail": "choice_needed"') == 1
    before.pop("audit.jsonl")
    assert after == before
    with pytest.raises(SystemExit) as both:  # argparse: the two options exclude each other
        _run(settings, "activities", "import", "--add", "--replace", str(corrected))
    assert both.value.code == 2


def test_replace_lists_what_happened_to_each_earlier_row(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "activities", "import", str(REPORT)) == 0
    corrected = _corrected(tmp_path)
    corrected.write_text(corrected.read_text("utf-8").replace(",Phát thanh loa xã,", ",,"), "utf-8")
    capsys.readouterr()
    assert _run(settings, "activities", "import", "--replace", str(corrected)) == 0
    assert capsys.readouterr().out.splitlines()[5:] == [
        "    Thay thế báo cáo S0001 (bản cũ giữ trong lịch sử, không tính nữa).",
        "    Các dòng của báo cáo S0001 không còn được tính (đã thay bằng tệp này):",
        "      Dòng 3 (05/07/2024, Tuyên truyền trực tiếp, Thị trấn Bằng Lũng): đã thay thế; "
        "tệp này có dòng 3 giống hệt.",
        "      Dòng 4 (12/07/2024, Phát thanh, Xã Ngọc Phái): đã thay thế; tệp này có dòng 4 "
        "giống hệt.",
        "      Dòng 5 (20/08/2024, Tập huấn, bồi dưỡng, Xã Phương Viên): đã thay thế; tệp này "
        "có dòng 5 giống hệt.",
        "      Dòng 6 (03/09/2024, Tuyên truyền lồng ghép, Xã Bằng Lãng): đã thay thế; tệp "
        "này có dòng 6 giống hệt.",
    ]


def test_add_keeps_the_earlier_rows(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "activities", "import", str(REPORT)) == 0
    capsys.readouterr()
    assert _run(settings, "activities", "import", "--add", str(_corrected(tmp_path))) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:6] == [
        "  Báo cáo S0002 — đang được tính",
        "    Đơn vị: Phòng Văn hóa và Thông tin (vhtt), suy ra từ cột Đơn vị chủ trì",
        "    Kỳ báo cáo: 2024-Q3 (01/07/2024–30/09/2024), suy ra từ tên tệp",
        "    Số dòng: đọc 5, nạp 1, loại 4",
        "    Bổ sung vào báo cáo S0001: các dòng đã tính của báo cáo đó vẫn được tính. 4 dòng "
        "giống hệt dòng đã tính của báo cáo trước: không tính hai lần.",
    ]
    capsys.readouterr()
    assert _run(settings, "activities", "history") == 0
    assert [line.split(" | ")[3] for line in capsys.readouterr().out.splitlines()[1:]] == [
        "đang được tính", "đang được tính"
    ]  # fmt: skip


def test_a_file_that_is_not_a_report_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    settings = make_data_dir(tmp_path, [REPORT])
    assert _run(settings, "build") == 0
    before = _snapshot(settings)
    other = tmp_path / "danh_sach.csv"
    other.write_text("Họ tên,Lớp\nA,1\n", encoding="utf-8")
    capsys.readouterr()
    assert _run(settings, "activities", "import", str(other)) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "Không nhập được. Không đọc được tệp danh_sach.csv: thiếu cột “Ngày bắt đầu”, "
        "“Đơn vị chủ trì”, “Loại hoạt động”, “Đối tượng”. Dòng 1 gần giống dòng tiêu đề nhất; "
        "các tiêu đề ở đó được hiểu là: “Họ tên” → không hiểu; “Lớp” → không hiểu."
    )
    assert out.endswith("Không có gì thay đổi.\n")
    after = _snapshot(settings)
    assert (
        after.pop("audit.jsonl").count(b'"action": "upload_refused"') == 1
    )  # the refusal, audited
    assert after == before


def test_history_and_withdraw(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    _run(settings, "activities", "import", str(REPORT))
    assert _run(settings, "activities", "withdraw", "S0001") == 0
    assert _run(settings, "activities", "withdraw", "S0001") == 0
    assert _run(settings, "activities", "withdraw", "S0009") == 1
    capsys.readouterr()
    assert _run(settings, "activities", "history") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Mã | Đơn vị | Kỳ | Trạng thái | Tệp | Nhận lúc | Đọc/Nạp/Loại"
    assert lines[1].startswith("S0001 | vhtt | 2024-Q3 | đã rút | vhtt_2024-Q3.csv | ")
    assert lines[1].endswith(" | 5/4/1")


def test_withdraw_messages(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    _run(settings, "activities", "import", str(REPORT))
    capsys.readouterr()
    _run(settings, "activities", "withdraw", "S0001")
    _run(settings, "activities", "withdraw", "S0001")
    _run(settings, "activities", "withdraw", "S0009")
    assert capsys.readouterr().out.splitlines() == [
        "Đã rút báo cáo S0001: không còn được tính (vẫn giữ trong lịch sử).",
        "Báo cáo S0001 đã được rút trước đây.",
        "Không có báo cáo mã S0009. Xem danh sách: python -m etl activities history",
    ]


def test_an_unclear_period_is_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "activities", "import", "--period", "quý 3", str(REPORT)) == 1
    assert capsys.readouterr().out == (
        "Không nhập được. Tệp --period: kỳ báo cáo “quý 3” không đúng dạng (ví dụ 2024-Q3, "
        "2024-07, 2024-H1, 2024).\nKhông có gì thay đổi.\n"
    )
    assert list(settings.activities_dir.iterdir()) == []


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "activities", "import", str(tmp_path / "none.csv")) == 2
    assert "Không thấy tệp" in capsys.readouterr().out


def test_template_round_trip(places_data: Settings, tmp_path: Path) -> None:
    out = tmp_path / "mau_bao_cao.xlsx"
    assert _run(places_data, "template", "--unit", "ubnd_xa:2020:02026", str(out)) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Hoạt động", "Hướng dẫn"]
    sheet = book["Hoạt động"]
    assert [c.value for c in sheet[5]][:4] == ["STT", "Ngày bắt đầu", "Ngày kết thúc",
                                               "Đơn vị chủ trì"]  # fmt: skip
    assert (sheet["A2"].value, sheet["B2"].value) == ("Đơn vị báo cáo:", "UBND Xã Nam Cường")
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["D6:D1005"] == "='Hướng dẫn'!$E$3:$E$64"  # one more doan_the alias
    assert lists["F6:F1005"] == "='Hướng dẫn'!$F$3:$F$14"
    assert lists["G6:G1005"] == "='Hướng dẫn'!$G$3:$G$8"
    assert lists["H6:H1005"] == "='Hướng dẫn'!$H$3:$H$25"  # 28 communes, 23 names
    guide = book["Hướng dẫn"]
    assert [guide.cell(row=r, column=6).value for r in (2, 3)] == [
        "Loại hoạt động", "Tuyên truyền trực tiếp"
    ]  # fmt: skip
    sheet["B3"] = "Quý III/2024"
    sheet["A6"], sheet["B6"], sheet["D6"] = 1, "05/07/2024", "UBND Xã Nam Cường"
    sheet["F6"], sheet["G6"], sheet["I6"], sheet["K6"] = (
        "Tập huấn, bồi dưỡng", "Cha mẹ, người chăm sóc trẻ", "Nà Pài", 40
    )  # fmt: skip
    book.save(out)
    assert _run(places_data, "activities", "import", str(out)) == 0
    from tests.test_intake import _rows

    assert _rows(places_data, "select activity_id, lead_unit_id, activity_type, audience, "
                              "commune_id, village_id, participants from stg_activities") == [
        ("S0001:6", "ubnd_xa:2020:02026", "training", "parents", "2020:02026",
         "2020:02026:na-pai", 40)
    ]  # fmt: skip


def test_template_refuses_an_unknown_unit(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = make_data_dir(tmp_path, [])
    assert _run(settings, "template", "--unit", "xyz", str(tmp_path / "t.xlsx")) == 1
    assert "Không có đơn vị mã xyz" in capsys.readouterr().out
