"""The unit names a report may use, keyed for matching (``etl/reference/unit_aliases.csv`` and
``unit_kinds.csv``): ``exact`` aliases are whole names, ``commune`` aliases are followed by a
commune name, ``prefix`` aliases may be followed by anything; a district or mass-organisation
kind's own name is an exact alias too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from etl import reference
from etl.names import fold, name_words


@dataclass(frozen=True)
class UnitAliases:
    """Alias keys → unit kinds, for one way of keying names."""

    exact: dict[str, str]  # a whole name → its unit kind
    prefix: dict[str, tuple[str, str]]  # leading words → (unit kind, "prefix" | "commune")


def loose_unit_key(text: str) -> str:
    """The loose key of a unit name (``etl.names.name_words``, folded): "P. VHTT" → "pvhtt"."""
    return fold(" ".join(name_words(text)))


@cache
def unit_kinds() -> dict[str, dict[str, str]]:
    """``unit_kinds.csv`` by unit kind."""
    rows = reference.read_reference("unit_kinds").to_dict("records")
    return {str(r["unit_kind"]): {str(k): str(v) for k, v in r.items()} for r in rows}


@cache
def unit_aliases(key_of: Callable[[str], str]) -> UnitAliases:
    """The aliases keyed by ``key_of`` (``etl.names.text_key`` or :func:`loose_unit_key`)."""
    rows = reference.read_reference("unit_aliases").to_dict("records")
    exact = {key_of(r["alias"]): r["unit_kind"] for r in rows if r["match"] == "exact"}
    exact.update(
        {key_of(r["name_vi"]): k for k, r in unit_kinds().items() if r["level"] != "commune"}
    )
    prefix = {key_of(r["alias"]): (r["unit_kind"], r["match"]) for r in rows
              if r["match"] != "exact"}  # fmt: skip
    return UnitAliases(exact, prefix)


@cache
def alias_names() -> tuple[str, ...]:
    """Every alias as written, for "did you mean …" suggestions."""
    return tuple(reference.read_reference("unit_aliases")["alias"])
