"""The capitalised-name reader reads words where it needs them, not by splitting the whole text:
what it reads is what the split gives (the words, the capitalised ones, a word read backwards,
whether a word is one of the text's)."""

from __future__ import annotations

import random

from checker.extract import participants
from tests.helpers import article

ALPHABET = ["a", "B", "é", "É", "ß", "-", "‐", "‑", " ", "\u00a0", "1", "_", ".", ",", "(", "Ǆ", "ǅ",
            "\u064b", "\u0640", "ب", "Ⓐ", "²", "𝐀", "𝐚", "😀", "ж", "Ж"]


def _texts(count: int, seed: int, alphabet: list[str] = ALPHABET) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(count)]


def _split(text: str) -> list[tuple[int, int, str]]:
    return list(zip(*participants._words(text)))


def test_words_read_where_they_start_are_the_words_of_the_split():
    for text in _texts(4000, seed=21):
        scan = participants._Scan(article(text))
        assert [(m.start(), m.end(), m.group()) for m in scan.words_from(0)] == _split(text), text


def test_capitalised_words_are_the_words_of_the_split_that_open_with_a_capital():
    bmp = [c for c in ALPHABET if ord(c) < 0x10000]
    for text in _texts(4000, seed=22) + _texts(4000, seed=23, alphabet=bmp):
        scan = participants._Scan(article(text))
        found = list(zip(*participants._capitalised_words(scan)))
        assert found == [word for word in _split(text) if word[2][0].isupper()], text


def test_a_word_read_backwards_starts_where_the_split_starts_it():
    for text in _texts(4000, seed=24):
        for start, end, _ in _split(text):
            assert participants._word_start(text, end) == start, text


def test_a_word_is_found_exactly_when_the_split_gives_it():
    for text in _texts(2000, seed=25, alphabet=["a", "b", "B", "-", " ", ".", "é"]):
        scan = participants._Scan(article(text))
        words = {word for _, _, word in _split(text)}
        for probe in ("a", "ab", "b-a", "ba", "é", "a-b", "bab"):
            assert scan.has_word(probe) == (probe in words), (text, probe)
