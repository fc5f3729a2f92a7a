"""Import a village or school master list: check every row, then store it and rebuild, or not.

The list is stored as imported (same bytes, same file name) in ``places/<kind>/`` of the data
folder, replacing the previous list, through :func:`etl.imports.journal.commit_inputs`: a list with
any problem, or a failed build, changes nothing; nor does a list that would change a locked
period's places or figures (a village added, removed, renamed or moved while the period ran:
``etl.reports.locks.LockGuard``), unless the administrator overrides the lock. Reference data is
an administrator's (``etl.access.roles.check_admin``); a stored list, and an override, is
written to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.access import audit, roles
from etl.access.upload_safety import Limits, UnsafeFile, check_file
from etl.access.users import User
from etl.config import Settings
from etl.geography import places
from etl.imports import journal
from etl.imports.locks import audit_override, guard
from etl.present.errors import MissingInput


@dataclass(frozen=True)
class PlaceImport:
    """What an import found and did."""

    file_name: str
    rows: int
    approx: int  # rows without a location: placeholders flagged location_approx
    problems: list[places.PlaceProblem]
    stored: bool


def import_place_list(
    settings: Settings,
    path: Path,
    kind: str,
    *,
    by: User = roles.COMMAND_LINE,
    override_lock: bool = False,
) -> PlaceImport:
    """Check the list at ``path`` (``kind`` villages or schools) and, if it is clean, store it
    as ``by`` (audited).

    Raises ``BrokenInput`` (``etl.present.errors``) when the file cannot be read as a list (no
    header row; ``UnsafeFile``, audited, when the guard ``etl.access.upload_safety`` refuses
    it), ``MissingInput`` when it does not exist and ``roles.Refused`` when ``by`` is
    not an administrator or the list would move a locked period without ``override_lock``.
    """
    if kind not in ("villages", "schools"):
        raise ValueError(f"kind must be villages or schools, got {kind!r}")
    roles.check_admin(by)
    if not path.is_file():
        raise MissingInput("input_file_missing", file=path.name)
    try:
        check_file(path, Limits.from_settings(settings))
    except UnsafeFile as refused:
        audit.record(settings, by.name, "upload_refused", path.name[:200], refused.reason)
        raise
    frame, problems = places.prepare_places(path, kind)
    approx = int(frame["lat"].isna().sum())
    if problems:
        return PlaceImport(path.name, len(frame), approx, problems, stored=False)
    folder = Path(places.PLACES_DIR) / kind
    current = settings.data_dir / folder
    changes: dict[Path, bytes | None] = {
        folder / old.name: None for old in sorted(current.glob("*")) if old.is_file()
    }
    changes[folder / path.name] = path.read_bytes()
    guarded = guard(by, override_lock)
    journal.commit_inputs(settings, changes, guard=guarded)
    audit.record(settings, by.name, "reference_change", kind, f"import {path.name}: {len(frame)}")
    audit_override(settings, by, guarded, f"{kind} import {path.name}")
    return PlaceImport(path.name, len(frame), approx, problems, stored=True)
