"""A data folder: what makes one, and a new one made for a district's own data.

A data folder holds the commune boundaries (``boundaries/``), the village and school lists
(``places/``), the reports as received (``activities/``) and their ledger (``submissions.csv``).
:func:`init_data_folder` makes one without the sample: the schematic boundaries from the
gazetteer, empty lists, an empty ledger (``python -m etl init DIR``). A writer
(``etl.imports.journal``) calls :func:`prepare_data_folder` first, so the first build or
import into a folder that does not exist yet, or is empty, makes it a data folder too, and a
folder that holds something else is refused before anything is written into it.
"""

from __future__ import annotations

import csv
import io

from etl.config import Settings
from etl.geography import gazetteer
from etl.geography.places import PLACES_DIR
from etl.geography.schematic import SCHEMATIC_FILE, write_schematic
from etl.present.errors import BrokenInput
from etl.reports.ledger import LEDGER_COLUMNS

LIST_KINDS = ("villages", "schools")


def init_data_folder(settings: Settings) -> bool:
    """Make ``settings.data_dir`` a data folder, adding only what is missing (nothing already
    there is overwritten); return False when it was a data folder already.

    Raises :class:`etl.present.errors.BrokenInput` when the path is a file.
    """
    folder = settings.data_dir
    if folder.exists() and not folder.is_dir():
        raise BrokenInput("data_dir_not_folder", folder=folder)
    if is_data_folder(settings):
        return False
    boundary = settings.boundaries_dir / SCHEMATIC_FILE
    if not boundary.exists():
        write_schematic(gazetteer.extract_communes_2020(), boundary)
    for kind in LIST_KINDS:
        (folder / PLACES_DIR / kind).mkdir(parents=True, exist_ok=True)
    settings.activities_dir.mkdir(parents=True, exist_ok=True)
    if not settings.ledger_path.exists():
        settings.ledger_path.write_bytes(_empty_ledger())
    return True


def prepare_data_folder(settings: Settings) -> None:
    """Before a change or a build: make a missing or empty folder a data folder; refuse a file
    or a folder of other things (:class:`etl.present.errors.BrokenInput`, naming ``init``)."""
    folder = settings.data_dir
    if folder.exists() and not folder.is_dir():
        raise BrokenInput("data_dir_not_folder", folder=folder)
    if not folder.exists() or not _visible(settings):
        init_data_folder(settings)
    elif not _has_parts(settings):
        raise BrokenInput("data_dir_not_data", folder=folder)


def is_data_folder(settings: Settings) -> bool:
    """True when the folder has its boundaries, its two list folders, its reports folder and
    its ledger."""
    folder = settings.data_dir
    return (
        (settings.boundaries_dir / SCHEMATIC_FILE).exists()
        and all((folder / PLACES_DIR / kind).is_dir() for kind in LIST_KINDS)
        and settings.activities_dir.is_dir()
        and settings.ledger_path.exists()
    )


def _has_parts(settings: Settings) -> bool:
    """Any part of a data folder (a folder missing some parts is still one: the build says
    which part is missing and the command that adds it)."""
    parts = (settings.boundaries_dir, settings.data_dir / PLACES_DIR, settings.activities_dir)
    return settings.ledger_path.exists() or any(part.is_dir() for part in parts)


def _visible(settings: Settings) -> list[str]:
    """Names in the folder other than hidden ones (the writer's lock and journal)."""
    return [p.name for p in settings.data_dir.iterdir() if not p.name.startswith(".")]


def _empty_ledger() -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(LEDGER_COLUMNS)
    return out.getvalue().encode("utf-8")
