"""Any failure as a message for people: the one rule the command line (``etl.cli.main``) and the
upload page (``etl.imports.uploads.run_staged``) share, so no traceback or server path reaches a
user.

- A refusal or an input error (:class:`etl.present.errors.Told`) is its own message.
- The disk full (``ENOSPC``, also inside a DuckDB error), a permission denied, a file not found,
  another ``OSError``, memory exhausted, an interruption: a message of its own saying what to do,
  naming a file by its last component only.
- Anything else is a bug: a message with a short reference, and the traceback is logged with
  that reference through ``logging`` (logger ``etl.failures``, not propagated, so it never
  reaches the terminal or the page) to ``logs/etl.log`` in the data folder, or, when there is
  no data folder yet, to ``chodon-etl.log`` in the system's temporary folder. The message names
  the log that way, never by its absolute path.
"""

from __future__ import annotations

import errno
import logging
import tempfile
import uuid
from pathlib import Path

from etl.access.unsafe import shown_name
from etl.present.errors import Told
from etl.present.i18n import t

LOG_NAME = Path("logs") / "etl.log"
TEMP_LOG_NAME = "chodon-etl.log"
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)
_log = logging.getLogger("etl.failures")
_log.propagate = False
_handlers: dict[Path, logging.Handler] = {}


class Unexpected(Told):
    """A bug, told as a reference to look up in the server log."""

    def text(self, lang: str = "vi") -> str:
        """The message in one language, naming the log in that language."""
        log = t(str(self.fields["log_key"]), lang)
        return t(self.key, lang, ref=self.fields["ref"], log=log)


def explain(error: BaseException, data_dir: Path | None = None) -> Told:
    """The message for ``error``; a bug is logged (with its traceback) under the data folder
    ``data_dir`` first."""
    if isinstance(error, Told):
        return error
    if _disk_full(error):
        return Told("failure_disk_full")
    if isinstance(error, MemoryError):
        return Told("failure_memory")
    if isinstance(error, KeyboardInterrupt):
        return Told("failure_interrupted")
    if isinstance(error, OSError) and error.errno is not None:
        file = shown_name(str(error.filename)) if error.filename else "?"
        if isinstance(error, PermissionError) or error.errno in _PERMISSION:
            return Told("failure_permission", file=file)
        if isinstance(error, FileNotFoundError):
            return Told("failure_not_found", file=file)
        return Told("failure_os", file=file, code=errno.errorcode.get(error.errno, error.errno))
    return _unexpected(error, data_dir)


def _disk_full(error: BaseException) -> bool:
    seen: BaseException | None = error
    for _ in range(10):  # the chain of causes, bounded
        if seen is None:
            return False
        if isinstance(seen, OSError) and seen.errno in _DISK_FULL:
            return True
        if "No space left on device" in str(seen):  # DuckDB's IOException says it so
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _unexpected(error: BaseException, data_dir: Path | None) -> Told:
    ref = uuid.uuid4().hex[:8]
    log_key = "failure_log_temp"
    path = Path(tempfile.gettempdir()) / TEMP_LOG_NAME
    if data_dir is not None and data_dir.is_dir():
        log_key, path = "failure_log_data", data_dir / LOG_NAME
    handler = _handler(path)
    if handler is None and log_key == "failure_log_data":
        log_key, path = "failure_log_temp", Path(tempfile.gettempdir()) / TEMP_LOG_NAME
        handler = _handler(path)
    if handler is not None:
        _log.error("unexpected error %s", ref, exc_info=(type(error), error, error.__traceback__))
        handler.flush()
    return Unexpected("failure_unexpected", ref=ref, log="", log_key=log_key)


def _handler(path: Path) -> logging.Handler | None:
    """The log file's handler, added once; None when the file cannot be opened."""
    if path in _handlers:
        return _handlers[path]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    for old in list(_handlers.values()):  # one log at a time: the latest data folder's
        _log.removeHandler(old)
        old.close()
    _handlers.clear()
    _handlers[path] = handler
    _log.addHandler(handler)
    _log.setLevel(logging.ERROR)
    return handler
