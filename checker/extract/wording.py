"""A small fixed-size sketch of an article's wording, and how alike two sketches say texts are.

Outlets copy one communiqué, often word for word. Two reports that share most of their word
sequences are one text, whatever else they say: when they disagree on the date or the city,
that is one outlet's drift (a finding), not a second meeting. Grouping needs that signal without
keeping every text: a bottom-k sketch (the K smallest hashes of the text's five-word sequences)
estimates the share of sequences two texts have in common (their resemblance) from K numbers.

crc32 rather than ``hash``: the sketch is made in worker processes and compared in the main one,
and ``hash`` of a string differs between processes.
"""

from __future__ import annotations

import re
from array import array
from functools import cache
from zlib import crc32

from checker import compiled
from checker.lang.anchors import bmp_class

K = 64  # hashes kept: resemblance is estimated to within about 1/8
SHINGLE = 5  # words in a sequence: long enough that unrelated reports rarely share one
_NOT_BYTES_WHITE_SPACE = r"[^\S \t\n\r\x0b\x0c]"  # white space, but none of what ``bytes.split`` splits at


def sketch(text: str) -> bytes:
    """The K smallest hashes of the five-word sequences of ``text`` (case folded), packed.
    Words are what white space separates, punctuation included: copies keep their punctuation,
    and splitting is ten times cheaper than a word pattern. The text is encoded in one go and
    split as bytes, once the white space that ``bytes.split`` does not know is made spaces:
    UTF-8 never puts an ASCII byte inside a character, so the words are those ``str.split``
    gives, each encoded as on its own."""
    words = _other_white_space().sub(" ", text.casefold()).encode().split()
    sequences = map(b" ".join, zip(*(words[i:] for i in range(SHINGLE)))) if len(words) >= SHINGLE else [b" ".join(words)]
    return array("I", _smallest(list(map(crc32, sequences)))).tobytes()


@cache
def _other_white_space() -> re.Pattern:
    """A character that ``str.split`` splits at and ``bytes.split`` does not (the white space
    beyond ASCII, and the ASCII separators U+001C..U+001F), tested by a bitmap (``bmp_class``)."""
    return compiled.compile(bmp_class(_NOT_BYTES_WHITE_SPACE))


def _smallest(hashes: list[int]) -> list[int]:
    """The K smallest distinct ``hashes``, in order. Hashes spread evenly over 32 bits, so about
    2K of them lie below ``2**32 * 2K / len(hashes)``: when K or more do, they hold the K smallest
    and only they are sorted; otherwise all are."""
    bound = (1 << 32) * 2 * K // max(len(hashes), 1)
    below = sorted({h for h in hashes if h < bound})
    return below[:K] if len(below) >= K else sorted(set(hashes))[:K]


def resemblance(a: bytes, b: bytes) -> float:
    """The estimated share of word sequences two texts have in common (0 to 1; 0 if either is
    empty): the share of the K smallest hashes of both together that each sketch holds."""
    if not a or not b:
        return 0.0
    first, second = set(array("I", a)), set(array("I", b))
    union = sorted(first | second)[:K]
    return sum(1 for h in union if h in first and h in second) / len(union)
