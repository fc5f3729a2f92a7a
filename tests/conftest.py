"""Shared fixtures: a warehouse built by the real pipeline from small fixture files."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from etl import pipeline
from etl.config import Settings
from etl.demo.generate import DEFAULT_SEED, DemoSample, generate_district
from etl.geography import gazetteer
from etl.geography.schematic import SCHEMATIC_FILE, write_schematic

FIXTURES = Path(__file__).with_name("fixtures")
SHARED_REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


def make_data_dir(root: Path, activity_files: list[Path]) -> Settings:
    """A data folder with the schematic boundaries and the given reports, and its settings."""
    data = root / "data"
    (data / "activities").mkdir(parents=True)
    write_schematic(gazetteer.extract_communes_2020(), data / "boundaries" / SCHEMATIC_FILE)
    for path in activity_files:
        shutil.copy(path, data / "activities" / path.name)
    return Settings.from_env({}, data_dir=data)


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a warehouse built from ``tests/fixtures/activities``."""
    root = tmp_path_factory.mktemp("warehouse")
    settings = make_data_dir(root, sorted((FIXTURES / "activities").iterdir()))
    pipeline.build(settings)
    return settings


REPORTS = FIXTURES / "reports"


@pytest.fixture(scope="session")
def places_template(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A built data folder with the fixture villages and schools imported, and no reports."""
    from etl.cli import main

    settings = make_data_dir(tmp_path_factory.mktemp("places"), [])
    folder = ["--data-dir", str(settings.data_dir)]
    assert (
        main([*folder, "villages", "import", str(FIXTURES / "places" / "villages_cho_don.csv")])
        == 0
    )
    assert (
        main([*folder, "schools", "import", str(FIXTURES / "places" / "schools_cho_don.xlsx")]) == 0
    )
    return settings


@pytest.fixture
def places_data(places_template: Settings, tmp_path: Path) -> Settings:
    """A fresh copy of ``places_template`` (data folder and warehouse) for one test to change."""
    target = tmp_path / "data"
    shutil.copytree(places_template.data_dir, target)
    return Settings.from_env({}, data_dir=target)


@pytest.fixture
def fresh_data(places_data: Settings) -> Settings:
    """``places_data`` with an empty audit trail (the setup's own list imports are audited)."""
    (places_data.data_dir / "audit.jsonl").unlink(missing_ok=True)
    return places_data


@pytest.fixture(scope="session")
def demo_sample() -> DemoSample:
    """The committed sample as the generator makes it (default seed)."""
    return generate_district(DEFAULT_SEED)


DASHBOARD = FIXTURES / "dashboard"
DASHBOARD_AS_OF = "2025-01-15"


@pytest.fixture(scope="session")
def dashboard_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the dashboard's warehouse (``tests/fixtures/dashboard``): 7 villages and 3
    schools in three communes, Nam Cường's report for 2024-Q3 and Xuân Lạc's for 2024-Q4,
    built with "today" = 2025-01-15. Both lists go in with one ``commit_inputs``, as an import
    stores them."""
    from etl.geography import places
    from etl.imports import journal

    root = tmp_path_factory.mktemp("dashboard")
    made = make_data_dir(root, sorted(DASHBOARD.glob("ubnd_xa_*.csv")))
    settings = Settings.from_env({}, data_dir=made.data_dir, as_of=DASHBOARD_AS_OF)
    changes: dict[Path, bytes | None] = {}
    for kind in ("villages", "schools"):
        path = DASHBOARD / f"{kind}.csv"
        assert places.prepare_places(path, kind)[1] == []
        changes[Path(places.PLACES_DIR) / kind / path.name] = path.read_bytes()
    journal.commit_inputs(settings, changes)
    return settings


DEMO_AS_OF = "2026-01-15"


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a warehouse built from the committed sample (``data/``, read only) into a
    temporary file, with "today" = 2026-01-15 (the year 2025 has ended)."""
    from etl.config import REPO_ROOT

    db_path = tmp_path_factory.mktemp("demo") / "warehouse.duckdb"
    settings = Settings.from_env({}, data_dir=REPO_ROOT / "data", db_path=db_path, as_of=DEMO_AS_OF)
    pipeline.build(settings)
    return settings


def rewrite_xlsx_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook ``data`` with its zip member ``part`` (e.g. ``xl/worksheets/sheet1.xml``)
    replaced by ``change(its bytes)``: how a test writes what openpyxl never would (inline
    strings, formulas with cached values, a stale ``<dimension>``)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = source.read(info)
            target.writestr(info, change(member) if info.filename == part else member)
    return out.getvalue()
