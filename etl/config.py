"""Settings: the only place paths and settings are built.

Each setting has one default (relative to the repository) and one environment variable
(:data:`ENVIRONMENT`); the README's settings table lists them all, and a test checks it does:

- ``data_dir`` (``CHODON_DATA_DIR``, default ``<repo>/data``): inputs: boundaries, reports, lists.
- ``db_path`` (``CHODON_DB``, default ``<data_dir>/warehouse.duckdb``): the DuckDB warehouse.
- ``earliest_activity_date`` (``CHODON_EARLIEST_DATE``, default ``2020-01-01``): report rows
  dated before it are rejected as typing mistakes.
- ``as_of`` (``CHODON_AS_OF``, ``YYYY-MM-DD``, default: the day of the build): "today" for
  periods that have not ended, which recency ("days since the last direct activity") counts to.
- ``require_login`` (``CHODON_REQUIRE_LOGIN``, default off): when ``1``/``true``/``yes``, the
  dashboard shows nothing until someone logs in; when off, viewing is open and only uploads,
  withdrawals, reference data and the audit trail need a login.
- ``report_recipient`` (``CHODON_REPORT_RECIPIENT``, default :data:`REPORT_RECIPIENT`): who the
  yearly Decision 830 report is addressed to ("Kính gửi: …" in ``python -m etl export report``).
- ``report_issuer`` (``CHODON_REPORT_ISSUER``), ``report_recipients`` (``CHODON_REPORT_RECIPIENTS``,
  names separated by ``;``), ``report_signer_title`` and ``report_signer_name``
  (``CHODON_REPORT_SIGNER_TITLE``, ``CHODON_REPORT_SIGNER_NAME``): the issuing body in the
  report's header, its "Nơi nhận" list and who signs it. Unset (empty), the report uses the
  default that fits the period (``etl.export.report.report_header``): the district People's
  Committee before the 2025 reform; after it, a marked placeholder to be set.

- Limits of the file guard (``etl.access.upload_safety``), for every file that comes in (the
  upload page, ``python -m etl activities import``, village, school and boundary lists), each a
  whole number: ``max_file_mb`` (``CHODON_MAX_FILE_MB``, 20: a file's size; the upload page's
  own limit is ``maxUploadSize`` in ``.streamlit/config.toml``), ``max_unzipped_mb``
  (``CHODON_MAX_UNZIPPED_MB``, 100: an archive's contents once unpacked, real bytes counted),
  ``max_zip_ratio`` (``CHODON_MAX_ZIP_RATIO``, 100: unpacked size over file size),
  ``max_zip_entries`` (``CHODON_MAX_ZIP_ENTRIES``, 1000: parts of an archive), ``max_rows``
  (``CHODON_MAX_ROWS``, 1,000,000: rows of a sheet or CSV, Excel's own limit is 1,048,576),
  ``max_columns`` (``CHODON_MAX_COLUMNS``, 1000), ``max_cell_chars`` (``CHODON_MAX_CELL_CHARS``,
  32,767: Excel's own limit for a cell) and ``max_name_chars`` (``CHODON_MAX_NAME_CHARS``, 200:
  a file name).
- ``session_idle_minutes`` (``CHODON_SESSION_IDLE_MINUTES``, default 120) and
  ``session_max_hours`` (``CHODON_SESSION_MAX_HOURS``, default 12): a signed-in browser is
  signed out after that long without a click, and that long after its login in any case.
- ``trusted_proxy_header`` (``CHODON_TRUSTED_PROXY_HEADER``, default unset): behind a reverse
  proxy that you trust, the request header (``X-Forwarded-For``, ``X-Real-IP``) whose last entry
  is the client's address, which login throttling counts per source; unset, the address of the
  connection itself (a header can be typed by anyone when there is no proxy to overwrite it).

Synthetic benchmark data (``python -m etl demo --scale …``) goes to ``<repo>/benchmarks/out``
(gitignored) unless told otherwise: :data:`BENCHMARK_OUT_DIR`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.present.errors import BrokenInput

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_DATA_DIR = "CHODON_DATA_DIR"
ENV_DB = "CHODON_DB"
ENV_EARLIEST_DATE = "CHODON_EARLIEST_DATE"
ENV_REQUIRE_LOGIN = "CHODON_REQUIRE_LOGIN"
ENV_REPORT_RECIPIENT = "CHODON_REPORT_RECIPIENT"
ENV_REPORT_ISSUER = "CHODON_REPORT_ISSUER"
ENV_REPORT_RECIPIENTS = "CHODON_REPORT_RECIPIENTS"
ENV_REPORT_SIGNER_TITLE = "CHODON_REPORT_SIGNER_TITLE"
ENV_REPORT_SIGNER_NAME = "CHODON_REPORT_SIGNER_NAME"
# Decision 830/QĐ-TTg is led by the ministry in charge of information and communications: the
# district's 2024 letter names Bộ Thông tin và Truyền thông, which merged into the Ministry of
# Science and Technology on 2025-03-01.
REPORT_RECIPIENT = "Bộ Khoa học và Công nghệ"
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")
EARLIEST_ACTIVITY_DATE = date(2020, 1, 1)
ENV_AS_OF = "CHODON_AS_OF"
ENV_MAX_FILE_MB = "CHODON_MAX_FILE_MB"
ENV_MAX_UNZIPPED_MB = "CHODON_MAX_UNZIPPED_MB"
ENV_MAX_ZIP_RATIO = "CHODON_MAX_ZIP_RATIO"
ENV_MAX_ZIP_ENTRIES = "CHODON_MAX_ZIP_ENTRIES"
ENV_MAX_ROWS = "CHODON_MAX_ROWS"
ENV_MAX_COLUMNS = "CHODON_MAX_COLUMNS"
ENV_MAX_CELL_CHARS = "CHODON_MAX_CELL_CHARS"
ENV_MAX_NAME_CHARS = "CHODON_MAX_NAME_CHARS"
ENV_SESSION_IDLE = "CHODON_SESSION_IDLE_MINUTES"
ENV_SESSION_MAX = "CHODON_SESSION_MAX_HOURS"
ENV_TRUSTED_PROXY_HEADER = "CHODON_TRUSTED_PROXY_HEADER"
SESSION_IDLE_MINUTES = 120
SESSION_MAX_HOURS = 12
WAREHOUSE_NAME = "warehouse.duckdb"  # the default warehouse file, in the data folder
# Each field of Settings and the environment variable that sets it.
ENVIRONMENT = {
    "data_dir": ENV_DATA_DIR,
    "db_path": ENV_DB,
    "earliest_activity_date": ENV_EARLIEST_DATE,
    "as_of": ENV_AS_OF,
    "require_login": ENV_REQUIRE_LOGIN,
    "report_recipient": ENV_REPORT_RECIPIENT,
    "report_issuer": ENV_REPORT_ISSUER,
    "report_recipients": ENV_REPORT_RECIPIENTS,
    "report_signer_title": ENV_REPORT_SIGNER_TITLE,
    "report_signer_name": ENV_REPORT_SIGNER_NAME,
    "max_file_mb": ENV_MAX_FILE_MB,
    "max_unzipped_mb": ENV_MAX_UNZIPPED_MB,
    "max_zip_ratio": ENV_MAX_ZIP_RATIO,
    "max_zip_entries": ENV_MAX_ZIP_ENTRIES,
    "max_rows": ENV_MAX_ROWS,
    "max_columns": ENV_MAX_COLUMNS,
    "max_cell_chars": ENV_MAX_CELL_CHARS,
    "max_name_chars": ENV_MAX_NAME_CHARS,
    "session_idle_minutes": ENV_SESSION_IDLE,
    "session_max_hours": ENV_SESSION_MAX,
    "trusted_proxy_header": ENV_TRUSTED_PROXY_HEADER,
}
_LIMITS = ("max_file_mb", "max_unzipped_mb", "max_zip_ratio", "max_zip_entries", "max_rows",
           "max_columns", "max_cell_chars", "max_name_chars")  # fmt: skip
_WHOLE = (*_LIMITS, "session_idle_minutes", "session_max_hours")
BENCHMARK_OUT_DIR = REPO_ROOT / "benchmarks" / "out"


@dataclass(frozen=True)
class Settings:
    """Where inputs are read from and where the warehouse is written."""

    data_dir: Path
    db_path: Path
    earliest_activity_date: date = EARLIEST_ACTIVITY_DATE
    as_of: date | None = None
    require_login: bool = False
    report_recipient: str = REPORT_RECIPIENT
    report_issuer: str = ""  # "": the default of the period (etl.export.report.report_header)
    report_recipients: tuple[str, ...] = ()
    report_signer_title: str = ""
    report_signer_name: str = ""
    max_file_mb: int = 20
    max_unzipped_mb: int = 100
    max_zip_ratio: int = 100
    max_zip_entries: int = 1000
    max_rows: int = 1_000_000
    max_columns: int = 1000
    max_cell_chars: int = 32_767
    max_name_chars: int = 200
    session_idle_minutes: int = SESSION_IDLE_MINUTES
    session_max_hours: int = SESSION_MAX_HOURS
    trusted_proxy_header: str = ""  # "": the connection's own address counts

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        data_dir: Path | str | None = None,
        db_path: Path | str | None = None,
        as_of: date | str | None = None,
    ) -> Settings:
        """Build settings: explicit arguments win over environment variables over defaults.

        A value that cannot be read raises ``BrokenInput`` (a ``ValueError``) naming the
        setting and what it must be.
        """
        env = os.environ if env is None else env
        data = Path(data_dir or env.get(ENV_DATA_DIR) or REPO_ROOT / "data").resolve()
        db = Path(db_path or env.get(ENV_DB) or data / WAREHOUSE_NAME).resolve()
        day = as_of or env.get(ENV_AS_OF) or None
        if isinstance(day, str):
            text = day
            try:
                day = date.fromisoformat(text)
            except ValueError:
                name = "as_of" if as_of else ENV_AS_OF
                raise _invalid(name, text, "a date like 2025-10-15") from None
        login = _flag(env.get(ENV_REQUIRE_LOGIN, ""), ENV_REQUIRE_LOGIN)
        recipient = env.get(ENV_REPORT_RECIPIENT, "").strip() or REPORT_RECIPIENT
        earliest = env.get(ENV_EARLIEST_DATE)
        try:
            first = EARLIEST_ACTIVITY_DATE if earliest is None else date.fromisoformat(earliest)
        except ValueError:
            raise _invalid(ENV_EARLIEST_DATE, earliest or "", "YYYY-MM-DD") from None
        return cls(
            data_dir=data, db_path=db, earliest_activity_date=first, as_of=day,
            require_login=login, report_recipient=recipient,
            report_issuer=env.get(ENV_REPORT_ISSUER, "").strip(),
            report_recipients=tuple(
                name.strip() for name in env.get(ENV_REPORT_RECIPIENTS, "").split(";")
                if name.strip()
            ),
            report_signer_title=env.get(ENV_REPORT_SIGNER_TITLE, "").strip(),
            report_signer_name=env.get(ENV_REPORT_SIGNER_NAME, "").strip(),
            **{name: _whole(env, name) for name in _WHOLE},
            trusted_proxy_header=env.get(ENV_TRUSTED_PROXY_HEADER, "").strip(),
        )  # fmt: skip

    def today(self) -> date:
        """The ``as_of`` day, or the real today when it is not set."""
        return self.as_of or date.today()

    @property
    def boundaries_dir(self) -> Path:
        """Boundary files: the schematic default or an imported official file."""
        return self.data_dir / "boundaries"

    @property
    def activities_dir(self) -> Path:
        """Unit activity reports as received."""
        return self.data_dir / "activities"

    @property
    def ledger_path(self) -> Path:
        """The submissions ledger: every report received, its unit, period and status."""
        return self.data_dir / "submissions.csv"

    @property
    def locks_path(self) -> Path:
        """Period locks: periods closed after a review meeting (``python -m etl periods``)."""
        return self.data_dir / "locks.csv"

    @property
    def name_choices_path(self) -> Path:
        """Reviewers' choices of a place for a name typed in reports (``python -m etl names``)."""
        return self.data_dir / "name_choices.csv"


def _flag(text: str, name: str) -> bool:
    value = text.strip().lower()
    if value not in _TRUE + _FALSE:
        raise _invalid(name, text, "one of " + ", ".join(_TRUE + _FALSE[1:]))
    return value in _TRUE


def _whole(env: Mapping[str, str], field: str) -> int:
    """The whole-number setting ``field`` from its environment variable, or its default."""
    name = ENVIRONMENT[field]
    text = env.get(name, "").strip()
    if not text:
        return int(getattr(Settings, field))
    if not text.isdigit() or int(text) <= 0:
        raise _invalid(name, text, "a whole number above 0")
    return int(text)


def _invalid(name: str, value: str, expected: str) -> BrokenInput:
    return BrokenInput("setting_invalid", name=name, value=value, expected=expected)
