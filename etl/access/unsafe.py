"""The guard's limits and refusal (``etl.access.upload_safety`` and its scanners), and how a
file is named in a message: its last component only, shortened, never a server path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from etl.config import Settings
from etl.present.errors import BrokenInput
from etl.present.i18n import t
from etl.reports.privacy import mask_name

_SHOWN_CHARS = 60
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What the guard accepts; defaults are those of :class:`etl.config.Settings`."""

    max_bytes: int = Settings.max_file_mb * MB
    max_unzipped_bytes: int = Settings.max_unzipped_mb * MB
    max_ratio: int = Settings.max_zip_ratio
    max_entries: int = Settings.max_zip_entries
    max_rows: int = Settings.max_rows
    max_columns: int = Settings.max_columns
    max_cell_chars: int = Settings.max_cell_chars
    max_name_chars: int = Settings.max_name_chars

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        """The limits ``settings`` sets."""
        return cls(
            max_bytes=settings.max_file_mb * MB,
            max_unzipped_bytes=settings.max_unzipped_mb * MB,
            max_ratio=settings.max_zip_ratio, max_entries=settings.max_zip_entries,
            max_rows=settings.max_rows, max_columns=settings.max_columns,
            max_cell_chars=settings.max_cell_chars, max_name_chars=settings.max_name_chars,
        )  # fmt: skip


class UnsafeFile(BrokenInput):
    """A file refused before it is parsed: ``reason`` (= ``key``) is a catalogue key, ``fields``
    fill it, ``fields["file"]`` names the file. Its :meth:`text` says which file and why."""

    def __init__(self, reason: str, **fields: object) -> None:
        fields.setdefault("file", "")
        super().__init__(reason, **fields)
        self.reason = reason

    def text(self, lang: str = "vi") -> str:
        """``Tệp X bị từ chối: <why and what to do>`` in ``lang``."""
        reason = t(self.key, lang, **self.fields)
        return t("upload_refused_file", lang, file=self.fields.get("file", ""), reason=reason)


def shown_name(name: str) -> str:
    """``name``'s last component, shortened to about 60 characters, with control and hidden
    direction characters replaced and phone or ID numbers masked: what a message may show of a
    file's name."""
    base = mask_name(PureWindowsPath(PurePosixPath(str(name)).name).name)
    base = "".join("?" if not ch.isprintable() or ch in "\u202a\u202b\u202c\u202d\u202e"
                   "\u2066\u2067\u2068\u2069\u200e\u200f" else ch for ch in base)  # fmt: skip
    return base if len(base) <= _SHOWN_CHARS else base[: _SHOWN_CHARS - 1] + "…"
