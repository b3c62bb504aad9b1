"""The word-start scan of pattern tables (``checker.lang.anchors``) finds exactly what a plain scan
of the table's alternation finds, on texts built to trip it: mixed case, the letters the regex
engine folds together, clitics, white space of every kind, partial ranges."""

from __future__ import annotations

import random
import re
import sys

import pytest

from checker.lang import PatternTable, build_language, load_languages
from checker.lang.anchors import WordStarts, fold, fold_char, word_start_pieces

LANGUAGES = load_languages()
NOISE = [
    " ", "  ", "\n", "\t", "\u00a0", "\u2009", ", ", ". ", "-", "'", "’", "l'", "d’", "(", ")", "«", "»",
    "x", "ab", "7", "1990", " 12 ", "٣٤", "é", "É", "ſ", "İ", "Σ", "ς", "\u212a", "ı", "\u0345",
    "و", "ف", "بال", "ال", "وال",
]


def _plain(table: PatternTable) -> re.Pattern:
    """The table's alternation, scanned everywhere: what the scan must agree with."""
    alternatives = [f"(?P<e{i}>{table.entry_regex(e).pattern})" for i, e in enumerate(table.entries)]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _mutated(rng: random.Random, text: str) -> str:
    out = []
    for char in text:
        roll = rng.random()
        if roll < 0.15:
            out.append(char.upper())
        elif roll < 0.18:
            out.append(rng.choice(NOISE))
        elif roll >= 0.19:
            out.append(char)
    return "".join(out)


def _texts(rng: random.Random, examples: list[str], count: int) -> list[str]:
    texts = []
    for _ in range(count):
        parts = [rng.choice(examples) for _ in range(rng.randint(1, 10))]
        texts.append("".join((_mutated(rng, p) if rng.random() < 0.5 else p) + rng.choice(NOISE) for p in parts))
    return texts


@pytest.mark.parametrize("code", [c for c, lang in LANGUAGES.items() if any(lang.tables.values())])
def test_tables_find_what_a_plain_scan_finds(code):
    lang = LANGUAGES[code]
    rng = random.Random(code)
    examples = [e.example for t in lang.tables.values() for e in t.entries]
    for text in _texts(rng, examples, 60):
        for table in lang.tables.values():
            if not table.entries:
                continue
            plain = _plain(table)
            for pos, end in ((0, None), (rng.randint(0, len(text)), rng.randint(0, len(text) + 2))):
                want = [(m.span(), m.lastgroup) for m in plain.finditer(text, pos, len(text) if end is None else end)]
                got = [(m.span(), f"e{table.entries.index(e)}") for e, m in table.finditer(text, pos, end)]
                assert got == want, (code, text, pos, end)
                first = table.search(text, pos, end)
                found = None if first is None else (first[1].span(), f"e{table.entries.index(first[0])}")
                assert found == (want[0] if want else None), (code, text, pos, end)


def test_shipped_tables_use_the_word_start_scan():
    """Every shipped table is scanned from word starts (the point of the module)."""
    tables = [t for lang in LANGUAGES.values() for t in lang.tables.values() if t.entries]
    assert [t for t in tables if t._pieces is None] == []


def test_fold_keeps_offsets_and_folds_what_the_engine_finds_equal():
    text = "İstanbul ſeſſion ΣΟΦΟΣ \u212aelvin Straße"
    folded = fold(text)
    assert len(folded) == len(text)
    for a, b in [("s", "ſ"), ("S", "ſ"), ("σ", "ς"), ("Σ", "ς"), ("k", "\u212a"), ("I", "ı"), ("µ", "μ")]:
        assert re.fullmatch(a, b, re.IGNORECASE)
        assert fold_char(a) == fold_char(b)
    assert folded.startswith("istanbul")


def test_fold_refuses_a_text_whose_word_characters_it_would_change():
    assert fold("a\u0345b") is None  # a mark the engine folds together with a letter


