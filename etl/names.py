"""The one Vietnamese place-name normaliser.

Two keys per name, because accents carry meaning (two real villages can differ by one tone mark):

- ``exact_key``: Unicode NFC, spaces collapsed, casefolded, punctuation dropped, level prefixes
  removed ("Xã", "TT", "Thôn"…), and the tone mark moved to one canonical vowel, so "Hòa" and
  "Hoà", "Thủy" and "Thuỷ" agree. Accents are kept: "Bằng Lãng" is not "Bằng Lũng".
- ``admin_key``: the exact key with every diacritic stripped, ``đ`` mapped to ``d``, and the alias
  table (``etl/reference/admin_aliases.csv``) applied. Two places may share it: matching tries the
  exact key first and treats a folded key that fits two places as an ambiguity, never a guess.

Nothing else in the project lower-cases, trims or strips accents from names.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

import duckdb
from duckdb.func import FunctionNullHandling
from duckdb.sqltypes import VARCHAR

from etl.reference import REFERENCE_DIR

ALIASES_PATH = REFERENCE_DIR / "admin_aliases.csv"

# Level prefixes, longest first so "thị trấn" wins over "thị", "tổ dân phố" over "tổ".
_PREFIXES = tuple(
    sorted(
        (
            "tỉnh",
            "thành phố",
            "tp",
            "huyện",
            "thị xã",
            "thị trấn",
            "tt",
            "xã",
            "phường",
            "thôn",
            "bản",
            "tổ dân phố",
            "tdp",
            "tổ",
            "khu phố",
            "xóm",
            "làng",
            "ấp",
        ),
        key=len,
        reverse=True,
    )
)
_NUMBER_WORD = "số"
_HOUSE_NUMBER = re.compile(r"[0-9]+[a-zđ]?")  # "1", "12", "1a": a tổ or thôn by number
_PUNCT = re.compile(r"[.,;:_/\\\-–—'\"“”‘’]+")

# Combining tone marks: huyền, sắc, hỏi, ngã, nặng.
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_QUALITY_VOWELS = "ăâêôơư"


@lru_cache(maxsize=1 << 16)  # names repeat row after row: each distinct text is keyed once
def exact_key(name: str | None) -> str:
    """Return the accent-keeping key of a place name ("" for blank input)."""
    if name is None:
        return ""
    text = unicodedata.normalize("NFC", str(name))
    text = _PUNCT.sub(" ", text)
    words = text.casefold().split()
    words = _strip_prefix(words)
    return " ".join(_canonical_tone(w) for w in words)


def admin_key(name: str | None) -> str:
    """Return the folded join key of a place name: no diacritics, ``đ`` → ``d``, aliases applied."""
    folded = fold(exact_key(name))
    return _aliases().get(folded, folded)


@lru_cache(maxsize=1 << 16)
def text_key(text: str | None) -> str:
    """Key for free labels such as column headers: NFC, punctuation dropped, folded, no prefixes."""
    if text is None:
        return ""
    words = _PUNCT.sub(" ", unicodedata.normalize("NFC", str(text))).casefold().split()
    return fold(" ".join(words))


def fold(text: str) -> str:
    """Strip all diacritics and map ``đ`` to ``d`` (``Đ`` has no Unicode decomposition)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Expose the keys to SQL on ``con`` (same code, one place) unless already there.

    Connections to one file in one process share a catalogue, so a second connection finds the
    functions registered by the first.
    """
    present = {
        row[0]
        for row in con.execute(
            "select function_name from duckdb_functions() where function_type = 'scalar'"
        ).fetchall()
    }
    for sql_name, function in _SQL_FUNCTIONS.items():
        if sql_name not in present:
            con.create_function(
                sql_name, function, [VARCHAR], VARCHAR, null_handling=FunctionNullHandling.SPECIAL
            )


_SQL_FUNCTIONS: dict[str, Callable[[str | None], str | None]] = {
    "admin_key": admin_key,
    "admin_exact_key": exact_key,
    "text_key": text_key,
}


def _strip_prefix(words: list[str]) -> list[str]:
    """Drop level prefixes while what is left is still a name.

    A prefix is removed only if at least two words, or a number, remain: "Xã Bản Thi" → "bản thi"
    (not "thi"), "Thôn Nà Pài" → "nà pài", "Tổ dân phố số 1" → "1", "TDP 1A" → "1a". Only the
    longest prefix that fits is tried: "Tổ dân phố 1A" never loses just its "Tổ".
    """
    prefixes, number_word = _folded_prefixes()
    while True:
        folded = [fold(w) for w in words]
        prefix = next((p for p in prefixes if folded[: len(p)] == p), None)
        if prefix is None:
            return words
        size = len(prefix)
        rest = words[size:]
        if folded[size : size + 1] == [number_word] and len(rest) > 1:
            rest = rest[1:]
        if len(rest) >= 2 or (len(rest) == 1 and _HOUSE_NUMBER.fullmatch(rest[0])):
            words = rest
        else:
            return words


def _canonical_tone(word: str) -> str:
    """Move a syllable's tone mark to the vowel the new-style (kiểu mới) rule puts it on."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if not tones:
        return word
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    index = _tone_position(bare)
    if index is None:
        return unicodedata.normalize("NFC", word)
    return unicodedata.normalize("NFC", bare[: index + 1] + tones[-1] + bare[index + 1 :])


def _tone_position(bare: str) -> int | None:
    start = 0
    if bare.startswith("qu") or (bare.startswith("gi") and len(bare) > 2 and bare[2] in _VOWELS):
        start = 2
    positions = [i for i in range(start, len(bare)) if bare[i] in _VOWELS]
    if not positions and start:
        positions = [start - 1]  # "gì": the i is the vowel
    if not positions:
        return None
    for quality in "ơ", *_QUALITY_VOWELS:
        for i in positions:
            if bare[i] == quality:
                return i
    ends_open = positions[-1] == len(bare) - 1
    if len(positions) >= 3:
        return positions[1]
    if len(positions) == 2 and ends_open:
        pair = bare[positions[0]] + bare[positions[1]]
        return positions[1] if pair in ("oa", "oe", "uy") else positions[0]
    return positions[-1]


@cache
def _folded_prefixes() -> tuple[tuple[list[str], ...], str]:
    return tuple(fold(p).split() for p in _PREFIXES), fold(_NUMBER_WORD)


@cache
def _aliases() -> dict[str, str]:
    with ALIASES_PATH.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return {fold(exact_key(r["alias"])): fold(exact_key(r["canonical"])) for r in rows}
