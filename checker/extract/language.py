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

from checker import compiled
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
    return compiled.compile(f"{character}{character}*")


_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_BLANK_ASCII_NOT_LETTERS = bytes.maketrans(_ASCII_NOT_LETTERS, b" " * len(_ASCII_NOT_LETTERS))
_ALL_BUT_ASCII_LETTERS = bytes(b for b in range(256) if b >= 128 or not chr(b).isalpha())


def _utf8(text: str) -> bytes:
    """``text`` in UTF-8, lone surrogates passed through (a scraped text may hold one)."""
    return text.encode("utf-8", "surrogatepass")


@lru_cache(maxsize=8)
def _lead_bytes(lo: int, hi: int) -> bytes:
    """The bytes that start the UTF-8 encodings of the characters of ``lo..hi``, a range of
    whole blocks of two-byte sequences (as the Arabic block is): such a byte (C2..DF) starts the
    encodings of 64 code points and stands nowhere else in UTF-8, so there are as many
    characters of the range in a text as there are of those bytes in its encoding."""
    leads = bytes(sorted({chr(c).encode()[0] for c in range(lo, hi + 1)}))
    if not all(0xC2 <= b <= 0xDF for b in leads) or len(leads) * 64 != hi - lo + 1:
        raise ValueError(f"U+{lo:04X}..U+{hi:04X} is not whole blocks of two-byte UTF-8 sequences")
    return leads


def _mostly_in_script(text: str, lo: int, hi: int, share: float, encoded: bytes | None = None) -> bool:
    """Whether more than ``share`` of the letters of ``text`` are in ``lo..hi`` (whole blocks of
    two-byte UTF-8 sequences, see ``_lead_bytes``). Counting letters is skipped when the
    characters of the range (all letters at most) cannot reach the share even against the ASCII
    letters alone; both are counted on the UTF-8 bytes at C speed, where a search of the text
    reads it character by character: the range's by the bytes that start them, the ASCII
    letters as themselves (UTF-8 puts no ASCII byte inside another character). ``encoded``:
    ``_utf8(text)``, when the caller has it."""
    encoded = _utf8(text) if encoded is None else encoded
    in_range = len(encoded) - len(encoded.translate(None, _lead_bytes(lo, hi)))
    if in_range == 0:
        return False
    ascii_letters = len(encoded.translate(None, _ALL_BUT_ASCII_LETTERS))
    if in_range / (in_range + ascii_letters) <= share:  # computed as ``_script_share`` does
        return False
    return _script_share(text, lo, hi) > share


@cache
def _wide_not_letter() -> re.Pattern:
    """A character beyond ASCII that is no letter. The letters of the BMP are left out of the
    class, so that the pattern stops only at the few characters to blank (the lookbehind tells
    for a character beyond the BMP)."""
    return compiled.compile(rf"[^\x00-\x7f{bmp_letters()}](?<![^\W\d_])")


def _folded_words(text: str, encoded: bytes | None = None) -> list[str]:
    r"""The words of ``text`` (runs of letters, ``[^\W\d_]+``), case folded, in order. A pattern
    match and a fold per word cost more than the whole: every character that is no letter is
    blanked (the ASCII ones by a byte table on the UTF-8 bytes, which never hold an ASCII byte
    inside another character, and which lone surrogates pass through; the others by a pattern),
    then the text is folded at once (folding reads each character on its own) and split at the
    blanks (no letter folds to white space, or to nothing). ``encoded``: ``_utf8(text)``, when
    the caller has it."""
    blanked = (_utf8(text) if encoded is None else encoded).translate(_BLANK_ASCII_NOT_LETTERS)
    return _wide_not_letter().sub(" ", blanked.decode("utf-8", "surrogatepass")).casefold().split()


@lru_cache(maxsize=8)
def _stopword_owners(languages: tuple[tuple[str, Language], ...]) -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
    """The languages scored by their stop words (those not of Arabic script that have some), each
    at 0, and for each of their stop words the codes of the languages it is one of: only the words
    of a text that are stop words are counted, where counting every word costs a quarter more."""
    scored = [(code, lang) for code, lang in languages if lang.script != "Arab" and lang.stopwords]
    owners: dict[str, list[str]] = {}
    for code, lang in scored:
        for word in lang.stopwords:
            owners.setdefault(word, []).append(code)
    return dict.fromkeys((code for code, _ in scored), 0), {word: tuple(codes) for word, codes in owners.items()}


def detect_language(text: str, languages: Mapping[str, Language], declared: str | None = None) -> str:
    """The language code of ``text``: ``declared`` (metadata) wins when it is given."""
    if declared:
        return declared.strip().lower().split("-")[0].split("_")[0]
    sample = text[:_SAMPLE]
    encoded = _utf8(sample)  # read by both the script count and the words
    if _mostly_in_script(sample, 0x0600, 0x06FF, 0.3, encoded):
        arabic = [code for code, lang in languages.items() if lang.script == "Arab"]
        return arabic[0] if arabic else "ar"
    folded = _folded_words(sample, encoded)
    no_scores, owners = _stopword_owners(tuple(languages.items()))
    scores = dict(no_scores)
    for word, count in Counter(filter(owners.__contains__, folded)).items():
        for code in owners[word]:
            scores[code] += count
    best = max(sorted(scores), key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= _MIN_STOPWORD_SHARE * len(folded) else "und"

