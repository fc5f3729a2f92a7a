"""The meeting files of a period, made from a warehouse built by the real ETL from the committed
sample (``demo_warehouse``), opened with their own libraries.

The sample's 2025 figures, as the marts hold them (district_coverage, geography 2020): 187
villages, 136 reached (72,7 %), 58 schools, 38 reached, 639 activities (234 joint); Thị trấn
Bằng Lũng 27 of 28 villages (96,4 %).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from docx import Document
from matplotlib.figure import Figure as MplFigure
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from etl import db
from etl.cli import main
from etl.config import Settings
from etl.export.bundle import export_files
from etl.export.figures import ExportError, Figures, read_figures
from etl.export.maps import draw_map, map_files
from etl.export.static_map import PRINT_DPI, figure_bytes
from etl.present import palette

MADE_ON = date(2026, 1, 15)


@pytest.fixture(scope="module")
def figures(demo_warehouse: Settings) -> Figures:
    con = db.connect(demo_warehouse, read_only=True)
    try:
        return read_figures(con, "2025", "2020")
    finally:
        con.close()


def test_figures_are_the_marts(figures: Figures, demo_warehouse: Settings) -> None:
    con = db.connect(demo_warehouse, read_only=True)
    mart = con.execute(
        "select activities, coverage_pct from district_coverage"
        " where period_id = '2025' and geography = '2020'"
    ).fetchone()
    con.close()
    assert (figures.district["activities"], figures.district["coverage_pct"]) == mart
    assert mart == (639, 72.7)
    assert (figures.district["villages_reached"], figures.district["villages_applicable"]) == (
        136,
        187,
    )
    assert len(figures.table("communes")) == 20


def test_deck_slides_titles_and_editable_figures(demo_warehouse: Settings) -> None:
    files = export_files(demo_warehouse, "deck", "2025", "2020", "vi", dpi=40)
    assert list(files) == ["trinh-chieu_2025_2020.pptx"]
    deck = Presentation(io.BytesIO(files["trinh-chieu_2025_2020.pptx"]))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == [
        "Tuyên truyền bảo vệ trẻ em trên không gian mạng: kết quả và khoảng trống",
        "Số liệu chính",
        "Độ phủ theo xã",
        "Thôn cần ưu tiên",
        "Xã × đơn vị: ai đã có mặt, ai còn thiếu",
        "Hoạt động theo tháng",
        "Nguồn số liệu và định nghĩa",
    ]
    kpis = next(s for s in deck.slides[1].shapes if s.has_table).table
    assert [kpis.cell(1, j).text for j in range(3)] == [
        "Thôn được đến trực tiếp",
        "72,7 %",
        "136/187 thôn, tổ dân phố",
    ]
    assert kpis.cell(3, 1).text == "639"
    assert any(s.shape_type == 13 for s in deck.slides[2].shapes)  # the map picture
    matrix = next(s for s in deck.slides[4].shapes if s.has_table).table
    assert len(matrix.rows) == 21  # header + 20 communes
    assert matrix.cell(1, 0).text == "Bằng Lũng"
    chart = next(s for s in deck.slides[5].shapes if s.has_chart).chart
    assert chart.plots[0].categories[0] == "01/2025"
    assert len(chart.plots[0].categories) == 12


def test_tables_workbook(demo_warehouse: Settings) -> None:
    files = export_files(demo_warehouse, "tables", "2025", "2020", "vi")
    book = load_workbook(io.BytesIO(files["bang-so-lieu_2025_2020.xlsx"]))
    assert book.sheetnames == [
        "Tổng hợp", "Theo xã", "Thôn, tổ dân phố", "Trường học", "Thôn ưu tiên",
        "Báo cáo của đơn vị", "Chỉ tiêu QĐ 830", "Nguồn và định nghĩa",
    ]  # fmt: skip
    communes = book["Theo xã"]
    assert communes["A1"].value.startswith("Độ phủ tuyên truyền bảo vệ trẻ em")
    assert communes.freeze_panes == "A3"
    header = [c.value for c in communes[2]]
    assert header[:5] == ["Mã xã", "Xã, thị trấn", "Số thôn", "Thôn đã đến", "Độ phủ %"]
    assert [c.value for c in communes[3]][:5] == ["02020", "Thị trấn Bằng Lũng", 28, 27, 96.4]
    assert communes.column_dimensions["B"].width >= len("Thị trấn Bằng Lũng")
    summary = {row[0].value: row[1].value for row in book["Tổng hợp"].iter_rows(min_row=3)}
    assert summary["Số HĐ"] == 639


def test_report_headings_figures_and_recipient(demo_warehouse: Settings) -> None:
    settings = replace(demo_warehouse, report_recipient="Sở Văn hóa, Thể thao và Du lịch")
    files = export_files(settings, "report", "2025", "2020", "vi")
    document = Document(io.BytesIO(files["bao-cao-qd830_2025_2020.docx"]))
    headings = [
        p.text for p in document.paragraphs if p.style and p.style.name.startswith("Heading")
    ]
    assert headings == [
        "I. Tình hình chung",
        "II. Kết quả thực hiện các nhóm nhiệm vụ",
        "1. Nhóm nhiệm vụ 1: Truyền thông, giáo dục, nâng cao nhận thức và kỹ năng",
        "2. Nhóm nhiệm vụ 2: Giải pháp kỹ thuật, giám sát và chặn lọc",
        "3. Nhóm nhiệm vụ 3: Rà soát, kiểm tra, xử lý vi phạm",
        "III. Kết quả thực hiện các chỉ tiêu",
        "Chỉ tiêu 1: 100 % trường học, cơ sở chăm sóc trẻ em tổ chức tuyên truyền định kỳ",
        "Chỉ tiêu 2: 100 % trẻ em bị xâm hại trên môi trường mạng được hỗ trợ khi có yêu cầu",
        "Chỉ tiêu 3: 100 % đối tượng vi phạm được phát hiện, xử lý",
        "IV. Độ phủ theo xã",
        "V. Khó khăn, vướng mắc",
        "VI. Phương hướng, nhiệm vụ và kiến nghị",
        "Nguồn số liệu và định nghĩa",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kính gửi: Sở Văn hóa, Thể thao và Du lịch." in text
    assert "đã tổ chức 639 hoạt động (trong đó 234 hoạt động phối hợp)" in text
    assert "136/187 thôn, tổ dân phố (72,7 %)" in text
    assert text.count("[Phần viết:") == 9  # overview, 3 task groups, 3 targets, 2 closing
    group_1 = document.tables[0]
    assert group_1.cell(len(group_1.rows) - 1, 0).text == "Cộng"
    target_1 = document.tables[3]
    assert target_1.rows[0].cells[0].text == "Năm học"
    years = [r.cells[0].text for r in target_1.rows[1:]]
    assert years == ["2024-2025", "2025-2026 (chưa kết thúc)"]


def _header_texts(document: object) -> tuple[list[str], dict[str, bool]]:
    """The paragraphs of ``document`` and of its tables' cells, and whether each run's text
    is highlighted (a placeholder to be replaced)."""
    paragraphs = list(document.paragraphs)  # type: ignore[attr-defined]
    for table in document.tables:  # type: ignore[attr-defined]
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    marked = {r.text: r.font.highlight_color is not None for p in paragraphs for r in p.runs}
    return [p.text for p in paragraphs], marked


def test_report_issuer_recipients_and_signatory_come_from_the_settings(
    demo_warehouse: Settings,
) -> None:
    env = {
        "CHODON_REPORT_ISSUER": "ỦY BAN NHÂN DÂN XÃ CHỢ ĐỒN",
        "CHODON_REPORT_RECIPIENTS": "Sở Khoa học và Công nghệ; UBND tỉnh Thái Nguyên ;Lưu: VT",
        "CHODON_REPORT_SIGNER_TITLE": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "CHODON_REPORT_SIGNER_NAME": "Nguyễn Thị Hoa",
    }
    settings = replace(
        Settings.from_env(env, data_dir=demo_warehouse.data_dir, db_path=demo_warehouse.db_path),
        as_of=demo_warehouse.as_of,
    )
    files = export_files(settings, "report", "2025", "2025", "vi")
    texts, marked = _header_texts(Document(io.BytesIO(files["bao-cao-qd830_2025_2025.docx"])))
    assert texts[0] == "ỦY BAN NHÂN DÂN XÃ CHỢ ĐỒN"
    assert texts[-9:] == [
        "Nơi nhận:", "- Sở Khoa học và Công nghệ;", "- UBND tỉnh Thái Nguyên;", "- Lưu: VT.",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "(Ký, ghi rõ họ tên, đóng dấu)", "", "", "Nguyễn Thị Hoa",
    ]  # fmt: skip
    assert not any(marked[text] for text in ("ỦY BAN NHÂN DÂN XÃ CHỢ ĐỒN", "Nguyễn Thị Hoa"))


def test_report_defaults_fit_the_period(demo_warehouse: Settings) -> None:
    # 2024: the district's People's Committee; only the signer's name is left to fill in.
    before = export_files(demo_warehouse, "report", "2024", "2020", "vi")
    texts, marked = _header_texts(Document(io.BytesIO(before["bao-cao-qd830_2024_2020.docx"])))
    assert texts[0] == "ỦY BAN NHÂN DÂN HUYỆN CHỢ ĐỒN"
    assert not marked["ỦY BAN NHÂN DÂN HUYỆN CHỢ ĐỒN"]
    assert texts[-8:-5] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert texts[-5] == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert marked["[Họ và tên người ký — đặt CHODON_REPORT_SIGNER_NAME]"]
    # 2025 spans the reform: no district to issue it; marked placeholders, whatever the map.
    after = export_files(demo_warehouse, "report", "2025", "2020", "en")
    texts, marked = _header_texts(Document(io.BytesIO(after["bao-cao-qd830_2025_2020.docx"])))
    issuer = "[ISSUING BODY: a commune People's Committee or a provincial body — set " \
        "CHODON_REPORT_ISSUER]"  # fmt: skip
    assert texts[0] == issuer
    assert marked[issuer]
    assert marked["[SIGNATORY'S POSITION — set CHODON_REPORT_SIGNER_TITLE]"]
    assert "DISTRICT" not in "\n".join(texts)


def test_map_pixels_have_the_coverage_and_state_colours(figures: Figures) -> None:
    coverage = _image(draw_map(figures, "coverage", "vi", MADE_ON))
    assert coverage.size == (400, 300)
    colours = _colours(coverage)
    for pct in (96.4, 60.0, 37.5):  # Bằng Lũng's class and two others the sample has
        assert _rgb(palette.coverage_colour(pct)) in colours
    villages = _image(draw_map(figures, "villages", "en", MADE_ON))
    colours = _colours(villages)
    assert _rgb(palette.state_colour("reached")) in colours
    assert _rgb(palette.state_colour("indirect")) in colours
    assert _rgb(palette.state_colour("not_reported")) in colours  # its legend swatch


def test_maps_at_print_resolution(figures: Figures) -> None:
    files = map_files(figures, "vi", MADE_ON)
    assert sorted(files) == [
        "ban-do-do-phu-xa_2025_2020.pdf", "ban-do-do-phu-xa_2025_2020.png",
        "ban-do-thon_2025_2020.pdf", "ban-do-thon_2025_2020.png",
    ]  # fmt: skip
    image = Image.open(io.BytesIO(files["ban-do-do-phu-xa_2025_2020.png"]))
    assert image.size == (10 * PRINT_DPI, int(7.5 * PRINT_DPI))
    assert files["ban-do-thon_2025_2020.pdf"].startswith(b"%PDF")


def test_cli_writes_the_files(demo_warehouse: Settings, tmp_path: Path, capsys) -> None:
    base = ["--data-dir", str(demo_warehouse.data_dir), "--db", str(demo_warehouse.db_path)]
    out = tmp_path / "out"
    assert main([*base, "export", "tables", "--period", "2025", "--geography", "2025",
                 "--out", str(out)]) == 0  # fmt: skip
    # the file alone, no temporary file left, readable by others like any exported file
    assert sorted(p.name for p in out.iterdir()) == ["bang-so-lieu_2025_2025.xlsx"]
    assert (out / "bang-so-lieu_2025_2025.xlsx").stat().st_mode & 0o777 == 0o644
    assert "bang-so-lieu_2025_2025.xlsx" in capsys.readouterr().out
    book = load_workbook(out / "bang-so-lieu_2025_2025.xlsx")
    # title, header, the 8 new communes, a blank row and a note for each of the three summed
    # columns (district-wide and online activities are in no commune row)
    sheet = book["Theo xã"]
    assert sheet.max_row == 2 + 8 + 1 + 3
    assert [sheet.cell(row, 1).value.split(":")[0] for row in (12, 13, 14)] == [
        "Cột Số HĐ", "Cột Lượt người tham dự", "Cột Lượt trẻ em được tiếp cận"]  # fmt: skip


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2025-Q5", "Kỳ báo cáo không hợp lệ: 2025-Q5."),
        ("2019", "Chưa có số liệu cho kỳ 2019"),
    ],
)
def test_cli_refuses_and_writes_nothing(
    demo_warehouse: Settings, tmp_path: Path, capsys, period: str, message: str
) -> None:
    base = ["--data-dir", str(demo_warehouse.data_dir), "--db", str(demo_warehouse.db_path)]
    out = tmp_path / "out"
    assert main([*base, "export", "deck", "--period", period, "--out", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_without_warehouse(tmp_path: Path, capsys) -> None:
    base = ["--data-dir", str(tmp_path), "--db", str(tmp_path / "none.duckdb")]
    assert main([*base, "export", "report", "--period", "2025", "--out", str(tmp_path / "o")]) == 1
    assert "Chưa có kho dữ liệu" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
    with pytest.raises(ExportError):
        export_files(Settings.from_env({}, data_dir=tmp_path, db_path=tmp_path / "x.duckdb"),
                     "deck", "2025", "2020", "vi")  # fmt: skip


def test_recipient_setting() -> None:
    env = {"CHODON_REPORT_RECIPIENT": "UBND tỉnh Thái Nguyên"}
    assert Settings.from_env(env).report_recipient == "UBND tỉnh Thái Nguyên"
    assert Settings.from_env({}).report_recipient == "Bộ Khoa học và Công nghệ"
    listed = Settings.from_env({"CHODON_REPORT_RECIPIENTS": " Như trên;; Lưu: VT ; "})
    assert listed.report_recipients == ("Như trên", "Lưu: VT")
    unset = Settings.from_env({})
    assert (unset.report_issuer, unset.report_recipients) == ("", ())
    assert (unset.report_signer_title, unset.report_signer_name) == ("", "")


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _image(figure: MplFigure) -> Image.Image:
    """A map at a low resolution (these tests are about colours, not print quality)."""
    try:
        return Image.open(io.BytesIO(figure_bytes(figure, "png", 40)))
    finally:
        plt.close(figure)


def _colours(image: Image.Image) -> set[tuple[int, ...]]:
    counts = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert counts is not None
    return {colour for _, colour in counts}  # type: ignore[misc]
