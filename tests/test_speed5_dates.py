"""The faster readings of dates.py find what the plain ones found."""

import random
import re

from checker.extract import dates


def _random_texts(alphabet: list[str], count: int, seed: int, longest: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_four_digits_are_found_where_the_digit_class_finds_them():
    alphabet = ["1", "0", "٣", "۵", "\u0966", "²", "½", "Ⅻ", "\U0001d7d8", "\U000104a0", "😀", "a", " ", "\n"]
    reference = re.compile(r"\d{4}")
    rng = random.Random(7)
    for text in _random_texts(alphabet, 5000, seed=8):
        start, end = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        found, want = dates._four_digits().search(text, start, end), reference.search(text, start, end)
        assert (found and found.span()) == (want and want.span()), (text, start, end)


def test_short_lines_are_the_lines_a_byline_may_be():
    alphabet = ["a", " ", "\n", "\n\n", "x" * 60, "é" * 70]
    for text in _random_texts(alphabet, 2000, seed=9, longest=12):
        for end in {0, len(text) // 2, len(text)}:
            lines, start = [], 0
            for index, line in enumerate(text[:end].split("\n")):
                lines.append((index, start, start + len(line)))
                start += len(line) + 1
            want = [(i, s, e) for i, s, e in lines if e - s <= dates._LINE_MAX]
            assert list(dates._short_lines(text, end)) == want, (text, end)
