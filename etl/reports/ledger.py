"""The submissions ledger (``data/submissions.csv``): every report file received, in order.

One row per file received (a *receipt*, ``S0001``, ``S0002``…) with the file's name as sent,
the name it is stored under in ``data/activities/``, its SHA-256, when it came, the unit and
period given on the command line (blank: the build infers them from the file) and its status
(``received`` or ``withdrawn``); and who sent it: ``submitted_by`` (a dashboard login, or
``cli``), ``reporter_unit`` (a reporter's own unit: rows led by another reporting unit are
rejected) and ``lock_override`` (``yes`` when an administrator sent it into a locked period,
see ``etl.reports.locks``); and ``mode``: what the file does to an earlier report of the same
unit and period, ``replace`` it or ``add`` to it (``etl.reports.submissions``). Ledgers written
before those columns existed read as blank, and a blank mode reads as ``replace`` (what every
second file did before the choice existed).
The build turns receipts into submissions (a file that mixes
units becomes one submission per unit, ``S0003/gddt``); a withdrawal of one such part is a row
of its own with that id and status ``withdrawn``.

Report files in ``data/activities/`` that no ledger row names (committed samples, files copied
in by hand) are receipts too, with id ``file:<name>``, taken before the ledger's receipts in
file-name order and with no receipt time. The ledger is only changed through
``etl.imports.journal.commit_with``; nothing else writes it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from etl.config import Settings
from etl.present.errors import BrokenInput
from etl.reports.header import REPORT_SUFFIXES
from etl.reports.masked_copy import mask_file
from etl.reports.privacy import mask_name

LEDGER_COLUMNS = (
    "submission_id", "file_name", "stored_as", "sha256", "received_at", "unit", "period",
    "status", "submitted_by", "reporter_unit", "lock_override", "mode",
)  # fmt: skip
_LATER_COLUMNS = ("submitted_by", "reporter_unit", "lock_override", "mode")  # older ledgers
RECEIVED, WITHDRAWN = "received", "withdrawn"
REPLACE, ADD = "replace", "add"  # what a file does to an earlier report of its unit and period
MODES = (REPLACE, ADD)
UNLEDGERED_PREFIX = "file:"
_RECEIPT_ID = re.compile(r"^S(\d{4,})$")


@dataclass(frozen=True)
class Receipt:
    """One report file to read, with what the sender said about it."""

    receipt_id: str
    file_name: str  # as sent
    path: Path  # where to read it
    sha256: str
    received_at: str | None  # ISO 8601 with offset; None for files without a ledger row
    unit: str | None = None
    period: str | None = None
    status: str = RECEIVED
    submitted_by: str | None = None
    reporter_unit: str | None = None  # rows led by another reporting unit are rejected
    lock_override: bool = False  # an administrator sent it into a locked period
    mode: str | None = REPLACE  # REPLACE | ADD; None: not chosen yet (an import in progress)


@dataclass(frozen=True)
class Ledger:
    """The receipts to read, in order, and status rows for parts of split receipts."""

    receipts: tuple[Receipt, ...]
    part_status: dict[str, str]


def read_ledger(settings: Settings) -> Ledger:
    """The ledger's receipts, preceded by report files that have no ledger row. File names
    come masked (``etl.reports.privacy.mask_name``)."""
    rows = _ledger_rows(settings)
    receipt_rows = [r for r in rows if _RECEIPT_ID.match(r["submission_id"])]
    named = {r["stored_as"] for r in receipt_rows}
    loose = sorted(
        p
        for p in settings.activities_dir.glob("*")
        if p.suffix.lower() in REPORT_SUFFIXES and p.name not in named and p.is_file()
    )
    receipts = [_loose_receipt(p) for p in loose]
    receipts += [
        Receipt(
            receipt_id=r["submission_id"],
            file_name=mask_name(r["file_name"]),  # ledgers written before names were masked
            path=settings.activities_dir / r["stored_as"],
            sha256=r["sha256"],
            received_at=r["received_at"] or None,
            unit=r["unit"] or None,
            period=r["period"] or None,
            status=r["status"],
            submitted_by=r["submitted_by"] or None,
            reporter_unit=r["reporter_unit"] or None,
            lock_override=r["lock_override"] == "yes",
            mode=r["mode"] if r["mode"] in MODES else REPLACE,
        )
        for r in receipt_rows
    ]
    parts = {r["submission_id"]: r["status"] for r in rows if r not in receipt_rows}
    return Ledger(tuple(receipts), parts)


@dataclass(frozen=True)
class Planned:
    """What an import will do with one file: ``new`` receipt, or ``unchanged`` (seen before)."""

    file_name: str
    outcome: str  # "new" | "unchanged"
    receipt: Receipt
    masked: bool = False  # personal data was masked in the stored copy


def plan_import(
    settings: Settings,
    paths: Sequence[Path],
    *,
    unit: str | None = None,
    period: str | None = None,
    now: datetime | None = None,
    submitted_by: str | None = None,
    reporter_unit: str | None = None,
    lock_override: bool = False,
    mode: str | None = None,
) -> tuple[list[Planned], dict[Path, bytes]]:
    """Decide what importing ``paths`` changes: one receipt per file not received before.

    A file counts as received before when a receipt with the same SHA-256, unit and period is
    not withdrawn. ``submitted_by``, ``reporter_unit``, ``lock_override`` and ``mode`` are
    written on each new receipt (no mode: blank in the ledger, the receipt's ``mode`` None).
    Returns the plan and the data-folder changes (file copies, new ledger) for
    ``etl.imports.journal``; call it under the writer lock so receipt ids cannot clash.
    """
    if mode not in (None, *MODES):
        raise ValueError(f"mode must be one of {MODES} or None, got {mode!r}")
    for path in paths:
        if path.suffix.lower() not in REPORT_SUFFIXES:
            raise ValueError(f"paths must end with one of {REPORT_SUFFIXES}, got {path.name!r}")
    ledger = read_ledger(settings)
    rows = _ledger_rows(settings)
    received_at = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    next_number = 1 + max(
        (int(m[1]) for r in rows if (m := _RECEIPT_ID.match(r["submission_id"]))), default=0
    )
    plans, changes = [], {}
    seen = list(ledger.receipts)
    for path in paths:
        data = path.read_bytes()
        digest = sha256_of(data)
        name = mask_name(path.name)  # the name as sent, masked, is all that is kept of it
        withdrawn = {i for i, status in ledger.part_status.items() if status == WITHDRAWN}
        earlier = next(
            (r for r in reversed(seen)
             if _same(r, digest, unit, period) and r.receipt_id not in withdrawn),
            None,
        )  # fmt: skip
        if earlier is not None:
            plans.append(Planned(name, "unchanged", earlier))
            continue
        receipt_id = f"S{next_number:04d}"
        next_number += 1
        stored = _stored_name(receipt_id, name)
        masked = mask_file(path.name, data)
        receipt = Receipt(receipt_id, name, settings.activities_dir / stored, digest,
                          received_at, unit, period, submitted_by=submitted_by,
                          reporter_unit=reporter_unit, lock_override=lock_override,
                          mode=mode)  # fmt: skip
        rows.append(_row(receipt, stored, RECEIVED))
        changes[Path("activities") / stored] = masked
        plans.append(Planned(name, "new", receipt, masked is not data))
        seen.append(receipt)
    if changes:
        changes[Path(settings.ledger_path.name)] = _ledger_bytes(rows)
    return plans, changes


def plan_withdrawal(settings: Settings, submission_id: str, receipt_id: str) -> dict[Path, bytes]:
    """Ledger change that withdraws ``submission_id`` (a receipt, or a part ``<receipt>/<unit>``).

    ``receipt_id`` is the receipt the submission came from (from the warehouse).
    """
    rows = _ledger_rows(settings)
    own = next((r for r in rows if r["submission_id"] == submission_id), None)
    if own is not None:
        own["status"] = WITHDRAWN
    else:
        receipt = next(
            (r for r in read_ledger(settings).receipts if r.receipt_id == receipt_id), None
        )
        if receipt is None:
            raise ValueError(f"submission_id {submission_id!r} is not in the ledger")
        row = _row(replace(receipt, receipt_id=submission_id), receipt.path.name, WITHDRAWN)
        rows.append(row)
    return {Path(settings.ledger_path.name): _ledger_bytes(rows)}


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def _loose_receipt(path: Path) -> Receipt:
    """A report file with no ledger row: id ``file:<name>``; a name that masking changed gets
    the start of the file's SHA-256 too, so two such names stay two receipts."""
    digest = sha256_of(path.read_bytes())
    name = mask_name(path.name)
    receipt_id = UNLEDGERED_PREFIX + (name if name == path.name else f"{name}~{digest[:8]}")
    return Receipt(receipt_id, name, path, digest, None)


def _same(receipt: Receipt, digest: str, unit: str | None, period: str | None) -> bool:
    return (
        receipt.sha256 == digest
        and receipt.status == RECEIVED
        and (receipt.unit or None) == (unit or None)
        and (receipt.period or None) == (period or None)
    )


def _stored_name(receipt_id: str, name: str) -> str:
    """``S0007_<name as sent>``, with path separators, control characters and what Windows
    refuses in a name (``:*?"<>|``, as in the mask ``[***]``) replaced: the folder can be
    copied to an office computer."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", Path(name).name).strip() or "report"
    return f"{receipt_id}_{safe}"


def _row(receipt: Receipt, stored_as: str, status: str) -> dict[str, str]:
    return {
        "submission_id": receipt.receipt_id,
        "file_name": receipt.file_name,
        "stored_as": stored_as,
        "sha256": receipt.sha256,
        "received_at": receipt.received_at or "",
        "unit": receipt.unit or "",
        "period": receipt.period or "",
        "status": status,
        "submitted_by": receipt.submitted_by or "",
        "reporter_unit": receipt.reporter_unit or "",
        "lock_override": "yes" if receipt.lock_override else "",
        "mode": receipt.mode or "",
    }


def _ledger_rows(settings: Settings) -> list[dict[str, str]]:
    if not settings.ledger_path.exists():
        return []
    path = settings.ledger_path
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(LEDGER_COLUMNS) - set(_LATER_COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise BrokenInput("ledger_unreadable", file=path, folder=settings.data_dir,
                                  detail="missing " + ", ".join(sorted(missing)))  # fmt: skip
            return [{c: row.get(c) or "" for c in LEDGER_COLUMNS} for row in reader]
    except (UnicodeDecodeError, csv.Error) as error:
        raise BrokenInput("ledger_unreadable", file=path, folder=settings.data_dir,
                          detail=error) from error  # fmt: skip


def _ledger_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=LEDGER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
