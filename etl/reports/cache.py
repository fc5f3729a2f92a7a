"""What the reader made of each report, kept beside the warehouse so a rebuild reads it once.

Every build reads every report the ledger names (``etl.reports.intake``), and all but the new ones
were read by an earlier build. Reading a report costs a handful of statements whatever its size
(grid, header search, column mapping), ~10 ms: a district's few hundred files a year would make
each import slower than the last. The cache keeps, per report, its rows below the header as
``etl.reports.header.read_report`` gives them (Parquet) and its :class:`~etl.reports.header.Layout`
(JSON).

An entry's key is a hash of the receipt's SHA-256, the stored file's name, size, inode and
modification and change times (the change time cannot be set back by copying tools), and a
fingerprint of the reader (:func:`reader_fingerprint`: its code, header lists, DuckDB and
Unicode versions): a file edited by hand, or a changed reader, never gets an old reading. A
file is cached the first time a build reads it again, so an import never pays to cache the
file it brings. A build writes its entries under temporary names and renames them
(:meth:`ReportCache.commit`) just before it swaps in its warehouse; a build that fails or is
killed before leaves no entry (an entry is a correct reading of its file whatever the build's
outcome). Once the warehouse is swapped in, :meth:`ReportCache.prune` deletes the entries the
build did not use (files gone from the folder, readings by an older reader); it never raises.
Builds run under the writer lock. An entry that cannot be read is skipped and the file read
(and cached) again; deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import unicodedata
from dataclasses import asdict
from functools import cache
from pathlib import Path

import duckdb

from etl.db import sql_literal
from etl.reports.grid import Source
from etl.reports.header import COLUMNS, LABELS_PATH, Layout
from etl.reports.header_meaning import HEADERS_PATH, RULES_PATH

log = logging.getLogger(__name__)

_READER_FILES = (
    "reports/header.py", "reports/header_meaning.py", "reports/grid.py", "names.py",
    "reports/cache.py",
)  # fmt: skip


class ReportCache:
    """The cache folder of one warehouse (``<warehouse file>.cache/reports``); a cache that is
    not ``writable`` (a dry run's) serves its entries and writes nothing."""

    def __init__(self, folder: Path, *, writable: bool = True) -> None:
        self.folder = folder
        self.writable = writable
        self._pending: list[tuple[Path, Path]] = []  # (written, final name)
        self._marks: list[Path] = []
        self._used: set[str] = set()  # keys this build looked up
        self._stored: set[str] = set()  # keys this build wrote an entry for

    @classmethod
    def beside(cls, db_path: Path, *, writable: bool = True) -> ReportCache:
        """The cache of the warehouse at ``db_path``."""
        return cls(db_path.with_name(db_path.name + ".cache") / "reports", writable=writable)

    def key(self, sha256: str, path: Path) -> str:
        """The entry key of the stored report ``path`` received with ``sha256``."""
        stat = path.stat()
        text = "|".join(map(str, (
            sha256, path.name, stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns,
            reader_fingerprint(),
        )))  # fmt: skip
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def layout(self, key: str) -> Layout | None:
        """The cached layout of entry ``key``, or None when there is no whole entry."""
        self._used.add(key)
        rows, meta, _ = self._paths(key)
        if not rows.exists() or not meta.exists():
            return None
        try:
            fields = json.loads(meta.read_text(encoding="utf-8"))
            fields["source"] = Source(**fields["source"])
            fields["title_text"] = tuple(fields["title_text"])
            fields["unused"] = tuple(tuple(pair) for pair in fields["unused"])
            fields.pop("rows")
            return Layout(**fields)
        except (OSError, ValueError, TypeError, KeyError) as error:
            log.warning("report cache entry %s unreadable, reading the file again: %s", key, error)
            return None

    def rows_path(self, key: str) -> Path:
        """The Parquet file of entry ``key``: ``source_row`` and the :data:`COLUMNS`."""
        return self._paths(key)[0]

    def row_count(self, key: str) -> int | None:
        """How many rows entry ``key`` holds (None when its record cannot be read)."""
        try:
            meta = json.loads(self._paths(key)[1].read_text(encoding="utf-8"))
            return int(meta["rows"])
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def seen(self, key: str) -> bool:
        """Whether a build read this file before (its first read leaves only a mark)."""
        return self._paths(key)[2].exists()

    def mark(self, key: str) -> None:
        """Note that a build read the file of entry ``key``."""
        if self.writable:
            self._marks.append(self._paths(key)[2])

    def store(self, con: duckdb.DuckDBPyConnection, view: str, key: str, layout: Layout) -> None:
        """Write the rows of ``view`` (as :func:`etl.reports.header.read_report` creates it) and
        ``layout`` as entry ``key``, kept when :meth:`commit` is called."""
        if not view.isidentifier():
            raise ValueError(f"view must be an identifier, got {view!r}")
        if not self.writable or key in self._stored:  # the same file twice in one build
            return
        self._stored.add(key)
        rows, meta, _ = self._paths(key)
        rows.parent.mkdir(parents=True, exist_ok=True)
        partial_rows = rows.with_name(rows.name + ".partial")
        partial_meta = meta.with_name(meta.name + ".partial")
        columns = ", ".join(("source_row", *COLUMNS))
        # COPY takes no bound file name: the path is this cache's own, quoted as a literal. It
        # answers with the number of rows written.
        target = sql_literal(str(partial_rows))
        (count,) = con.execute(
            f"copy (select {columns} from {view}) to {target} (format parquet)"
        ).fetchone() or (0,)
        fields = {**asdict(layout), "rows": int(count)}
        partial_meta.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
        self._pending += [(partial_rows, rows), (partial_meta, meta)]

    def commit(self) -> None:
        """Keep the entries and marks written since the last commit (call it when the build
        has succeeded, before its warehouse is swapped in)."""
        if not self.writable:
            return
        for written, final in self._pending:
            os.replace(written, final)
        for mark in self._marks:
            mark.parent.mkdir(parents=True, exist_ok=True)
            mark.touch()
        self._pending, self._marks, self._stored = [], [], set()

    def prune(self) -> None:
        """Delete the entries and marks of keys this build did not look up. Never raises: the
        cache is an aid, and the warehouse is already swapped in when this runs."""
        if not self.writable or not self.folder.exists():
            return
        try:
            for path in self.folder.glob("*/*"):
                if path.name.split(".")[0] not in self._used:
                    path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("report cache not pruned: %s", error)
        self._used = set()

    def discard(self) -> None:
        """Drop the entries and marks written since the last commit (the build failed)."""
        for written, _ in self._pending:
            written.unlink(missing_ok=True)
        self._pending, self._marks, self._stored, self._used = [], [], set(), set()

    def _paths(self, key: str) -> tuple[Path, Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".parquet"), base.with_suffix(".json"), base.with_suffix(".seen")


@cache
def reader_fingerprint() -> str:
    """A hash of what decides what a report reads as: the reading code, the header lists, the
    DuckDB version (its readers make the cells' text) and the Unicode version."""
    digest = hashlib.sha256(f"{duckdb.__version__}|{unicodedata.unidata_version}".encode())
    here = Path(__file__).parent.parent
    for path in (*(here / name for name in _READER_FILES), HEADERS_PATH, RULES_PATH, LABELS_PATH):
        digest.update(path.read_bytes())
    return digest.hexdigest()
