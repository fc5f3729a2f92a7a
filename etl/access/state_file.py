"""Small state files (users, sessions, login throttle) changed safely by many processes.

Each change reads, edits and writes the file under an exclusive lock held on a sibling
``.lock`` file, and writes by atomic replace (a temporary file in the same folder, flushed,
then renamed over the old one), so two writers never lose each other's change and a crash never
leaves half a file. Readers need no lock: they see the old file or the new one.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``path`` (waits for another holder to finish)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` by ``data`` in one step, readable only by its owner (``mode``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(partial, mode)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def read_json(path: Path, default: Callable[[], Any]) -> Any:
    """The JSON ``path`` holds, or ``default()`` when there is no file. Raises ValueError
    (``json.JSONDecodeError``, ``UnicodeDecodeError``) when it is not JSON."""
    if not path.exists():
        return default()
    return json.loads(path.read_text(encoding="utf-8"))


def update_json(path: Path, change: Callable[[Any], Any], default: Callable[[], Any]) -> Any:
    """Read ``path`` (``default()`` if absent), apply ``change`` to it and write the result, all
    under the lock; returns what was written. ``change`` may edit in place and return None."""
    with locked(path):
        before = read_json(path, default)
        after = change(before)
        after = before if after is None else after
        write_atomic(path, json.dumps(after, ensure_ascii=False, indent=1).encode("utf-8"))
        return after
