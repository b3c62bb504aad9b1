"""The longest-piece regex (``checker.lang.disjoint_trie``) and the scan that reads sets from it:
every set gets exactly the starts a scan of its own finds, whatever the pieces share."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checker.lang import load_languages
from checker.lang.anchors import WordStarts, _plain, word_start_pieces
from checker.lang.disjoint_trie import longest_piece

# Words that share beginnings, letters a class may hold or not, white space, digits.
_WORDS = ["de", "des", "d[eé]s", "del", "e", "é", "[eé]t[eé]", "et", "ete", "a", "ab", "aba", "b[ab]", "ba",
          r"de\s+la", r"des\s+a", r"a\s+b", r"ab\s+ba", "des?", "l'", "l[’']", r"\d+", "2", "12", r"\d", "mi5",
          "[ab]{0,2}ba", "ab+b", "ab+a"]
_TEXT_BITS = ["de", "des", "dés", "del", "e", "é", "été", "ete", "et", "a", "ab", "aba", "bb", "ba", "la", "l'",
              "l’", "abbb", "abba", "2", "12", "7", "mi5", "Dé", "ÉTÉ", "AB", " ", "  ", "\n", "\u00a0", ", ",
              "-", "x"]


def _pieces(words: list[str], clitics: str = ""):
    return word_start_pieces(r"(?<!\w)" + clitics + "(?:" + "|".join(words) + r")(?!\w)")


def _sets(words_per_set: list[list[str]], clitics: str = ""):
    sets = [_pieces(words, clitics) for words in words_per_set]
    return [s for s in sets if s is not None]


def _longest(*words: str) -> tuple[re.Pattern, set[str]] | None:
    """The longest-piece regex of ``words``, and the words whose pieces it leaves out."""
    joined = longest_piece(_plain(set().union(*(_pieces([word]) for word in words))))
    if joined is None:
        return None
    left_out = {word for word in words if _plain(_pieces([word])) <= joined[1]}
    return re.compile(joined[0]), left_out


def test_the_longest_piece_that_stands_at_a_start_is_matched():
    regex, left_out = _longest("de", "des", r"de\s+la", "d[eé]l[eé]g")  # pieces of words on their own
    assert left_out == set()
    assert [regex.match(text)[0] for text in ["de  la paix", "des", "délégué", "delegue", "dex"]] == [
        "de  la", "des", "délég", "deleg", "de"]
    assert regex.match("ex") is None


def test_pieces_that_would_make_branches_overlap_are_left_out():
    assert _longest("2", r"\d+\s+days")[1] == {r"\d+\s+days"}  # a repeated digit beside a digit
    assert _longest("lab", "l+amp")[1] == {"l+amp"}  # a repeated letter beside that letter
    assert _longest("ab+b") is None  # a repetition would take the letter after it: nothing left in
    assert _longest("2", "12", r"d[eé]s", "ab+a")[1] == set()


def test_shipped_french_and_arabic_are_scanned_by_the_longest_piece():
    """The French tables' pieces keep their branches apart; the Arabic ones do once their
    clitics are left aside (a clitic "ب" or "ل" may be a word's first letter)."""
    languages = load_languages()
    for code in ("fr", "ar"):
        pieces = [t._pieces for t in languages[code].tables.values() if t._pieces is not None]
        assert WordStarts(pieces)._longest, code


@settings(max_examples=150, deadline=None)
@given(
    words_per_set=st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4), min_size=2, max_size=5),
    texts=st.lists(st.lists(st.sampled_from(_TEXT_BITS), max_size=14).map("".join), min_size=1, max_size=6),
)
def test_each_set_gets_the_starts_a_scan_of_its_own_finds(words_per_set, texts):
    sets = _sets(words_per_set)
    assume(len(sets) >= 2)
    scan = WordStarts(sets)
    alone = [WordStarts([pieces]) for pieces in sets]
    for text in texts:
        assert [scan.starts(text, i) for i in range(len(sets))] == [one.starts(text) for one in alone], text


@settings(max_examples=100, deadline=None)
@given(
    words_per_set=st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4), min_size=2, max_size=5),
    texts=st.lists(st.lists(st.sampled_from(["b", "l", "bl", "lb", "bbl", *_TEXT_BITS]), max_size=14).map("".join),
                   min_size=1, max_size=6),
)
def test_after_clitics_each_set_gets_the_starts_a_scan_of_its_own_finds(words_per_set, texts):
    """Every piece opens with clitics that may also be a word's first letters ("ba", "lab")."""
    sets = _sets(words_per_set, clitics="[bl]{0,2}")
    assume(len(sets) >= 2)
    scan = WordStarts(sets)
    alone = [WordStarts([pieces]) for pieces in sets]
    for text in texts:
        assert [scan.starts(text, i) for i in range(len(sets))] == [one.starts(text) for one in alone], text


def test_the_properties_above_reach_every_way_of_telling_the_sets():
    whole = WordStarts(_sets([["de", "des"], [r"de\s+la", "ab"]]))
    assert whole._longest and not whole._alone
    some_left_out = WordStarts(_sets([[r"\d+"], ["2", "ab"]]))
    assert some_left_out._longest and some_left_out._alone == [0]
    assert WordStarts(_sets([["ba", "des"], ["b[ab]", "la"]], clitics="[bl]{0,2}"))._longest
    assert not WordStarts(_sets([[r"\d+"], ["2", "ab"]], clitics="[bl]{0,2}"))._longest
