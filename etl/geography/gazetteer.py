"""Administrative units of Chợ Đồn in three epochs, and the crosswalk between them.

Codes, names, geocoded points and bounding boxes come from the ``vietnamadminunits`` package:
``admin_units_legacy`` (units of 2020-02-01 … 2025-06-30), ``admin_units`` (units from
2025-07-01) and ``converter_2025.json`` (which old units each new one took over). The package
lacks the four units merged on 2020-02-01; they are in ``etl/reference/communes_pre2020_merged.csv``
with their source. Population and households are the GSO 2019 census figures of
``etl/reference/census_2019_communes.csv`` (taken in the 22 pre-2020 units; a 2020 unit gets the
sum of the units it was formed from).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pandas as pd
import vietnamadminunits

from etl.geography.epochs import EPOCH_2025_FROM
from etl.reference import REFERENCE_DIR
from etl.sql_files import ETL_SQL, read_sql

PROVINCE_CODE = "06"  # Bắc Kạn
DISTRICT_CODE = "064"  # Huyện Chợ Đồn
PROVINCE_2025_CODE = "19"  # Thái Nguyên
PRE2020_FROM = date(
    2004, 7, 8
)  # the GSO code list (QĐ 124/2004/QĐ-TTg): nothing older is vouched for
EPOCH_2020_FROM = date(2020, 2, 1)  # NQ 855/NQ-UBTVQH14
EPOCH_2020_TO = date(2025, 6, 30)  # last day before districts were abolished
OPEN_END = date(9999, 12, 31)  # valid_to of units still in force
_CHO_DON_KEY = "tinhbackan_huyenchodon_"  # converter_2025.json key prefix of Chợ Đồn's units
PACKAGE_SOURCE = "vietnamadminunits 1.0.4 (GSO codes)"

COMMUNE_COLUMNS = [
    "commune_id", "epoch", "commune_code", "commune_name", "full_name", "commune_type",
    "district_code", "province_code", "parent_code", "parent_name",
    "valid_from", "valid_to", "lat", "lon", "south", "west", "north", "east",
    "population_2019", "households_2019", "predecessors_outside", "source",
]  # fmt: skip
CROSSWALK_COLUMNS = ["old_commune_id", "new_commune_id", "effective_date"]


def extract_communes() -> pd.DataFrame:
    """Return every commune-level unit of Chợ Đồn: 22 pre-2020, 20 of 2020–2025, 8 from 2025.

    One row per unit and epoch, ``commune_id`` = ``<epoch>:<code>``, columns
    :data:`COMMUNE_COLUMNS`.
    """
    communes_2020 = extract_communes_2020()
    frame = pd.concat(
        [_communes_pre2020(communes_2020), communes_2020, _communes_2025()], ignore_index=True
    )
    census = _census_by_id(frame)
    frame["population_2019"] = frame["commune_id"].map(census["population"]).astype("Int64")
    frame["households_2019"] = frame["commune_id"].map(census["households"]).astype("Int64")
    frame["predecessors_outside"] = frame["predecessors_outside"].astype("Int64")
    return frame[COMMUNE_COLUMNS]


def extract_communes_2020() -> pd.DataFrame:
    """Return the 20 communes and town of Chợ Đồn valid 2020-02-01 … 2025-06-30, by GSO code."""
    rows = _query("communes_2020", [PROVINCE_CODE, DISTRICT_CODE])
    records = []
    for code, name, full_name, kind, district, province, lat, lon, bounds, parent in rows:
        values = (f"2020:{code}", "2020", code, name, full_name, kind, district, province,
                  district, parent, EPOCH_2020_FROM, EPOCH_2020_TO, lat, lon,
                  *_parse_bounds(bounds), None, None, None, PACKAGE_SOURCE)  # fmt: skip
        records.append(dict(zip(COMMUNE_COLUMNS, values, strict=True)))
    return pd.DataFrame(records, columns=COMMUNE_COLUMNS)


def extract_crosswalk() -> pd.DataFrame:
    """Return old unit → successor rows: pre-2020 → 2020 (2020-02-01), 2020 → 2025 (2025-07-01).

    Every pre-2020 unit has one successor (itself, renamed or merged) and every 2020 unit moved
    whole into one 2025 commune, so each old unit appears exactly once per reform.
    """
    pre = _communes_pre2020(extract_communes_2020())
    rows = [
        (old_id, f"2020:{code}", EPOCH_2020_FROM)
        for old_id, code in zip(pre["commune_id"], _successor_codes(pre), strict=True)
    ]
    rows += [
        (f"2020:{old}", f"2025:{new}", EPOCH_2025_FROM)
        for new, olds in sorted(_successors_2025().items())
        for old in olds
    ]
    return pd.DataFrame(rows, columns=CROSSWALK_COLUMNS).sort_values(
        ["effective_date", "old_commune_id"], ignore_index=True
    )


def _communes_pre2020(communes_2020: pd.DataFrame) -> pd.DataFrame:
    """The 22 units before 2020-02-01: the 18 that carried on unchanged plus the 4 merged."""
    merged = pd.read_csv(REFERENCE_DIR / "communes_pre2020_merged.csv", dtype=str)
    successors = set(merged["successor_code"])
    kept = communes_2020[~communes_2020["commune_code"].isin(successors)].copy()
    gone = merged.drop(columns=["successor_code"]).assign(
        district_code=DISTRICT_CODE, province_code=PROVINCE_CODE,
        parent_code=DISTRICT_CODE, parent_name=communes_2020["parent_name"].iloc[0],
    )  # fmt: skip
    frame = pd.concat([kept, gone], ignore_index=True)
    frame["epoch"] = "pre2020"
    frame["commune_id"] = "pre2020:" + frame["commune_code"]
    frame["valid_from"] = PRE2020_FROM
    frame["valid_to"] = EPOCH_2020_FROM - timedelta(days=1)
    return frame.reindex(columns=COMMUNE_COLUMNS).sort_values("commune_code", ignore_index=True)


def _successor_codes(pre2020: pd.DataFrame) -> list[str]:
    merged = pd.read_csv(REFERENCE_DIR / "communes_pre2020_merged.csv", dtype=str)
    successor = dict(zip(merged["commune_code"], merged["successor_code"], strict=True))
    return [successor.get(code, code) for code in pre2020["commune_code"]]


def _communes_2025() -> pd.DataFrame:
    """The 8 communes of Thái Nguyên (from 2025-07-01) that took over Chợ Đồn's units."""
    predecessors = _successors_2025_by_key()
    keys = sorted(predecessors)
    outside = {
        k: sum(not old.startswith(_CHO_DON_KEY) for old in v) for k, v in predecessors.items()
    }
    rows = _query("communes_2025", [PROVINCE_2025_CODE, json.dumps(keys)])
    records = [
        dict(zip(COMMUNE_COLUMNS, values, strict=True))
        for code, name, full_name, kind, province, parent, lat, lon, key in rows
        for values in [
            (f"2025:{code}", "2025", code, name, full_name, kind, None, province, province,
             parent, EPOCH_2025_FROM, OPEN_END, lat, lon, None, None, None, None, None, None,
             outside[key], PACKAGE_SOURCE)
        ]
    ]  # fmt: skip
    return pd.DataFrame(records, columns=COMMUNE_COLUMNS)


