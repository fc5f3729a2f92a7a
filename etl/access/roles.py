"""Who may do what. The rules are checked in the ETL layer, so no page or command can skip them.

- ``viewer``: reads; submits, withdraws and locks nothing.
- ``reporter``: submits and withdraws the reports of one unit. A reporter's file is that
  unit's report whatever it says; rows in it led by another reporting unit are rejected.
- ``planner``: reads, and chooses (or revokes) the place a name typed in reports means when it
  matched none (``etl.imports.name_choices``); submits nothing.
- ``admin``: everything, including sending into or withdrawing from a locked period when
  asked to (``override_lock``), locking periods and reading the audit trail.

The command line runs with the data folder's own file permissions, so it acts as the
administrator :data:`COMMAND_LINE`; it still respects locks unless told ``--override-lock``.
"""

from __future__ import annotations

from etl.access.users import ROLES, User
from etl.present.errors import Told

COMMAND_LINE = User("cli", "admin")


class Refused(Told, PermissionError):
    """An action refused by a rule; the message for the user comes from the catalogue."""


def submitting_unit(by: User, unit: str | None, override_lock: bool) -> str | None:
    """Check that ``by`` may submit; return the unit the report must be for (a reporter's own
    unit), or None when any unit may be named (an administrator). ``unit`` is the unit asked
    for, if any."""
    _check_role(by)
    if override_lock and by.role != "admin":
        raise Refused("refused_lock_admin_only")
    if by.role in ("viewer", "planner"):
        raise Refused("refused_viewer")
    if by.role == "reporter":
        if by.unit_id is None:
            raise Refused("refused_reporter_without_unit")
        if unit is not None and unit != by.unit_id:
            raise Refused("refused_other_unit", unit=unit, own=by.unit_id)
        return by.unit_id
    return None


def check_withdrawal(by: User, unit_id: str, override_lock: bool) -> None:
    """Check that ``by`` may withdraw a submission of ``unit_id``."""
    _check_role(by)
    if override_lock and by.role != "admin":
        raise Refused("refused_lock_admin_only")
    if by.role in ("viewer", "planner"):
        raise Refused("refused_viewer")
    if by.role == "reporter" and unit_id != by.unit_id:
        raise Refused("refused_other_unit", unit=unit_id, own=by.unit_id or "")


def check_admin(by: User) -> None:
    """Check that ``by`` is an administrator (locks, reference data, the audit trail)."""
    _check_role(by)
    if by.role != "admin":
        raise Refused("refused_admin_only")


def check_reviewer(by: User) -> None:
    """Check that ``by`` may choose or revoke the place of a typed name (a planner or an
    administrator)."""
    _check_role(by)
    if by.role not in ("planner", "admin"):
        raise Refused("refused_reviewer_only")


def _check_role(by: User) -> None:
    if by.role not in ROLES:
        raise ValueError(f"by.role must be one of {ROLES}, got {by.role!r}")
