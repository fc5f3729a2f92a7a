"""No data is never zero, and totals add up or say why, in every output.

The warehouse is the coverage one (``tests/test_coverage.py``, built through the real commands).
In 2024-Q3 (2020 geography) Nghĩa Tá's one village is not reported (no report, nobody went):
its coverage is unknown. Xuân Lạc reported "no activities": its one village was not reached, a
measured 0 %. In 2024-Q4 no People's Committee reported and no village was visited: the whole
area has no data. In 2025-Q3 the new Nam Cường's commune-wide broadcast counts in each of its
three old communes, so the 2020 commune rows hold 4 activities against the area's 2.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date

import duckdb
import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from dashboard import maps, queries, tables
from etl import db
from etl.cli import main
from etl.config import Settings
from etl.export.captions import totals_notes
from etl.export.deck import deck_bytes
from etl.export.figures import Figures, read_figures
from etl.export.maps import map_areas
from etl.export.report import report_bytes, report_header
from etl.export.tables import tables_bytes
from etl.present import palette
from etl.present.format import share
from tests.test_coverage import build_coverage_warehouse

NO_DATA = "Chưa có dữ liệu"
NOT_REPORTED = "Chưa có dữ liệu: xã chưa báo cáo đủ kỳ, chưa có hoạt động ở thôn nào"
MADE_ON = date(2025, 10, 15)
NGHIA_TA, XUAN_LAC = "2020:02071", "2020:02023"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_coverage_warehouse(tmp_path_factory.mktemp("no_data"))


@pytest.fixture(scope="module")
def con(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect(settings, read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def figures(con: duckdb.DuckDBPyConnection) -> Figures:
    return read_figures(con, "2024-Q3", "2020")


def _coverage(settings: Settings, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--db", str(settings.db_path), "coverage", *args]) == 0
    return capsys.readouterr().out


def test_the_marts_hold_null_and_a_status(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """
        select commune_code, villages_applicable, villages_not_reported, coverage_pct,
            coverage_status
        from commune_coverage
        where period_id = '2024-Q3' and geography = '2020' and commune_code in ('02023', '02071')
        order by commune_code
        """
    ).fetchall()
    assert rows == [("02023", 1, 0, 0.0, "measured"), ("02071", 1, 1, None, "not_reported")]
    district = con.execute(
        "select period_id, villages_applicable, villages_not_reported, coverage_pct,"
        " coverage_status from district_coverage"
        " where period_id in ('2024-Q3', '2024-Q4') and geography = '2020' order by period_id"
    ).fetchall()
    assert district == [
        ("2024-Q3", 6, 1, 33.3, "measured"),
        ("2024-Q4", 6, 6, None, "not_reported"),
    ]
    # a commune with no village listed has no share either
    empty = con.execute(
        "select count(*), count(coverage_pct), any_value(coverage_status) from commune_coverage"
        " where period_id = '2024-Q3' and geography = '2020' and villages_applicable = 0"
    ).fetchone()
    assert empty == (16, 0, "no_villages")


def _table(out: str) -> list[dict[str, str]]:
    """The rows of the command's table, each as header → cell (columns: 2+ spaces apart)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if set(line) <= {"-", " "} and line) - 1
    header = re.split(r"\s{2,}", lines[start])
    return [
        dict(zip(header, re.split(r"\s{2,}", line), strict=True)) for line in lines[start + 2 :]
    ]


