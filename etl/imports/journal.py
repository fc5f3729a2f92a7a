"""Changes to the data folder that commit together with a rebuild, or not at all.

Every command that changes inputs (an import, a withdrawal, a boundary file) goes through
:func:`commit_inputs`. A folder that does not exist or is empty is first made a data folder
(``etl.imports.data_folder``); one that holds other things is refused. Then, under one writer
lock, it:

1. writes a journal holding the current bytes of every path it will touch;
2. applies the changes (each file written beside its target, then renamed over it);
3. rebuilds the warehouse (which swaps in atomically, see ``etl.pipeline``), under a
   :class:`etl.reports.locks.LockGuard`: a change that would move a locked period's figures
   fails the build (``refused_lock_moved``) unless the guard was given an administrator's
   override; the guard records the locks' fingerprints in ``locks.csv`` (journalled too);
4. deletes the journal: this is the commit point.

If the build fails the journal is replayed at once (the old warehouse was never swapped out).
If the process is killed, the next writer finds the journal, puts the old bytes back and
rebuilds, so the warehouse and the data folder always agree with one another.

A change started for someone (``started_by``: an import of reports) is audited when its journal
is written (``import_started``), so an import that dies is on the trail too; the journal keeps
who started what and when, and the writer that rolls a dead change back records it
(``import_rolled_back``: whose change, which files were put back). A change that fails in its
own process is audited by its caller (``upload_refused``).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from etl import pipeline
from etl.access import audit
from etl.config import Settings
from etl.imports.data_folder import prepare_data_folder
from etl.reports.locks import LockGuard

JOURNAL_NAME = ".journal.json"
LOCK_NAME = ".writer.lock"


def commit_inputs(
    settings: Settings, changes: Mapping[Path, bytes | None], *, guard: LockGuard | None = None
) -> pipeline.BuildResult:
    """Apply ``changes`` (path → new bytes, or ``None`` to delete) and rebuild, atomically.

    Paths must lie inside ``settings.data_dir``. ``guard`` (default: no override) keeps the
    locked periods' figures put. Raises whatever the build raised (``roles.Refused`` for a
    locked period moved), after restoring the data folder and the warehouse as they were.
    """
    result = _commit(settings, lambda: changes, build_always=True, guard=guard)
    assert result is not None  # build_always
    return result


def commit_with(
    settings: Settings,
    plan: Callable[[], Mapping[Path, bytes | None]],
    build: Callable[..., pipeline.BuildResult] | None = None,
    *,
    guard: LockGuard | None = None,
    started_by: str | None = None,
    what: str = "",
) -> pipeline.BuildResult | None:
    """Like :func:`commit_inputs`, with the changes worked out by ``plan()`` under the lock.

    Use it when the changes depend on what the data folder holds (a ledger to append to), so
    two writers cannot both plan from the same state. No changes: nothing is built (None).
    ``build`` (default :func:`etl.pipeline.build`) rebuilds after the changes, passing on the
    ``check`` it is given (the lock guard's); whatever it raises undoes them. With
    ``started_by`` (a user name), the start is audited as ``import_started`` of ``what``.
    """
    started = None if started_by is None else {"actor": started_by, "what": what}
    return _commit(settings, plan, build_always=False, build=build, guard=guard, started=started)


def _commit(
    settings: Settings,
    plan: Callable[[], Mapping[Path, bytes | None]],
    *,
    build_always: bool,
    build: Callable[..., pipeline.BuildResult] | None = None,
    guard: LockGuard | None = None,
    started: dict[str, str] | None = None,
) -> pipeline.BuildResult | None:
    prepare_data_folder(settings)  # the first change to a new, empty folder makes it one
    guard = guard or LockGuard()
    with writer_lock(settings):
        _recover(settings)
        changes = plan()
        if not changes and not build_always:
            return None
        targets = {_inside(settings.data_dir, path): data for path, data in changes.items()}
        locks_file = _inside(settings.data_dir, Path(settings.locks_path.name))
        guard.start(settings)
        journal = settings.data_dir / JOURNAL_NAME
        before = {str(p): _encode(p.read_bytes() if p.exists() else None)
                  for p in {**targets, locks_file: None}}  # fmt: skip
        meta = {**(started or {}), "at": datetime.now(UTC).isoformat(timespec="seconds"),
                "files": sorted(_relative(settings, p) for p in targets)}  # fmt: skip
        _write_atomic(journal, json.dumps({"started": meta, "files": before}).encode())
        if started is not None:
            audit.record(settings, started["actor"], "import_started", started["what"],
                         ", ".join(meta["files"]))  # fmt: skip

        def check(con: duckdb.DuckDBPyConnection) -> None:
            signed = guard.check(con, settings)
            if signed is not None:
                _write_atomic(locks_file, signed)

        try:
            for path, data in targets.items():
                _put(path, data)
            result = (build or pipeline.build)(settings, check=check)
        except BaseException:
            _restore(journal)  # the build failed, so the old warehouse was never swapped out
            journal.unlink()
            raise
        journal.unlink()
        return result


@contextmanager
def writer_lock(settings: Settings) -> Iterator[None]:
    """Hold the data folder's exclusive writer lock (waits for another writer to finish)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with (settings.data_dir / LOCK_NAME).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _recover(settings: Settings) -> None:
    """Undo an unfinished change left by a failed or killed writer, rebuild, and audit it
    (``import_rolled_back``: who started it, what, when, the files put back)."""
    journal = settings.data_dir / JOURNAL_NAME
    if not journal.exists():
        return
    started, files = _read_journal(journal)
    _restore(journal)
    pipeline.build(settings)
    journal.unlink()
    undone = started.get("files") or sorted(_relative(settings, Path(p)) for p in files)
    audit.record(settings, str(started.get("actor") or "system"), "import_rolled_back",
                 str(started.get("what") or ""),
                 f"started {started.get('at') or '?'}; put back: {', '.join(undone)}")  # fmt: skip


def _read_journal(journal: Path) -> tuple[dict, dict[str, str | None]]:
    """(who started the change, what and when; path → bytes before, base64), from a journal of
    this version or of one before it (a bare path → bytes mapping)."""
    found = json.loads(journal.read_text())
    if isinstance(found.get("files"), dict):
        return found.get("started") or {}, found["files"]
    return {}, found


def _restore(journal: Path) -> None:
    """Put back the bytes the journal holds, and drop the half-written copies a killed writer
    may have left beside them."""
    for name, encoded in _read_journal(journal)[1].items():
        _put(Path(name), _decode(encoded))
        _partial(Path(name)).unlink(missing_ok=True)
    _partial(journal).unlink(missing_ok=True)


def _partial(path: Path) -> Path:
    """Where :func:`_write_atomic` writes ``path`` before renaming it over it."""
    return path.with_name(path.name + ".partial")


def _relative(settings: Settings, path: Path) -> str:
    """``path`` as named inside the data folder (``activities/S0002_…csv``)."""
    try:
        return path.relative_to(settings.data_dir.resolve()).as_posix()
    except ValueError:
        return path.name


def _put(path: Path, data: bytes | None) -> None:
    if data is None:
        path.unlink(missing_ok=True)
    else:
        _write_atomic(path, data)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(path)
    with partial.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def _inside(root: Path, path: Path) -> Path:
    resolved = (root / path).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ValueError(f"path must lie inside the data folder {root}, got {path}")
    return resolved


def _encode(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _decode(text: str | None) -> bytes | None:
    return None if text is None else base64.b64decode(text)
