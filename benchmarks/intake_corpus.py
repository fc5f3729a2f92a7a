"""The intake corpus: report rows and header rows as district clerks write them, each with its
expected reading, read from ``tests/fixtures/intake_corpus/*.toml`` and written as report files.

A group file holds ``[[report]]`` tables (the files its rows go in: name, format, the unit and
period of the title rows), ``[defaults]`` (what the clerk typed in the columns a case leaves
alone) and ``[[case]]`` tables: an ``id``, a ``why``, the cells the clerk typed (canonical
column names, see ``etl.reports.header.COLUMNS``) and ``expect``: the readings of a row that
must load (``unit``, ``commune``, ``village``…) or ``rejected = "<column>"`` for a row that
must be refused for that column (``""``: must not load, whatever the reason). ``headers.toml``
holds ``[[file]]`` tables instead: a file's header cells, each with the column it must be
understood as (or ``unused``), the cell typed below it and, where the warehouse keeps it, what
that cell reads as. The corpus's ``README.md`` says how the cases were written.

Cell values: TOML text is a text cell; a TOML number is a number cell (an Excel serial, a
count typed as a number); a TOML date or date-time is an Excel date cell (``.xlsx`` only).
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from benchmarks.harness import ROOT
from etl.reports.header import COLUMNS
from etl.reports.template import HEADERS, REPORT_SHEET

CORPUS_DIR = ROOT / "tests" / "fixtures" / "intake_corpus"
HEADER_GROUP = "headers"
UNUSED = "unused"
# What a loaded row reads as: the names ``expect`` uses → the column of ``raw_activities``.
READINGS = {
    "unit": "lead_unit_id", "partners": "partner_kinds", "start_date": "start_date",
    "end_date": "end_date", "activity_type": "activity_type", "audience": "audience",
    "commune": "commune_id", "village": "village_id", "school": "school_id",
    "participants": "participants", "children": "children", "lat": "lat", "lon": "lon",
}  # fmt: skip
# The reading a header's column gives, when the warehouse keeps it (content and notes are not
# kept; the row number is the file's).
COLUMN_READING = {"lead_unit": "unit", **{c: c for c in READINGS if c != "unit"},
                  "latitude": "lat", "longitude": "lon"}  # fmt: skip
_TITLE = "BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN BẢO VỆ TRẺ EM TRÊN MÔI TRƯỜNG MẠNG"
_CANONICAL = dict(zip(COLUMNS, HEADERS, strict=True))
_CASE_KEYS = {"id", "why", "report", "expect", "village_commune"}
Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Report:
    """A file a group's rows go in: its name as sent, format and title rows."""

    name: str
    format: str  # "xlsx" | "csv"
    unit: str
    period: str

    @property
    def file_name(self) -> str:
        return f"{self.name}.{self.format}"


@dataclass(frozen=True)
class RowCase:
    """One report row as typed, and what must become of it."""

    case_id: str
    group: str
    why: str
    report: Report
    cells: Mapping[str, Cell]  # column → what the clerk typed (defaults filled in)
    loads: bool
    rejected_column: str | None = None  # a refused row: the column its problem must name
    readings: Mapping[str, object] = field(default_factory=dict)  # a loaded row: unit, commune…
    village_commune: str | None = None  # the village's commune code when not the row's


@dataclass(frozen=True)
class HeaderColumn:
    """One column of a header case: its header (two cells when the header spans two rows),
    the column it must be understood as (or ``unused``), the cell below it and its reading."""

    header: tuple[str, ...]
    role: str
    cell: Cell
    reads: object = None

    @property
    def label(self) -> str:
        return " / ".join(self.header)


@dataclass(frozen=True)
class HeaderCase:
    """A file whose headers are written in everyday wordings, with one valid row below."""

    case_id: str
    why: str
    report: Report
    columns: tuple[HeaderColumn, ...]


@dataclass(frozen=True)
class Corpus:
    rows: tuple[RowCase, ...]
    headers: tuple[HeaderCase, ...]


def read_corpus(folder: Path = CORPUS_DIR) -> Corpus:
    """Every case of the ``*.toml`` files of ``folder``, in file and case order."""
    rows: list[RowCase] = []
    headers: list[HeaderCase] = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        if path.stem == HEADER_GROUP:
            headers += [_header_case(item) for item in data["file"]]
        else:
            rows += _row_cases(path.stem, data)
    ids = [c.case_id for c in rows] + [c.case_id for c in headers]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"case ids must be unique, repeated: {repeated}")
    return Corpus(tuple(rows), tuple(headers))


def write_row_reports(cases: Sequence[RowCase], folder: Path) -> dict[str, dict[int, str]]:
    """Write the report files of ``cases`` into ``folder``; return, per file name, which case
    each row (1-based, as Excel numbers it) holds."""
    by_report: dict[Report, list[RowCase]] = {}
    for case in cases:
        by_report.setdefault(case.report, []).append(case)
    placed: dict[str, dict[int, str]] = {}
    for report, members in by_report.items():
        header: list[Cell] = [_CANONICAL[c] for c in COLUMNS]
        body = [[_row_cell(case, column, n) for column in COLUMNS]
                for n, case in enumerate(members, start=1)]  # fmt: skip
        first = _write(folder / report.file_name, report, [header], body)
        placed[report.file_name] = {first + i: case.case_id for i, case in enumerate(members)}
    return placed


