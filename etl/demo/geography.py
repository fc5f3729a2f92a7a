"""The communes the sample is set in: real codes, names, census households, schematic shapes.

Codes, names, the 2025 successors and the GSO 2019 census households come from the project's
gazetteer (``etl.geography.gazetteer``); shapes are the schematic default
(``etl.geography.schematic``).

Remoteness (how much outreach a commune gets) is a sample assumption, not a measurement: the town
and the communes along the valley near it get the most, the northern and western mountain
communes (Xuân Lạc, Bản Thi, Yên Thịnh, Yên Thượng, Lương Bằng) the least.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapely.geometry import shape

from etl.geography import gazetteer
from etl.geography.schematic import schematic_boundaries

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
    successor_name: str  # 2025 commune, short: "Nam Cường"
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
    every = gazetteer.extract_communes()
    names_2025 = dict(zip(every["commune_id"], every["commune_name"], strict=True))
    crosswalk = gazetteer.extract_crosswalk()
    successor = dict(zip(crosswalk["old_commune_id"], crosswalk["new_commune_id"], strict=True))
    frame = every[every["epoch"] == "2020"].sort_values("commune_code")
    shapes = {
        f["properties"]["commune_code"]: shape(f["geometry"])
        for f in schematic_boundaries(gazetteer.extract_communes_2020())["features"]
    }
    communes = []
    for row in frame.to_dict("records"):
        code, new_id = str(row["commune_code"]), successor[str(row["commune_id"])]
        communes.append(
            Commune(
                code=code,
                name=str(row["commune_name"]),
                full_name=str(row["full_name"]),
                is_town=row["commune_type"] == "Thị trấn",
                households=int(row["households_2019"]),
                access=_ACCESS[code],
                successor=new_id.split(":")[1],
                successor_name=names_2025[new_id],
                shape=shapes[code],
            )
        )
    return communes


def communes_2025(communes: list[Commune]) -> list[Commune2025]:
    """The eight 2025 communes, each with the 2020 units it took in, ordered by code."""
    names = {c.successor: c.successor_name for c in communes}
    return [
        Commune2025(code, names[code], tuple(c for c in communes if c.successor == code))
        for code in sorted(names)
    ]
