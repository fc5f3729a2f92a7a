"""Decision 830 on the dashboard, units that reported for the whole period, contacts labelled as
contacts: on the committed sample built by the real ETL (``demo_warehouse``, today 2026-01-15)
and on the dashboard's fixture warehouse.

The sample's figures: the school indicator for 2024–2025 is 19/58 schools (32,8 %); 2025 has
61 units due, 54 of them with reports for the whole year and 7 with part of it; 19.476 child
contacts against 12.069 children aged 0–14 (1,61 per child)."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dashboard import state
from etl import db
from etl.cli import main
from etl.config import ENV_DB, Settings
from etl.export.bundle import export_files
from etl.reference import read_reference
from etl.sql_files import ETL_SQL
from etl.transform import run_models

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
CARD_830 = "Trường đạt chỉ tiêu QĐ 830"
CARD_UNITS = "Đơn vị báo cáo đủ kỳ"


def _cli_district_830(settings: Settings, period: str, capsys: pytest.CaptureFixture) -> dict:
    code = main(["--db", str(settings.db_path), "coverage", "--level", "decision830",
                 "--period", period, "--format", "json"])  # fmt: skip
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    rows = rows["rows"] if isinstance(rows, dict) else rows
    (district,) = [r for r in rows if r["area_level"] == "district"]
    return district


def _overview(settings: Settings, monkeypatch: pytest.MonkeyPatch, kind: str, period: str):
    monkeypatch.setenv(ENV_DB, str(settings.db_path))
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.selectbox(key=state.PERIOD_KIND).set_value(kind).run()
    app.selectbox(key=state.PERIOD).set_value(period).run()
    assert not app.exception
    cards = {m.label: m.value for m in app.metric}
    notes = [c.value for c in app.caption]
    return cards, notes


@pytest.mark.parametrize("kind, period", [("school_year", "2024-2025"),
                                          ("semester", "2024-2025-HK2")])  # fmt: skip
def test_the_830_card_shows_the_cli_figure(
    demo_warehouse: Settings, monkeypatch: pytest.MonkeyPatch, capsys, kind: str, period: str
) -> None:
    cli = _cli_district_830(demo_warehouse, period, capsys)
    cards, notes = _overview(demo_warehouse, monkeypatch, kind, period)
    assert cards[CARD_830] == f"{cli['share_pct']:.1f} %".replace(".", ",")
    held = f"{cli['schools_every_semester']}/{cli['schools']} trường có buổi tuyên truyền"
    (note,) = [n for n in notes if held in n]
    assert "mục tiêu 100 %" in note
    assert "có hoạt động bất kỳ: " in note  # any activity stays, said as what it is
    assert "Trường học có hoạt động (bất kỳ)" not in cards
    if kind == "school_year":
        assert (cli["schools_every_semester"], cli["schools"], cli["share_pct"]) == (19, 58, 32.8)


def test_a_quarter_shows_any_activity_without_the_830_target(
    demo_warehouse: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards, notes = _overview(demo_warehouse, monkeypatch, "year", "2025")
    assert CARD_830 not in cards
    assert cards["Trường học có hoạt động (bất kỳ)"] == "65,5 %"
    assert not [n for n in notes if "mục tiêu" in n]


def test_semester_is_a_period_kind_of_the_picker(dashboard_warehouse, monkeypatch) -> None:
    monkeypatch.setenv(ENV_DB, str(dashboard_warehouse.db_path))
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert app.selectbox(key=state.PERIOD_KIND).options[-1] == "Học kỳ"
    app.selectbox(key=state.PERIOD_KIND).set_value("semester").run()
    # the last quarter's last day (2024-12-31) lies in the first semester of 2024–2025
    assert app.selectbox(key=state.PERIOD).value == "2024-2025-HK1"
    assert not app.exception
    assert CARD_830 in {m.label for m in app.metric}


def test_units_2025_complete_and_partial_everywhere(
    demo_warehouse: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards, notes = _overview(demo_warehouse, monkeypatch, "year", "2025")
    assert cards[CARD_UNITS] == "54/61"
    assert "đủ kỳ / phải báo cáo · 7 thiếu một phần" in notes
    files = export_files(demo_warehouse, "deck", "2025", "2020", "vi", dpi=40)
    deck = Presentation(io.BytesIO(files["trinh-chieu_2025_2020.pptx"]))
    kpis = next(s for s in deck.slides[1].shapes if s.has_table).table
    rows = {kpis.cell(i, 0).text: (kpis.cell(i, 1).text, kpis.cell(i, 2).text)
            for i in range(1, len(kpis.rows))}  # fmt: skip
    assert rows[CARD_UNITS] == ("54/61", "đủ kỳ / phải báo cáo · 7 thiếu một phần")
    children, children_note = rows["Lượt trẻ em được tiếp cận"]
    assert children == "19.476"
    assert children_note.startswith("1,61 lượt / trẻ 0–14 theo TĐTDS 2019 (12.069 trẻ)")
    assert "không phải tỷ lệ trẻ được tiếp cận" in children_note
    assert "%" not in children_note  # contacts are not a share of the children
    files = export_files(demo_warehouse, "report", "2025", "2020", "vi")
    text = "\n".join(
        p.text for p in Document(io.BytesIO(files["bao-cao-qd830_2025_2020.docx"])).paragraphs
    )
    assert "Đơn vị gửi báo cáo: 54/61 đủ kỳ · 7 thiếu một phần." in text
    assert "19.476 lượt trẻ em (1,61 lượt / trẻ 0–14" in text
    assert "Số lượt trẻ em được tiếp cận nhiều hơn số trẻ 0–14 ước tính ở: " in text


def test_the_district_police_covers_only_the_days_it_existed(demo_warehouse: Settings) -> None:
    con = db.connect(demo_warehouse, read_only=True)
    row = con.execute(
        "select days_covered, days_expected, complete from unit_reporting"
        " where period_id = '2025' and unit_id = 'cah'"
    ).fetchone()
    con.close()
    assert row == (59, 59, True)  # its 2025-Q1 report, to its end on 2025-02-28


def test_each_school_has_its_semester_status(demo_warehouse: Settings) -> None:
    con = db.connect(demo_warehouse, read_only=True)
    counts = dict(con.execute(
        "select session_status, count(*) from school_session_status"
        " where period_id = '2025-2026-HK1' and geography = '2020' group by all"
    ).fetchall())  # fmt: skip
    assert counts == {"had_session": 20, "due": 13, "overdue": 16, "never": 9}
    # each status against the school's own semesters (school_coverage, the sessions counted)
    rows = con.execute("""
        select status.session_status, now.sessions, before.sessions,
            (select coalesce(sum(sessions), 0) from school_coverage as earlier
             where earlier.period_kind = 'semester' and earlier.geography = '2020'
                 and earlier.school_id = status.school_id
                 and earlier.period_end < now.period_start) as earlier_sessions
        from school_session_status as status
        join school_coverage as now on now.period_id = status.semester_id
            and now.geography = status.geography and now.school_id = status.school_id
        join school_coverage as before on before.period_id = '2024-2025-HK2'
            and before.geography = status.geography and before.school_id = status.school_id
        where status.period_id = '2025-2026-HK1' and status.geography = '2020'
    """).fetchall()
    con.close()
    for status, now, before, earlier in rows:
        expected = ("had_session" if now else "never" if not earlier
                    else "due" if before else "overdue")  # fmt: skip
        assert status == expected


def test_a_gap_school_shows_its_status_in_the_cli(demo_warehouse: Settings, capsys) -> None:
    code = main(["--db", str(demo_warehouse.db_path), "coverage", "--level", "school",
                 "--period", "2025-2026-HK1"])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    for word in ("Đã có buổi", "Chưa có, đến hạn", "Quá hạn (học kỳ trước cũng không có)",
                 "Chưa từng có buổi"):  # fmt: skip
        assert word in out


def test_the_target_is_data(demo_warehouse: Settings, tmp_path: Path) -> None:
    targets = dict(read_reference("targets")[["target", "value"]].values.tolist())
    assert targets["school_sessions_pct"] == "100"
    sql = (ETL_SQL / "marts" / "school_indicator_830.sql").read_text(encoding="utf-8")
    assert "ref_targets" in sql and "100.0::double" not in sql
    # the coverage marts carry no target: their schools_pct is any activity, not the indicator
    for name in ("district_coverage", "commune_coverage"):
        assert "target" not in (ETL_SQL / "marts" / f"{name}.sql").read_text(encoding="utf-8")
    copy = replace(demo_warehouse, db_path=tmp_path / "warehouse.duckdb")
    shutil.copy(demo_warehouse.db_path, copy.db_path)
    con = db.connect(copy)
    con.execute("update ref_targets set value = '30' where target = 'school_sessions_pct'")
    run_models(con, [ETL_SQL / "marts" / "school_indicator_830.sql"])
    indicator = con.execute(
        "select target_pct, share_pct, target_met from school_indicator_830 where"
        " period_id = '2024-2025' and geography = '2020' and area_level = 'district'"
    ).fetchone()
    con.close()
    assert indicator == (30.0, 32.8, True)