def write_header_report(case: HeaderCase, folder: Path) -> int:
    """Write a header case's file into ``folder``; return the row its data row is on."""
    depth = max(len(c.header) for c in case.columns)
    rows: list[list[Cell]] = [[c.header[i] if i < len(c.header) else None for c in case.columns]
                              for i in range(depth)]  # fmt: skip
    for i in range(1, len(case.columns)):  # a merged cell holds its text in its first cell only
        if depth > 1 and len(case.columns[i].header) > 1 and rows[0][i] == rows[0][i - 1]:
            rows[0][i] = None
    return _write(
        folder / case.report.file_name, case.report, rows, [[c.cell for c in case.columns]]
    )


def _row_cases(group: str, data: Mapping[str, object]) -> list[RowCase]:
    reports = [_report(item) for item in _tables(data, "report")]
    if not reports:
        raise ValueError(f"{group}: a group needs at least one [[report]]")
    by_name = {r.name: r for r in reports}
    defaults = dict(_table(data, "defaults"))
    found = []
    for item in _tables(data, "case"):
        cells = {c: v for c, v in item.items() if c not in _CASE_KEYS}
        unknown = sorted(set(cells) - set(COLUMNS))
        if unknown:
            raise ValueError(f"{item.get('id')}: unknown columns {unknown}")
        expect = dict(_table(item, "expect"))
        rejected = expect.pop("rejected", None)
        unknown = sorted(set(expect) - set(READINGS))
        if unknown:
            raise ValueError(f"{item.get('id')}: unknown readings {unknown}")
        found.append(RowCase(
            case_id=str(item["id"]), group=group, why=str(item.get("why", "")),
            report=by_name[str(item.get("report", reports[0].name))],
            cells=_blanks({**defaults, **cells}), loads=rejected is None,
            rejected_column=str(rejected) or None if rejected is not None else None,
            readings=_blanks(expect), village_commune=_text(item.get("village_commune")),
        ))  # fmt: skip
    return found


def _header_case(item: Mapping[str, object]) -> HeaderCase:
    columns = []
    for column in _tables(item, "columns"):
        header = column["header"]
        role = str(column["as"])
        if role != UNUSED and role not in COLUMNS:
            raise ValueError(f"{item.get('id')}: {header!r} as {role!r}: not a column")
        headers = tuple(header) if isinstance(header, list) else (str(header),)
        cell = column.get("cell")
        if not isinstance(cell, str | int | float | date | None):
            raise ValueError(f"{item.get('id')}: {header!r}: a cell is text, a number or a date")
        columns.append(HeaderColumn(headers, role, cell, column.get("reads")))
    return HeaderCase(str(item["id"]), str(item.get("why", "")), _report(item), tuple(columns))


def _report(item: Mapping[str, object]) -> Report:
    report = Report(str(item.get("name", item.get("id"))), str(item.get("format", "xlsx")),
                    str(item["unit"]), str(item["period"]))  # fmt: skip
    if report.format not in ("xlsx", "csv"):
        raise ValueError(f"{report.name}: format must be xlsx or csv, got {report.format!r}")
    return report


def _row_cell(case: RowCase, column: str, number: int) -> Cell:
    if column == "row_number" and column not in case.cells:
        return number
    if column == "content" and column not in case.cells:
        return f"Tuyên truyền bảo vệ trẻ em trên môi trường mạng ({case.case_id})"
    return case.cells.get(column)


def _write(path: Path, report: Report, header: list[list[Cell]], body: list[list[Cell]]) -> int:
    """Title rows as in the district's template (title, unit, period, a blank row), then
    ``header`` and ``body``; return the 1-based row of the first body row."""
    title: list[list[Cell]] = [[_TITLE], ["Đơn vị báo cáo:", report.unit],
                               ["Kỳ báo cáo:", report.period], []]  # fmt: skip
    rows = title + header + body
    if report.format == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([[_csv_text(v, path) for v in row] for row in rows])
    else:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = REPORT_SHEET
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows(min_row=len(title) + len(header) + 1):
            for cell in cells:
                if isinstance(cell.value, datetime | date):
                    time = isinstance(cell.value, datetime)
                    cell.number_format = "dd/mm/yyyy hh:mm" if time else "dd/mm/yyyy"
        book.save(path)
    return len(title) + len(header) + 1


def _csv_text(value: Cell, path: Path) -> str:
    if isinstance(value, date | datetime):
        raise ValueError(f"{path.name}: a CSV file holds no date cells, got {value!r}")
    return "" if value is None else str(value)


def _tables(data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    found = data.get(key, [])
    if not isinstance(found, list):
        raise ValueError(f"{key} must be an array of tables")
    return found


def _table(data: Mapping[str, object], key: str) -> Mapping[str, object]:
    found = data.get(key, {})
    if not isinstance(found, dict):
        raise ValueError(f"{key} must be a table")
    return found


def _blanks(values: Mapping[str, object]) -> dict[str, Cell]:
    """``""`` is a blank cell, or a reading that must be blank (a count not known)."""
    return {k: None if v == "" else v for k, v in values.items()}  # type: ignore[misc]


def _text(value: object) -> str | None:
    return None if value is None else str(value)