def test_the_cli_table_says_no_data_and_keeps_a_measured_zero(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _coverage(settings, capsys, "--level", "commune", "--period", "2024-Q3")
    shares = {row["Xã, thị trấn"]: row["Độ phủ %"] for row in _table(out)}
    assert shares["Nghĩa Tá"] == NO_DATA
    assert shares["Xuân Lạc"] == "0.0"
    assert shares["Nam Cường"] == "33.3"
    district = _coverage(settings, capsys, "--level", "district", "--period", "2024-Q4")
    [row] = _table(district)
    assert (row["Số thôn"], row["Thôn đã đến"], row["Độ phủ %"]) == ("6", "0", NO_DATA)


def test_the_cli_csv_and_json_leave_it_empty_with_the_status(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("--level", "commune", "--period", "2024-Q3")
    rows = {
        r["commune_code"]: r
        for r in csv.DictReader(io.StringIO(_coverage(settings, capsys, *args, "--format", "csv")))
    }
    assert (rows["02071"]["coverage_pct"], rows["02071"]["coverage_status"]) == ("", "not_reported")
    assert (rows["02023"]["coverage_pct"], rows["02023"]["coverage_status"]) == ("0.0", "measured")
    found = {
        r["commune_code"]: r
        for r in json.loads(_coverage(settings, capsys, *args, "--format", "json"))
    }
    assert (found["02071"]["coverage_pct"], found["02071"]["coverage_status"]) == (
        None,
        "not_reported",
    )
    assert (found["02023"]["coverage_pct"], found["02023"]["coverage_status"]) == (0.0, "measured")


def test_the_workbook_leaves_the_cell_empty_with_the_reason(figures: Figures) -> None:
    book = load_workbook(io.BytesIO(tables_bytes(figures, "vi", MADE_ON)))
    sheet = book["Theo xã"]
    header = [c.value for c in sheet[2]]
    pct, status = header.index("Độ phủ %"), header.index("Tình trạng số liệu độ phủ")
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1]}
    assert (rows["02071"][pct], rows["02071"][status]) == (None, NOT_REPORTED)
    assert (rows["02023"][pct], rows["02023"][status]) == (0.0, "Có số liệu")
    assert isinstance(rows["02026"][pct], float)  # numbers stay numbers