def _successors_2025() -> dict[str, list[str]]:
    """New 2025 code → the GSO codes of the Chợ Đồn units it took over."""
    legacy = dict(_query("legacy_ward_keys", [PROVINCE_CODE, DISTRICT_CODE]))
    new_codes = dict(_query("ward_keys_2025", [PROVINCE_2025_CODE]))
    return {
        new_codes[key]: sorted(legacy[old] for old in olds if old in legacy)
        for key, olds in _successors_2025_by_key().items()
    }


@cache
def _successors_2025_by_key() -> dict[str, tuple[str, ...]]:
    """Thái Nguyên ward key → its predecessor keys, for new wards that took a Chợ Đồn unit."""
    path = _package_data() / "converter_2025.json"
    mapping = json.loads(path.read_text(encoding="utf-8"))["DICT_PROVINCE_WARD_NO_DIVIDED"]
    return {
        key: tuple(olds)
        for key, olds in mapping["tinhthainguyen"].items()
        if any(old.startswith(_CHO_DON_KEY) for old in olds)
    }


def _census_by_id(communes: pd.DataFrame) -> pd.DataFrame:
    """2019 census figures per commune_id: pre-2020 units as counted, 2020 units as sums."""
    census = pd.read_csv(REFERENCE_DIR / "census_2019_communes.csv", dtype={"commune_code": str})
    census["commune_id"] = "pre2020:" + census["commune_code"]
    pre = communes[communes["epoch"] == "pre2020"]
    successor = dict(zip(pre["commune_id"], _successor_codes(pre), strict=True))
    sums = census.assign(commune_id="2020:" + census["commune_id"].map(successor))
    sums = sums.groupby("commune_id")[["population", "households"]].sum().reset_index()
    both = pd.concat([census[["commune_id", "population", "households"]], sums])
    return both.set_index("commune_id")


def _query(name: str, params: list[str]) -> list[tuple]:
    """The rows of ``etl/sql/gazetteer/<name>.sql`` (SQLite) over the package's dataset."""
    with closing(sqlite3.connect(_package_data() / "dataset.db")) as con:
        return con.execute(read_sql(ETL_SQL / "gazetteer", name), params).fetchall()


def _package_data() -> Path:
    return Path(vietnamadminunits.__file__).parent / "data"


def _parse_bounds(text: str) -> tuple[float, float, float, float]:
    """'22.12,105.55 – 22.19,105.63' (south,west – north,east) → four floats."""
    first, second = (part.strip() for part in text.replace("–", "-").split(" - "))
    south, west = (float(v) for v in first.split(","))
    north, east = (float(v) for v in second.split(","))
    return south, west, north, east
