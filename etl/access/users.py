"""Users, roles and passwords: a JSON file of salted scrypt hashes, never plaintext.

Roles: ``viewer`` reads; ``reporter`` submits and withdraws the reports of one unit;
``planner`` reads and places the names reports typed that matched no place (name review);
``admin`` also manages reference data, locks periods and reads the audit trail.
Repeated failed logins are slowed per account and per source (``etl.access.throttle``): the
attempt is counted before the password is checked. A password must pass :func:`check_password`
(at least :data:`MIN_PASSWORD_LENGTH` characters, not a common password, not the name, not one
character repeated); a name, :func:`check_name`. Removing a user or changing their password
ends their signed-in browsers (``etl.access.sessions``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from etl.access import audit, sessions, state_file, throttle
from etl.config import Settings
from etl.present.errors import BrokenInput, Told

ROLES = ("viewer", "reporter", "planner", "admin")
USERS_FILE = "users.json"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD_LENGTH = 10
MAX_NAME_LENGTH = 32
COMMON_PASSWORDS = Path(__file__).with_name("common_passwords.txt")
# Letters (Vietnamese included), digits, dot, dash, underscore: nothing markdown or HTML reads.
_NAME = re.compile(r"[^\W_](?:[\w.\-]*[^\W_])?")
LOCAL = "local"  # the source of an attempt whose address is not known (a browser on the server)


@dataclass(frozen=True)
class User:
    """A login: name, role, and for reporters the unit they report for."""

    name: str
    role: str
    unit_id: str | None = None


class NotAccepted(Told, ValueError):
    """A name or password refused by the rules; the message says which rule."""


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
    name = check_name(name)
    check_password(password, name)
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
    sessions.end_user(settings, name)
    _audit(settings, by, name, "remove")


def set_password(settings: Settings, name: str, password: str, *, by: User | None = None) -> None:
    """Replace a user's password. Raises KeyError if there is none. ``by``: as for
    :func:`add_user`."""
    check_password(password, name)
    hashed = _hash(password)

    def change(users: dict[str, dict]) -> None:
        users[name]["password"] = hashed

    _update(settings, change)
    sessions.end_user(settings, name)
    _audit(settings, by, name, "passwd")


def list_users(settings: Settings) -> list[User]:
    """All users, by name (no hashes)."""
    return [User(u["name"], u["role"], u["unit_id"]) for _, u in sorted(_read(settings).items())]


def get_user(settings: Settings, name: str) -> User | None:
    """The user called ``name`` (no hash), or None."""
    stored = _read(settings).get(name)
    return None if stored is None else User(stored["name"], stored["role"], stored["unit_id"])


def authenticate(settings: Settings, name: str, password: str, source: str | None = None) -> User:
    """Return the user if ``password`` is right; raise :class:`LoginRefused` otherwise.

    ``source`` is where the attempt comes from (the client's address; None: :data:`LOCAL`).
    The attempt is counted against the name and the source before the password is checked
    (``etl.access.throttle``); while either is being slowed, it is refused without a check.
    Every attempt is written to the audit trail, which is never read to decide.
    """
    name = unicodedata.normalize("NFC", name)
    keys = {"account": name, "source": source or LOCAL}
    wait = throttle.claim(settings, keys)
    if wait > 0:
        audit.record(settings, name, "login_failed", detail="throttled")
        raise LoginRefused("login_throttled", wait)
    stored = _read(settings).get(name)
    # An unknown name costs the same hash as a known one: timing does not tell names apart.
    if not _verify(password, stored["password"] if stored else _dummy_hash()) or stored is None:
        audit.record(settings, name, "login_failed")
        raise LoginRefused("login_wrong")
    throttle.forgive(settings, keys)
    audit.record(settings, name, "login_ok")
    return User(stored["name"], stored["role"], stored["unit_id"])


def login_wait(settings: Settings, name: str, now: datetime | None = None) -> float:
    """Seconds ``name`` must still wait before the next login attempt (0 when none)."""
    return throttle.wait_seconds(settings, "account", unicodedata.normalize("NFC", name), now)


def check_name(name: str) -> str:
    """``name`` in composed Unicode (NFC) if it is a valid login name: 1 to
    :data:`MAX_NAME_LENGTH` letters, digits, ``.``, ``-`` or ``_``, starting and ending with a
    letter or digit. Raises :class:`NotAccepted` otherwise."""
    composed = unicodedata.normalize("NFC", name)
    if len(composed) > MAX_NAME_LENGTH or not _NAME.fullmatch(composed):
        raise NotAccepted("user_name_invalid", name=name, most=MAX_NAME_LENGTH)
    return composed


def check_password(password: str, name: str = "") -> None:
    """Raise :class:`NotAccepted` naming the rule ``password`` breaks: shorter than
    :data:`MIN_PASSWORD_LENGTH`, one character repeated, the login name itself, or one of the
    common passwords of :data:`COMMON_PASSWORDS` (all compared case-folded, spaces ignored)."""
    folded = "".join(password.split()).casefold()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise NotAccepted("password_too_short", least=MIN_PASSWORD_LENGTH)
    if len(set(folded)) <= 1:
        raise NotAccepted("password_repeated")
    if name and folded == "".join(name.split()).casefold():
        raise NotAccepted("password_is_name")
    if folded in _common_passwords():
        raise NotAccepted("password_common")


def _audit(settings: Settings, by: User | None, name: str, detail: str) -> None:
    """Write a change to user ``name`` to the audit trail, if someone (``by``) made it."""
    if by is not None:
        audit.record(settings, by.name, "user_change", name, detail)


@cache
def _dummy_hash() -> str:
    return _hash(secrets.token_hex(16))


@cache
def _common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(
        "".join(line.split()).casefold() for line in lines if line.strip() and line[0] != "#"
    )


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
