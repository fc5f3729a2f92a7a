"""The intake quality figure (``benchmarks.intake_quality``): its scoring on hand-made cases,
the corpus's size and targets, and one tiny corpus through the real import."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from benchmarks import intake_quality
from benchmarks.intake_corpus import (
    COLUMN_READING,
    CORPUS_DIR,
    UNUSED,
    HeaderCase,
    HeaderColumn,
    Report,
    RowCase,
    read_corpus,
    write_row_reports,
)
from benchmarks.intake_scoring import (
    FileSeen,
    Problem,
    RowSeen,
    failure_lines,
    judge_columns,
    judge_row,
    score,
)
from etl import db, pipeline, reference
from etl.config import Settings
from etl.reports.header import COLUMNS, extract_activities

REPORT = Report("vhtt_2024-Q3", "csv", "Phòng Văn hóa và Thông tin", "Quý III/2024")
GOOD = RowCase("good", "t", "", REPORT, {"lead_unit": "Phòng VH&TT"}, loads=True,
               readings={"unit": "vhtt", "participants": 40})  # fmt: skip
BAD = RowCase("bad", "t", "", REPORT, {"start_date": "15/03/2031"}, loads=False,
              rejected_column="start_date")  # fmt: skip
TOTAL = RowCase("total", "t", "", REPORT, {"content": "Tổng cộng"}, loads=False)
LOADED = {"lead_unit_id": "vhtt", "participants": 40}
DATE_ERROR = Problem("start_date", "error", "in the future")


# --- rows ------------------------------------------------------------------------------------
def test_a_valid_row_passes_when_it_loads_with_every_expected_reading():
    assert judge_row(GOOD, RowSeen(LOADED)) is None


def test_a_valid_row_fails_when_it_is_not_loaded_and_says_why():
    why = judge_row(GOOD, RowSeen(None, (Problem("lead_unit", "error", "unknown unit"),)))
    assert why == "not loaded (lead_unit: unknown unit)"


def test_a_valid_row_fails_when_a_reading_is_wrong():
    why = judge_row(GOOD, RowSeen({"lead_unit_id": "gddt", "participants": 40}))
    assert why == "unit read as 'gddt', expected 'vhtt'"


def test_a_valid_row_of_a_refused_file_fails():
    assert judge_row(GOOD, RowSeen(refused="no header")) == "file refused: no header"


def test_a_notice_does_not_refuse_a_row():
    seen = RowSeen(LOADED, (Problem("note", "notice", "masked"),))
    assert judge_row(GOOD, seen) is None


def test_a_bad_row_passes_when_refused_for_its_column():
    assert judge_row(BAD, RowSeen(None, (DATE_ERROR,))) is None


def test_a_bad_row_fails_when_it_loads():
    assert judge_row(BAD, RowSeen({"start_date": date(2031, 3, 15)})) == "loaded, must be refused"


def test_a_bad_row_fails_when_refused_for_another_column():
    seen = RowSeen(None, (Problem("commune", "error", "unknown commune"),))
    assert judge_row(BAD, seen) == "refused, but not for start_date (commune: unknown commune)"


def test_a_bad_row_fails_when_only_a_notice_names_its_column():
    seen = RowSeen(None, (Problem("start_date", "notice", "outside the period"),))
    assert judge_row(BAD, seen) == "refused, but not for start_date (no problem recorded)"


def test_a_row_that_is_no_activity_passes_when_not_loaded_without_a_problem():
    assert judge_row(TOTAL, RowSeen()) is None
    assert judge_row(TOTAL, RowSeen(refused="whole file")) is None
    assert judge_row(TOTAL, RowSeen({"participants": 1245})) == "loaded, must be refused"


def test_expected_ids_replace_the_names_as_written():
    case = RowCase("v", "t", "", REPORT, {}, loads=True, readings={"village": "Tổ 3 (mẫu)"})
    seen = RowSeen({"village_id": "2020:02020:02020.003"})
    assert judge_row(case, seen, {"village": "2020:02020:02020.003"}) is None
    assert judge_row(case, seen, {"village": "2020:02020:02020.004"}) is not None


def test_lists_dates_and_blanks_compare_as_readings():
    case = RowCase("p", "t", "", REPORT, {}, loads=True,
                   readings={"partners": ["gddt", "cah"], "start_date": date(2024, 8, 5),
                             "children": None, "lat": 22.36832})  # fmt: skip
    loaded = {"partner_kinds": ["gddt", "cah"], "start_date": date(2024, 8, 5), "children": None,
              "lat": 22.36832}  # fmt: skip
    assert judge_row(case, RowSeen(loaded)) is None
    assert judge_row(case, RowSeen({**loaded, "partner_kinds": ["cah", "gddt"]})) is not None
    assert judge_row(case, RowSeen({**loaded, "children": 0})) is not None


# --- headers ---------------------------------------------------------------------------------
HEADERS = HeaderCase("h", "", REPORT, (
    HeaderColumn(("Số lượt người tham gia",), "participants", "37", 37),
    HeaderColumn(("Nội dung tuyên truyền",), "content", "Tuyên truyền"),
    HeaderColumn(("Kinh phí",), UNUSED, "2.500.000"),
))  # fmt: skip


def test_each_column_is_accounted_for_by_its_reading_the_reader_or_the_printout():
    seen = FileSeen(RowSeen({"participants": 37}), {"content": "Nội dung tuyên truyền"},
                    "Cột “Kinh phí” không dùng đến: bỏ qua")  # fmt: skip
    assert judge_columns(HEADERS, seen, {"participants": 37}) == [None, None, None]


def test_columns_dropped_or_misread_are_not_accounted_for():
    seen = FileSeen(RowSeen({"participants": None}), {"note": "Nội dung tuyên truyền"}, "")
    assert judge_columns(HEADERS, seen, {"participants": 37}) == [
        "participants read as None, expected 37",
        "not read as content (read: nothing)",
        "not named as unused in the import's report",
    ]


def test_a_header_wrapped_in_its_cell_is_named_on_one_line():
    wrapped = HeaderCase("w", "", REPORT, (HeaderColumn(("Thời lượng\n(phút)",), UNUSED, "90"),))
    seen = FileSeen(printout="Cột “Thời lượng (phút)” không dùng đến: bỏ qua")
    assert judge_columns(wrapped, seen, {}) == [None]


def test_the_columns_of_a_refused_file_are_not_accounted_for():
    seen = FileSeen(RowSeen(refused="no header"))
    verdicts = judge_columns(HEADERS, seen, {"participants": 37})
    assert verdicts[:2] == ["file refused: no header"] * 2
    assert verdicts[2] == "not named as unused in the import's report"


def test_the_figure_counts_each_kind_apart():
    rows = [(GOOD, RowSeen(LOADED), GOOD.readings), (GOOD, RowSeen(), GOOD.readings),
            (BAD, RowSeen(None, (DATE_ERROR,)), {}), (TOTAL, RowSeen(LOADED), {})]  # fmt: skip
    headers = [(HEADERS, FileSeen(RowSeen({"participants": 37}), {}, ""), {"participants": 37})]
    found = score(rows, headers)
    assert found.figure() == (
        "valid rows loaded 1/2 · bad rows rejected 1/2 · columns accounted for 1/3"
    )
    assert [(f.kind, f.case_id) for f in found.failures] == [
        ("valid row", "good"), ("bad row", "total"),
        ("column", "h “Nội dung tuyên truyền”"), ("column", "h “Kinh phí”"),
    ]  # fmt: skip


# --- the corpus ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_places(tmp_path_factory) -> dict[str, set]:
    """The communes, villages and schools of a warehouse built from the sample's places."""
    folder = tmp_path_factory.mktemp("sample")
    for part in intake_quality.SAMPLE_PARTS:
        shutil.copytree(intake_quality.SAMPLE_DATA / part, folder / part)
    settings = Settings.from_env({}, data_dir=folder)
    pipeline.build(settings)
    con = db.connect(settings, read_only=True)
    try:
        return {
            "communes": {r[0] for r in con.execute(
                "select commune_id from stg_communes").fetchall()},
            "villages": set(con.execute(
                "select right(commune_id, 5), village_name from stg_villages").fetchall()),
            "schools": set(con.execute(
                "select right(commune_id, 5), school_name from stg_schools").fetchall()),
        }  # fmt: skip
    finally:
        con.close()


