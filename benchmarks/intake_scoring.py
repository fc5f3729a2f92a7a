"""Judge what the import made of the corpus (``benchmarks.intake_corpus``) and add it up.

Pure functions over what was seen, so the figure is tested on its own
(``tests/test_intake_quality.py``): a row that must load passes when it loaded with every
expected reading; a row that must be refused passes when it did not load and, if the case names
a column, a problem names that column; a header passes when the loaded row holds its cell's
reading under the expected column (or, for a column the warehouse does not keep, the reader
took the header as that column), or, for a column that must not be used, when the import's
printout names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from benchmarks.intake_corpus import COLUMN_READING, READINGS, UNUSED, HeaderCase, RowCase

FIGURE = "valid rows loaded {}/{} · bad rows rejected {}/{} · columns accounted for {}/{}"


@dataclass(frozen=True)
class Problem:
    """A problem the import recorded on a row: its column, severity and reason."""

    column: str
    severity: str
    reason: str


@dataclass(frozen=True)
class RowSeen:
    """What became of one row: its readings if it loaded, the problems recorded on it, and
    the message when its whole file was refused."""

    loaded: Mapping[str, object] | None = None
    problems: tuple[Problem, ...] = ()
    refused: str | None = None


@dataclass(frozen=True)
class FileSeen:
    """What became of a header case's file: its row (as a row), what the reader took each
    column's header to be (column → header text), and the import's printout for the file."""

    row: RowSeen = field(default_factory=RowSeen)
    understood: Mapping[str, str] = field(default_factory=dict)
    printout: str = ""


@dataclass(frozen=True)
class Failure:
    case_id: str
    kind: str  # "valid row" | "bad row" | "column"
    why: str


@dataclass(frozen=True)
class Score:
    valid_loaded: int
    valid: int
    bad_rejected: int
    bad: int
    columns_accounted: int
    columns: int
    failures: tuple[Failure, ...]

    def figure(self) -> str:
        return FIGURE.format(self.valid_loaded, self.valid, self.bad_rejected, self.bad,
                             self.columns_accounted, self.columns)  # fmt: skip


def judge_row(case: RowCase, seen: RowSeen, ids: Mapping[str, object] | None = None) -> str | None:
    """Why ``case`` fails (None: it passes). ``ids`` are its expected readings with place
    names turned into ids (default: ``case.readings`` as written)."""
    expected = case.readings if ids is None else ids
    if seen.refused is not None:
        return None if not case.loads and case.rejected_column is None else \
            f"file refused: {seen.refused}"  # fmt: skip
    errors = [p for p in seen.problems if p.severity != "notice"]
    if case.loads:
        if seen.loaded is None:
            reasons = "; ".join(f"{p.column}: {p.reason}" for p in errors) or "no problem recorded"
            return f"not loaded ({reasons})"
        wrong = [f"{name} read as {_shown(seen.loaded.get(READINGS[name]))!s}, expected "
                 f"{_shown(value)}" for name, value in expected.items()
                 if not _same(seen.loaded.get(READINGS[name]), value)]  # fmt: skip
        return "; ".join(wrong) or None
    if seen.loaded is not None:
        return "loaded, must be refused"
    if case.rejected_column is None or any(p.column == case.rejected_column for p in errors):
        return None
    found = "; ".join(f"{p.column}: {p.reason}" for p in errors) or "no problem recorded"
    return f"refused, but not for {case.rejected_column} ({found})"


def judge_columns(case: HeaderCase, seen: FileSeen, ids: Mapping[str, object]) -> list[str | None]:
    """Why each column of ``case`` fails (None: accounted for), in order. ``ids`` are the
    readings of the file's row with place names turned into ids (reading name → value)."""
    verdicts: list[str | None] = []
    for column in case.columns:
        if column.role == UNUSED:
            label, printout = _spaced(column.label), _spaced(seen.printout)
            named = f"“{label}”" in printout or f'"{label}"' in printout
            verdicts.append(None if named else "not named as unused in the import's report")
        elif seen.row.refused is not None:
            verdicts.append(f"file refused: {seen.row.refused}")
        elif column.role in COLUMN_READING and column.reads is not None:
            reading = COLUMN_READING[column.role]
            if seen.row.loaded is None:
                verdicts.append("row not loaded")
                continue
            got = seen.row.loaded.get(READINGS[reading])
            want = ids.get(reading, column.reads)
            verdicts.append(
                None
                if _same(got, want)
                else f"{column.role} read as {_shown(got)}, expected {_shown(want)}"
            )
        else:
            taken = seen.understood.get(column.role)
            verdicts.append(
                None
                if taken is not None and _spaced(taken) == _spaced(column.label)
                else f"not read as {column.role} (read: {taken or 'nothing'})"
            )
    return verdicts


def score(
    rows: Sequence[tuple[RowCase, RowSeen, Mapping[str, object]]],
    headers: Sequence[tuple[HeaderCase, FileSeen, Mapping[str, object]]],
) -> Score:
    """The three figures, and every failure with its reason."""
    failures: list[Failure] = []
    counts = {True: [0, 0], False: [0, 0]}  # loads → [passed, cases]
    for case, seen, ids in rows:
        why = judge_row(case, seen, ids)
        counts[case.loads][1] += 1
        if why is None:
            counts[case.loads][0] += 1
        else:
            failures.append(Failure(case.case_id, "valid row" if case.loads else "bad row", why))
    accounted = total = 0
    for header, file_seen, readings in headers:
        verdicts = judge_columns(header, file_seen, readings)
        for column, why in zip(header.columns, verdicts, strict=True):
            total += 1
            if why is None:
                accounted += 1
            else:
                label = _spaced(column.label)
                failures.append(Failure(f"{header.case_id} “{label}”", "column", why))
    return Score(counts[True][0], counts[True][1], counts[False][0], counts[False][1],
                 accounted, total, tuple(failures))  # fmt: skip


def failure_lines(found: Iterable[Failure]) -> list[str]:
    """One line per failure: kind, case, why."""
    return [f"  {f.kind:9} {f.case_id}: {f.why}" for f in found]


def _same(got: object, want: object) -> bool:
    if isinstance(want, list | tuple):
        return list(got or []) == list(want)  # type: ignore[call-overload]
    if isinstance(want, datetime):
        want = want.date()
    if isinstance(want, float) and isinstance(got, int | float):
        return abs(got - want) < 1e-9
    if isinstance(got, date) and isinstance(want, str):
        return got.isoformat() == want
    return got == want


def _spaced(text: str) -> str:
    """``text`` with each run of spaces and line breaks as one space (a header wrapped in its
    cell is printed on one line)."""
    return " ".join(text.split())


def _shown(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)