def test_the_workbook_summary_notes_an_area_without_data(con: duckdb.DuckDBPyConnection) -> None:
    book = load_workbook(io.BytesIO(tables_bytes(read_figures(con, "2024-Q4", "2020"), "vi",
                                                 MADE_ON)))  # fmt: skip
    summary = {r[0]: r[1:] for r in book["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert summary["Độ phủ %"] == (None, NOT_REPORTED)
    assert summary["Số thôn"] == (6, None)


def _report(figures: Figures) -> bytes:
    """The Word report of ``figures``, with the default header (no settings set)."""
    return report_bytes(figures, "vi", MADE_ON, report_header(Settings.from_env({}), figures, "vi"))


def test_the_word_report_says_no_data(figures: Figures, con: duckdb.DuckDBPyConnection) -> None:
    document = Document(io.BytesIO(_report(figures)))
    communes = next(t for t in document.tables if t.rows[0].cells[3].text == "Độ phủ %")
    shown = {r.cells[0].text: r.cells[3].text for r in communes.rows[1:]}
    assert shown["Xã Nghĩa Tá"] == NO_DATA
    assert shown["Xã Xuân Lạc"] == "0,0 %"
    assert shown["Xã Nam Cường"] == "33,3 %"
    quarter = Document(io.BytesIO(_report(read_figures(con, "2024-Q4", "2020"))))
    text = "\n".join(p.text for p in quarter.paragraphs)
    assert f"0/6 thôn, tổ dân phố ({NO_DATA})" in text
    assert "0,0 %" not in text


def test_the_deck_says_no_data(figures: Figures, con: duckdb.DuckDBPyConnection) -> None:
    def villages_card(figs: Figures) -> str:
        deck = Presentation(io.BytesIO(deck_bytes(figs, "vi", MADE_ON, map_dpi=30)))
        kpis = next(s for s in deck.slides[1].shapes if s.has_table).table
        assert kpis.cell(1, 0).text == "Thôn được đến trực tiếp"
        return kpis.cell(1, 1).text

    assert villages_card(read_figures(con, "2024-Q4", "2020")) == NO_DATA
    assert villages_card(figures) == "33,3 %"


def test_the_print_map_draws_no_data_not_the_zero_class(figures: Figures) -> None:
    names = dict(zip(figures.table("boundaries")["commune_id"],
                     figures.table("boundaries")["commune_name"], strict=True))  # fmt: skip
    areas = {a.label: a for a in map_areas(figures, "coverage")}
    no_data, zero = areas[names[NGHIA_TA]], areas[names[XUAN_LAC]]
    assert (no_data.fill, no_data.dashed) == (palette.NO_DATA_COLOUR, True)
    assert (zero.fill, zero.dashed) == (palette.COVERAGE_COLOURS[0], False)


def test_the_dashboard_map_and_card_say_no_data(con: duckdb.DuckDBPyConnection) -> None:
    shapes = maps.read_boundaries(queries.boundaries(con, "2020"))
    communes = queries.commune_coverage(con, "2024-Q3", "2020")
    layers = maps.coverage_layers(shapes, communes, "vi")
    assert layers.communes[NGHIA_TA]["fill"] == palette.NO_DATA_COLOUR
    assert NOT_REPORTED in layers.communes[NGHIA_TA]["tip"]
    assert layers.communes[XUAN_LAC]["fill"] == palette.COVERAGE_COLOURS[0]
    assert "0,0 %" in layers.communes[XUAN_LAC]["tip"]
    # the commune's villages card (dashboard.widgets.kpi_cards) formats its share with share()
    kpis = queries.kpis(con, "2024-Q3", "2020", NGHIA_TA)
    assert share(kpis.iloc[0]["coverage_pct"], "vi") == NO_DATA
    assert share(queries.kpis(con, "2024-Q3", "2020", XUAN_LAC).iloc[0]["coverage_pct"], "vi") == (
        "0,0 %"
    )
    # the screen's village table names the state, not a zero share
    villages = queries.village_points(con, "2024-Q3", "2020")
    shown = tables.village_states(villages[villages["commune_id"] == NGHIA_TA], "vi")
    assert shown["Trạng thái"].tolist() == ["Xã chưa báo cáo đủ kỳ"]


def test_the_report_notes_why_commune_rows_do_not_add_up(
    figures: Figures, con: duckdb.DuckDBPyConnection
) -> None:
    def commune_note(figs: Figures) -> list[str]:
        document = Document(io.BytesIO(_report(figs)))
        texts = [p.text for p in document.paragraphs]
        start = texts.index("IV. Độ phủ theo xã")
        end = texts.index("V. Khó khăn, vướng mắc")
        return [text for text in texts[start + 1 : end] if text]

    # 2024-Q3: every activity in exactly one commune, 5 = 5: no note
    assert commune_note(figures) == []
    # 2025-Q3 in the 2020 communes: the broadcast counts in Xuân Lạc, Nam Cường and Đồng Lạc
    assert commune_note(read_figures(con, "2025-Q3", "2020")) == [
        "Cột Số HĐ: các dòng xã cộng lại được 4, tổng chung là 2: 2 được tính thêm vì một hoạt"
        " động ở nhiều xã được tính ở mỗi xã."
    ]
    # the same quarter in the 2025 communes adds up
    assert commune_note(read_figures(con, "2025-Q3", "2025")) == []


def test_the_workbook_notes_why_commune_rows_do_not_add_up(
    figures: Figures, con: duckdb.DuckDBPyConnection
) -> None:
    def notes(figs: Figures) -> list[str]:
        sheet = load_workbook(io.BytesIO(tables_bytes(figs, "en", MADE_ON)))["Communes"]
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        return [r[0] for r in rows if r[0] and all(v is None for v in r[1:])]

    assert notes(figures) == []
    assert notes(read_figures(con, "2025-Q3", "2020")) == [
        "Activities: the commune rows add up to 4, the total is 2: 2 counted again because an"
        " activity held in several communes counts in each."
    ]


def test_totals_notes_name_activities_in_no_commune() -> None:
    rows = pd.DataFrame({"activities": [3, 4], "participants_total": [10, None]})
    totals = {"activities": 9, "unplaced_activities": 2, "participants_total": 10,
              "unplaced_participants_total": 0}  # fmt: skip
    assert totals_notes(rows, totals, ["activities", "participants_total"], "vi") == [
        "Cột Số HĐ: các dòng xã cộng lại được 7, tổng chung là 9: 2 thuộc hoạt động toàn huyện,"
        " trực tuyến hoặc không ghi xã, không nằm ở dòng xã nào."
    ]
    with pytest.raises(ValueError, match="unplaced_children_reached"):
        totals_notes(rows, totals, ["children_reached"], "vi")


def test_no_data_reads_the_same_everywhere() -> None:
    assert share(None, "vi") == NO_DATA
    assert share(float("nan"), "en") == "No data"
    assert share(0.0, "vi") == "0,0 %"