@pytest.mark.parametrize("start", range(0, sys.maxunicode + 1, 0x10000))
def test_folding_keeps_word_characters_word_characters(start):
    word = re.compile(r"\w")
    changed = [
        hex(c) for c in range(start, min(start + 0x10000, sys.maxunicode + 1))
        if not 0xD800 <= c < 0xE000 and fold(chr(c)) is not None
        and bool(word.match(chr(c))) != bool(word.match(fold_char(chr(c))))
    ]
    assert changed == []


def test_word_starts_are_where_a_piece_stands_after_a_non_word_character():
    pieces = word_start_pieces(r"(?<!\w)(?:le\s+|la\s+)?(?:roi|reine)(?!\w)")
    assert pieces is not None
    scan = WordStarts([pieces])
    text = "Le  Roi, la reine; leroi (reine) paroi Reine"
    assert scan.starts(text) == [0, 4, 9, 12, 26, 39]  # not "leroi", nor "roi" inside "paroi"
    pieces = word_start_pieces(r"(?<!\w)(?:[وفبلك]{1,2})?(?:(?:ال)?مدير)(?!\w)")
    assert pieces is not None
    clitics = WordStarts([pieces])
    assert clitics.starts("مدير المدير والمدير وبالمدير ومدرسة") == [0, 5, 12, 20]


def test_one_pass_gives_each_set_its_own_starts():
    scan = WordStarts([word_start_pieces(r"(?<!\w)rabat"), word_start_pieces(r"(?<!\w)(?:paris|rabat)")])
    text = "Paris, Rabat et RABAT-Salé"
    assert [scan.starts(text, 0), scan.starts(text, 1)] == [[7, 16], [0, 7, 16]]


def test_many_sets_checked_in_clusters_each_get_the_starts_of_a_scan_of_their_own():
    words = ["rabat", "paris", "par", "ra", "rome", "roma", "pari", "abat", "tunis", "tu", "lima", "li", "lille",
             "r\\s+b", "p[ae]ris", "s[ſ]t"]
    sets = [word_start_pieces(rf"(?<!\w)(?:{a}|{b})") for a, b in zip(words, words[3:] + words[:3])]
    scan = WordStarts(sets)
    alone = [WordStarts([pieces]) for pieces in sets]
    rng = random.Random(7)
    examples = ["Rabat", "paris", "PAR", "ra", "Rome", "romance", "abat", "Tunis", "tu", "Lima", "lille", "r  b",
                "peris", "ſt", "st", "lilles"]
    for text in _texts(rng, examples, 300):
        assert [scan.starts(text, i) for i in range(len(sets))] == [one.starts(text) for one in alone], text


def test_a_set_added_to_a_language_is_found_by_the_pass_of_its_tables():
    """A reader's set joins the pass that its language's tables make, even once they were read."""
    lang = build_language({"language": {"code": "xx"}, "places": [{"pattern": "rabat", "example": "Rabat"}],
                           "titles": [{"pattern": "ministre", "example": "ministre"}]})
    text = "Le ministre à Rabat, lundi; LUNDI et mardi à rabat"
    places = lang.table("places")
    assert [m.span() for _, m in places.finditer(text)] == [(14, 19), (45, 50)]
    days = word_start_pieces(r"(?<!\w)(?:lundi|mardi)")
    added = lang.word_starts(days)
    assert lang.word_starts(days) is added  # the same set is added once
    assert added.starts(text) == WordStarts([days]).starts(text) == [21, 28, 37]
    assert [m.span() for _, m in places.finditer(text)] == [(14, 19), (45, 50)]
    assert [m.span() for _, m in lang.table("titles").finditer(text)] == [(3, 11)]


def test_patterns_without_a_known_start_are_left_to_the_plain_scan():
    assert word_start_pieces("rabat") is None  # no word-start look-behind
    assert word_start_pieces(r"(?<!\w)\w+ ago") is None  # no literal start
    table = PatternTable([], r"(?<!\w)", r"(?!\w)")
    assert list(table.finditer("anything")) == [] and table.search("anything") is None
