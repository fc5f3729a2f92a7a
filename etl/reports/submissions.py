"""How a received file becomes submissions, and which of them count.

A receipt becomes submissions this way: the unit is the one given on import, else the one the
title names ("Đơn vị báo cáo: …"), else the lead unit of its rows; rows of several reporting
units split the file into one submission per unit (rows led by mass organisations or by no
known unit go with the unit that has most rows). The period is the one given, else the title's
("Kỳ báo cáo: …"), else the file name's (``…2024-Q3…``), else the quarter (half-year, year) the
rows' dates fall in.

Of the submissions of one unit for one period, in receipt order, one whose receipt *replaces*
(mode ``replace``, and every receipt of a ledger written before modes existed) supersedes all
that counted before it (``superseded``); one that *adds* (``add``) counts together with them.
A ``withdrawn`` one never counts, nor brings back what it replaced. One with no row that could
be loaded and no "no activities" declaration (:data:`REFUSED_EMPTY`) is refused: it replaces
nothing and adds nothing, as if it had not come, so the report it would have replaced keeps
counting; it stays in the history with its rejected rows. A file of an import in
progress whose mode was not chosen is counted as added, and when its unit and period already
have a report that counts, :class:`Choice` says what each mode would do; the import then asks
(:class:`ChoiceNeeded`) instead of guessing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from etl.names import text_key
from etl.periods import Period, parse_period
from etl.present.errors import Told
from etl.present.format import unit_display_name
from etl.present.i18n import t
from etl.reports.header import Layout
from etl.reports.ledger import ADD, REPLACE, WITHDRAWN, Receipt
from etl.reports.matching import NO_ACTIVITY_KEYS, Matcher
from etl.reports.period_inference import period_covering, period_in_file_name
from etl.reports.validate import reason

ACTIVE, SUPERSEDED = "active", "superseded"
REFUSED_EMPTY = "refused_empty"  # no row could be loaded: it changes nothing


class ReportError(Told, ValueError):
    """A whole file cannot be taken; the message is for the clerk (``vi``, then ``en``)."""


@dataclass(frozen=True)
class Submission:
    """One unit's report for one period, from one receipt."""

    submission_id: str
    receipt_no: int
    receipt: Receipt
    unit_id: str
    unit_kind: str
    unit_commune_id: str | None
    period: Period
    unit_source: str  # "login" | "given" | "title" | "lead_unit"
    period_source: str  # "given" | "title" | "file_name" | "dates"
    no_activities: bool
    status: str = "active"
    mode: str | None = REPLACE  # None: not chosen, and an earlier report counts
    supersedes: str | None = None  # the submissions it replaced, ", "-separated
    superseded_by: str | None = None
    added_to: str | None = None  # the submissions it counts together with, ", "-separated
    split_units: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Choice:
    """A file whose unit and period already have a report that counts, sent with no mode:
    what replacing that report or adding to it would do."""

    submission_id: str
    file_name: str
    unit_name: str
    period: str
    earlier: tuple[str, ...]  # the submissions that count now
    earlier_rows: int  # their rows that count
    added_rows: int  # rows of the file that would count with "add"
    repeated: int  # rows repeating a counted earlier row: once with "add", counted on "replace"

    @property
    def replacing_rows(self) -> int:
        """Rows of the file that would count with "replace"."""
        return self.added_rows + self.repeated

    def lines(self, lang: str = "vi") -> list[str]:
        """The situation, then what "replace" and what "add" would do."""
        repeated = t("choice_add_repeated", lang, repeated=self.repeated) if self.repeated else ""
        return [
            t("choice_needed", lang, file=self.file_name, unit=self.unit_name,
              period=self.period, earlier=", ".join(self.earlier), rows=self.earlier_rows),
            t("choice_replace", lang, earlier_rows=self.earlier_rows, rows=self.replacing_rows),
            t("choice_add", lang, earlier_rows=self.earlier_rows, rows=self.added_rows,
              repeated=repeated),
        ]  # fmt: skip


