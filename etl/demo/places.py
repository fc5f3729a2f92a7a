"""Invented villages and schools inside the real communes, in the master-list import formats.

About one village per 60–90 census households (the master-list columns); "Tổ … (mẫu)" residential
groups in the town, "Thôn …"/"Bản … (mẫu)" elsewhere. Names are unique within each 2025 commune, so
a report of the merged commune never names two villages alike. Schools: mầm non, tiểu học and
THCS (or one TH&THCS in small communes, PTDTBT THCS in remote ones) in each commune; THPT and
PTDTNT in the town, a second THPT in Bình Trung.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

from shapely.geometry import Point

from etl.demo.geography import Commune
from etl.names import admin_key
from etl.present.format import vn_day

SAMPLE = "(mẫu)"
VILLAGE_HEADERS = ("Mã xã", "Xã", "Thôn, tổ dân phố", "Loại", "Mã thôn", "Vĩ độ", "Kinh độ",
                   "Số hộ", "Hiệu lực từ", "Hiệu lực đến")  # fmt: skip
SCHOOL_HEADERS = ("Mã xã", "Xã", "Tên trường", "Cấp học", "Thôn", "Vĩ độ", "Kinh độ",
                  "Số học sinh")  # fmt: skip
NEW_VILLAGE_DATES = (date(2025, 1, 1), date(2025, 4, 1))  # villages split off mid-period
_STEMS = ("Nà", "Khuổi", "Pác", "Cốc", "Nặm", "Phja", "Kéo", "Slam", "Bó", "Lủng", "Phiêng",
          "Khâu", "Pù", "Phai", "Cạm", "Thôm")  # fmt: skip
_SECOND_THPT = "02080"  # Bình Trung


@dataclass(frozen=True)
class Village:
    """One invented village; ``rank`` 0 is nearest the commune centre, ``reachable`` False ones
    are never visited in person (only broadcasts reach them)."""

    commune: Commune
    name: str
    kind: str  # "Thôn" | "Bản" | "Tổ dân phố"
    code: str
    lat: float
    lon: float
    households: int
    valid_from: date | None
    rank: int
    reachable: bool


@dataclass(frozen=True)
class School:
    """One invented school."""

    commune: Commune
    name: str
    level: str  # Mầm non, Tiểu học, THCS, TH&THCS, THPT, PTDTBT, PTDTNT
    village: Village
    lat: float
    lon: float
    students: int


def make_villages(communes: list[Commune], rng: random.Random) -> list[Village]:
    """Villages of every commune, ordered by commune code then code."""
    taken: dict[str, set[str]] = {}
    villages: list[Village] = []
    for commune in communes:
        used = taken.setdefault(commune.successor, set())
        villages += _commune_villages(commune, rng, used)
    return _split_two(villages, rng)


def make_schools(villages: list[Village], rng: random.Random) -> list[School]:
    """Schools of every commune, ordered by commune code."""
    schools: list[School] = []
    by_commune: dict[str, list[Village]] = {}
    for village in villages:
        by_commune.setdefault(village.commune.code, []).append(village)
    for members in by_commune.values():
        central = sorted((v for v in members if v.valid_from is None), key=lambda v: v.rank)
        schools += [
            _school(name, level, central[i % len(central)], rng, per_hh)
            for i, (name, level, per_hh) in enumerate(_school_plan(central[0].commune))
        ]
    return schools


def village_rows(villages: list[Village]) -> list[list[object]]:
    """Rows under :data:`VILLAGE_HEADERS`."""
    return [
        [v.commune.code, v.commune.full_name, v.name, v.kind, v.code, v.lat, v.lon, v.households,
         vn_day(v.valid_from), ""]
        for v in villages
    ]  # fmt: skip


def school_rows(schools: list[School]) -> list[list[object]]:
    """Rows under :data:`SCHOOL_HEADERS`."""
    return [
        [s.commune.code, s.commune.full_name, s.name, s.level, s.village.name, s.lat, s.lon,
         s.students]
        for s in schools
    ]  # fmt: skip


def _commune_villages(commune: Commune, rng: random.Random, used: set[str]) -> list[Village]:
    low, high = -(-commune.households // 90), commune.households // 60  # 60–90 households each
    count = min(max(low, round(commune.households / rng.uniform(64, 86))), high)
    sizes = _split_total(commune.households, count, rng)
    centre = commune.shape.representative_point()
    points = [_point_in(commune, rng, centre if commune.is_town else None) for _ in sizes]
    points.sort(key=lambda p: p.distance(centre))
    unreached = 0 if commune.is_town else round(count * (0.3 if commune.remote else 0.06))
    villages = []
    for rank, (point, size) in enumerate(zip(points, sizes, strict=True)):
        name, kind = _village_name(commune, rank, rng, used)
        villages.append(
            Village(commune, name, kind, f"{commune.code}.{rank + 1:03d}", round(point.y, 5),
                    round(point.x, 5), size, None, rank, rank < count - unreached)
        )  # fmt: skip
    return sorted(villages, key=lambda v: v.code)


def _split_two(villages: list[Village], rng: random.Random) -> list[Village]:
    """Two ordinary villages each split off a new one during the period (not_applicable before)."""
    candidates = [v for v in villages if not v.commune.is_town and not v.commune.remote]
    largest = sorted(candidates, key=lambda v: (-v.households, v.code))[:20]
    first = rng.choice(largest)
    parents = [first, rng.choice([v for v in largest if v.commune != first.commune])]
    result = [v for v in villages if v not in parents]
    for parent, start in zip(parents, NEW_VILLAGE_DATES, strict=True):
        share = parent.households * 2 // 5
        number = sum(v.commune.code == parent.commune.code for v in villages) + 1
        result.append(replace(parent, households=parent.households - share))
        point = Point(round(parent.lon + 0.003, 5), round(parent.lat + 0.003, 5))
        point = point if parent.commune.shape.contains(point) else Point(parent.lon, parent.lat)
        result.append(
            replace(
                parent,
                name=f"{parent.name.removesuffix(SAMPLE)}Mới {SAMPLE}",
                code=f"{parent.commune.code}.{number:03d}",
                lat=point.y,
                lon=point.x,
                households=share,
                valid_from=start,
                rank=number - 1,
            )
        )
    return sorted(result, key=lambda v: v.code)


def _village_name(
    commune: Commune, rank: int, rng: random.Random, used: set[str]
) -> tuple[str, str]:
    while True:
        if commune.is_town:
            name, kind = f"Tổ {rank + 1} {SAMPLE}", "Tổ dân phố"
        else:
            kind = "Bản" if rng.random() < 0.45 else "Thôn"
            number = rng.randint(1, 9)
            stem = rng.choice(_STEMS)
            name = f"{kind} {number} {SAMPLE}" if rng.random() < 0.2 else f"{kind} {stem} {number}"
            name = name if name.endswith(SAMPLE) else f"{name} {SAMPLE}"
        if admin_key(name) not in used:
            used.add(admin_key(name))
            return name, kind


def _school_plan(commune: Commune) -> list[tuple[str, str, float]]:
    """(name, level, students per census household) for one commune."""
    n = commune.name
    if commune.is_town:
        plan = [(f"Mầm non {n}", "Mầm non", 0.07), (f"Mầm non Hoa Sen {n}", "Mầm non", 0.05),
                (f"Tiểu học {n} 1", "Tiểu học", 0.12), (f"Tiểu học {n} 2", "Tiểu học", 0.1),
                (f"THCS {n}", "THCS", 0.14), ("THPT Chợ Đồn", "THPT", 0.35),
                ("Phổ thông Dân tộc Nội trú Chợ Đồn", "PTDTNT", 0.14)]  # fmt: skip
    elif commune.households < 500:
        plan = [(f"Mầm non {n}", "Mầm non", 0.12), (f"TH&THCS {n}", "TH&THCS", 0.36)]
    else:
        lower = ("PTDTBT THCS", "PTDTBT") if commune.remote else ("THCS", "THCS")
        plan = [(f"Mầm non {n}", "Mầm non", 0.12), (f"Tiểu học {n}", "Tiểu học", 0.21),
                (f"{lower[0]} {n}", lower[1], 0.14)]  # fmt: skip
    if commune.code == _SECOND_THPT:
        plan.append((f"THPT {n}", "THPT", 0.5))
    return [(f"Trường {name} {SAMPLE}", level, per_hh) for name, level, per_hh in plan]


def _school(
    name: str, level: str, village: Village, rng: random.Random, per_household: float
) -> School:
    students = round(village.commune.households * per_household * rng.uniform(0.85, 1.15))
    point = Point(
        village.lon + rng.uniform(-0.002, 0.002), village.lat + rng.uniform(-0.002, 0.002)
    )
    if not village.commune.shape.contains(point):
        point = Point(village.lon, village.lat)
    return School(village.commune, name, level, village, round(point.y, 5), round(point.x, 5),
                  students)  # fmt: skip


def _split_total(total: int, parts: int, rng: random.Random) -> list[int]:
    """``parts`` positive integers summing to ``total`` (largest-remainder rounding)."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    shares = [total * w / sum(weights) for w in weights]
    sizes = [int(s) for s in shares]
    order = sorted(range(parts), key=lambda i: sizes[i] - shares[i])
    for i in order[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _point_in(commune: Commune, rng: random.Random, near: Point | None) -> Point:
    area = commune.shape.buffer(-0.004)
    area = commune.shape if area.is_empty else area
    if near is not None:
        area = area.intersection(near.buffer(0.015))
    west, south, east, north = area.bounds
    while True:
        point = Point(rng.uniform(west, east), rng.uniform(south, north))
        if area.contains(point):
            return point
