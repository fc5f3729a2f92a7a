"""Administrative units of Chợ Đồn from the ``vietnamadminunits`` package (no typed lists).

The package ships GSO codes, names, geocoded points and bounding boxes for the 2020–2025 units
(table ``admin_units_legacy``) and the units in force from 2025-07-01 (``admin_units``).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pandas as pd
import vietnamadminunits

PROVINCE_CODE = "06"  # Bắc Kạn
DISTRICT_CODE = "064"  # Huyện Chợ Đồn
EPOCH_2020_FROM = date(2020, 2, 1)  # NQ 855/NQ-UBTVQH14
EPOCH_2020_TO = date(2025, 6, 30)  # last day before districts were abolished

COMMUNE_COLUMNS = [
    "commune_id", "epoch", "commune_code", "commune_name", "full_name", "commune_type",
    "district_code", "province_code",
    "valid_from", "valid_to", "lat", "lon", "south", "west", "north", "east",
]  # fmt: skip


def extract_communes_2020() -> pd.DataFrame:
    """Return the 20 communes and town of Chợ Đồn valid 2020-02-01 … 2025-06-30, by GSO code."""
    query = """
        select wardCode, wardShort, ward, wardType, districtCode, provinceCode,
            wardLat, wardLon, wardBounds
        from admin_units_legacy
        where provinceCode = ? and districtCode = ?
        order by wardCode
    """
    with closing(sqlite3.connect(_dataset_path())) as con:
        rows = con.execute(query, [PROVINCE_CODE, DISTRICT_CODE]).fetchall()
    records = []
    for code, name, full_name, kind, district, province, lat, lon, bounds in rows:
        south, west, north, east = _parse_bounds(bounds)
        values = (f"2020:{code}", "2020", code, name, full_name, kind, district, province,
                  EPOCH_2020_FROM, EPOCH_2020_TO, lat, lon, south, west, north, east)  # fmt: skip
        records.append(dict(zip(COMMUNE_COLUMNS, values, strict=True)))
    return pd.DataFrame(records, columns=COMMUNE_COLUMNS)


def _dataset_path() -> Path:
    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


def _parse_bounds(text: str) -> tuple[float, float, float, float]:
    """'22.12,105.55 – 22.19,105.63' (south,west – north,east) → four floats."""
    first, second = (part.strip() for part in text.replace("–", "-").split(" - "))
    south, west = (float(v) for v in first.split(","))
    north, east = (float(v) for v in second.split(","))
    return south, west, north, east
