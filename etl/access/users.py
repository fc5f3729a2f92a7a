"""Users, roles and passwords: a JSON file of salted scrypt hashes, never plaintext.

Roles: ``viewer`` reads; ``reporter`` submits and withdraws the reports of one unit;
``planner`` reads and places the names reports typed that matched no place (name review);
``admin`` also manages reference data, locks periods and reads the audit trail.
Repeated failed logins are slowed: after three failures within the window, each further
attempt must wait twice as long as the last (capped), whatever the password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from etl.access import audit, state_file
from etl.config import Settings
from etl.present.errors import BrokenInput

ROLES = ("viewer", "reporter", "planner", "admin")
USERS_FILE = "users.json"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_FREE_FAILURES = 3
_WINDOW = timedelta(minutes=15)
_MAX_DELAY = 300.0


@dataclass(frozen=True)
class User:
    """A login: name, role, and for reporters the unit they report for."""

    name: str
    role: str
    unit_id: str | None = None


class LoginRefused(Exception):
    """Raised when a login is refused; ``reason`` is a catalogue key."""

    def __init__(self, reason: str, wait_seconds: float = 0.0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait_seconds = wait_seconds


def add_user(
    settings: Settings,
    name: str,
    role: str,
    password: str,
    unit_id: str | None = None,
    *,
    by: User | None = None,
) -> User:
    """Create a user; a reporter needs ``unit_id``. Raises ValueError if the name exists.

    ``by`` makes the change, written to the audit trail (None: not audited, as when a data
    folder is set up).
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    if (role == "reporter") != (unit_id is not None):
        raise ValueError("unit_id is required for a reporter and only for a reporter")
    if not name.strip():
        raise ValueError("name must not be blank")
    _check_password(password)
    user = User(name, role, unit_id)
    hashed = _hash(password)

    def add(users: dict[str, dict]) -> None:
        if name in users:
            raise ValueError(f"user {name!r} exists already")
        users[name] = {**asdict(user), "password": hashed}

    _update(settings, add)
    _audit(settings, by, name, f"add {role}")
    return user


def remove_user(settings: Settings, name: str, *, by: User | None = None) -> None:
    """Delete a user. Raises KeyError if there is none. ``by``: as for :func:`add_user`."""

    def remove(users: dict[str, dict]) -> None:
        del users[name]

    _update(settings, remove)
    _audit(settings, by, name, "remove")


def set_password(settings: Settings, name: str, password: str, *, by: User | None = None) -> None:
    """Replace a user's password. Raises KeyError if there is none. ``by``: as for
    :func:`add_user`."""
    _check_password(password)
    hashed = _hash(password)

    def change(users: dict[str, dict]) -> None:
        users[name]["password"] = hashed

    _update(settings, change)
    _audit(settings, by, name, "passwd")


def list_users(settings: Settings) -> list[User]:
    """All users, by name (no hashes)."""
    return [User(u["name"], u["role"], u["unit_id"]) for _, u in sorted(_read(settings).items())]


def get_user(settings: Settings, name: str) -> User | None:
    """The user called ``name`` (no hash), or None."""
    stored = _read(settings).get(name)
    return None if stored is None else User(stored["name"], stored["role"], stored["unit_id"])


def authenticate(settings: Settings, name: str, password: str) -> User:
    """Return the user if ``password`` is right; raise :class:`LoginRefused` otherwise.

    Every attempt is written to the audit trail. While a user is being slowed, attempts are
    refused before the password is even checked.
    """
    wait = login_wait(settings, name)
    if wait > 0:
        audit.record(settings, name, "login_failed", detail="throttled")
        raise LoginRefused("login_throttled", wait)
    stored = _read(settings).get(name)
    # An unknown name costs the same hash as a known one: timing does not tell names apart.
    if not _verify(password, stored["password"] if stored else _dummy_hash()) or stored is None:
        audit.record(settings, name, "login_failed")
        raise LoginRefused("login_wrong")
    audit.record(settings, name, "login_ok")
    return User(stored["name"], stored["role"], stored["unit_id"])


def login_wait(settings: Settings, name: str, now: datetime | None = None) -> float:
    """Seconds ``name`` must still wait before the next login attempt (0 when none)."""
    now = now or datetime.now(UTC)
    events = audit.read_events(settings)
    mine = events[(events["actor"] == name) & (events["at"] > now - _WINDOW)]
    failures = 0
    for action in reversed(mine["action"].tolist()):
        if action != "login_failed":
            break
        failures += 1
    if failures < _FREE_FAILURES:
        return 0.0
    delay = min(2.0 ** (failures - _FREE_FAILURES + 1), _MAX_DELAY)
    last = mine["at"].iloc[-1].to_pydatetime()
    return max(0.0, (last + timedelta(seconds=delay) - now).total_seconds())


def _audit(settings: Settings, by: User | None, name: str, detail: str) -> None:
    """Write a change to user ``name`` to the audit trail, if someone (``by``) made it."""
    if by is not None:
        audit.record(settings, by.name, "user_change", name, detail)


@cache
def _dummy_hash() -> str:
    return _hash(secrets.token_hex(16))


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise ValueError("password must have at least 8 characters")


def _hash(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    encoded = (base64.b64encode(x).decode() for x in (salt, digest))
    return "scrypt${n}${r}${p}$".format(**_SCRYPT) + "$".join(encoded)


def _verify(password: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(
        password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def _read(settings: Settings) -> dict[str, dict]:
    path = settings.data_dir / USERS_FILE
    try:
        users = state_file.read_json(path, dict)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BrokenInput("users_unreadable", file=path, folder=settings.data_dir,
                          detail=error) from error  # fmt: skip
    if not isinstance(users, dict):
        raise BrokenInput("users_unreadable", file=path, folder=settings.data_dir,
                          detail="not a JSON object")  # fmt: skip
    return users


def _update(settings: Settings, change: Callable[[dict[str, dict]], None]) -> None:
    """Apply ``change`` to the users file under its lock (no change of another process is lost;
    a change that raises writes nothing)."""
    path = settings.data_dir / USERS_FILE
    with state_file.locked(path):
        users = _read(settings)
        change(users)
        state_file.write_atomic(path, json.dumps(users, ensure_ascii=False, indent=1).encode())
