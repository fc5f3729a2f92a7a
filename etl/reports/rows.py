"""Read the reports of a build into one table, ``report_rows``: each row below a report's
header, as text, with the report's number in the build (``receipt_no``) and its row number.

Files a build read before come from the cache (``etl.reports.cache``); the others are read
with ``etl.reports.header.read_report``. ``etl.reports.intake`` checks the rows.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import duckdb

from etl.present.i18n import t
from etl.reports.cache import ReportCache
from etl.reports.header import COLUMNS, HeaderNotFound, Layout, read_report
from etl.reports.ledger import Receipt
from etl.reports.submissions import ReportError
from etl.reports.template import HEADERS

log = logging.getLogger(__name__)


def read_files(
    con: duckdb.DuckDBPyConnection, receipts: Sequence[Receipt], cache: ReportCache | None
) -> list[Layout]:
    """Read every file into the temporary table ``report_rows`` (its rows with a
    ``receipt_no``); each file's cells are dropped once its rows are in. Files read by an
    earlier build come from ``cache`` (``etl.reports.cache``; none: every file is read), all in
    one statement.

    One table, not a view over every file: the checks scan it a dozen times, and a union of
    hundreds of views costs more to plan than the rows cost to read.
    """
    columns = ", ".join(f"{c} varchar" for c in COLUMNS)
    con.execute(
        "create or replace temp table report_rows "
        f"(receipt_no integer, source_row integer, {columns})"
    )
    layouts: list[Layout] = []
    cached: dict[int, tuple[str, str]] = {}  # receipt number → (entry key, its rows' Parquet)
    for number, receipt in enumerate(receipts):
        key = _key(cache, receipt) if cache is not None else None
        layout = cache.layout(key) if cache is not None and key is not None else None
        if layout is not None and cache is not None and key is not None:
            cached[number] = (key, str(cache.rows_path(key)))
        else:
            layout = _read_file(con, number, receipt, cache, key)
        layouts.append(layout)
    if cache is not None and cached and not _insert_cached(con, cache, cached):
        for number, (key, _) in cached.items():  # read the files, cache them anew
            layouts[number] = _read_file(con, number, receipts[number], cache, key)
    return layouts


def _insert_cached(
    con: duckdb.DuckDBPyConnection, cache: ReportCache, cached: dict[int, tuple[str, str]]
) -> bool:
    """Insert the cached rows of ``cached`` (receipt number → (key, Parquet path)); False (and
    nothing inserted) when an entry is spoilt or holds other than the rows it recorded."""
    expected = [cache.row_count(key) for key, _ in cached.values()]
    numbers, paths = list(cached), [path for _, path in cached.values()]
    try:
        con.execute("begin transaction")
        con.execute(
            "insert into report_rows select files.receipt_no, rows.* exclude (filename) "
            "from read_parquet($distinct_paths, filename = true) as rows "
            "inner join (select unnest($numbers) as receipt_no, unnest($paths) as filename) "
            "as files using (filename)",
            {"distinct_paths": list(dict.fromkeys(paths)), "numbers": numbers, "paths": paths},
        )
        found = dict(con.execute(
            "select receipt_no, count(*) from report_rows "
            "where list_contains($numbers, receipt_no) group by receipt_no",
            {"numbers": numbers},
        ).fetchall())  # fmt: skip
        if [found.get(number, 0) for number in numbers] != expected:
            raise ValueError(f"rows found {found}, recorded {expected}")
        con.execute("commit")
        return True
    except (duckdb.InterruptException, duckdb.OutOfMemoryException):
        con.execute("rollback")
        raise
    except (duckdb.Error, ValueError) as error:
        con.execute("rollback")
        log.warning("report cache unreadable, reading the files again: %s", error)
        return False


def _key(cache: ReportCache, receipt: Receipt) -> str:
    try:
        return cache.key(receipt.sha256, receipt.path)
    except FileNotFoundError as error:
        raise ReportError("file_missing", file=receipt.file_name) from error
    except HeaderNotFound as error:
        raise _header_missing(receipt.file_name, error) from error


def _read_file(
    con: duckdb.DuckDBPyConnection,
    number: int,
    receipt: Receipt,
    cache: ReportCache | None,
    key: str | None,
) -> Layout:
    """Read one file's rows into ``report_rows``; cache them if a build read it before."""
    name = f"report_{number}"
    try:
        layout = read_report(con, receipt.path, name)
    except FileNotFoundError as error:
        raise ReportError("file_missing", file=receipt.file_name) from error
    except HeaderNotFound as error:
        raise _header_missing(receipt.file_name, error) from error
    except ValueError as error:
        raise ReportError("file_unreadable", file=receipt.file_name, detail=str(error)) from error
    con.execute(f"insert into report_rows select {number}, * from {name}")
    if cache is not None and key is not None:
        if cache.seen(key):
            cache.store(con, name, key, layout)
        else:
            cache.mark(key)
    con.execute(f"drop view {name}")
    con.execute(f"drop table {name}_cells")
    log.info("read %s", receipt.file_name)
    return layout


def _header_missing(file_name: str, error: HeaderNotFound) -> ReportError:
    """The refusal of a file whose header lacks a required column: the columns missing, and
    the headers of its nearest row with what each was read as."""
    template = dict(zip(COLUMNS, HEADERS, strict=True))  # the template's header of each column
    missing = ", ".join(f"“{template[c]}”" for c in error.missing)
    found = {
        lang: "; ".join(
            f"“{header}” → "
            + (f"“{template[column]}”" if column else t("header_not_understood", lang))
            for header, column in error.headers
        )
        or t("header_none_found", lang)
        for lang in ("vi", "en")
    }
    return ReportError("file_header_missing", file=file_name, missing=missing, row=error.row,
                       found_vi=found["vi"], found_en=found["en"])  # fmt: skip
