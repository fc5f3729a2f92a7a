"""The district sample, file by file: master lists and one workbook per unit per quarter.

Same seed, same bytes: no clock is read (the day the sample's reports are received, written
in the ledger, comes from the seed too). The sample has the gaps a real district has: villages
never visited in person, commune reports missing for a quarter, declared "no activities"
reports, and planted bad rows for the import's error report.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from etl.demo import geography, places, rows, units
from etl.demo.activities import make_activities
from etl.demo.workbook import SAMPLE_NOTE, report_workbook
from etl.geography.places import PLACES_DIR
from etl.periods import parse_period
from etl.present.i18n import t

DEFAULT_SEED = 2024
# Relative to the data folder, where the villages and schools imports keep the lists.
VILLAGES_PATH = f"{PLACES_DIR}/villages/MAU_villages.csv"
SCHOOLS_PATH = f"{PLACES_DIR}/schools/MAU_schools.csv"
ACTIVITIES_DIR = "activities"
NO_ACTIVITIES = "Không có hoạt động trong kỳ báo cáo"  # written in the table's first row
# Planted bad rows: kind → how many (rows.BAD_KINDS).
_VIETNAM = timezone(timedelta(hours=7))  # received_at is local time with its offset
BAD_PLAN = {"unknown_village": 2, "children_over_participants": 2, "future_date": 2,
            "missing_audience": 1, "unknown_activity_type": 1}  # fmt: skip


@dataclass
class ReportFile:
    """One generated report and what it holds."""

    path: str  # relative to the data folder
    unit_id: str
    unit_kind: str
    unit_name: str
    quarter: str  # "2024-Q3"
    period: str  # the report's period: the quarter, or a month ("2025-03") for a unit new in it
    activities: int  # valid rows, messy ones included
    bad: list[str] = field(default_factory=list)  # planted bad rows, by kind
    mess: list[str] = field(default_factory=list)  # messy-but-valid changes, by kind
    total_row: bool = False
    no_activities: bool = False


@dataclass(frozen=True)
class DemoSample:
    """The generated files (path relative to the data folder → bytes) and their description."""

    files: dict[str, bytes]
    villages: int
    schools: int
    reports: list[ReportFile]
    skipped: list[tuple[str, str]]  # (unit_id, quarter) with no report
    received_at: datetime  # when the imports receive the reports (ledger), from the seed

    @property
    def activities(self) -> int:
        """Valid activity rows over all reports."""
        return sum(r.activities for r in self.reports)

    @property
    def bad_rows(self) -> int:
        """Planted bad rows over all reports."""
        return sum(len(r.bad) for r in self.reports)


def generate_district(seed: int = DEFAULT_SEED) -> DemoSample:
    """Generate the Chợ Đồn sample for ``seed`` (an int ≥ 0)."""
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be an integer ≥ 0, got {seed!r}")
    communes = geography.load_communes()
    place_rng = random.Random(f"{seed}:places")
    villages = places.make_villages(communes, place_rng)
    schools = places.make_schools(villages, place_rng)
    files = {
        VILLAGES_PATH: _csv(places.VILLAGE_HEADERS, places.village_rows(villages)),
        SCHOOLS_PATH: _csv(places.SCHOOL_HEADERS, places.school_rows(schools)),
    }
    rng = random.Random(f"{seed}:reports")
    every_unit = units.reporting_units(communes, geography.communes_2025(communes))
    plan = [
        (unit, quarter, window)
        for quarter in units.quarters()
        for unit in every_unit
        if (window := unit.window(quarter)) is not None
    ]
    declared = _declared_empty(plan, rng)
    reports, skipped, bodies, kept = [], [], [], []
    for unit, quarter, window in plan:
        if (unit.unit_id, quarter.label) not in declared and _skips(unit, rng):
            skipped.append((unit.unit_id, quarter.label))
            continue
        found = [] if (unit.unit_id, quarter.label) in declared else (
            make_activities(unit, window, villages, schools, rng))  # fmt: skip
        body = rows.render(found, rng)
        period = unit.period(quarter)[0]
        path = f"{ACTIVITIES_DIR}/MAU_{unit.file_stem}_{period}.xlsx"
        report = ReportFile(path, unit.unit_id, unit.kind, unit.name, quarter.label, period,
                            len(body))  # fmt: skip
        report.mess = rows.add_mess(body, rng)
        report.no_activities = not body
        reports.append(report)
        bodies.append(body)
        kept.append((unit, quarter))
    _every_mess_kind(reports, bodies, rng)
    _plant_bad_rows(reports, bodies, rng)
    for report, body, (unit, quarter) in zip(reports, bodies, kept, strict=True):
        files[report.path] = _workbook(report, body, unit, quarter, rng)
    received = _received_at(reports, random.Random(f"{seed}:received"))
    return DemoSample(files, len(villages), len(schools), reports, skipped, received)


def _received_at(reports: Sequence[ReportFile], rng: random.Random) -> datetime:
    """A working morning in the week after the last period ends: the sample is received then."""
    last = max(parse_period(r.period).end for r in reports)
    day = last + timedelta(days=rng.randint(1, 5))
    return datetime.combine(day, time(7, 30), _VIETNAM) + timedelta(minutes=rng.randrange(240))


def _declared_empty(plan: list, rng: random.Random) -> set[tuple[str, str]]:
    """Two reports that declare "no activities": a district office early on, a new police post."""
    office = [(u.unit_id, q.label) for u, q, _ in plan if u.kind == "ldtbxh" and q.year == 2024]
    police = [
        (u.unit_id, q.label)
        for u, q, _ in plan
        if u.kind == "ca_xa" and q.label == "2025-Q2" and all(c.remote for c in u.members)
    ]
    return {rng.choice(office[:2]), rng.choice(police)}


def _skips(unit: units.Unit, rng: random.Random) -> bool:
    """Commune units sometimes send nothing, remote ones more often; the town always reports."""
    if unit.kind not in ("ubnd_xa", "ca_xa") or any(c.is_town for c in unit.members):
        return False
    remote = all(c.remote for c in unit.members)
    return rng.random() < (0.15 if remote else 0.05)


def _every_mess_kind(
    reports: list[ReportFile], bodies: list[list[rows.Row]], rng: random.Random
) -> None:
    """Make sure each kind of mess shows up at least once, whatever the seed."""
    seen = {kind for report in reports for kind in report.mess}
    for kind in rows.MESS_KINDS:
        if kind in seen:
            continue
        options = [
            (i, row) for i, body in enumerate(bodies) for row in body if rows.applies(kind, row)
        ]
        index, row = rng.choice(options)
        rows.mess_row(kind, row)
        reports[index].mess.append(kind)


def _plant_bad_rows(
    reports: list[ReportFile], bodies: list[list[rows.Row]], rng: random.Random
) -> None:
    """Insert the rows of :data:`BAD_PLAN`, each in a different report with at least 3 rows."""
    kinds = [kind for kind, count in BAD_PLAN.items() for _ in range(count)]
    candidates = [
        i for i, body in enumerate(bodies) if len(body) >= 3 and any(_fits_bad("", r) for r in body)
    ]
    located = [i for i in candidates if any(_fits_bad("unknown_village", r) for r in bodies[i])]
    chosen = rng.sample(located, 2) + rng.sample(
        [i for i in candidates if i not in located], len(kinds) - 2
    )
    for kind, index in zip(kinds, chosen, strict=True):
        body = bodies[index]
        template = next(r for r in body if _fits_bad(kind, r))
        body.insert(rng.randint(0, len(body)), rows.bad_row(kind, template, rng))
        reports[index].bad.append(kind)


def _fits_bad(kind: str, row: rows.Row) -> bool:
    """A clean row to copy a bad row from: a real date, and a village for an unknown village."""
    village = row["Thôn, tổ dân phố"] is not None or kind != "unknown_village"
    return isinstance(row["Ngày bắt đầu"], date) and village


def _workbook(
    report: ReportFile,
    body: list[rows.Row],
    unit: units.Unit,
    quarter: units.Quarter,
    rng: random.Random,
) -> bytes:
    headers = list(rows.REPORT_HEADERS)
    if unit.kind in ("ubnd_xa", "ca_xa") and rng.random() < 0.25:
        headers = [rows.HEADER_VARIANTS.get(h, h) for h in headers]
    cells: list[Sequence[object]] = [
        [n, *(row.get(h) for h in rows.REPORT_HEADERS[1:])] for n, row in enumerate(body, 1)
    ]
    if len(body) >= 3 and rng.random() < 0.2:
        cells.insert(rng.randint(1, len(cells) - 1), [None] * len(headers))
    if len(body) >= 3 and rng.random() < 0.2:
        total = rows.total_row(body)
        cells.append([total.get(h) for h in rows.REPORT_HEADERS])
        report.total_row = True
    if report.no_activities:
        cells.insert(0, [NO_ACTIVITIES])
    # the district template's title rows (etl.reports.template), the sample note in row 4
    titles = [
        [t("template_title")],
        [t("template_unit_label"), unit.name],
        [t("template_period_label"), unit.period(quarter)[1]],
        [SAMPLE_NOTE],
    ]
    return report_workbook(titles, headers, cells)


def _csv(headers: Sequence[str], body: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(body)
    return buffer.getvalue().encode("utf-8")
