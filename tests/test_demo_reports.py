"""The sample's unit reports: the template layout, the reform calendar, realism and planted mess."""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.demo.generate import BAD_PLAN, NO_ACTIVITIES, DemoSample, ReportFile
from etl.demo.rows import MESS_KINDS, REPORT_HEADERS, TOTAL_LABEL
from etl.demo.workbook import SAMPLE_NOTE
from etl.reports.template import HEADER_ROW, HEADERS, REPORT_SHEET


def _sheet_rows(sample: DemoSample, report: ReportFile) -> list[tuple]:
    book = load_workbook(io.BytesIO(sample.files[report.path]))
    return list(book[REPORT_SHEET].iter_rows(values_only=True))


def _report(sample: DemoSample, path: str) -> ReportFile:
    return next(r for r in sample.reports if r.path == path)


def test_reports_are_marked_as_sample_in_the_template_layout(demo_sample: DemoSample) -> None:
    report = _report(demo_sample, "activities/MAU_vhtt_2024-Q3.xlsx")
    rows = _sheet_rows(demo_sample, report)
    assert rows[0][0] == "BÁO CÁO HOẠT ĐỘNG TUYÊN TRUYỀN BẢO VỆ TRẺ EM TRÊN KHÔNG GIAN MẠNG"
    assert rows[1][:2] == ("Đơn vị báo cáo:", "Phòng Văn hóa và Thông tin")
    assert rows[2][:2] == ("Kỳ báo cáo:", "Quý III/2024")
    assert rows[3][0] == SAMPLE_NOTE
    assert rows[HEADER_ROW - 1] == REPORT_HEADERS == HEADERS  # as in the district template
    assert rows[5][0] == 1  # the first activity right under the header
    assert all(Path(r.path).name.startswith("MAU_") for r in demo_sample.reports)


def test_one_report_per_unit_per_quarter_across_the_reform(demo_sample: DemoSample) -> None:
    quarters: dict[str, set[str]] = {}
    for report in demo_sample.reports:
        quarters.setdefault(report.unit_kind, set()).add(report.quarter)
    district = {f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)} - {"2025-Q3", "2025-Q4"}
    assert quarters["vhtt"] == quarters["gddt"] == quarters["ldtbxh"] == district
    assert quarters["cah"] == district - {"2025-Q2"}  # district police end on 2025-02-28
    assert min(quarters["ca_xa"]) == "2024-Q1"  # commune police report throughout
    names = {r.unit_name for r in demo_sample.reports if r.quarter == "2026-Q3"}
    assert {"UBND xã Nam Cường", "Công an xã Chợ Đồn", "UBND xã Bạch Thông"} <= names
    assert "UBND thị trấn Bằng Lũng" not in names
    expected = 5 * 6 - 1 + 20 * 6 * 2 + 8 * 2 * 5  # offices, old communes and police, new ones
    assert len(demo_sample.reports) + len(demo_sample.skipped) == expected


def test_new_communes_name_themselves(demo_sample: DemoSample) -> None:
    report = _report(demo_sample, "activities/MAU_ubnd_xa_02026_2025-Q4.xlsx")
    rows = _sheet_rows(demo_sample, report)[5:]
    communes = {r[7] for r in rows if r[0] != TOTAL_LABEL and r[7]}
    assert communes == {"Xã Nam Cường"}
    assert {r[3] for r in rows if r[3]} == {"UBND xã Nam Cường"}


def test_gaps_missing_quarters_and_declared_empty_reports(demo_sample: DemoSample) -> None:
    kinds = Counter(unit.split(":")[0] for unit, _ in demo_sample.skipped)
    assert kinds == {"ubnd_xa": 10, "ca_xa": 11}
    empty = [r for r in demo_sample.reports if r.no_activities]
    assert [(r.unit_id, r.quarter) for r in empty] == [
        ("ldtbxh", "2024-Q1"),
        ("ca_xa:2020:02023", "2025-Q2"),
    ]
    rows = _sheet_rows(demo_sample, empty[0])
    assert rows[5][0] == NO_ACTIVITIES  # the table's first row, under the header
    assert len(rows) == 6


def test_planted_mess_and_bad_rows(demo_sample: DemoSample) -> None:
    mess = Counter(kind for r in demo_sample.reports for kind in r.mess)
    assert set(MESS_KINDS) <= set(mess)
    assert mess["thousands_separator"] >= 1
    messy_rows = sum(mess.values())
    assert 0.03 <= messy_rows / demo_sample.activities <= 0.05
    bad = Counter(kind for r in demo_sample.reports for kind in r.bad)
    assert bad == BAD_PLAN
    assert sum(r.total_row for r in demo_sample.reports) == 37


def test_more_activity_in_the_town_than_in_remote_communes(demo_sample: DemoSample) -> None:
    per_report = {r.unit_id: 0 for r in demo_sample.reports}
    for report in demo_sample.reports:
        per_report[report.unit_id] += report.activities
    town, remote = per_report["ubnd_xa:2020:02020"], per_report["ubnd_xa:2020:02023"]
    assert town / 1977 > 3 * remote / 877  # per census household


@pytest.fixture(scope="module")
def table_rows(demo_sample: DemoSample) -> list[tuple]:
    """Every row under the header of every report, as cell values."""
    return [row for r in demo_sample.reports for row in _sheet_rows(demo_sample, r)[5:]]


def test_june_peak(table_rows: list[tuple]) -> None:
    months = Counter(row[1].month for row in table_rows if isinstance(row[1], datetime))
    assert months[6] == max(months.values())


def test_schools_reached_most_by_the_education_office_before_the_reform(
    table_rows: list[tuple],
) -> None:
    leads = Counter(
        row[3]
        for row in table_rows
        if row[9] and isinstance(row[1], datetime) and row[1] < datetime(2025, 7, 1)
    )
    assert leads.most_common(1)[0][0] == "Phòng Giáo dục và Đào tạo"
    # commune police visit schools too (they report throughout): the office leads over 40 %
    assert leads["Phòng Giáo dục và Đào tạo"] > 0.4 * sum(leads.values())
