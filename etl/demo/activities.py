"""What one unit did in one quarter: invented activities with the district's rhythms.

More activity in the town and the valley than in the mountain communes (``Commune.access``); a
peak in June (Tháng hành động vì trẻ em); school work following the school year; less before the
district's letter of August 2024 and in the quarter after the 2025 reform; schools reached mostly
by ``gddt``; about a third of activities joint with partners.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta

from etl.demo import profiles
from etl.demo.geography import Commune
from etl.demo.places import School, Village
from etl.demo.units import DISTRICT_POLICE_END, DISTRICT_UNITS, EPOCH_2020_END, Unit


@dataclass(frozen=True)
class Activity:
    """One invented activity, before it is written as a report row."""

    start: date
    end: date | None  # None: a one-day activity with the end left blank
    lead: str
    partners: tuple[str, ...]
    activity_type: str
    audience: str
    commune: str | None  # the `Xã, thị trấn` value; None: district-wide or online
    village: Village | None
    school: School | None
    participants: int | None
    children: int | None
    content: str


def make_activities(
    unit: Unit,
    window: tuple[date, date],
    villages: list[Village],
    schools: list[School],
    rng: random.Random,
) -> list[Activity]:
    """Activities of ``unit`` dated inside ``window`` (first, last day), ordered by date.

    No two are alike in every field: the import would reject the second as a duplicate.
    """
    members = {c.code for c in unit.members}
    places = _Places(
        [v for v in villages if v.commune.code in members and v.reachable],
        [s for s in schools if s.commune.code in members],
    )
    profile = profiles.PROFILES[unit.kind]
    if unit.kind == "ubnd_xa" and unit.start > EPOCH_2020_END:
        profile = profile + profiles.NEW_COMMUNE_SCHOOL_WORK
    rhythm = profiles.SCHOOL_MONTH if unit.kind == "gddt" else profiles.COMMUNITY_MONTH
    months = _months(window)
    expected = _base(unit, places) * sum(rhythm[m.month] * profiles.ramp(m) for m in months) / 3
    count = max(1, round(expected * rng.uniform(0.7, 1.3)))  # "nothing" is declared, elsewhere
    drawn = [_activity(unit, profile, months, window, places, rng) for _ in range(count)]
    activities = list({_identity(a): a for a in reversed(drawn)}.values())
    return sorted(activities, key=lambda a: (a.start, a.activity_type))


@dataclass(frozen=True)
class _Places:
    villages: list[Village]
    schools: list[School]


def _identity(activity: Activity) -> tuple[object, ...]:
    """What makes two rows of one report the same activity (partners and wording aside)."""
    a = activity
    return (a.start, a.end, a.activity_type, a.audience, a.commune, a.village, a.school,
            a.participants, a.children, a.content)  # fmt: skip


def _base(unit: Unit, places: _Places) -> float:
    if unit.kind in profiles.BASE:
        return profiles.BASE[unit.kind]
    per_village, fixed = (0.4, 1.0) if unit.kind == "ubnd_xa" else (0.12, 1.0)
    return sum(
        c.access * (fixed + per_village * sum(v.commune == c for v in places.villages))
        for c in unit.members
    )


def _activity(
    unit: Unit,
    profile: tuple[tuple[str, str, str, float], ...],
    months: list[date],
    window: tuple[date, date],
    places: _Places,
    rng: random.Random,
) -> Activity:
    kind, audience, place, _ = rng.choices(profile, weights=[p[3] for p in profile])[0]
    rhythm = profiles.SCHOOL_MONTH if place == "school" else profiles.COMMUNITY_MONTH
    month = rng.choices(months, weights=[rhythm[m.month] * profiles.ramp(m) for m in months])[0]
    start = _day(month, window, rng)
    village, school, commune = _place(unit, place, audience, start, places, rng)
    participants, children = _counts(kind, audience, place, village, school, rng)
    return Activity(
        start=start,
        end=_end(kind, start, window, rng),
        lead=unit.name,
        partners=_partners(unit, commune, start, rng),
        activity_type=kind,
        audience=audience,
        commune=_label(unit, commune) if place not in ("district", "online") else None,
        village=village,
        school=school,
        participants=participants,
        children=children,
        content=_content(kind, start, rng),
    )


def _place(
    unit: Unit, place: str, audience: str, day: date, places: _Places, rng: random.Random
) -> tuple[Village | None, School | None, Commune]:
    """The village or school (if any) and the commune an activity happens in."""
    communes = list(unit.members)
    commune = rng.choices(communes, weights=[c.access * c.households for c in communes])[0]
    if place == "village":
        near = [v for v in places.villages if v.commune == commune and _exists(v, day)]
        if near:
            weights = [1 / (1 + 0.15 * v.rank) for v in near]
            return rng.choices(near, weights=weights)[0], None, commune
    if place == "school":
        fitting = [s for s in places.schools if _fits(s, audience, unit)]
        if fitting:
            flat = unit.kind in ("gddt", "ubnd_xa")  # they plan visits to every school
            weights = [0.6 + 0.4 * s.commune.access if flat else s.commune.access for s in fitting]
            school = rng.choices(fitting, weights=weights)[0]
            return None, school, school.commune
    return None, None, commune


def _fits(school: School, audience: str, unit: Unit) -> bool:
    """Children's sessions are not held at kindergartens; the police go to secondary schools."""
    if audience == "children" and school.level == "Mầm non":
        return False
    return unit.kind not in ("cah", "ca_xa") or school.level not in ("Mầm non", "Tiểu học")


