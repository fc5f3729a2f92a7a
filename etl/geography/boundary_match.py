"""Match the features of a boundary file to the 20 communes of 2020–2025, by code, else by name.

The code and name fields are found by trying every column against the gazetteer (or given).
Codes and names resolve as on 2020-02-01 (``etl.geography.commune_names``), so a pre-2020 file also
fits: Rã Bản and Đông Viên both land in Đồng Thắng and are joined. Two features that claim one
commune and overlap are duplicates; parts that do not overlap (islands, a commune split over
two features) are joined.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import shapely

from etl.geography.boundary_read import BoundaryError
from etl.geography.commune_names import resolve_commune
from etl.geography.gazetteer import EPOCH_2020_FROM
from etl.geography.places_read import clean_text, parse_code

_DUPLICATE_OVERLAP = 0.01  # of the smaller polygon


@dataclass(frozen=True)
class Matched:
    """Features matched to 2020 communes, and what did not fit."""

    geoms: dict[str, shapely.Geometry]  # commune_id (2020 epoch) → polygon
    code_field: str | None
    name_field: str | None
    unmatched: list[str]  # labels of features that are no commune of Chợ Đồn
    duplicates: list[str]  # commune_ids claimed twice
    joined: dict[str, list[str]]  # commune_id → labels of the features joined into it


def match_features(
    frame: gpd.GeoDataFrame, code_field: str | None = None, name_field: str | None = None
) -> Matched:
    """Match each feature of ``frame`` to a 2020 commune; fields are detected unless given."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for given in (code_field, name_field):
        if given is not None and given not in columns:
            raise BoundaryError("boundaries_no_field", field=given, columns=", ".join(columns))
    code_field = code_field or _best_field(frame, columns, codes=True)
    name_field = name_field or _best_field(frame, columns, codes=False)
    if code_field is None and name_field is None:
        raise BoundaryError("boundaries_no_match_field", columns=", ".join(columns))
    claims: dict[str, list[tuple[str, shapely.Geometry]]] = {}
    unmatched = []
    for index, row in frame.iterrows():
        code = parse_code(row[code_field]) if code_field else None
        name = clean_text(row[name_field]) if name_field else None
        commune_id = _resolve(code) or _resolve(name)
        label = " ".join(v for v in (code, name) if v) or f"#{int(str(index)) + 1}"
        if commune_id is None:
            unmatched.append(label)
            continue
        claims.setdefault(commune_id, []).append((label, row.geometry))
    geoms, duplicates, joined = {}, [], {}
    for commune_id, parts in sorted(claims.items()):
        geoms[commune_id] = shapely.union_all([g for _, g in parts])
        if len(parts) > 1:
            joined[commune_id] = [label for label, _ in parts]
            if _overlap([g for _, g in parts]):
                duplicates.append(commune_id)
    return Matched(geoms, code_field, name_field, unmatched, duplicates, joined)


def _resolve(text: str | None) -> str | None:
    if not text:
        return None
    try:
        found = resolve_commune(text, EPOCH_2020_FROM)
    except ValueError:
        return None
    return found if found and found.startswith("2020:") else None


def _best_field(frame: gpd.GeoDataFrame, columns: list[str], *, codes: bool) -> str | None:
    """The column whose values resolve to the most communes (codes: digits; names: the rest)."""
    best, best_hits = None, 0
    for column in columns:
        values = [clean_text(v) for v in frame[column]]
        if codes:
            keys = [parse_code(v) for v in values if v and v.replace(".", "").isdigit()]
        else:
            keys = [v for v in values if v and not v.replace(".", "").isdigit()]
        hits = len({found for found in map(_resolve, keys) if found})
        if hits > best_hits:
            best, best_hits = column, hits
    return best


def _overlap(geoms: list[shapely.Geometry]) -> bool:
    for i, first in enumerate(geoms):
        for second in geoms[i + 1 :]:
            smaller = min(first.area, second.area)
            if smaller and first.intersection(second).area > _DUPLICATE_OVERLAP * smaller:
                return True
    return False
