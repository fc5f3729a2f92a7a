"""Import an official commune boundary file: read, reproject, repair, match, check, store.

The file is stored normalised (GeoJSON, EPSG:4326, one feature per 2020 commune with
``commune_code``, ``commune_name``, ``source``) as ``boundaries/official_communes_2020.geojson``
through :func:`etl.imports.journal.commit_inputs`; from then on the build uses it instead of the
schematic default, until :func:`reset_boundaries` removes it. A file with missing or duplicate
communes is refused and changes nothing; so is one that would change a locked period's figures
or maps (``etl.reports.locks.LockGuard``: every lock holds the boundaries), unless the
administrator overrides the lock. Reference data is an administrator's
(``etl.access.roles.check_admin``); every change, and an override, is written to the audit trail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import mapping

from etl.access import audit, roles
from etl.access.upload_safety import BOUNDARY_SUFFIXES, Limits, check_file
from etl.access.users import User
from etl.config import Settings
from etl.geography import boundaries, boundary_checks, gazetteer
from etl.geography.boundary_match import match_features
from etl.geography.boundary_read import read_boundaries
from etl.imports import journal
from etl.imports.locks import audit_override, guard

OFFICIAL_PATH = Path("boundaries") / boundaries.OFFICIAL_FILE  # in the data folder


@dataclass(frozen=True)
class BoundaryReport:
    """What an import found: shown to the user, whether or not the file was stored."""

    file_name: str
    source: str
    crs: str
    features: int
    code_field: str | None
    name_field: str | None
    matched: int
    unmatched: list[str]
    missing: list[str]  # names of 2020 communes without a polygon
    duplicates: list[str]
    joined: dict[str, list[str]]
    repaired: int
    overlaps: list[tuple[str, str, float]]
    gaps: list[float]
    web_bytes: int = 0
    stored: bool = False

    @property
    def acceptable(self) -> bool:
        """Every commune has exactly one polygon."""
        return not self.missing and not self.duplicates


def import_boundaries(
    settings: Settings,
    path: Path,
    *,
    crs: str | None = None,
    code_field: str | None = None,
    name_field: str | None = None,
    source: str | None = None,
    by: User = roles.COMMAND_LINE,
    override_lock: bool = False,
) -> BoundaryReport:
    """Check the file at ``path`` and, if every commune has one polygon, store it as ``by``
    (audited) and rebuild.

    Raises :class:`etl.geography.boundary_read.BoundaryError` for a file that cannot be read at all
    (no CRS, wrong place, unknown format) and ``roles.Refused`` when ``by`` is not an
    administrator or the file would move a locked period without ``override_lock``; nothing
    is changed then either.
    """
    roles.check_admin(by)
    collection, report = prepare_boundaries(
        path,
        crs=crs,
        code_field=code_field,
        name_field=name_field,
        source=source,
        limits=Limits.from_settings(settings),
    )
    if not report.acceptable:
        return report
    data = (json.dumps(collection, ensure_ascii=False) + "\n").encode("utf-8")
    guarded = guard(by, override_lock)
    journal.commit_inputs(settings, {OFFICIAL_PATH: data}, guard=guarded)
    audit.record(settings, by.name, "reference_change", "boundaries", f"import {path.name}")
    audit_override(settings, by, guarded, f"boundaries import {path.name}")
    return BoundaryReport(**{**report.__dict__, "stored": True})


def reset_boundaries(
    settings: Settings, *, by: User = roles.COMMAND_LINE, override_lock: bool = False
) -> None:
    """Remove the imported official file as ``by`` (audited) and rebuild with the schematic
    default. Raises ``roles.Refused`` when ``by`` is not an administrator or the reset would
    move a locked period without ``override_lock``."""
    roles.check_admin(by)
    guarded = guard(by, override_lock)
    journal.commit_inputs(settings, {OFFICIAL_PATH: None}, guard=guarded)
    audit.record(settings, by.name, "reference_change", "boundaries", "reset")
    audit_override(settings, by, guarded, "boundaries reset")


def prepare_boundaries(
    path: Path,
    *,
    crs: str | None = None,
    code_field: str | None = None,
    name_field: str | None = None,
    source: str | None = None,
    limits: Limits | None = None,
) -> tuple[dict, BoundaryReport]:
    """Return the normalised FeatureCollection and the report, without storing anything.

    The file passes the guard first (``etl.access.upload_safety``, ``limits``): ``UnsafeFile``."""
    check_file(path, limits, BOUNDARY_SUFFIXES)
    communes = gazetteer.extract_communes_2020()
    box = (communes["west"].min(), communes["south"].min(),
           communes["east"].max(), communes["north"].max())  # fmt: skip
    frame, described = read_boundaries(path, box, crs)
    frame, repaired = boundary_checks.repair(frame)
    matched = match_features(frame, code_field, name_field)
    label = source or path.name
    names = dict(zip(communes["commune_id"], communes["full_name"], strict=True))
    features = [
        {
            "type": "Feature",
            "properties": {
                "commune_code": commune_id.split(":")[1],
                "commune_name": names[commune_id],
                "source": label,
            },
            "geometry": mapping(geom),
        }
        for commune_id, geom in sorted(matched.geoms.items())
        if commune_id not in matched.duplicates
    ]
    geoms = list(matched.geoms.values())
    report = BoundaryReport(
        file_name=path.name,
        source=label,
        crs=described,
        features=len(frame),
        code_field=matched.code_field,
        name_field=matched.name_field,
        matched=len(matched.geoms),
        unmatched=matched.unmatched,
        missing=[names[i] for i in sorted(names) if i not in matched.geoms],
        duplicates=[names[i] for i in matched.duplicates],
        joined={names[i]: labels for i, labels in matched.joined.items()},
        repaired=repaired,
        overlaps=[
            (names[a], names[b], km2) for a, b, km2 in boundary_checks.overlaps(matched.geoms)
        ],
        gaps=boundary_checks.gaps(matched.geoms),
        web_bytes=boundaries.web_size(geoms) if geoms else 0,
    )
    collection = {"type": "FeatureCollection", "name": label, "features": features}
    return collection, report
