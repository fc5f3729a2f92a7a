"""How much of what clerks send the import takes as it should: the intake quality figure.

    .venv/bin/python -m benchmarks.intake_quality [--failures] [--work DIR]

Writes the corpus (``tests/fixtures/intake_corpus/``, read by ``benchmarks.intake_corpus``) into
report files, imports them with the real import (``etl.imports.activities.import_reports``, as
the command line does) into a new data folder holding a copy of the sample's places and
boundaries, reads back what loaded (``raw_activities``) and what was refused
(``raw_row_problems``, the import's printout), and prints

    valid rows loaded X/Y · bad rows rejected X/Y · columns accounted for X/Y

(``benchmarks.intake_scoring``), then, with ``--failures``, every failing case and why. A file
the import refuses whole is set aside and the others imported again, so one refusal costs only
its own cases.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from benchmarks.harness import ROOT
from benchmarks.intake_corpus import (
    COLUMN_READING,
    Corpus,
    HeaderCase,
    RowCase,
    read_corpus,
    write_header_report,
    write_row_reports,
)
from benchmarks.intake_scoring import (
    FileSeen,
    Problem,
    RowSeen,
    Score,
    failure_lines,
    score,
)
from etl import db
from etl.config import Settings
from etl.imports.activities import ImportOutcome, import_reports
from etl.imports.printout import format_import
from etl.reports.header import read_report
from etl.reports.submissions import ReportError

SAMPLE_DATA = ROOT / "data"
SAMPLE_PARTS = ("places", "boundaries")  # the sample geography; its reports are left out
_ACTIVITIES = (
    "select source_file, source_row, lead_unit_id, partner_kinds, start_date, end_date, "
    "activity_type, audience, commune_id, village_id, school_id, participants, children, lat, "
    "lon from raw_activities"
)
_PROBLEMS = "select file_name, source_row, column_key, severity, reason_vi from raw_row_problems"
_VILLAGE = (
    "select village_id from stg_villages where village_name = $name "
    "and right(commune_id, 5) = $code"
)
_SCHOOL = (
    "select school_id from stg_schools where school_name = $name and right(commune_id, 5) = $code"
)


def main(argv: list[str] | None = None) -> int:
    """Run the corpus through the import and print the figure; 0 unless it could not run."""
    args = _parser().parse_args(argv)
    if args.work is None:
        with tempfile.TemporaryDirectory() as folder:
            found = measure(Path(folder))
    else:
        shutil.rmtree(args.work, ignore_errors=True)
        found = measure(args.work)
    print(found.figure())
    if args.failures and found.failures:
        print(*failure_lines(found.failures), sep="\n")
    return 0


def measure(work: Path, corpus: Corpus | None = None) -> Score:
    """Import ``corpus`` (default: the committed one) into a new data folder under ``work``
    and score what the import made of it."""
    corpus = corpus if corpus is not None else read_corpus()
    settings = _data_folder(work / "data")
    sent = work / "sent"
    sent.mkdir(parents=True)
    placed = write_row_reports(corpus.rows, sent)
    header_rows = {c.case_id: write_header_report(c, sent) for c in corpus.headers}
    paths = [sent / name for name in placed] + [sent / c.report.file_name for c in corpus.headers]
    outcome, refused = _import(settings, paths)
    con = db.connect(settings, read_only=True)
    try:
        seen = _Seen(
            {(r[0], r[1]): _readings(r) for r in con.execute(_ACTIVITIES).fetchall()}, {}, refused
        )
        for file_name, row, column, severity, reason in con.execute(_PROBLEMS).fetchall():
            seen.problems.setdefault((file_name, row), []).append(Problem(column, severity, reason))
        by_id = {c.case_id: c for c in corpus.rows}
        rows = [
            (by_id[case_id], seen.row(file_name, row), _row_ids(con, by_id[case_id]))
            for file_name, cases in placed.items()
            for row, case_id in cases.items()
        ]
        headers = []
        for header in corpus.headers:
            name = header.report.file_name
            file_seen = FileSeen(seen.row(name, header_rows[header.case_id]),
                                 _understood(sent / name), _printout(outcome, name))  # fmt: skip
            headers.append((header, file_seen, _header_ids(con, header)))
    finally:
        con.close()
        if outcome is not None and outcome.con is not None:
            outcome.con.close()
    return score(rows, headers)


@dataclass
class _Seen:
    """What the warehouse holds: loaded rows and problems by (file name, row), refused files."""

    activities: dict[tuple[str, int], dict[str, object]]
    problems: dict[tuple[str, int], list[Problem]]
    refused: dict[str, str]

    def row(self, file_name: str, row: int) -> RowSeen:
        return RowSeen(self.activities.get((file_name, row)),
                       tuple(self.problems.get((file_name, row), ())),
                       self.refused.get(file_name))  # fmt: skip


def _data_folder(folder: Path) -> Settings:
    """A new data folder with the sample's places and boundaries, its warehouse built."""
    for part in SAMPLE_PARTS:
        shutil.copytree(SAMPLE_DATA / part, folder / part)
    return Settings.from_env({}, data_dir=folder)


