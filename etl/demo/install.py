"""Put the generated sample into a data folder through the real imports.

The village and school lists go through :func:`etl.places_import.import_place_list` (what
``python -m etl villages import`` and ``schools import`` run), so the data folder holds exactly
what those imports store. The reports replace the old ``MAU_`` reports in one journalled change
(:func:`etl.inputs.commit_inputs`), which rebuilds the warehouse.

A data folder that holds anything that is not sample data (a list or a report whose file name
does not start with ``MAU_``) is refused: the sample never overwrites a district's own data.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from etl import inputs
from etl.config import Settings
from etl.demo.generate import ACTIVITIES_DIR, DemoSample
from etl.places import PLACES_DIR
from etl.places_import import import_place_list

SAMPLE_PREFIX = "MAU_"
LIST_KINDS = ("villages", "schools")


def install_sample(settings: Settings, sample: DemoSample) -> None:
    """Load ``sample`` into ``settings.data_dir`` (lists imported, reports replaced, rebuilt).

    Raises ``ValueError`` naming the files that are not sample data, before changing anything,
    and ``RuntimeError`` if the import refuses a generated list (a generator bug).
    """
    real = not_sample_files(settings.data_dir)
    if real:
        raise ValueError(f"data folder holds data that is not a sample: {', '.join(real)}")
    with tempfile.TemporaryDirectory(prefix="chodon-demo-") as folder:
        for kind in LIST_KINDS:
            relative = next(p for p in sample.files if p.startswith(f"{PLACES_DIR}/{kind}/"))
            path = Path(folder) / Path(relative).name
            path.write_bytes(sample.files[relative])
            result = import_place_list(settings, path, kind)
            if not result.stored:
                details = "; ".join(p.text("en") for p in result.problems[:5])
                raise RuntimeError(f"the {kind} import refused {path.name}: {details}")
    inputs.commit_inputs(settings, report_changes(settings.data_dir, sample))


def report_changes(data_dir: Path, sample: DemoSample) -> dict[Path, bytes | None]:
    """The sample's reports, plus deletions of ``MAU_`` reports it no longer has."""
    changes: dict[Path, bytes | None] = {
        Path(p): data for p, data in sample.files.items() if p.startswith(f"{ACTIVITIES_DIR}/")
    }
    for path in sorted((data_dir / ACTIVITIES_DIR).glob(f"{SAMPLE_PREFIX}*")):
        changes.setdefault(path.relative_to(data_dir), None)
    return changes


def not_sample_files(data_dir: Path) -> list[str]:
    """Files in the report and list folders whose names do not mark them as samples."""
    folders = [data_dir / ACTIVITIES_DIR, *(data_dir / PLACES_DIR / k for k in LIST_KINDS)]
    return [
        str(path.relative_to(data_dir))
        for folder in folders
        for path in sorted(folder.glob("*"))
        if path.is_file() and not path.name.startswith((SAMPLE_PREFIX, "."))
    ]
