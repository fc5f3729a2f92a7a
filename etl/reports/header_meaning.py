"""What a report's column header means: one of the template's columns, or nothing.

Two tables of data decide it, tried in this order:

1. ``etl/reference/report_headers.csv``: whole headers, each the spelling of one column
   ("STT", "Xã, thị trấn", "Trong đó trẻ em").
2. ``etl/reference/header_rules.csv``: word rules, in file order, the first that fits wins. A
   rule names the words a header must hold, together and in order ("nguoi tham gia"), and the
   words that rule it out ("dia ban" for the village rule "ban"). So every usual wording of a
   column is understood, not only the ones listed: "Số lượng người tham gia", "Tổng số người
   dự", "SL người tham gia" are all participants; a header about children ("Số trẻ em tham gia",
   "Trong đó học sinh") is the children's count, so that rule comes before the participants'.

Headers are compared by ``names.text_key`` (case, accents, spacing and punctuation do not
matter), split into words.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.names import text_key
from etl.reference import REFERENCE_DIR

HEADERS_PATH = REFERENCE_DIR / "report_headers.csv"
RULES_PATH = REFERENCE_DIR / "header_rules.csv"
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Rule:
    """Headers holding ``words`` (in order, side by side) and none of ``unless`` mean
    ``column``."""

    column: str
    words: tuple[str, ...]
    unless: tuple[tuple[str, ...], ...]

    def fits(self, words: tuple[str, ...]) -> bool:
        return _holds(words, self.words) and not any(_holds(words, u) for u in self.unless)


@lru_cache(maxsize=4096)  # a file's header cells, and the rows tried before it
def column_of(header: str | None) -> str | None:
    """The template column ``header`` means, or None when it means none of them."""
    key = text_key(header)
    if not key:
        return None
    spelled = _spellings().get(key)
    if spelled is not None:
        return spelled
    words = _words(key)
    return next((rule.column for rule in _rules() if rule.fits(words)), None)


def _holds(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text_key(text)))


@cache
def _spellings() -> dict[str, str]:
    with HEADERS_PATH.open(encoding="utf-8", newline="") as handle:
        return {text_key(r["header"]): r["column"] for r in csv.DictReader(handle)}


@cache
def _rules() -> tuple[Rule, ...]:
    with RULES_PATH.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Rule(
                r["column"],
                _words(r["words"]),
                tuple(_words(u) for u in r["unless"].split("|") if u.strip()),
            )
            for r in csv.DictReader(handle)
        )