def _import(settings: Settings, paths: Sequence[Path]) -> tuple[ImportOutcome | None, dict]:
    """Import ``paths`` in one go; a file refused whole is set aside (with its message) and
    the rest imported again. Returns the outcome and {file name: why it was refused}."""
    refused: dict[str, str] = {}
    left = list(paths)
    while left:
        try:
            return import_reports(settings, left), refused
        except ReportError as error:
            name = str(error.fields.get("file", ""))
            culprit = next((p for p in left if p.name == name), None)
            if culprit is None:  # a refusal naming no file of ours: take them one by one
                return _one_by_one(settings, left, refused)
            refused[name] = error.text("vi")
            left.remove(culprit)
    return None, refused


def _one_by_one(
    settings: Settings, paths: Sequence[Path], refused: dict[str, str]
) -> tuple[ImportOutcome | None, dict]:
    outcomes: list[ImportOutcome] = []
    for path in paths:
        try:
            outcomes.append(import_reports(settings, [path]))
        except ReportError as error:
            refused[path.name] = error.text("vi")
    for found in outcomes[:-1]:
        if found.con is not None:
            found.con.close()
    if not outcomes:
        return None, refused
    plans = tuple(p for found in outcomes for p in found.plans)
    return dataclasses.replace(outcomes[-1], plans=plans), refused


def _readings(row: tuple) -> dict[str, object]:
    names = ("lead_unit_id", "partner_kinds", "start_date", "end_date", "activity_type",
             "audience", "commune_id", "village_id", "school_id", "participants", "children",
             "lat", "lon")  # fmt: skip
    return dict(zip(names, row[2:], strict=True))


def _row_ids(con: duckdb.DuckDBPyConnection, case: RowCase) -> dict[str, object]:
    """The case's expected readings, village and school names turned into ids."""
    return _with_place_ids(con, dict(case.readings), case.village_commune)


def _header_ids(con: duckdb.DuckDBPyConnection, case: HeaderCase) -> dict[str, object]:
    readings = {COLUMN_READING[c.role]: c.reads for c in case.columns
                if c.role in COLUMN_READING and c.reads is not None}  # fmt: skip
    return _with_place_ids(con, readings, None)


def _with_place_ids(
    con: duckdb.DuckDBPyConnection, readings: dict[str, object], village_commune: str | None
) -> dict[str, object]:
    """``readings`` with the village and school named as in the master lists turned into their
    ids: the place of that exact name in the row's commune (or ``village_commune``)."""
    code = str(readings.get("commune", ""))[-5:]
    for name, query, place_code in (("village", _VILLAGE, village_commune or code),
                                    ("school", _SCHOOL, village_commune or code)):  # fmt: skip
        if isinstance(readings.get(name), str):
            found = con.execute(query, {"name": readings[name], "code": place_code}).fetchall()
            readings[name] = found[0][0] if len(found) == 1 else f"(no {name} {readings[name]!r})"
    return readings


def _understood(path: Path) -> dict[str, str]:
    """What the import's reader takes each column's header to be: column → header text."""
    con = db.connect_path(":memory:")
    try:
        return dict(read_report(con, path, "report").headers)
    except ValueError:
        return {}
    finally:
        con.close()


def _printout(outcome: ImportOutcome | None, file_name: str) -> str:
    """The import's printout for one file, as the command line shows it."""
    if outcome is None:
        return ""
    plans = tuple(p for p in outcome.plans if p.file_name == file_name)
    return format_import(dataclasses.replace(outcome, plans=plans), "vi") if plans else ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.intake_quality",
                                     description=__doc__.split("\n\n")[0])  # fmt: skip
    parser.add_argument("--failures", action="store_true", help="list every failing case")
    parser.add_argument("--work", type=Path, help="scratch folder, kept (default: a temporary one)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
