"""Choose or revoke the place a typed name means: the actions behind `python -m etl names` and
the page "Duyệt tên".

A planner or an administrator (``etl.access.roles.check_reviewer``) picks, for a row of the
review queue (mart ``review_queue``), one of the places offered for it; the choice is appended to
``name_choices.csv`` under the writer lock and the warehouse is rebuilt
(``etl.imports.journal.commit_with``), so the row counts at once, with no file sent again, and
every later import reads the same name the same way. Revoking keeps the choice in the file,
marked revoked, and the rows it placed wait again. Both are written to the audit trail. How a
choice is applied at the build, and how it obeys the period locks, is
``etl.reports.name_choices``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from etl import db
from etl.access import audit, roles
from etl.access.users import User
from etl.config import Settings
from etl.imports.journal import commit_with
from etl.reports.name_choices import Choice, choice_key, choices_bytes, read_choices
from etl.sql_files import ETL_SQL, fetch_rows

QUERIES = ETL_SQL / "queries"


def choose(
    settings: Settings,
    submission_id: str,
    source_row: int,
    place_id: str,
    *,
    field: str | None = None,
    by: User = roles.COMMAND_LINE,
) -> Choice:
    """Choose ``place_id`` for the name a queued row (``submission_id``, ``source_row``; its
    ``field`` when it waits on both a village and a school) could not place; returns the choice.

    Raises ``roles.Refused`` when ``by`` may not review names, for a row not waiting, or for a
    place not offered for it.
    """
    roles.check_reviewer(by)
    made: list[Choice] = []

    def plan() -> dict[Path, bytes]:
        row = _queued(settings, submission_id, source_row, field)
        if row is None:
            raise roles.Refused("names_not_waiting", submission=submission_id, row=source_row)
        found_field, value, commune_id, ids, names = row
        if place_id not in ids:
            raise roles.Refused("names_place_not_offered", place=place_id, value=value)
        choices = read_choices(settings)
        key = choice_key(found_field, commune_id, value)
        now = datetime.now().astimezone()
        kept = [c.revoked(by.name, now) if c.in_force and choice_key(c.field, c.commune_id,
                c.typed) == key else c for c in choices]  # fmt: skip
        choice = Choice(_next_id(choices), found_field, commune_id, value, place_id,
                        names[ids.index(place_id)], now, by.name)  # fmt: skip
        made.append(choice)
        return {Path(settings.name_choices_path.name): choices_bytes([*kept, choice])}

    commit_with(settings, plan)
    choice = made[0]
    where = f"{submission_id}:{source_row}"
    audit.record(settings, by.name, "name_choose", choice.choice_id,
                 f"{_described(choice)}; {where}")  # fmt: skip
    return choice


def revoke(settings: Settings, choice_id: str, *, by: User = roles.COMMAND_LINE) -> Choice | None:
    """Revoke a choice in force; returns it as revoked, or None when no choice in force has
    that id (nothing changes then). Raises ``roles.Refused`` when ``by`` may not review names."""
    roles.check_reviewer(by)
    done: list[Choice] = []

    def plan() -> dict[Path, bytes]:
        choices = read_choices(settings)
        now = datetime.now().astimezone()
        found = next((c for c in choices if c.choice_id == choice_id and c.in_force), None)
        if found is None:
            return {}
        done.append(found.revoked(by.name, now))
        kept = [done[0] if c is found else c for c in choices]
        return {Path(settings.name_choices_path.name): choices_bytes(kept)}

    commit_with(settings, plan)
    if not done:
        return None
    choice = done[0]
    audit.record(settings, by.name, "name_revoke", choice.choice_id, _described(choice))
    return choice


def _queued(
    settings: Settings, submission_id: str, source_row: int, field: str | None
) -> tuple[str, str, str, list[str], list[str]] | None:
    """(field, value, commune, place ids, place names) of a waiting row in the warehouse; the
    commune is "" for a commune name."""
    if not settings.db_path.exists():
        return None
    con = db.connect(settings, read_only=True, extensions=())
    try:
        rows = fetch_rows(con, QUERIES, "review_row", {"submission_id": submission_id,
                          "source_row": source_row, "field": field})  # fmt: skip
    finally:
        con.close()
    row = rows[0] if rows else None
    return None if row is None else (row[0], row[1], row[2] or "", list(row[3]), list(row[4]))


def _described(choice: Choice) -> str:
    """A choice as the audit trail reads it: field “typed” (commune) → place (id)."""
    return (f"{choice.field} “{choice.typed}” ({choice.commune_id or '—'}) → "
            f"{choice.place_name} ({choice.place_id})")  # fmt: skip


def _next_id(choices: list[Choice]) -> str:
    """``N0001``, ``N0002``…: one more than the highest so far."""
    numbers = [int(c.choice_id[1:]) for c in choices if c.choice_id[1:].isdigit()]
    return f"N{max(numbers, default=0) + 1:04d}"
