"""Typed errors for inputs a command needs and cannot use: missing, or there but broken.

Each is raised where the problem is known, with a message key of ``etl/present/messages.toml``
whose text says what is missing and the command that adds it. The command line's one entry
(``etl.cli.main``) prints that text and exits non-zero; a bug (any other exception) still
ends in a traceback, so it is seen. They subclass the built-in errors that callers already
catch (``FileNotFoundError``, ``ValueError``), so existing handlers keep working.
"""

from __future__ import annotations

from etl.present.i18n import t


class InputError(Exception):
    """An input that is missing or broken; ``key`` names its message, ``fields`` fill it."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key, self.fields = key, fields
        super().__init__(f"{t(key, 'vi', **fields)} / {t(key, 'en', **fields)}")

    def text(self, lang: str = "vi") -> str:
        """The message in one language."""
        return t(self.key, lang, **self.fields)


class MissingInput(InputError, FileNotFoundError):
    """A file or folder a command needs does not exist."""


class BrokenInput(InputError, ValueError):
    """A file exists but cannot be read as what it should be."""