def _counts(
    kind: str,
    audience: str,
    place: str,
    village: Village | None,
    school: School | None,
    rng: random.Random,
) -> tuple[int | None, int | None]:
    if kind == "contest" and place == "online":
        participants = rng.randint(600, 2500)
    elif kind not in profiles.COUNTED or rng.random() < 0.05:
        return None, None
    elif school is not None and audience == "children":
        participants = max(15, round(school.students * rng.uniform(0.3, 0.95)))
    elif village is not None and kind == "integrated":
        participants = max(10, round(village.households * rng.uniform(0.35, 0.9)))
    else:
        participants = rng.randint(*profiles.COUNTED[kind])
    if audience == "children":
        return participants, round(participants * rng.uniform(0.85, 1.0))
    share = {"parents": 0.25, "community": 0.4}.get(audience, 0.0)
    if rng.random() < share:
        return participants, round(participants * rng.uniform(0.05, 0.3))
    return participants, None


def _partners(unit: Unit, commune: Commune, day: date, rng: random.Random) -> tuple[str, ...]:
    if rng.random() >= profiles.JOINT[unit.kind]:
        return ()
    police = _police(commune, day)
    if unit.kind in DISTRICT_UNITS:
        pool = [n for k, n in DISTRICT_UNITS.items() if k not in (unit.kind, "cah")]
        pool += [police, *profiles.MASS_ORGANISATIONS[:2]]
    else:
        pool = [
            *profiles.MASS_ORGANISATIONS,
            police if unit.kind == "ubnd_xa" else _committee(commune, day),
        ]
        if day <= EPOCH_2020_END:
            pool.append(DISTRICT_UNITS["ttvhtttt"])
    chosen = rng.sample(sorted(set(pool) - {unit.name}), k=rng.choice((1, 1, 2)))
    return tuple(chosen)


def _police(commune: Commune, day: date) -> str:
    if day <= DISTRICT_POLICE_END:
        return DISTRICT_UNITS["cah"]
    if day <= EPOCH_2020_END:
        return f"Công an {'thị trấn' if commune.is_town else 'xã'} {commune.name}"
    return f"Công an xã {commune.successor_name}"


def _committee(commune: Commune, day: date) -> str:
    if day <= EPOCH_2020_END:
        return f"UBND {'thị trấn' if commune.is_town else 'xã'} {commune.name}"
    return f"UBND xã {commune.successor_name}"


def _label(unit: Unit, commune: Commune) -> str:
    """Commune units name their own commune (the 2025 one after the reform)."""
    return unit.commune_label or commune.full_name


def _exists(village: Village, day: date) -> bool:
    return village.valid_from is None or village.valid_from <= day


def _months(window: tuple[date, date]) -> list[date]:
    first, last = window
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _day(month: date, window: tuple[date, date], rng: random.Random) -> date:
    last = calendar.monthrange(month.year, month.month)[1]
    day = month.replace(day=rng.randint(1, last))
    if day.weekday() == 6:  # Sunday: moved to the Monday, or the Saturday at a month's end
        day += timedelta(days=1) if day.day < last else timedelta(days=-1)
    return min(max(day, window[0]), window[1])


def _end(kind: str, start: date, window: tuple[date, date], rng: random.Random) -> date | None:
    if kind in ("broadcast", "print", "online", "content_review") and rng.random() < 0.5:
        return min(start + timedelta(days=rng.randint(3, 25)), window[1])
    if kind == "training" and rng.random() < 0.3:
        return min(start + timedelta(days=1), window[1])
    return start if rng.random() < 0.5 else None


def _content(kind: str, start: date, rng: random.Random) -> str:
    text = rng.choice(profiles.CONTENT[kind])
    if start.month == 6 and kind in ("session", "broadcast", "print"):
        return f"Hưởng ứng Tháng hành động vì trẻ em – {text}"
    return text
