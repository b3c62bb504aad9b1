"""The facts of Unicode case folding that the fast readers of a text rely on, checked over every
code point of the running Python, so that a Unicode update that broke one fails here rather than
changing what a text reads as (``language._folded_words``, ``text._page_lines``)."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from checker.extract.language import _folded_words
from checker.extract.text import _KEY_PUNCTUATION, _line_key, _page_lines

_LETTER = re.compile(r"[^\W\d_]")
_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
_KEPT = "\n" + _KEY_PUNCTUATION + "".join(c for c in _CHARACTERS if c.isspace())


def test_no_letter_folds_to_nothing_or_to_white_space():
    for char in filter(_LETTER.match, _CHARACTERS):
        folded = char.casefold()
        assert folded and not any(c.isspace() for c in folded), hex(ord(char))


def test_white_space_newlines_and_key_punctuation_fold_to_themselves_and_from_nothing_else():
    kept = set(_KEPT)
    for char in _CHARACTERS:
        folded = char.casefold()
        if char in kept:
            assert folded == char, hex(ord(char))
        else:
            assert kept.isdisjoint(folded), hex(ord(char))


# Letters of several scripts and cases, marks, digits of several kinds, spaces, punctuation,
# characters that fold to several (ß, ﬃ, İ), a character beyond the BMP and a lone surrogate.
_ALPHABET = st.sampled_from([
    "a", "B", "é", "É", "ß", "ﬃ", "İ", "Σ", "ς", "ж", "ب", "\u064b", "\u0640", "1", "²", "½", "Ⅻ", "٣",
    " ", "\u00a0", "\t", "\n", "-", "'", "’", ".", ":", "|", "*", "#", "_", "𝐀", "😀", "\ud800",
])


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_folded_words_are_the_letter_runs_each_folded(text):
    assert _folded_words(text) == [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]


@given(st.lists(_ALPHABET.filter(lambda c: c != "\ud800"), max_size=60).map("".join))
def test_page_lines_fold_each_line_as_it_would_be_on_its_own(text):
    lines = text.split("\n")
    assert [(s, e, f, k) for s, e, f, k in _page_lines(text)] == [
        (s, s + len(line), line.strip().casefold(), _line_key(line))
        for s, line in zip(_starts(lines), lines)
    ]


def _starts(lines: list[str]) -> list[int]:
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts
