"""Session ids never reach the server log: a filter on Streamlit's loggers that replaces every
id-shaped string (Streamlit's session ids are UUIDs) before the line is written.

Streamlit logs a session id when a tab reconnects (``Session with id … is already connected!``
in ``streamlit.runtime.websocket_session_manager``, a warning, so on by default) and in a few
debug lines; anyone reading the log could replay it. Streamlit gives each module its own logger
(``streamlit.logger.get_logger``, not propagating), so the filter goes on each of them; app.py
calls :func:`install` on every run, which also covers loggers made since.
"""

from __future__ import annotations

import logging
import re

from streamlit import logger as streamlit_logger

SESSION_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
REDACTED = "<session id>"


class RedactSessionIds(logging.Filter):
    """Rewrites a record whose message holds a session id; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if SESSION_ID.search(message):
            record.msg, record.args = SESSION_ID.sub(REDACTED, message), ()
        return True


_FILTER = RedactSessionIds()


def install() -> None:
    """Put the filter on every Streamlit logger (and the server's), once each."""
    names = [*streamlit_logger._loggers, "streamlit", "uvicorn", "uvicorn.error", "uvicorn.access"]
    for name in names:
        target = logging.getLogger(name)
        if _FILTER not in target.filters:
            target.addFilter(_FILTER)
