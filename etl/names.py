"""The one Vietnamese place-name normaliser.

Two keys per name, because accents carry meaning (two real villages can differ by one tone mark):

- ``exact_key``: Unicode NFC, spaces collapsed, casefolded, punctuation dropped, level prefixes
  removed ("Xã", "TT", "Thôn"…), and the tone mark moved to one canonical vowel, so "Hòa" and
  "Hoà", "Thủy" and "Thuỷ" agree. Accents are kept: "Bằng Lãng" is not "Bằng Lũng".
- ``admin_key``: the exact key with every diacritic stripped, ``đ`` mapped to ``d``, and the alias
  table (``etl/reference/admin_aliases.csv``) applied. Two places may share it: matching tries the
  exact key first and treats a folded key that fits two places as an ambiguity, never a guess.

Look-alike letters left by old encodings ("Ð" U+00D0 for "Đ", ``etl/reference/name_letters.csv``)
are folded before any key is made. When neither key finds a name, matching tries the looser
words of :func:`name_words` (units) and :func:`loose_key` (places): punctuation, "và"/"&" and
abbreviation dots never matter, full words and their abbreviations
(``etl/reference/name_words.csv``: "Văn hóa" = "VH", "Tổ dân phố" = "TDP") compare equal, numbers
lose leading zeros and Roman numerals ("Tổ III" = "Tổ 03" = "Tổ 3"), the kind word ("Trường",
"Thôn", "X.") is optional, and :func:`without_area` drops an area typed after the name
(``etl/reference/name_areas.csv``: "… huyện Chợ Đồn"). A looser key may make two places equal:
matching then reports an ambiguity, never a guess.

Nothing else in the project lower-cases, trims or strips accents from names.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import duckdb
from duckdb.func import FunctionNullHandling
from duckdb.sqltypes import VARCHAR

from etl.reference import REFERENCE_DIR

ALIASES_PATH = REFERENCE_DIR / "admin_aliases.csv"
LETTERS_PATH = REFERENCE_DIR / "name_letters.csv"
WORDS_PATH = REFERENCE_DIR / "name_words.csv"
AREAS_PATH = REFERENCE_DIR / "name_areas.csv"

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
_LOOSE_PUNCT = re.compile(r"[^\w\s]+|_+")  # every mark between words, "&", "(" and "+" too
_CONNECTIVES = frozenset({"va"})  # "và" (folded); "&" is punctuation
_ROMAN = re.compile(r"(x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_LOOSE_PREFIXES = ("x", "trường")  # "X. Bản Thi"; "Trường" on schools

# Combining tone marks: huyền, sắc, hỏi, ngã, nặng.
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_QUALITY_VOWELS = "ăâêôơư"


@lru_cache(maxsize=1 << 16)  # names repeat row after row: each distinct text is keyed once
def exact_key(name: str | None) -> str:
    """Return the accent-keeping key of a place name ("" for blank input)."""
    if name is None:
        return ""
    text = _letters(str(name))
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
    words = _PUNCT.sub(" ", _letters(str(text))).casefold().split()
    return fold(" ".join(words))


@lru_cache(maxsize=1 << 16)
def name_words(name: str | None) -> tuple[str, ...]:
    """The words of a name compared loosely: every mark and "và" dropped, full words replaced
    by their abbreviation (``name_words.csv``) and neighbouring abbreviations joined, folded.
    Other words keep their accents (tone marks in their canonical place).

    "Phòng Văn hóa và Thông tin", "Phòng VH&TT", "P. VHTT" and "Phòng VH và TT" are all
    ``("pvhtt",)``; "Trung tâm VH, TT và TT" is ``("ttvhtttt",)``.
    """
    if name is None:
        return ()
    text = _LOOSE_PUNCT.sub(" ", _letters(str(name))).casefold()
    words = [_canonical_tone(w) for w in text.split() if fold(w) not in _CONNECTIVES]
    return tuple(_join_abbreviations(_contract(words)))


@lru_cache(maxsize=1 << 16)
def loose_key(name: str | None, keep_accents: bool = False) -> str:
    """The loosest key of a place name: :func:`name_words`, numbers as plain digits ("03",
    "III" → "3"), "số" before a number and the kind word dropped ("Tổ dân phố số 3" → "3",
    "Trường MN Bản Thi" → "mn ban thi"); folded unless ``keep_accents``."""
    return loose_key_of_words(name_words(name), keep_accents)


def without_area(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """``words`` (of :func:`name_words`) without the area typed after the name, from its first
    area word on ("… huyện Chợ Đồn, tỉnh Bắc Kạn"); None when no area follows the name."""
    folded = tuple(fold(w) for w in words)
    for start in range(1, len(words)):
        if any(folded[start : start + len(a)] == a for a in _areas()):
            return words[:start]
    return None


def loose_keys(name: str | None) -> list[tuple[str, bool]]:
    """(key, whether it keeps accents) to try in turn: the loose key of ``name`` with accents,
    then folded, then the same without an area typed after the name (:func:`without_area`)."""
    words = name_words(name)
    keys = []
    for tried in (words, without_area(words)):
        if tried:
            keys += [(loose_key_of_words(tried, accents), accents) for accents in (True, False)]
    return keys


def loose_key_of_words(words: tuple[str, ...], keep_accents: bool = False) -> str:
    """:func:`loose_key` of words already split by :func:`name_words` (e.g. after
    :func:`without_area`)."""
    numbered = [_number(w) if i else w for i, w in enumerate(words)]
    key = " ".join(_strip_prefix(numbered, _LOOSE_PREFIXES))
    return key if keep_accents else fold(key)


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


def _letters(text: str) -> str:
    """NFC, with the look-alike letters of old encodings replaced (``name_letters.csv``)."""
    return unicodedata.normalize("NFC", text).translate(_letter_table())


def _contract(words: list[str]) -> list[str]:
    """Full words → their abbreviation (folded), longest phrase first: "văn hóa" → "vh"."""
    folded = [fold(w) for w in words]
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, abbreviation in _phrases():
            if tuple(folded[i : i + len(phrase)]) == phrase:
                out.append(abbreviation)
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _join_abbreviations(words: list[str]) -> list[str]:
    """Neighbouring abbreviations as one folded word: ["p", "vh", "tt"] → ["pvhtt"]."""
    out: list[str] = []
    joinable = False
    for word in words:
        plain = fold(word)
        is_abbreviation = word.replace("đ", "d") == plain and _is_abbreviation(plain)
        if is_abbreviation and joinable:
            out[-1] += plain
        else:
            out.append(plain if is_abbreviation else word)
        joinable = is_abbreviation
    return out


@lru_cache(maxsize=1 << 12)
def _is_abbreviation(word: str) -> bool:
    """Whether ``word`` is made of abbreviations of the table only ("vhtt", "ldtbxh")."""
    if not word:
        return True
    return any(word.startswith(a) and _is_abbreviation(word[len(a) :]) for a in _abbreviations())


def _number(word: str) -> str:
    """ "03" → "3", "iii" → "3", "xiv" → "14"; any other word as it is."""
    if word.isdigit():
        return str(int(word))
    if _ROMAN.fullmatch(word):
        values = [_ROMAN_VALUES[c] for c in word]
        total = sum(-v if v < n else v for v, n in zip(values, [*values[1:], 0], strict=True))
        return str(total)
    return word


def _strip_prefix(words: list[str], extra: tuple[str, ...] = ()) -> list[str]:
    """Drop level prefixes while what is left is still a name.

    A prefix is removed only if at least two words, or a number, remain: "Xã Bản Thi" → "bản thi"
    (not "thi"), "Thôn Nà Pài" → "nà pài", "Tổ dân phố số 1" → "1", "TDP 1A" → "1a". Only the
    longest prefix that fits is tried: "Tổ dân phố 1A" never loses just its "Tổ".
    """
    prefixes, number_word = _folded_prefixes(extra)
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
def _folded_prefixes(extra: tuple[str, ...] = ()) -> tuple[tuple[list[str], ...], str]:
    prefixes = sorted((*_PREFIXES, *extra), key=len, reverse=True)
    return tuple(fold(p).split() for p in prefixes), fold(_NUMBER_WORD)


@cache
def _letter_table() -> dict[int, str]:
    return {ord(r["letter"]): r["means"] for r in _read(LETTERS_PATH)}


@cache
def _phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded words, folded abbreviation) of ``name_words.csv``, longest phrase first."""
    rows = [(tuple(fold(r["words"].casefold()).split()), fold(r["abbreviation"].casefold()))
            for r in _read(WORDS_PATH)]  # fmt: skip
    return tuple(sorted(rows, key=lambda row: len(row[0]), reverse=True))


@cache
def _abbreviations() -> tuple[str, ...]:
    return tuple(sorted({a for _, a in _phrases()}, key=len, reverse=True))


@cache
def _areas() -> tuple[tuple[str, ...], ...]:
    """The area words of ``name_areas.csv`` as :func:`name_words` makes them ("thị trấn" → "tt")."""
    return tuple(tuple(fold(w) for w in name_words(r["word"])) for r in _read(AREAS_PATH))


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def _aliases() -> dict[str, str]:
    with ALIASES_PATH.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return {fold(exact_key(r["alias"])): fold(exact_key(r["canonical"])) for r in rows}
