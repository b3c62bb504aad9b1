"""The faster readings of the extractors give what the straightforward ones give: letters spelled
out as code-point ranges, table matches as spans, page furniture read once for all languages, a
wording sketch hashed from one encoding, the share of a script's letters counted by a pattern."""

from __future__ import annotations

import random
import re
from array import array
from zlib import crc32

import pytest

from checker.extract import participants
from checker.extract.language import _script_share
from checker.extract.text import LetterPattern, _furniture, _line_key, _page_lines, furniture_ranges
from checker.extract.wording import K, SHINGLE, _smallest, sketch
from checker.lang import load_languages

LANGUAGES = load_languages()
LETTER = re.compile(r"[^\W\d_]")


def _random_texts(alphabet: list[str], count: int, seed: int, longest: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


@pytest.mark.parametrize("start", range(0, 0x10000, 0x1000))
def test_spelled_letters_are_the_letters_of_the_class(start):
    chars = "".join(chr(c) for c in range(start, start + 0x1000))
    words = LetterPattern("{L}+")
    assert words(chars).findall(chars) == re.findall(r"[^\W\d_]+", chars)


def test_a_text_beyond_the_bmp_is_read_with_the_class_itself():
    words = LetterPattern("{L}+")
    text = "Jean 𝐀𝐁 Dupont 😀 ²x"
    assert words(text) is not words("Jean Dupont")
    assert words(text).findall(text) == ["Jean", "𝐀𝐁", "Dupont", "²x"]


def test_tokens_are_hyphenated_compounds_of_letters_in_every_script():
    alphabet = ["a", "B", "é", "-", "‐", "‑", " ", "1", "_", "²", "𝐀", "😀", "ب", "ж", "\u0640", ".", "ß"]
    compound = re.compile(r"[^\W\d_]+(?:[-‐‑][^\W\d_]+)*")
    for text in _random_texts(alphabet, 5000, seed=11):
        starts, ends, words = participants._words(text)
        matches = list(compound.finditer(text))
        assert list(zip(starts, ends)) == [m.span() for m in matches], text
        assert words == [m.group() for m in matches], text


@pytest.mark.parametrize("code", [c for c, lang in LANGUAGES.items() if any(lang.tables.values())])
def test_table_spans_are_the_matches_finditer_yields(code):
    lang = LANGUAGES[code]
    rng = random.Random(code)
    examples = [e.example for t in lang.tables.values() for e in t.entries]
    noise = [" ", ", ", ". ", "\n", "x", "Le ", "(", "'", "2024 "]
    for _ in range(60):
        text = "".join(rng.choice(examples) + rng.choice(noise) for _ in range(rng.randint(0, 8)))
        text = text.upper() if rng.random() < 0.2 else text
        for table in lang.tables.values():
            want = [(m.start(), m.end(), entry) for entry, m in table.finditer(text)]
            assert table.spans(text) == want, (code, text)


def _reference_furniture(text: str, lang) -> list[tuple[int, int]]:
    """One language's furniture, read line by line (what ``_furniture`` shortcuts)."""
    tails = {_line_key(m) for m in lang.furniture_tail}
    starts = tuple(m.casefold() for m in lang.furniture_lines)
    ranges, prose, pos = [], False, 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped, key = line.strip().casefold(), _line_key(line)
        tail = bool(key) and any(key == m or (key.startswith(m) and len(key) < len(m) + 40) for m in tails)
        if tail and prose:
            ranges.append((pos, len(text)))
            break
        if tail or (stripped and stripped.startswith(starts)):
            ranges.append((pos, end))
        elif len(stripped) >= 200 or stripped.endswith((".", "!", "?", "؟", "…", "»", '"', "”")):
            prose = True
        pos = end + 1
    return ranges


def test_furniture_of_all_languages_is_each_language_s_own():
    languages = tuple(LANGUAGES.values())
    markers = [m for lang in languages for m in (*lang.furniture_tail, *lang.furniture_lines)]
    lines = [*markers, "Une phrase de prose.", "x" * 210, "Titre", "", "  ", "**", "Fin »", "court"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "\n".join(rng.choice(lines) + rng.choice(["", " suite", ".", "   "]) for _ in range(rng.randint(0, 12)))
        want = [r for lang in languages for r in _reference_furniture(text, lang)]
        assert _furniture(_page_lines(text), len(text), languages) == want, text
        assert furniture_ranges(text, languages[0]) == _reference_furniture(text, languages[0]), text


def _reference_sketch(text: str) -> bytes:
    """Each five-word sequence encoded and hashed on its own."""
    words = text.casefold().split()
    sequences = [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)] or [" ".join(words)]
    return array("I", sorted({crc32(s.encode()) for s in sequences})[:K]).tobytes()


def test_sketch_hashes_the_sequences_as_encoded_one_by_one():
    alphabet = ["a", "B", " ", "\u00a0", "\u2009", "\x1c", "\x85", "\u3000", "\n", "\t", "é", "ß", "İ", "ﬃ",
                "\u0345", ".", "\x0b", "\r", "\u2028", "😀", "ب"]
    for text in _random_texts(alphabet, 5000, seed=13, longest=60):
        assert sketch(text) == _reference_sketch(text), text


def test_script_share_counts_the_letters_of_the_range_among_all_letters():
    alphabet = ["a", "B", "é", "ß", " ", "1", "³", "ب", "ال", "٣", "\u064b", "ж", ".", "ـ", "،", "Ⅻ", "½",
                "ﷲ", "\u0600", "\u06ff", "𝐀"]
    for text in _random_texts(alphabet, 5000, seed=17):
        letters = [c for c in text if c.isalpha()]
        want = sum(0x0600 <= ord(c) <= 0x06FF for c in letters) / len(letters) if letters else 0.0
        assert _script_share(text, 0x0600, 0x06FF) == want, text


def test_the_smallest_hashes_are_those_of_a_full_sort_whatever_their_spread():
    rng = random.Random(19)
    for size in (0, 1, K - 1, K, K + 1, 3 * K, 2000):
        for top in (1 << 32, 1 << 20, 200):  # even, crowded low, heavily repeated
            hashes = [rng.randrange(top) for _ in range(size)]
            assert _smallest(hashes) == sorted(set(hashes))[:K], (size, top)
    high = [(1 << 32) - 1 - i for i in range(500)]  # none below the expected bound
    assert _smallest(high) == sorted(high)[:K]
