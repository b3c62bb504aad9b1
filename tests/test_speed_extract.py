"""The faster readings of the extractors give what the straightforward ones give: word tokens,
sentence ends, dates and weekdays found from candidate starts, the share of a script's letters."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from checker.extract import dates, participants
from checker.extract.language import _mostly_in_script, _script_share
from checker.extract.text import _SENTENCE_END
from checker.lang import load_languages

LANGUAGES = load_languages()


def _random_texts(alphabet: list[str], count: int, seed: int, longest: int = 20) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _reference_tokens(body: str) -> list[tuple[int, int]]:
    """Words, each joined to the previous one when a single hyphen separates them."""
    tokens: list[tuple[int, int]] = []
    for match in participants._WORD.finditer(body):
        start, end = match.span()
        if tokens and tokens[-1][1] + 1 == start and body[start - 1] in participants._HYPHENS:
            tokens[-1] = (tokens[-1][0], end)
        else:
            tokens.append((start, end))
    return tokens


def _spans(text: str) -> list[tuple[int, int]]:
    """The word spans participants reads, as ``_Scan.starts`` and ``_Scan.ends`` hold them."""
    starts, ends, words = participants._words(text)
    assert words == [text[s:e] for s, e in zip(starts, ends)]
    return list(zip(starts, ends))


def test_tokens_join_hyphenated_words_as_a_word_by_word_reading_does():
    alphabet = ["a", "B", "é", "-", "‐", "‑", " ", "1", "_", ".", "\u064b", "\u0670", "\u0640", "ال", ","]
    for text in _random_texts(alphabet, 5000, seed=1):
        assert _spans(text) == _reference_tokens(text), text
    assert _spans("Jean-Marc Al-Amin -x y--z") == [(0, 9), (10, 17), (19, 20), (21, 22), (24, 25)]


def test_sentence_ends_are_those_of_the_lookbehind_first_pattern():
    reference = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])(?<!\bMM)[.!?؟](?=\s)|\n")
    alphabet = ["A", "M", "m", ".", "!", "?", "؟", "\n", " ", "\t", "b", "Z", "_", "é", "Dr", "MM"]
    for text in _random_texts(alphabet, 20000, seed=2, longest=14):
        assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in reference.finditer(text)], text


@pytest.mark.parametrize("code", [c for c, lang in LANGUAGES.items() if lang.months])
@pytest.mark.parametrize("read", ["body", "line"])
def test_dates_found_from_candidate_starts_are_those_of_a_full_scan(code, read):
    """Where the openers start comes from the pass of the language's tables over a body, from a
    scan of their own over a header line: both find the dates that a scan everywhere finds."""
    lang = LANGUAGES[code]
    grammar = dates._body_grammar(lang) if read == "body" else dates._languages_grammar(lang, ())
    assert grammar.openers is not None
    everywhere = dataclasses.replace(grammar, openers=None)
    words = [*grammar.months, *grammar.weekdays, *grammar.relative, *grammar.qualifiers,
             "3", "12", "2024", "1/2/2023", "2024-03-05", "٣", " ", "  ", ", ", "\n", "-", "/", ".", "le", "Mars"]
    rng = random.Random(code)
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice([" ", "", ", ", "  "]) for _ in range(rng.randint(1, 15)))
        text = text.upper() if rng.random() < 0.3 else text
        start = rng.choice([0, rng.randint(0, len(text))])
        end = rng.choice([len(text), rng.randint(start, len(text))])
        assert dates._dates(text, grammar, start, end) == dates._dates(text, everywhere, start, end), text
        assert dates._tokens(text, grammar, start, end) == dates._tokens(text, everywhere, start, end), text


def test_script_share_decision_matches_counting_every_letter():
    alphabet = ["a", "B", "é", "ß", " ", "1", "³", "ب", "ال", "٣", "\u064b", "ж", ".", "ـ"]
    for text in _random_texts(alphabet, 5000, seed=3, longest=30):
        for share in (0.0, 0.3, 0.5):
            assert _mostly_in_script(text, 0x0600, 0x06FF, share) == (_script_share(text, 0x0600, 0x06FF) > share), text
