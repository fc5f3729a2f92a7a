"""Errors told to people from the message catalogue: :class:`Told`, the one rule (a message
key, its fields, the text in either language) that refusals of an action
(``etl.access.roles.Refused``), of a report file (``etl.reports.submissions.ReportError``)
and of an input share; and the typed errors for inputs a command needs and cannot use:
missing, or there but broken.

Each input error is raised where the problem is known, with a message key of
``etl/present/messages.toml`` whose text says what is missing and the command that adds it. The
command line's one entry (``etl.cli.main``) prints that text and exits non-zero; a bug (any
other exception) still ends in a traceback, so it is seen. They subclass the built-in errors
that callers already catch (``FileNotFoundError``, ``ValueError``), so existing handlers keep
working.
"""

from __future__ import annotations

from etl.present.i18n import t


class Told(Exception):
    """An error whose message is for people: ``key`` names it in the catalogue, ``fields``
    fill it; ``str()`` gives both languages (``vi / en``)."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key, self.fields = key, fields
        super().__init__(f"{t(key, 'vi', **fields)} / {t(key, 'en', **fields)}")

    def text(self, lang: str = "vi") -> str:
        """The message in one language."""
        return t(self.key, lang, **self.fields)


class InputError(Told):
    """An input that is missing or broken."""


class MissingInput(InputError, FileNotFoundError):
    """A file or folder a command needs does not exist."""


class BrokenInput(InputError, ValueError):
    """A file exists but cannot be read as what it should be."""
