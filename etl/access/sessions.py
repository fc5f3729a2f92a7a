"""Signed-in browsers: a random token per login, which the browser keeps as a cookie; the
server keeps only its SHA-256, in a small state file (``etl.access.state_file``).

Streamlit's own session id travels in clear (in the websocket's subprotocol, and in the
server's log on a reconnect), so it proves nothing: a login holds only for a connection that
shows a token stored here, unexpired, or for the very connection that logged in (its cookie
is sent from the next connection on; ``dashboard.auth`` checks which). Each stored token
keeps its user, when it was made, last seen and expires, and where the login came from.
A token expires after ``settings.session_idle_minutes`` without use and
``settings.session_max_hours`` after the login in any case; a new login replaces the token of
the browser that makes it; logging out, removing the user or changing their password ends it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from etl.access import state_file
from etl.config import Settings

SESSIONS_FILE = "sessions.json"
COOKIE = "chodon_session"  # the browser's cookie holding its token
_SEEN_EVERY = timedelta(minutes=1)  # last_seen is written at most this often per token


def start(
    settings: Settings,
    user: str,
    source: str,
    replacing: str | None = None,
    now: datetime | None = None,
) -> str:
    """A new token for ``user``, logged in from ``source``; the token ``replacing`` (the one
    this browser held before, if any) is ended. Only the token's hash is stored."""
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)

    def add(stored: dict[str, dict]) -> None:
        _forget_expired(settings, stored, now)
        if replacing:
            stored.pop(digest(replacing), None)
        stored[digest(token)] = {
            "user": user,
            "created": now.isoformat(),
            "last_seen": now.isoformat(),
            "expires": (now + timedelta(hours=settings.session_max_hours)).isoformat(),
            "source": source,
        }

    state_file.update_json(_path(settings), add, dict)
    return token


def user_of(settings: Settings, token_digest: str, now: datetime | None = None) -> str | None:
    """The user a stored, unexpired token (given by its :func:`digest`) belongs to, or None;
    marks the token as seen now."""
    now = now or datetime.now(UTC)
    entry = state_file.read_json(_path(settings), dict).get(token_digest)
    if entry is None or _expired(settings, entry, now):
        return None
    if now - datetime.fromisoformat(entry["last_seen"]) >= _SEEN_EVERY:

        def seen(stored: dict[str, dict]) -> None:
            if token_digest in stored:
                stored[token_digest]["last_seen"] = now.isoformat()

        state_file.update_json(_path(settings), seen, dict)
    return str(entry["user"])


def end(settings: Settings, token_digest: str) -> None:
    """End one token (logout)."""

    def remove(stored: dict[str, dict]) -> None:
        stored.pop(token_digest, None)

    state_file.update_json(_path(settings), remove, dict)


def end_user(settings: Settings, user: str) -> None:
    """End every token of ``user`` (removed, or their password changed)."""

    def remove(stored: dict[str, dict]) -> None:
        for key in [k for k, entry in stored.items() if entry["user"] == user]:
            del stored[key]

    if _path(settings).exists():
        state_file.update_json(_path(settings), remove, dict)


def digest(token: str) -> str:
    """The SHA-256 (hex) of a token: what the sessions file stores."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def max_age_seconds(settings: Settings) -> int:
    """How long the browser keeps the cookie: the absolute lifetime of a token."""
    return settings.session_max_hours * 3600


def _expired(settings: Settings, entry: dict, now: datetime) -> bool:
    idle = timedelta(minutes=settings.session_idle_minutes)
    return (
        now >= datetime.fromisoformat(entry["expires"])
        or now - datetime.fromisoformat(entry["last_seen"]) >= idle
    )


def _forget_expired(settings: Settings, stored: dict[str, dict], now: datetime) -> None:
    for key in [k for k, entry in stored.items() if _expired(settings, entry, now)]:
        del stored[key]


def _path(settings: Settings) -> Path:
    return settings.data_dir / SESSIONS_FILE
