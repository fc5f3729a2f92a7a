"""Which commune a name or code means on a given day: the gazetteer's one resolution rule.

A commune name is ambiguous without a date: "Xã Nghĩa Tá" is 2020:02071 until 2025-06-30 and the
larger 2025:02071 from 2025-07-01. :func:`commune_names` lists, for every key (folded name,
accent-keeping name, GSO code with and without its leading zero), the unit it means over each
period. A unit's own name means that unit while it is in force; after it ended the name means its
successor (crosswalk), unless another unit in force bears the name. The build stores the list as
``raw_commune_names`` (view ``stg_commune_names``) so SQL resolves with a join; Python uses
:func:`resolve_commune`. Both read the same rows.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pandas as pd

from etl.geography import gazetteer
from etl.names import admin_key, exact_key, loose_key, loose_keys

NAME_COLUMNS = [
    "name_key", "exact_key", "key_kind", "commune_id", "named_commune_id", "via_crosswalk",
    "valid_from", "valid_to",
]  # fmt: skip


def resolve_commune(text: str | None, on_date: date) -> str | None:
    """Return the ``commune_id`` that ``text`` (name or GSO code) means on ``on_date``, or None.

    The accent-keeping key is tried first, then the folded key, then the loose keys of
    ``etl.names`` ("X. Nam Cường", "Xã Nam Cường, huyện Chợ Đồn"). Raises ``ValueError`` when
    the text fits two units on that day (an ambiguity to report, never a guess).
    """
    if not isinstance(on_date, date):
        raise ValueError(f"on_date must be a date, got {on_date!r}")
    index = _default_index()
    tries = [("exact_key", exact_key(text)), ("name_key", admin_key(text))]
    tries += [(f"loose_{accents}", key) for key, accents in loose_keys(text)]
    for column, key in tries:
        found = sorted({
            commune_id
            for valid_from, valid_to, commune_id in index.get((column, key), ())
            if valid_from <= on_date <= valid_to
        })  # fmt: skip
        if len(found) > 1:
            raise ValueError(f"text {text!r} fits {found} on {on_date}: give the GSO code")
        if found:
            return found[0]
    return None


def commune_names(communes: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Return one row per key and period with the unit it means (columns :data:`NAME_COLUMNS`).

    ``communes`` and ``crosswalk`` are :func:`etl.geography.gazetteer.extract_communes` and
    :func:`etl.geography.gazetteer.extract_crosswalk`. No key means two units on one day.
    """
    missing = {"commune_id", "commune_code", "commune_name", "valid_from", "valid_to"}
    missing -= set(communes.columns)
    if missing:
        raise ValueError(f"communes lacks columns {sorted(missing)}")
    units = communes.set_index("commune_id")
    successor = dict(zip(crosswalk["old_commune_id"], crosswalk["new_commune_id"], strict=True))
    rows = []
    for named_id, unit in units.iterrows():
        chain = [named_id]
        while chain[-1] in successor:
            chain.append(successor[chain[-1]])
        for key, exact, kind in _keys(unit):
            for means in chain:
                rows.append(
                    (key, exact, kind, means, named_id, means != named_id,
                     units.at[means, "valid_from"], units.at[means, "valid_to"])
                )  # fmt: skip
    table = pd.DataFrame(rows, columns=NAME_COLUMNS)
    table = _drop_shadowed(table)
    return table.sort_values(["key_kind", "name_key", "valid_from"], ignore_index=True)


def _keys(unit: pd.Series) -> list[tuple[str, str, str]]:
    code = str(unit["commune_code"])
    keys = [(admin_key(unit["commune_name"]), exact_key(unit["commune_name"]), "name")]
    keys += [(code, code, "code")]
    if code.lstrip("0") != code:
        keys.append((code.lstrip("0"), code.lstrip("0"), "code"))  # Excel drops leading zeros
    return keys


def _drop_shadowed(table: pd.DataFrame) -> pd.DataFrame:
    """A name of an ended unit does not reach its successor where a unit in force bears it."""
    direct = table.loc[~table["via_crosswalk"], ["name_key", "valid_from", "valid_to"]]
    pairs = (
        table[table["via_crosswalk"]]
        .reset_index()
        .merge(direct, on="name_key", suffixes=("", "_direct"))
    )
    overlapping = (pairs["valid_from_direct"] <= pairs["valid_to"]) & (
        pairs["valid_to_direct"] >= pairs["valid_from"]
    )
    shadowed = table.index.isin(pairs.loc[overlapping, "index"])
    # Rows come in epoch order: keep the latest unit that bore the name.
    return table[~shadowed].drop_duplicates(["name_key", "exact_key", "commune_id"], keep="last")


@cache
def _default_names() -> pd.DataFrame:
    return commune_names(gazetteer.extract_communes(), gazetteer.extract_crosswalk())


@cache
def _default_index() -> dict[tuple[str, str], list[tuple[date, date, str]]]:
    """(key column, key) → the (valid from, valid to, commune) rows of :func:`_default_names`."""
    index: dict[tuple[str, str], list[tuple[date, date, str]]] = {}
    names = _default_names()
    for column in ("exact_key", "name_key"):
        rows = zip(names[column], names["valid_from"], names["valid_to"], names["commune_id"],
                   strict=True)  # fmt: skip
        for key, valid_from, valid_to, commune_id in rows:
            index.setdefault((column, key), []).append((valid_from, valid_to, commune_id))
    named = zip(names["exact_key"], names["key_kind"], names["valid_from"], names["valid_to"],
                names["commune_id"], strict=True)  # fmt: skip
    for exact, kind, valid_from, valid_to, commune_id in named:
        if kind == "name":  # "Xã Nam Cường, huyện Chợ Đồn", "X. Nam Cường": etl.names.loose_keys
            for accents in (True, False):
                key = (f"loose_{accents}", loose_key(exact, accents))
                index.setdefault(key, []).append((valid_from, valid_to, commune_id))
    return index


def communes_2020_of(commune_id: str) -> tuple[str, ...]:
    """The 2020-epoch unit(s) that ``commune_id`` corresponds to, through the crosswalk.

    A pre-2020 unit has one (its successor), a 2020 unit is itself, a 2025 commune has the
    Chợ Đồn units it took over (one or several).
    """
    forward, backward = _crosswalk_maps()
    epoch = commune_id.split(":", 1)[0]
    if epoch == "pre2020":
        return (forward[commune_id],)
    if epoch == "2020":
        return (commune_id,)
    if epoch == "2025":
        return backward[commune_id]
    raise ValueError(f"commune_id must start with pre2020:, 2020: or 2025:, got {commune_id!r}")


@cache
def _crosswalk_maps() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    crosswalk = gazetteer.extract_crosswalk()
    forward = dict(zip(crosswalk["old_commune_id"], crosswalk["new_commune_id"], strict=True))
    backward: dict[str, list[str]] = {}
    for old, new in forward.items():
        backward.setdefault(new, []).append(old)
    return forward, {new: tuple(sorted(olds)) for new, olds in backward.items()}