class ChoiceNeeded(ReportError):
    """Files were sent for a unit and period that already have a report, with no mode chosen:
    nothing is imported; ``choices`` says what each mode would do."""

    def __init__(self, choices: Sequence[Choice]) -> None:
        if not choices:
            raise ValueError("choices must not be empty")
        self.choices = tuple(choices)
        self.key, self.fields = "choice_needed", {}
        ValueError.__init__(self, f"{self.text('vi')} / {self.text('en')}")

    def text(self, lang: str = "vi") -> str:
        """What each file's choice would do, one line each."""
        return "\n".join(line for choice in self.choices for line in choice.lines(lang))


def submissions_of(
    number: int,
    receipt: Receipt,
    layout: Layout,
    groups: list[tuple[str | None, int, int]],
    days: list[date],
    matcher: Matcher,
) -> list[Submission]:
    """The submissions of receipt number ``number``: one, or one per reporting unit.

    ``groups`` are (lead unit id, activity rows, declaration rows) of the file, most rows
    first; ``days`` the valid activity dates. Raises :class:`ReportError` when the file has
    no rows and declares nothing, or its unit or period cannot be told.
    """
    period, period_source = _period(receipt, layout, days)
    activity_rows = sum(g[1] for g in groups)
    declared = any(g[2] for g in groups) or any(
        k in text_key(cell) for cell in layout.title_text for k in NO_ACTIVITY_KEYS
    )  # fmt: skip
    if activity_rows == 0 and not declared:
        raise ReportError("file_without_rows", file=receipt.file_name)
    if receipt.reporter_unit:
        _check_own_report(receipt, layout, groups, period, matcher)
    given = receipt.unit or layout.title.get("unit")
    if given:
        found = matcher.unit(given, period.start)
        if found.value is None or found.kind is None:
            raise ReportError("unit_given_unknown", file=receipt.file_name, unit=given,
                              reason=reason(found.problem or "unit_unknown",
                                                     {"value": given, **found.fields}))  # fmt: skip
        units = [found.value]
        source = "login" if receipt.reporter_unit else "given" if receipt.unit else "title"
    else:
        counted = [(u, a or d) for u, a, d in groups if u and _reporting(matcher, u)]
        units = [u for u, _ in sorted(counted, key=lambda g: (-g[1], g[0]))]
        source = "lead_unit"
        if not units:
            raise ReportError("unit_not_inferred", file=receipt.file_name)
    split = tuple(units) if len(units) > 1 else ()
    return [
        Submission(
            submission_id=f"{receipt.receipt_id}/{unit}" if split else receipt.receipt_id,
            receipt_no=number,
            receipt=receipt,
            unit_id=unit,
            unit_kind=unit.split(":")[0],
            unit_commune_id=unit.split(":", 1)[1] if ":" in unit else None,
            period=period,
            unit_source=source,
            period_source=period_source,
            no_activities=activity_rows == 0,
            split_units=split,
        )
        for unit in units
    ]


def _check_own_report(
    receipt: Receipt,
    layout: Layout,
    groups: list[tuple[str | None, int, int]],
    period: Period,
    matcher: Matcher,
) -> None:
    """Refuse, as a whole, a reporter's file that is another unit's report: its title names
    another unit ("Đơn vị báo cáo: …"), or (no unit in the title) every activity row is led by
    other reporting units. Taken as the reporter's own, it would replace their report with none
    of its rows (rows led by another reporting unit are rejected)."""
    own = receipt.reporter_unit
    title = layout.title.get("unit")
    other: str | None = None
    if title:
        found = matcher.unit(title, period.start)
        if found.value is not None and found.value != own:
            other = found.value
    else:
        leads = [(u, a) for u, a, _ in groups if a]
        others = [(u, a) for u, a in leads if u and u != own and _reporting(matcher, u)]
        if leads and len(others) == len(leads):
            other = min(others, key=lambda g: (-g[1], g[0]))[0]
    if other is not None and own is not None:
        names = {"unit": unit_name(matcher, own), "other": unit_name(matcher, other)}
        raise ReportError("file_other_unit", file=receipt.file_name, **names)


