"""Which language an article is written in.

Script first (an Arabic-script article is Arabic, whatever Latin furniture it carries), then, for
Latin script, the language whose data file's stop words are most frequent. A language without a
data file is still named when the metadata gives it; otherwise ``und`` (undetermined).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from checker.extract.text import LetterPattern
from checker.lang import Language

_WORD = LetterPattern("{L}+")
_SAMPLE = 20_000  # characters: enough to decide, bounded on huge inputs
# In running text of a language, its stop words are a third of the words or more; a language
# whose stop words make less than this share of a text is not the text's language.
_MIN_STOPWORD_SHARE = 0.1


def _script_share(text: str, lo: int, hi: int) -> float:
    """The share of the letters of ``text`` that are in ``lo..hi``. The letters of the range
    are counted by a pattern, the others one by one: Python makes a string of each character it
    hands over, which for a character outside Latin-1 (most of an Arabic text) is costly."""
    inside = len(_not_letters_in(lo, hi).sub("", text))
    outside = sum(map(str.isalpha, "".join(_outside(lo, hi).findall(text))))
    return inside / (inside + outside) if inside + outside else 0.0


@lru_cache(maxsize=8)
def _outside(lo: int, hi: int) -> re.Pattern:
    """Runs of characters outside ``lo..hi``."""
    return re.compile(f"[^{re.escape(chr(lo))}-{re.escape(chr(hi))}]+")


@lru_cache(maxsize=8)
def _not_letters_in(lo: int, hi: int) -> re.Pattern:
    """Runs of characters other than the letters of ``lo..hi``."""
    letters = "".join(re.escape(chr(c)) for c in range(lo, hi + 1) if chr(c).isalpha())
    return re.compile(f"[^{letters}]+" if letters else r"[\s\S]+")


_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def _mostly_in_script(text: str, lo: int, hi: int, share: float) -> bool:
    """Whether more than ``share`` of the letters of ``text`` are in ``lo..hi``. Counting
    letters is skipped when the characters of the range (all letters at most) cannot reach the
    share even against the ASCII letters alone."""
    in_range = len(_outside(lo, hi).sub("", text))
    if in_range == 0:
        return False
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    if in_range / (in_range + ascii_letters) <= share:  # computed as ``_script_share`` does
        return False
    return _script_share(text, lo, hi) > share


def detect_language(text: str, languages: Mapping[str, Language], declared: str | None = None) -> str:
    """The language code of ``text``: ``declared`` (metadata) wins when it is given."""
    if declared:
        return declared.strip().lower().split("-")[0].split("_")[0]
    sample = text[:_SAMPLE]
    if _mostly_in_script(sample, 0x0600, 0x06FF, 0.3):
        arabic = [code for code, lang in languages.items() if lang.script == "Arab"]
        return arabic[0] if arabic else "ar"
    words = Counter(map(str.casefold, _WORD(sample).findall(sample)))
    scores = {
        code: sum(map(words.__getitem__, words.keys() & lang.stopwords))
        for code, lang in languages.items()
        if lang.script != "Arab" and lang.stopwords
    }
    best = max(sorted(scores), key=scores.__getitem__, default=None)
    total = sum(words.values())
    return best if best is not None and scores[best] >= _MIN_STOPWORD_SHARE * total else "und"
