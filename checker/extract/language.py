"""Which language an article is written in.

Script first (an Arabic-script article is Arabic, whatever Latin furniture it carries), then, for
Latin script, the language whose data file's stop words are most frequent. A language without a
data file is still named when the metadata gives it; otherwise ``und`` (undetermined).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import cache, lru_cache

from checker.extract.text import bmp_letters
from checker.lang import Language

_SAMPLE = 20_000  # characters: enough to decide, bounded on huge inputs
# In running text of a language, its stop words are a third of the words or more; a language
# whose stop words make less than this share of a text is not the text's language.
_MIN_STOPWORD_SHARE = 0.1


def _script_share(text: str, lo: int, hi: int) -> float:
    """The share of the letters of ``text`` that are in ``lo..hi``. The letters of the range
    are counted by a pattern, the others one by one: Python makes a string of each character it
    hands over, which for a character outside Latin-1 (most of an Arabic text) is costly. Spaces,
    no letters, are dropped first: the words of the range then run together, and the patterns
    match a few runs instead of one between every two words."""
    text = text.replace(" ", "")
    inside = len(_not_letters_in(lo, hi).sub("", text))
    outside = sum(map(str.isalpha, "".join(_outside(lo, hi).findall(text))))
    return inside / (inside + outside) if inside + outside else 0.0


@lru_cache(maxsize=8)
def _inside(lo: int, hi: int) -> re.Pattern:
    """Runs of characters of ``lo..hi``."""
    return _runs(f"[{_range(lo, hi)}]")


@lru_cache(maxsize=8)
def _outside(lo: int, hi: int) -> re.Pattern:
    """Runs of characters outside ``lo..hi``."""
    return _runs(f"[^{_range(lo, hi)}]")


@lru_cache(maxsize=8)
def _not_letters_in(lo: int, hi: int) -> re.Pattern:
    """Runs of characters other than the letters of ``lo..hi``."""
    letters = "".join(re.escape(chr(c)) for c in range(lo, hi + 1) if chr(c).isalpha())
    return _runs(f"[^{letters}]" if letters else r"[\s\S]")


def _range(lo: int, hi: int) -> str:
    """``lo..hi`` as a range of a character class."""
    return f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"


def _runs(character: str) -> re.Pattern:
    """Runs of ``character`` (a class), written ``[...][...]*`` rather than ``[...]+``: the regex
    engine skips to the next candidate at full speed only when the pattern opens with a class."""
    return re.compile(f"{character}{character}*")


_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_BLANK_ASCII_NOT_LETTERS = bytes.maketrans(_ASCII_NOT_LETTERS, b" " * len(_ASCII_NOT_LETTERS))


def _mostly_in_script(text: str, lo: int, hi: int, share: float) -> bool:
    """Whether more than ``share`` of the letters of ``text`` are in ``lo..hi``. Counting
    letters is skipped when the text has no character of the range (a search stops at the
    first), or when those it has (all letters at most) cannot reach the share even against the
    ASCII letters alone. Spaces, no letters, are dropped first, as in ``_script_share``."""
    if not _inside(lo, hi).search(text):
        return False
    text = text.replace(" ", "")
    in_range = len(text) - len(_inside(lo, hi).sub("", text))
    if in_range == 0:
        return False
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    if in_range / (in_range + ascii_letters) <= share:  # computed as ``_script_share`` does
        return False
    return _script_share(text, lo, hi) > share


@cache
def _wide_not_letter() -> re.Pattern:
    """A character beyond ASCII that is no letter. The letters of the BMP are left out of the
    class, so that the pattern stops only at the few characters to blank (the lookbehind tells
    for a character beyond the BMP)."""
    return re.compile(rf"[^\x00-\x7f{bmp_letters()}](?<![^\W\d_])")


def _folded_words(text: str) -> list[str]:
    r"""The words of ``text`` (runs of letters, ``[^\W\d_]+``), case folded, in order. A pattern
    match and a fold per word cost more than the whole: every character that is no letter is
    blanked (the ASCII ones by a byte table on the UTF-8 bytes, which never hold an ASCII byte
    inside another character, and which lone surrogates pass through; the others by a pattern),
    then the text is folded at once (folding reads each character on its own) and split at the
    blanks (no letter folds to white space, or to nothing)."""
    blanked = text.encode("utf-8", "surrogatepass").translate(_BLANK_ASCII_NOT_LETTERS)
    return _wide_not_letter().sub(" ", blanked.decode("utf-8", "surrogatepass")).casefold().split()


def detect_language(text: str, languages: Mapping[str, Language], declared: str | None = None) -> str:
    """The language code of ``text``: ``declared`` (metadata) wins when it is given."""
    if declared:
        return declared.strip().lower().split("-")[0].split("_")[0]
    sample = text[:_SAMPLE]
    if _mostly_in_script(sample, 0x0600, 0x06FF, 0.3):
        arabic = [code for code, lang in languages.items() if lang.script == "Arab"]
        return arabic[0] if arabic else "ar"
    folded = _folded_words(sample)
    words = Counter(folded)
    scores = {
        code: sum(map(words.__getitem__, words.keys() & lang.stopwords))
        for code, lang in languages.items()
        if lang.script != "Arab" and lang.stopwords
    }
    best = max(sorted(scores), key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= _MIN_STOPWORD_SHARE * len(folded) else "und"