def unit_name(matcher: Matcher, unit_id: str) -> str:
    """A unit's display name ("UBND xã – Xã Nam Cường"), or its id when that names no unit."""
    found = matcher.unit(unit_id, None)
    if found.value is None:
        return unit_id
    commune = matcher.places.commune(found.commune_id) if found.commune_id else None
    commune_name = None if commune is None else commune.full_name or commune.name
    return unit_display_name(matcher.kind_of(unit_id)["name_vi"], commune_name)


def _period(receipt: Receipt, layout: Layout, days: list[date]) -> tuple[Period, str]:
    for text, source in ((receipt.period, "given"), (layout.title.get("period"), "title")):
        if text:
            try:
                return parse_period(text), source
            except ValueError as error:
                raise ReportError("period_invalid", file=receipt.file_name, period=text) from error
    from_name = period_in_file_name(receipt.file_name)
    if from_name is not None:
        return from_name, "file_name"
    from_days = period_covering(days)
    if from_days is not None:
        return from_days, "dates"
    raise ReportError("period_not_inferred", file=receipt.file_name)


def _reporting(matcher: Matcher, unit_id: str) -> bool:
    return matcher.kind_of(unit_id)["level"] in ("district", "commune")


def with_statuses(
    drafts: list[Submission],
    part_status: dict[str, str],
    undecided: Collection[str] = (),
    refused: Collection[str] = (),
) -> list[Submission]:
    """``drafts`` (in receipt order) with their status: ``withdrawn`` (the ledger says so),
    ``refused_empty`` (in ``refused``: no row could be loaded), ``superseded`` (a later one of
    the same unit and period replaced it) or ``active``; and what each replaced or was added
    to. Receipts in ``undecided`` (mode not chosen) count as added; their mode is None when an
    earlier report of theirs still counts. A refused one takes no part: it replaces nothing."""
    counting: dict[tuple[str, str], list[str]] = {}  # per unit and period, not superseded
    earlier: dict[str, tuple[str, ...]] = {}
    later: dict[str, str] = {}
    withdrawn = {
        d.submission_id
        for d in drafts
        if WITHDRAWN in (d.receipt.status, part_status.get(d.submission_id))
    }
    refused = set(refused) - withdrawn
    for draft in drafts:
        if draft.submission_id in refused:
            earlier[draft.submission_id] = ()
            continue
        chain = (draft.unit_id, draft.period.period_id)
        before = counting.get(chain, [])
        earlier[draft.submission_id] = tuple(before)
        if draft.receipt.receipt_id in undecided or draft.receipt.mode == ADD:
            counting[chain] = [*before, draft.submission_id]
        else:
            later.update(dict.fromkeys(before, draft.submission_id))
            counting[chain] = [draft.submission_id]
    found = []
    for draft in drafts:
        ids = earlier[draft.submission_id]
        mode: str | None = draft.receipt.mode or REPLACE
        if draft.receipt.receipt_id in undecided and set(ids) - withdrawn:
            mode = None
        added = draft.receipt.receipt_id in undecided or mode == ADD
        status = WITHDRAWN if draft.submission_id in withdrawn else (
            REFUSED_EMPTY if draft.submission_id in refused else
            SUPERSEDED if draft.submission_id in later else ACTIVE)  # fmt: skip
        found.append(replace(draft, status=status, mode=mode,
                             supersedes=None if added else ", ".join(ids) or None,
                             added_to=", ".join(ids) or None if added else None,
                             superseded_by=later.get(draft.submission_id)))  # fmt: skip
    return found


def waiting_for_choice(found: Sequence[Submission]) -> list[Submission]:
    """The submissions whose mode must be chosen: an earlier report of theirs still counts."""
    return [s for s in found if s.mode is None]
