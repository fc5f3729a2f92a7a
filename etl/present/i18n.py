"""The one text catalogue: every UI and report message, Vietnamese first, English second.

Messages live in ``etl/present/messages.toml`` as ``[key]`` tables with ``vi`` and ``en`` strings,
which may hold ``{name}`` fields filled from keyword arguments.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

MESSAGES_PATH = Path(__file__).with_name("messages.toml")
LANGUAGES = ("vi", "en")


def t(key: str, lang: str = "vi", **fields: object) -> str:
    """Return message ``key`` in ``lang`` with ``fields`` filled in."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    try:
        template = catalogue()[key][lang]
    except KeyError:
        raise KeyError(f"message {key!r} is not in {MESSAGES_PATH.name}") from None
    return template.format(**fields) if fields else template


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All messages, keyed by message key then language."""
    with MESSAGES_PATH.open("rb") as handle:
        return tomllib.load(handle)
