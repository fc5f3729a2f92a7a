"""The places a report may name, read from the warehouse's staging contract (docs/warehouse.md).

Communes (all epochs, effective-dated), the old → new crosswalk, villages and schools. Tables
that are not built yet (villages and schools arrive with their master lists) read as empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import duckdb

from etl.names import admin_key, exact_key


@dataclass(frozen=True)
class Place:
    """A commune, village or school: its id, display name, keys and validity."""

    place_id: str
    name: str
    key: str  # admin_key: folded
    exact: str  # exact_key: accents kept
    parent_id: str | None = None  # the commune of a village or school (2020 epoch)
    code: str | None = None
    epoch: str | None = None
    full_name: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        """Whether the place existed on ``day`` (open ends are unbounded)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class CommuneName:
    """One row of ``stg_commune_names``: what a key (name or code) means over a period."""

    key: str  # admin_key of the name, or the code as typed (with and without leading zero)
    exact: str
    kind: str  # "name" | "code"
    commune_id: str
    valid_from: date
    valid_to: date


@dataclass(frozen=True)
class Places:
    """Everything matching needs, loaded once per build or import."""

    communes: Sequence[Place]
    villages: Sequence[Place] = ()
    schools: Sequence[Place] = ()
    successors: dict[str, list[tuple[str, date | None]]] = field(default_factory=dict)
    names: Sequence[CommuneName] = ()

    @classmethod
    def from_connection(cls, con: duckdb.DuckDBPyConnection, schema: str = "main") -> Places:
        """Read ``stg_communes`` (required) and, when present, the names, crosswalk, villages
        and schools. ``schema`` names the catalogue holding them (e.g. an attached warehouse).
        """
        present = _tables(con, schema)
        if "stg_communes" not in present:
            raise ValueError(f"schema {schema!r} has no stg_communes: build the warehouse first")
        read = {t: _rows(con, schema, t, _COLUMNS[t]) if t in present else [] for t in _COLUMNS}
        communes = [
            Place(place_id=r[0], code=r[1], epoch=r[2], name=r[3], full_name=r[4],
                  key=admin_key(r[3]), exact=exact_key(r[3]), valid_from=r[5], valid_to=r[6])
            for r in read["stg_communes"]
        ]  # fmt: skip
        successors: dict[str, list[tuple[str, date | None]]] = {}
        for old, new, day in read["stg_commune_crosswalk"]:
            successors.setdefault(old, []).append((new, day))
        villages = [
            Place(place_id=r[0], parent_id=r[1], name=r[2], key=admin_key(r[2]),
                  exact=exact_key(r[2]), valid_from=r[3], valid_to=r[4])
            for r in read["stg_villages"]
        ]  # fmt: skip
        schools = [
            Place(place_id=r[0], parent_id=r[1], name=r[2], key=admin_key(r[2]),
                  exact=exact_key(r[2]))
            for r in read["stg_schools"]
        ]  # fmt: skip
        names = [CommuneName(*r) for r in read["stg_commune_names"]] or _own_names(communes)
        return cls(communes, villages, schools, successors, names)

    def commune(self, commune_id: str) -> Place | None:
        """The commune with ``commune_id``, if any."""
        return next((c for c in self.communes if c.place_id == commune_id), None)

    def members_2020(self, commune_id: str) -> set[str]:
        """The 2020-epoch communes a commune of any epoch covers (for villages and schools).

        A 2020 commune covers itself; a 2025 commune the old units merged into it; a pre-2020
        commune the 2020 commune it became part of.
        """
        commune = self.commune(commune_id)
        if commune is None:
            return set()
        if commune.epoch == "2020":
            return {commune_id}
        if commune.epoch == "pre2020":
            return {new for new, _ in self.successors.get(commune_id, [])}
        return {
            old for old, news in self.successors.items() if any(n == commune_id for n, _ in news)
        }


_COLUMNS = {
    "stg_communes": "commune_id, commune_code, epoch, commune_name, full_name, "
    "cast(valid_from as date), cast(valid_to as date)",
    "stg_commune_crosswalk": "old_commune_id, new_commune_id, cast(effective_date as date)",
    "stg_villages": "village_id, commune_id, village_name, cast(valid_from as date), "
    "cast(valid_to as date)",
    "stg_schools": "school_id, commune_id, school_name",
    "stg_commune_names": "name_key, exact_key, key_kind, commune_id, cast(valid_from as date), "
    "cast(valid_to as date)",
}


def _own_names(communes: Sequence[Place]) -> list[CommuneName]:
    """Without ``stg_commune_names``: each commune's own name and code, in its own dates."""
    return [
        CommuneName(key, exact, kind, c.place_id, c.valid_from or date.min, c.valid_to or date.max)
        for c in communes
        for key, exact, kind in ((c.key, c.exact, "name"), (c.code or "", c.code or "", "code"))
    ]


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> set[str]:
    catalog = "current_database()" if schema == "main" else "?"
    rows = con.execute(
        f"select table_name from information_schema.tables where table_catalog = {catalog} "
        "and table_schema = 'main'",
        [] if schema == "main" else [schema],
    ).fetchall()
    return {r[0] for r in rows}


def _rows(con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: str) -> list[tuple]:
    # table and columns are constants of this module, never input; schema is checked here.
    if not schema.isidentifier():
        raise ValueError(f"schema must be an identifier, got {schema!r}")
    return con.execute(f"select {columns} from {schema}.{table}").fetchall()
