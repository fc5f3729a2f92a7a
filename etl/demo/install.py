"""Put the generated sample into a data folder through the real imports.

1. The old sample goes: its stored reports and the ledger (one journalled change, rebuilt).
2. The village and school lists go through :func:`etl.imports.places.import_place_list`, what
   ``python -m etl villages import`` and ``schools import`` run.
3. The reports go through :func:`etl.imports.activities.import_reports`, what
   ``python -m etl activities import`` runs: receipts ``S0001``…, stored copies and the ledger.

So the data folder holds exactly what those imports produce. A data folder that holds anything
that is not sample data (a list, or a report as sent, whose file name does not start with
``MAU_``) is refused before anything changes: the sample never overwrites a district's own data.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from etl.config import Settings
from etl.demo.generate import ACTIVITIES_DIR, DemoSample
from etl.geography.places import PLACES_DIR
from etl.imports import journal
from etl.imports.activities import import_reports
from etl.imports.places import import_place_list
from etl.reports.ledger import read_ledger

SAMPLE_PREFIX = "MAU_"
LIST_KINDS = ("villages", "schools")


@dataclass(frozen=True)
class Installed:
    """What the imports did with the sample."""

    receipts: int  # report files taken as new receipts
    rows_loaded: int
    rows_rejected: int


def install_sample(settings: Settings, sample: DemoSample) -> Installed:
    """Load ``sample`` into ``settings.data_dir`` through the imports, replacing an old sample.

    Raises ``ValueError`` naming the files that are not sample data, before changing anything,
    and ``RuntimeError`` if an import refuses a generated list (a generator bug).
    """
    real = not_sample_files(settings)
    if real:
        raise ValueError(f"data folder holds data that is not a sample: {', '.join(real)}")
    old = _old_reports(settings)
    if old:
        journal.commit_inputs(settings, old)
    with tempfile.TemporaryDirectory(prefix="chodon-demo-") as folder:
        for kind in LIST_KINDS:
            result = import_place_list(
                settings, _put(folder, sample, f"{PLACES_DIR}/{kind}/"), kind
            )
            if not result.stored:
                details = "; ".join(p.text("en") for p in result.problems[:5])
                raise RuntimeError(f"the {kind} import refused the sample list: {details}")
        paths = [_put(folder, sample, report.path) for report in sample.reports]
        outcome = import_reports(settings, paths, received_at=sample.received_at)
    if outcome.con is None:
        raise RuntimeError("the reports import built no warehouse")
    try:
        loaded, rejected = outcome.con.execute(
            "select sum(rows_loaded), sum(rows_rejected) from stg_submissions"
        ).fetchone() or (0, 0)
    finally:
        outcome.con.close()
    new = sum(p.outcome == "new" for p in outcome.plans)
    return Installed(new, int(loaded or 0), int(rejected or 0))


def write_sample(folder: Path, sample: DemoSample) -> None:
    """Write the files of ``sample`` (paths relative to a data folder) under ``folder``, as they
    are: nothing is imported."""
    for relative, data in sample.files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def not_sample_files(settings: Settings) -> list[str]:
    """Reports (by the name they were sent under) and lists that are not marked as samples."""
    data = settings.data_dir
    reports = [r.file_name for r in read_ledger(settings).receipts] if data.exists() else []
    lists = [
        str(path.relative_to(data))
        for kind in LIST_KINDS
        for path in sorted((data / PLACES_DIR / kind).glob("*"))
        if path.is_file()
    ]
    named = [*(f"{ACTIVITIES_DIR}/{name}" for name in reports), *lists]
    return [name for name in named if not Path(name).name.startswith(SAMPLE_PREFIX)]


def _old_reports(settings: Settings) -> dict[Path, bytes | None]:
    """Deletions of every stored report and of the ledger (all sample, checked before)."""
    data = settings.data_dir
    old: dict[Path, bytes | None] = {
        path.relative_to(data): None
        for path in sorted(settings.activities_dir.glob("*"))
        if path.is_file()
    }
    if settings.ledger_path.exists():
        old[settings.ledger_path.relative_to(data)] = None
    return old


def _put(folder: str, sample: DemoSample, prefix: str) -> Path:
    """Write the sample file whose path starts with ``prefix`` into ``folder``; return it."""
    relative = next(p for p in sample.files if p.startswith(prefix))
    path = Path(folder) / Path(relative).name
    path.write_bytes(sample.files[relative])
    return path
