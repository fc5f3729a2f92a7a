"""Load the audit trail and the period locks into the warehouse at build time.

``raw_audit_events`` is the audit file (``etl.audit``) as it stood when the build ran: events
written since appear at the next build (every import, withdrawal and lock rebuilds).
``raw_period_locks`` is ``locks.csv`` (``etl.period_locks``).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from etl import audit
from etl.config import Settings
from etl.load import load_raw
from etl.period_locks import LOCK_COLUMNS, read_locks


def load(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Write ``raw_audit_events`` and ``raw_period_locks``."""
    events = audit.read_events(settings)
    frame = pd.DataFrame(
        {
            "event_no": range(1, len(events) + 1),
            "at": events["at"].astype("datetime64[us, UTC]"),
            **{c: events[c].astype("string") for c in audit.COLUMNS if c != "at"},
        }
    )
    load_raw(con, "raw_audit_events", frame)
    locks = read_locks(settings)
    load_raw(
        con,
        "raw_period_locks",
        pd.DataFrame(
            [
                (
                    lock.period,
                    lock.start,
                    lock.end,
                    lock.locked_at,
                    lock.locked_by,
                    lock.after_receipt,
                )
                for lock in locks
            ],
            columns=list(LOCK_COLUMNS),
        ).astype({"period": "string", "locked_by": "string", "after_receipt": "int64"}),
    )
