"""Match the names typed in a report to ids: units, communes, villages, schools, taxonomy.

All keys come from ``etl/names.py``. Rules:

- a commune is found by GSO code or by name *and date*: only communes in force on the
  activity's date are candidates, so "Nam Cường" in 2024 and in 2026 are two different units;
- the exact key (accents kept) is tried first, then the folded key, then the loose key of
  ``etl.names`` (abbreviations, numbers, kind words, an area typed after the name); two candidates
  on the same key are an ambiguity (a problem), never a guess, and a name found only by the loose
  key carries ``read_as``, the name it was read as, for the import's report;
- a name that matches nothing gets "did you mean …" suggestions (``difflib`` over the keys);
- villages and schools are looked up only within their commune;
- units go through ``etl/reference/unit_aliases.csv``: ``exact`` aliases are whole names,
  ``commune`` aliases are followed by a commune name ("UBND xã Bản Thi", "Công an xã Nam
  Cường"), ``prefix`` aliases may be followed by anything ("Đoàn Thanh niên xã …"); each unit
  kind is valid only in its dates (``unit_kinds.csv``: district police until 2025-02-28). When
  the name as typed fits no alias, its loose words (``etl.names.name_words``) are tried the same
  way, then without the area typed after the unit ("Phòng GDĐT huyện Chợ Đồn").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from etl import reference
from etl.geography.place_lookup import CommuneName, Place, Places
from etl.names import (
    admin_key,
    exact_key,
    fold,
    loose_key,
    loose_keys,
    name_words,
    text_key,
    without_area,
)
from etl.present.format import unit_display_name, vn_day
from etl.reports.unit_aliases import alias_names, loose_unit_key, unit_aliases, unit_kinds

# "Không có hoạt động", "Không phát sinh (hoạt động)": a unit declaring it did nothing
NO_ACTIVITY_KEYS = ("khong co hoat dong", "khong phat sinh")
NONE_DECLARED = "none_declared"  # an activity-type cell that says "no activities"
_CODE = re.compile(r"^\d{4,5}$")
_UNIT_ID = re.compile(r"^(?P<kind>[a-z_]+)(?::(?P<commune>[a-z0-9]+:\d{5}))?$")


@dataclass(frozen=True)
class Match:
    """What a name matched: an id, or a problem (message key) with fields for the message."""

    value: str | None = None
    problem: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    kind: str | None = None  # units: the unit kind
    commune_id: str | None = None  # units: the unit's commune; villages/schools: unchecked
    blank: bool = False  # the cell held only spaces
    read_as: str | None = None  # found only by the loose key: the name it was read as


class Matcher:
    """Matching against one set of places and the product's reference lists."""

    def __init__(self, places: Places) -> None:
        self.places = places

    def commune(self, text: str | None, day: date | None) -> Match:
        """A commune by code or name as it resolves on ``day`` (``stg_commune_names``).

        After a reform an old name means its successor ("Phương Viên" in 2025-09 is Xã Chợ
        Đồn), unless a unit in force bears the name.
        """
        if text is None or day is None:
            return Match()
        names = self.places.names
        live = [n for n in names if n.valid_from <= day <= n.valid_to]
        if _CODE.match(text.strip()):
            tries = [("key", text.strip(), "code")]
        else:
            tries = [("exact", exact_key(text), "name"), ("key", admin_key(text), "name")]
        for attribute, key, kind in tries:
            found = sorted(
                {n.commune_id for n in live if n.kind == kind and getattr(n, attribute) == key}
            )
            if len(found) == 1:
                return Match(found[0])
            if len(found) > 1:
                return Match(problem="name_ambiguous", fields={"candidates": self._names(found)})
        if tries[0][2] == "name":
            loose = self._loose_commune(text, live)
            if loose is not None:
                return loose
        ever = sorted({n.commune_id for n in names for a, key, kind in tries
                       if n.kind == kind and getattr(n, a) == key})  # fmt: skip
        if ever:
            others = [c for c in self.places.communes if c.place_id in ever]
            return Match(problem="commune_not_in_force", fields=self._not_in_force(others, day))
        if tries[0][2] == "code":
            return Match(problem="commune_code_unknown")
        in_force = [c for c in self.places.communes if c.valid_on(day)]
        return Match(problem="commune_unknown", fields=_suggest(text, in_force))

    def village(self, commune_id: str, text: str, day: date | None) -> Match:
        """A village of the commune (or of the 2020 communes it covers), in force on ``day``."""
        members = self.places.members_2020(commune_id)
        candidates = [v for v in self.places.villages if v.parent_id in members]
        if not candidates:
            return Match(commune_id="unchecked")
        live = [v for v in candidates if day is None or v.valid_on(day)]
        return _by_keys(text, live) or Match(problem="village_unknown", fields=_suggest(text, live))

    def school(self, commune_id: str, text: str) -> Match:
        """A school of the commune (or of the 2020 communes it covers)."""
        members = self.places.members_2020(commune_id)
        candidates = [s for s in self.places.schools if s.parent_id in members]
        if not candidates:
            return Match(commune_id="unchecked")
        found = _by_keys(text, candidates)
        return found or Match(problem="school_unknown", fields=_suggest(text, candidates))

    def unit(self, text: str | None, day: date | None) -> Match:
        """A unit by id (``vhtt``, ``ubnd_xa:2020:02026``) or by name, in force on ``day``."""
        if text is None:
            return Match()
        literal = _UNIT_ID.match(text.strip())
        if literal and literal["kind"] in self._kinds:
            kind, commune_id = literal["kind"], literal["commune"]
            if (self._kinds[kind]["level"] == "commune") != (commune_id is not None):
                return Match(problem="unit_unknown", fields={"suggestions": ""})
            if commune_id is not None and self.places.commune(commune_id) is None:
                return Match(problem="unit_unknown", fields={"suggestions": ""})
            return self._in_force(kind, commune_id, day)
        key = text_key(text)
        if key in self._exact_aliases:
            return self._in_force(self._exact_aliases[key], None, day)
        found = self._by_prefix(text.split(), text_key, self._prefix_aliases, day)
        if found is None:
            found = self._loose_unit(text, day)
        if found is None:
            return Match(problem="unit_unknown", fields=_suggest_text(text, list(alias_names())))
        return found

    def _by_prefix(
        self,
        words: list[str],
        key_of: Callable[[str], str],
        aliases: dict[str, tuple[str, str]],
        day: date | None,
    ) -> Match | None:
        """The longest leading words that are a ``prefix`` or ``commune`` alias; None if none."""
        for size in range(len(words), 0, -1):
            prefix = key_of(" ".join(words[:size]))
            if prefix not in aliases:
                continue
            kind, how = aliases[prefix]
            if how == "prefix":
                return self._in_force(kind, None, day)
            if size == len(words):
                continue  # "UBND xã" alone names no commune
            if day is None:
                return Match(kind=kind)
            commune = self.commune(" ".join(words[size:]), day)
            if commune.value is None:
                return commune
            found = self._in_force(kind, commune.value, day)
            return self._read_as(found) if commune.read_as else found
        return None

    def _loose_unit(self, text: str, day: date | None) -> Match | None:
        """A unit by the loose words of its name, then without the area typed after it."""
        words = tuple("xã" if w == "x" else w for w in name_words(text))  # "X." for "xã"
        for tried in (words, without_area(words)):
            if not tried:
                continue
            key = fold(" ".join(tried))
            if key in self._loose_exact_aliases:
                return self._read_as(self._in_force(self._loose_exact_aliases[key], None, day))
            found = self._by_prefix(list(tried), fold, self._loose_prefix_aliases, day)
            if found is not None:
                return self._read_as(found)
        return None

    def _read_as(self, found: Match) -> Match:
        """``found`` with the unit's own label as ``read_as`` (when it is a unit)."""
        if found.value is None or found.kind is None:
            return found
        commune = self.places.commune(found.commune_id) if found.commune_id else None
        name = None if commune is None else commune.full_name or commune.name
        label = unit_display_name(self._kinds[found.kind]["name_vi"], name)
        return replace(found, read_as=label)

    def partners(self, text: str | None, day: date | None) -> Match:
        """Partner units, ``;`` or ``,`` separated → their kinds, ``;``-joined, in order."""
        if text is None:
            return Match()
        kinds: list[str] = []
        reads: list[str] = []
        for part in (p for p in text.split(";") if p.strip()):
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            while pieces:
                size = next(
                    (n for n in range(len(pieces), 1, -1)
                     if text_key(", ".join(pieces[:n])) in self._exact_aliases),
                    1,
                )  # fmt: skip
                found = self.unit(", ".join(pieces[:size]), day)
                if found.problem is not None:
                    return found
                if found.kind and found.kind not in kinds:
                    kinds.append(found.kind)
                if found.read_as:
                    reads.append(found.read_as)
                pieces = pieces[size:]
        return Match(";".join(kinds), read_as="; ".join(reads) or None)

    def activity_type(self, text: str | None) -> Match:
        """An activity type code (``session``…) from its code, name or an alias."""
        return self._taxonomy(text, self._activity_types, "activity_type_unknown")

    def audience(self, text: str | None) -> Match:
        """An audience code (``children``…) from its code, name or an alias."""
        return self._taxonomy(text, self._audiences, "audience_unknown")

    def kind_of(self, unit_id: str) -> dict[str, str]:
        """The ``unit_kinds.csv`` row of a unit id's kind."""
        return self._kinds[unit_id.split(":")[0]]

    # --- helpers ---------------------------------------------------------------------------

    def _in_force(self, kind: str, commune_id: str | None, day: date | None) -> Match:
        unit_id = kind if commune_id is None else f"{kind}:{commune_id}"
        row = self._kinds[kind]
        start, end = row["valid_from"], row["valid_to"]
        if day is not None and start and day.isoformat() < start:
            fields = {"unit": row["name_vi"], "start": _vn(start)}
            return Match(problem="unit_not_started", fields=fields, kind=kind)
        if day is not None and end and day.isoformat() > end:
            fields = {"unit": row["name_vi"], "end": _vn(end)}
            return Match(problem="unit_ended", fields=fields, kind=kind)
        return Match(unit_id, kind=kind, commune_id=commune_id)

    def _loose_commune(self, text: str, live: list[CommuneName]) -> Match | None:
        """A commune name found by its loose key, with or without the area typed after it."""
        for key, accents in loose_keys(text):
            found = sorted({n.commune_id for n in live if n.kind == "name"
                            and loose_key(n.exact, accents) == key})  # fmt: skip
            if len(found) > 1:
                return Match(problem="name_ambiguous", fields={"candidates": self._names(found)})
            if found:
                commune = self.places.commune(found[0])
                name = commune.full_name or commune.name if commune else found[0]
                return Match(found[0], read_as=name)
        return None

    def _names(self, commune_ids: list[str]) -> str:
        found = {c.place_id: c.full_name or c.name for c in self.places.communes}
        return ", ".join(f"{found.get(i, i)} ({i})" for i in commune_ids)

    def _not_in_force(self, others: list[Place], day: date) -> dict[str, str]:
        names = []
        for commune in others:
            span = f"{_vn(commune.valid_from)}–{_vn(commune.valid_to) or '…'}"
            names.append(f"{commune.full_name or commune.name} ({span})")
        return {"day": _vn(day), "others": "; ".join(names)}

    def _taxonomy(
        self, text: str | None, table: tuple[dict[str, str], list[str]], problem: str
    ) -> Match:
        if text is None:
            return Match()
        codes, labels = table
        key = text_key(text)
        if key in codes:
            return Match(codes[key])
        if any(k in key for k in NO_ACTIVITY_KEYS):
            return Match(NONE_DECLARED)
        return Match(problem=problem, fields=_suggest_text(text, labels))

    @cached_property
    def _kinds(self) -> dict[str, dict[str, str]]:
        return unit_kinds()

    @cached_property
    def _exact_aliases(self) -> dict[str, str]:
        return unit_aliases(text_key).exact

    @cached_property
    def _prefix_aliases(self) -> dict[str, tuple[str, str]]:
        return unit_aliases(text_key).prefix

    @cached_property
    def _loose_exact_aliases(self) -> dict[str, str]:
        return unit_aliases(loose_unit_key).exact

    @cached_property
    def _loose_prefix_aliases(self) -> dict[str, tuple[str, str]]:
        return unit_aliases(loose_unit_key).prefix

    @cached_property
    def _activity_types(self) -> tuple[dict[str, str], list[str]]:
        return _taxonomy_table("activity_types", "activity_type_aliases", "activity_type")

    @cached_property
    def _audiences(self) -> tuple[dict[str, str], list[str]]:
        return _taxonomy_table("audiences", "audience_aliases", "audience")