def test_the_corpus_has_at_least_150_cases():
    corpus = read_corpus()
    assert len(corpus.rows) >= 150
    assert sum(c.loads for c in corpus.rows) >= 100
    assert sum(not c.loads for c in corpus.rows) >= 25
    assert len(corpus.headers) >= 10
    assert sum(c.role == UNUSED for h in corpus.headers for c in h.columns) >= 10


def test_every_expected_target_exists_in_the_sample_geography(sample_places):
    kinds = set(reference.read_reference("unit_kinds")["unit_kind"])
    corpus = read_corpus()
    expected = [(c.case_id, dict(c.readings), c.village_commune) for c in corpus.rows]
    expected += [(h.case_id, {COLUMN_READING[c.role]: c.reads for c in h.columns
                              if c.role in COLUMN_READING and c.reads is not None}, None)
                 for h in corpus.headers]  # fmt: skip
    missing = []
    for case_id, readings, village_commune in expected:
        unit = readings.get("unit")
        if unit is not None:
            kind, _, unit_commune = str(unit).partition(":")
            if kind not in kinds or (
                unit_commune and unit_commune not in sample_places["communes"]
            ):
                missing.append((case_id, unit))
        partners = readings.get("partners")
        missing += (
            [(case_id, p) for p in partners or [] if p not in kinds]
            if isinstance(partners, list)
            else []
        )
        commune = readings.get("commune")
        if commune is not None and commune not in sample_places["communes"]:
            missing.append((case_id, commune))
        code = village_commune or str(commune or "")[-5:]
        for place, found in (("village", "villages"), ("school", "schools")):
            if (
                readings.get(place) is not None
                and (code, readings[place]) not in sample_places[found]
            ):
                missing.append((case_id, readings[place]))
    assert missing == []


