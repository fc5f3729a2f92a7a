"""Login throttle: failed attempts per account and per source (the client's address), kept in a
small state file apart from the audit trail.

An attempt is counted as a failure *before* its password is checked, under the file's lock
(``etl.access.state_file.update_json``), so parallel guesses cannot all pass the check before
any of them is counted: after :data:`FREE_FAILURES` failures of a key within :data:`WINDOW`,
each further attempt must wait twice as long as the last (at most :data:`MAX_DELAY` seconds),
and an attempt refused for waiting is not counted (the wait never grows by itself). A right
password clears the account's count, and takes back from the source only the attempt it was
(the source's earlier failures stay: one good login does not buy another round of guesses
against other names, and an office of many people behind one address is not slowed by their
own good logins). The audit trail still records every attempt,
but is never read here: a login costs the same however long the trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from etl.access import state_file
from etl.config import Settings

THROTTLE_FILE = "login_throttle.json"
KINDS = ("account", "source")
# Failures allowed before the waits start: a source may be a whole office behind one address.
FREE_FAILURES = {"account": 3, "source": 10}
WINDOW = timedelta(minutes=15)
MAX_DELAY = 300.0


def claim(settings: Settings, keys: Mapping[str, str], now: datetime | None = None) -> float:
    """Count one attempt for each of ``keys`` (kind → value, kinds from :data:`KINDS`) unless
    one of them must still wait: then count nothing and return the seconds to wait (0.0 when
    the attempt may go on to the password check)."""
    unknown = set(keys) - set(KINDS)
    if unknown:
        raise ValueError(f"keys must be some of {KINDS}, got {sorted(unknown)}")
    now = now or datetime.now(UTC)
    waited = 0.0

    def count(state: dict[str, dict]) -> None:
        nonlocal waited
        _forget_old(state, now)
        waits = [_wait(kind, state.get(_key(kind, value)), now) for kind, value in keys.items()]
        waited = max(waits, default=0.0)
        if waited > 0:
            return
        for kind, value in keys.items():
            entry = state.setdefault(_key(kind, value), {"failures": 0})
            entry["failures"] += 1
            entry["last"] = now.isoformat()

    state_file.update_json(_path(settings), count, dict)
    return waited


def forgive(settings: Settings, keys: Mapping[str, str]) -> None:
    """After a right password: clear the account's failures, and take the source's count of
    this attempt back (one failure fewer)."""

    def clear(state: dict[str, dict]) -> None:
        for kind, value in keys.items():
            key = _key(kind, value)
            if kind == "account" or state.get(key, {}).get("failures", 0) <= 1:
                state.pop(key, None)
            else:
                state[key]["failures"] -= 1

    state_file.update_json(_path(settings), clear, dict)


def wait_seconds(settings: Settings, kind: str, value: str, now: datetime | None = None) -> float:
    """Seconds the key must still wait before its next attempt (0.0 when none)."""
    now = now or datetime.now(UTC)
    state = state_file.read_json(_path(settings), dict)
    return _wait(kind, state.get(_key(kind, value)), now)


def _wait(kind: str, entry: dict | None, now: datetime) -> float:
    if not entry or now - datetime.fromisoformat(entry["last"]) > WINDOW:
        return 0.0
    extra = entry["failures"] - FREE_FAILURES[kind]
    if extra < 0:
        return 0.0
    delay = min(2.0 ** (extra + 1), MAX_DELAY)
    last = datetime.fromisoformat(entry["last"])
    return max(0.0, (last + timedelta(seconds=delay) - now).total_seconds())


def _forget_old(state: dict[str, dict], now: datetime) -> None:
    """Drop keys whose last failure is older than the window (the file stays small)."""
    for key in [k for k, e in state.items() if now - datetime.fromisoformat(e["last"]) > WINDOW]:
        del state[key]


def _key(kind: str, value: str) -> str:
    return f"{kind}:{value}"


def _path(settings: Settings) -> Path:
    return settings.data_dir / THROTTLE_FILE