def _by_keys(text: str, candidates: list[Place]) -> Match | None:
    """Exact key first, then folded key, then the loose keys; None when nothing matches."""
    for attribute, key in (("exact", exact_key(text)), ("key", admin_key(text))):
        found = [p for p in candidates if getattr(p, attribute) == key]
        if len(found) == 1:
            return Match(found[0].place_id)
        if len(found) > 1:
            return _ambiguous(found)
    for key, accents in loose_keys(text):
        found = [p for p in candidates if loose_key(p.name, accents) == key]
        if len(found) == 1:
            return Match(found[0].place_id, read_as=found[0].full_name or found[0].name)
        if len(found) > 1:
            return _ambiguous(found)
    return None


def _ambiguous(found: list[Place]) -> Match:
    names = ", ".join(sorted(f"{p.full_name or p.name} ({p.place_id})" for p in found))
    return Match(problem="name_ambiguous", fields={"candidates": names})


def _suggest(text: str, candidates: list[Place]) -> dict[str, str]:
    names = {p.key: p.full_name or p.name for p in candidates}
    close = difflib.get_close_matches(admin_key(text), list(names), n=3, cutoff=0.6)
    return {"suggestions": ", ".join(names[k] for k in close)}


def _suggest_text(text: str, labels: list[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for label in labels:
        keys.setdefault(text_key(label), label)
    close = difflib.get_close_matches(text_key(text), list(keys), n=3, cutoff=0.6)
    return {"suggestions": ", ".join(keys[k] for k in close)}


def _taxonomy_table(codes: str, aliases: str, column: str) -> tuple[dict[str, str], list[str]]:
    """(text key → code, display labels for suggestions) of one taxonomy."""
    table, labels = {}, []
    for row in reference.read_reference(codes).to_dict("records"):
        table[text_key(row[column])] = row[column]
        table[text_key(row["name_vi"])] = row[column]
        labels.append(row["name_vi"])
    for row in reference.read_reference(aliases).to_dict("records"):
        table[text_key(row["alias"])] = row[column]
        labels.append(row["alias"])
    return table, labels


def _vn(day: date | str | None) -> str:
    """dd/mm/yyyy, as clerks write dates; "" for an open end."""
    if not day:
        return ""
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return "" if value.year >= 9999 else vn_day(value)  # 9999-12-31: still in force
