"""The audit trail: who did what, when. An append-only JSON-lines file in the data folder.

It lives beside the inputs, not in the warehouse, because the warehouse is rebuilt from the
inputs, and because logins happen in the dashboard, which only reads the warehouse.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import UTC, datetime

import duckdb
import pandas as pd

from etl.config import Settings
from etl.load import load_raw
from etl.reports.privacy import mask_text

AUDIT_FILE = "audit.jsonl"
ACTIONS = (
    "login_ok", "login_failed", "upload", "upload_refused", "withdraw", "withdraw_refused",
    "reference_change", "lock", "unlock", "lock_override", "user_change", "name_choose",
    "name_revoke", "import_started", "import_rolled_back",
)  # fmt: skip
COLUMNS = ["at", "actor", "action", "target", "detail"]


def record(settings: Settings, actor: str, action: str, target: str = "", detail: str = "") -> None:
    """Append one event. ``action`` is one of :data:`ACTIONS`; phone and ID numbers in
    ``target`` and ``detail`` (a file name, a typed value) are masked (``etl.reports.privacy``)."""
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {ACTIONS}, got {action!r}")
    event = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "actor": actor,
        "action": action,
        "target": mask_text(target),
        "detail": mask_text(detail),
    }
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8")
    descriptor = os.open(settings.data_dir / AUDIT_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                         0o600)  # fmt: skip
    with os.fdopen(descriptor, "ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        if os.fstat(handle.fileno()).st_size > 0 and _last_byte(settings) != b"\n":
            line = b"\n" + line  # a crash tore the last line: never glue an event onto it
        handle.write(line)


def read_events(settings: Settings) -> pd.DataFrame:
    """All events, oldest first, with ``at`` as a UTC timestamp."""
    path = settings.data_dir / AUDIT_FILE
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    events = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                event = json.loads(line)
            except json.JSONDecodeError:  # a line torn by a crash: skip it, keep the rest
                continue
            if isinstance(event, dict):
                events.append(event)
    frame = pd.DataFrame(events, columns=COLUMNS)
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame


def load_events(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Write ``raw_audit_events``: the audit file as it stands when the build runs (events
    written since appear at the next build; every import, withdrawal and lock rebuilds)."""
    events = read_events(settings)
    frame = pd.DataFrame(
        {
            "event_no": range(1, len(events) + 1),
            "at": events["at"].astype("datetime64[us, UTC]"),
            **{c: events[c].astype("string") for c in COLUMNS if c != "at"},
        }
    )
    load_raw(con, "raw_audit_events", frame)


def _last_byte(settings: Settings) -> bytes:
    with (settings.data_dir / AUDIT_FILE).open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1)
