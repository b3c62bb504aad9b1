"""The faster readings of the text helpers give what the straightforward ones give: evidence
spans built without validation, digit runs and white space found by classes spelled out for the
BMP, a script's characters counted on the UTF-8 bytes, stop words counted alone, matches placed
in their sentences."""

from __future__ import annotations

import random
import re
import sys
from collections import Counter

import pytest
from pydantic import ValidationError

from checker.extract import dates, language
from checker.extract.text import _SENTENCE_END
from checker.extract.wording import _other_white_space
from checker.lang import load_languages
from checker.models import Span
from tests.helpers import article

LANGUAGES = load_languages()


def _random_texts(alphabet: list[str], count: int, seed: int, longest: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_spans_are_the_validated_spans():
    rng = random.Random(5)
    for text in _random_texts(["a", "É", " ", "\n", "\u00a0", ".", "ب", "\t"], 500, seed=4):
        read = article(text)
        for _ in range(5):
            start, end = rng.randint(0, len(text)), rng.randint(0, len(text))
            span = read.span(start, end)
            s, e = start, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            want = Span(start=s, end=e, line=text.count("\n", 0, s) + 1, text=text[s:e])
            assert span == want and span.model_fields_set == want.model_fields_set, (text, start, end)
            assert span.model_dump_json() == want.model_dump_json()


def test_a_negative_offset_is_refused_as_before():
    with pytest.raises(ValidationError):
        article("Le 3 mai.").span(-2, -1)


def test_digit_runs_start_where_those_of_the_digit_class_do():
    alphabet = ["1", "0", "٣", "۵", "\u0966", "²", "½", "Ⅻ", "\U0001d7d8", "\U000104a0", "😀", "a", " ", "-", "/"]
    reference = re.compile(r"\d\d*")
    for text in _random_texts(alphabet, 5000, seed=6):
        dates._digit_starts.cache_clear()
        assert dates._digit_starts(text) == [m.start() for m in reference.finditer(text)], text


def test_other_white_space_is_what_str_split_splits_at_and_bytes_split_does_not():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    found = set(_other_white_space().findall(every))
    assert found == {c for c in every if c.isspace() and not c.encode().isspace()}


def test_script_characters_are_counted_as_their_lead_bytes():
    alphabet = ["a", "B", " ", "é", "\u05ff", "\u0600", "ب", "\u064b", "\u06ff", "\u0700", "ж", "1", "\ud800",
                "😀", "ـ", "٣"]
    for text in _random_texts(alphabet, 5000, seed=8):
        count = sum(0x0600 <= ord(c) <= 0x06FF for c in text)
        encoded = language._utf8(text)
        assert len(encoded) - len(encoded.translate(None, language._lead_bytes(0x0600, 0x06FF))) == count, text
        ascii_letters = sum(c.isascii() and c.isalpha() for c in text)
        assert len(encoded.translate(None, language._ALL_BUT_ASCII_LETTERS)) == ascii_letters, text


def test_a_range_that_is_not_whole_blocks_of_two_byte_sequences_is_refused():
    for lo, hi in ((0x0600, 0x06FE), (0x0041, 0x005A), (0x0900, 0x097F)):
        with pytest.raises(ValueError):
            language._lead_bytes(lo, hi)


def _reference_language(text: str) -> str:
    """``detect_language`` scoring every word of the sample against each language's stop words."""
    sample = text[:language._SAMPLE]
    if language._script_share(sample, 0x0600, 0x06FF) > 0.3:
        return "ar"
    folded = [w.casefold() for w in re.findall(r"[^\W\d_]+", sample)]
    words = Counter(folded)
    scores = {code: sum(words[w] for w in lang.stopwords)
              for code, lang in LANGUAGES.items() if lang.script != "Arab" and lang.stopwords}
    best = max(sorted(scores), key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= language._MIN_STOPWORD_SHARE * len(folded) else "und"


def test_language_is_the_one_whose_stop_words_count_most_as_every_word_is_scored():
    stopwords = sorted({w for lang in LANGUAGES.values() for w in lang.stopwords})
    rng = random.Random(9)
    alphabet = [*stopwords, "maroc", "Rabat", "x", "1", ", ", "ب", "ال"]
    for _ in range(2000):
        text = " ".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        text = text.upper() if rng.random() < 0.2 else text
        assert language.detect_language(text, LANGUAGES) == _reference_language(text), text


def _reference_sentences(body: str) -> tuple[tuple[int, int], ...]:
    """The body cut after every sentence end, the blank pieces left out."""
    ends = [m.end() for m in _SENTENCE_END.finditer(body)]
    pieces = zip([0, *ends], [*ends, len(body)])
    return tuple((s, e) for s, e in pieces if body[s:e].strip())


def test_sentences_are_the_non_blank_pieces_between_sentence_ends():
    alphabet = ["A", "M", "m", ".", "!", "?", "؟", "\n", "\n\n", " ", "    ", "\t", "\r", "\u00a0", "\x0b", "b",
                "Dr", "MM", "é", "ب"]
    for text in _random_texts(alphabet, 20000, seed=11, longest=16):
        assert article(text).sentences == _reference_sentences(text), text


def test_matches_by_sentence_are_the_matches_within_one_sentence():
    cues = [e.example for e in LANGUAGES["fr"].table("meeting_cues").entries]
    rng = random.Random(10)
    for _ in range(300):
        text = "".join(rng.choice([*cues, ". ", "\n", "\n\n", " M. ", "x ", "Dr. "]) for _ in range(rng.randint(0, 12)))
        read = article(text)
        want = [(i, entry, s, e) for s, e, entry in read.spans("meeting_cues")
                for i, (first, last) in enumerate(read.sentences) if first <= s and e <= last]
        assert list(read.matches_by_sentence("meeting_cues")) == want, text
        assert read.sentences_with("meeting_cues") == frozenset(i for i, *_ in want), text
