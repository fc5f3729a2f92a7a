"""The communes the sample is set in: real codes, names, census households, schematic shapes.

Remoteness (how much outreach a commune gets) is a sample assumption, not a measurement: the town
and the communes along the valley near it get the most, the northern and western mountain
communes (Xuân Lạc, Bản Thi, Yên Thịnh, Yên Thượng, Lương Bằng) the least.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import shape

from etl import gazetteer
from etl.schematic import schematic_boundaries

HOUSEHOLDS_PATH = Path(__file__).resolve().parent.parent / "reference" / "households_2019.csv"

# 2020 code → code of the commune it went into on 2025-07-01, whole (DOMAIN.md §2).
# TODO(dedupe): use the project's crosswalk once the gazetteer ships one.
SUCCESSOR_2025 = {
    "02020": "02020", "02050": "02020", "02053": "02020", "02065": "02020",
    "02023": "02026", "02026": "02026", "02029": "02026",
    "02032": "02038", "02038": "02038",
    "02035": "02044", "02044": "02044", "02047": "02044",
    "02062": "02071", "02071": "02071", "02080": "02071",
    "02068": "02083", "02077": "02083", "02083": "02083",
    "02041": "01933",
    "02059": "02014",
}  # fmt: skip
NAMES_2025 = {
    "02020": "Chợ Đồn", "02026": "Nam Cường", "02038": "Quảng Bạch", "02044": "Yên Thịnh",
    "02071": "Nghĩa Tá", "02083": "Yên Phong", "01933": "Đồng Phúc", "02014": "Bạch Thông",
}  # fmt: skip

# Outreach intensity relative to an ordinary commune (sample assumption, see module docstring).
_ACCESS = {
    "02020": 2.0, "02053": 1.3, "02050": 1.3, "02065": 1.2, "02059": 1.1, "02068": 1.0,
    "02080": 1.0, "02026": 1.0, "02083": 1.0, "02038": 0.9, "02041": 0.9, "02029": 0.9,
    "02077": 0.9, "02071": 0.8, "02032": 0.7, "02062": 0.55, "02047": 0.5, "02023": 0.45,
    "02035": 0.45, "02044": 0.45,
}  # fmt: skip


@dataclass(frozen=True)
class Commune:
    """A 2020–2025 commune (or the town) as the sample sees it."""

    code: str
    name: str  # short, with diacritics: "Bằng Lũng"
    full_name: str  # "Thị trấn Bằng Lũng"
    is_town: bool
    households: int  # GSO 2019 census
    access: float  # outreach intensity, 1.0 = ordinary
    successor: str  # 2025 commune code
    shape: Any  # shapely polygon (schematic)

    @property
    def remote(self) -> bool:
        """True for the mountain communes that outreach reaches least."""
        return self.access < 0.6


@dataclass(frozen=True)
class Commune2025:
    """A commune in force from 2025-07-01 that took in Chợ Đồn units."""

    code: str
    name: str  # "Nam Cường"
    members: tuple[Commune, ...]

    @property
    def full_name(self) -> str:
        """'Xã Nam Cường' (all eight are xã)."""
        return f"Xã {self.name}"


def load_communes() -> list[Commune]:
    """The 20 communes and town of 2020–2025, ordered by GSO code."""
    frame = gazetteer.extract_communes_2020()
    shapes = {
        f["properties"]["commune_code"]: shape(f["geometry"])
        for f in schematic_boundaries(frame)["features"]
    }
    households = _households()
    missing = set(frame["commune_code"]) - set(households)
    if missing:
        raise ValueError(f"{HOUSEHOLDS_PATH.name} lacks communes {sorted(missing)}")
    communes = []
    for row in frame.sort_values("commune_code").to_dict("records"):
        code = str(row["commune_code"])
        communes.append(
            Commune(
                code=code,
                name=str(row["commune_name"]),
                full_name=str(row["full_name"]),
                is_town=row["commune_type"] == "Thị trấn",
                households=households[code],
                access=_ACCESS[code],
                successor=SUCCESSOR_2025[code],
                shape=shapes[code],
            )
        )
    return communes


def communes_2025(communes: list[Commune]) -> list[Commune2025]:
    """The eight 2025 communes, each with the 2020 units it took in, ordered by code."""
    return [
        Commune2025(code, NAMES_2025[code], tuple(c for c in communes if c.successor == code))
        for code in sorted(NAMES_2025)
    ]


def _households() -> dict[str, int]:
    with HOUSEHOLDS_PATH.open(encoding="utf-8", newline="") as handle:
        return {r["commune_code"]: int(r["households_2019"]) for r in csv.DictReader(handle)}