def test_refused_rows_name_a_column_of_the_template():
    assert {c.rejected_column for c in read_corpus().rows if not c.loads} <= {None, *COLUMNS}


def test_rows_are_written_where_the_runner_looks_for_them(tmp_path):
    cases = [c for c in read_corpus().rows if c.group == "communes"]
    placed = write_row_reports(cases, tmp_path)
    for name, rows in placed.items():
        frame = extract_activities(tmp_path / name)
        by_row = dict(zip(frame["source_row"], frame["content"], strict=True))
        assert {r: by_row[r] for r in rows} == {
            r: f"Tuyên truyền bảo vệ trẻ em trên môi trường mạng ({case_id})"
            for r, case_id in rows.items()
        }


# --- one tiny corpus through the real import --------------------------------------------------
TINY_ROWS = """\
[[report]]
name = "vhtt_quy3_2024"
format = "csv"
unit = "Phòng Văn hóa và Thông tin"
period = "Quý III/2024"

[defaults]
start_date = "14/08/2024"
lead_unit = "Phòng Văn hóa và Thông tin"
activity_type = "Tuyên truyền trực tiếp"
audience = "Người dân"
commune = "Nam Cường"
participants = "40"

[[case]]
id = "ok"
village = "Thôn Khuổi 6 (mẫu)"
expect = { unit = "vhtt", commune = "2020:02026", village = "Thôn Khuổi 6 (mẫu)" }

[[case]]
id = "wrong-expectation"
expect = { participants = 41 }

[[case]]
id = "future"
start_date = "15/03/2031"
expect = { rejected = "start_date" }
"""
TINY_HEADERS = """\
[[file]]
id = "hdr"
name = "ubnd_nam_cuong_2024-10"
format = "xlsx"
unit = "UBND xã Nam Cường"
period = "Tháng 10/2024"
columns = [
    { header = "Ngày bắt đầu", as = "start_date", cell = "14/10/2024", reads = 2024-10-14 },
    {header="Đơn vị chủ trì", as="lead_unit", cell="UBND xã Nam Cường", reads="ubnd_xa:2020:02026"},
    { header = "Loại hoạt động", as = "activity_type", cell = "Tập huấn", reads = "training" },
    { header = "Đối tượng", as = "audience", cell = "Người dân", reads = "community" },
    { header = "Nội dung", as = "content", cell = "Tập huấn an toàn trên mạng" },
    { header = "Kinh phí", as = "unused", cell = "1" },
]
"""


def test_a_tiny_corpus_through_the_real_import_gives_its_exact_figure(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "rows.toml").write_text(TINY_ROWS, encoding="utf-8")
    (folder / "headers.toml").write_text(TINY_HEADERS, encoding="utf-8")
    found = intake_quality.measure(tmp_path / "work", read_corpus(folder))
    assert found.figure().startswith("valid rows loaded 1/2 · bad rows rejected 1/1 · ")
    assert [(f.case_id, f.why) for f in found.failures if f.kind != "column"] == [
        ("wrong-expectation", "participants read as 40, expected 41"),
    ]
    # the five template headers are read as their columns (the extra one is the import's to name)
    assert [f.case_id for f in found.failures if f.kind == "column"
            and f.case_id != "hdr “Kinh phí”"] == []  # fmt: skip


def test_the_whole_corpus_is_read_as_clerks_meant_it(tmp_path):
    # the committed corpus, through the real import: every valid row loads with its readings,
    # every bad row is refused for its column, every column is read or named as unused
    found = intake_quality.measure(tmp_path / "work", read_corpus(CORPUS_DIR))
    assert found.figure() == (
        "valid rows loaded 205/205 · bad rows rejected 31/31 · columns accounted for 156/156"
    ), "\n".join(failure_lines(found.failures))
