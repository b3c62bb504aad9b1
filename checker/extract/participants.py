"""The people taking part in the meeting, with the role, organisation and country the article gives.

A name counts when the article ties it to the meeting: a role phrase beside it ("le chef de la
police suédoise, Jean Dupont", "Jean Dupont, directeur de ..."), a title ("M.", "السيد"), or,
for a capitalised name, a meeting word in its sentence. People merely mentioned ("X, porte-parole
de ..., a déclaré ...") are left out: precision first. Names are found two ways:

- in a script with capitals, as runs of two to four capitalised words that no language table
  claims (places, roles, organisations, months) and that the article never writes in lower case;
- in a script without capitals (Arabic), after a title or a role phrase, or before a role phrase,
  reading words up to punctuation, a table word or a word the language lists as never a name.

Every language fact (titles, roles, determiners, clitics, the article) comes from the language
data; this code is the same for every language. Only ``article.body`` is read, so people in
"Lire aussi" teasers and other page furniture never count.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache, partial
from itertools import accumulate, chain, compress, repeat, starmap
from operator import attrgetter, itemgetter
from typing import NamedTuple

from checker import compiled
from checker.extract.names import (
    KnownPeople, fold, is_latin, name_particles, same_person, skeleton, transliterate,
)
from checker.extract.text import ArticleText, LetterPattern, bmp_letters
from checker.lang import Language, PatternTable
from checker.models import COUNTRY_CODE, Participant, trusted

_ARABIC_MARKS = r"\u064B-\u065F\u0670\u0640"  # vowel marks and the elongation: no word characters
_LETTER = f"(?:[^\\W\\d_]|[{_ARABIC_MARKS}])"
_WORD = re.compile(f"{_LETTER}+")
_HYPHENS = "-‐‑"
# A word, hyphenated compounds included ("Al-Amin", "Jean-Marc"): a hyphen between two letters
# joins two words into one (a possessive repeat: nothing is ever given back, no backtracking).
# In a group, to split a text on its words.
_COMPOUND_SPLIT = LetterPattern(f"({{L}}+(?:[{_HYPHENS}]{{L}}+)*+)", also=_ARABIC_MARKS)
_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF]")
_SPACE = " \t\u00a0"
_QUOTES = "\"'“”«»„‘’"
_COMMAS = ",،"
_CLAUSE_BREAKS = ",;:\n،؛"
_BLANKS = re.compile(f"[{_SPACE}{_QUOTES}]*")  # as between a title and a name, a name and a comma
_CLAUSE_MARKS = re.compile(f"[(){_CLAUSE_BREAKS}]")  # what the reading of a clause stops at
_SENTENCE_OPENERS = ".!?:;|\n–—-*#_\"«“'([•"
_CLAUSE_SPAN = 220  # characters: a role phrase is never longer
_MAX_NAME_WORDS = 4  # a longer capitalised run is a headline, not a name
_CLAUSE_WORDS = 14  # words: the longest complement of a role read before an Arabic name
_MAX_LEAD = 2  # determiners allowed between a name's comma and the role ("Jean Dupont, le chef")
_MAX_GAP = 4  # words between a role's complement and a name that no comma sets off
_BLOCKING = ("titles", "roles", "organizations", "countries", "places")
# A capitalised run holding one of these words names a thing (an institution, an event, an
# outlet: "Operations Command", "Olympic Games"), never a person.
_THINGS = "not_names"
_SCANNED = (*_BLOCKING, "meeting_cues")  # read whole by both readers; the others when needed

Hit = tuple[int, int, object]  # start, end, Entry
# A Participant is built without validation when its country is none or a code as the model's
# pattern has it: its other values are strings (names as written, data labels) under no constraint,
# while the country is a data file's value, which only validation checks.
_COUNTRY_CODE = re.compile(COUNTRY_CODE)
_PARTICIPANT_FIELDS = set(Participant.model_fields)  # every field is given (see ``trusted``)


# Roles and mentions are named tuples: one of each is made for every name of an article, and a
# named tuple is made in a third of the time of a frozen dataclass.


class _Role(NamedTuple):
    """What a role phrase says of a person; ``span`` quotes the phrase."""

    label: str | None = None
    organization: str | None = None
    country: str | None = None
    span: tuple[int, int] | None = None
    apposition: bool = False  # set off from the name by a comma, the surest way to give a role

    @property
    def score(self) -> int:
        return (self.label is not None) + (self.organization is not None) + (self.country is not None)


_NO_ROLE = _Role()  # of a name with no role phrase: one for all, as it never changes


class _Mention(NamedTuple):
    start: int
    end: int
    words: int  # name words, particles and initials not counted
    anchored: bool = False  # by a role phrase or a title
    role: _Role | None = _NO_ROLE  # None until read (see ``_read``)
    # A meeting word in its sentence would anchor it too: asked only of the people it may decide
    # (see ``_taking_part``), since most are anchored otherwise or have no full name.
    cued: bool = False
    floor: int = 0  # a role phrase before it starts after this (the end of the name before)


class _Sorted:
    """Table matches in text order (they never overlap, so their ends are in order too), queried
    by bisection: every lookup costs a logarithm, not a pass over the article's matches."""

    def __init__(self, hits: list[tuple]):
        self.hits = hits
        self.starts = list(map(itemgetter(0), hits))
        self.ends = list(map(itemgetter(1), hits))

    def first_from(self, start: int, end: int) -> tuple | None:
        """The first match starting in ``start..end``."""
        i = bisect_left(self.starts, start)
        return self.hits[i] if i < len(self.hits) and self.hits[i][0] < end else None

    def starting(self, start: int, end: int) -> list[tuple]:
        """The matches starting in ``start..end``."""
        return self.hits[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def holding(self, pos: int) -> tuple | None:
        """The match that ``pos`` lies in."""
        i = bisect_right(self.starts, pos) - 1
        return self.hits[i] if i >= 0 and pos < self.hits[i][1] else None

    def last_ending_by(self, pos: int) -> tuple | None:
        i = bisect_right(self.ends, pos) - 1
        return self.hits[i] if i >= 0 else None

    def within(self, start: int, end: int) -> list[tuple]:
        """The matches lying wholly inside ``start..end``."""
        return self.hits[bisect_left(self.starts, start):bisect_right(self.ends, end)]


class _Lookups(dict):
    """Each table's matches as a ``_Sorted``, made on first asking: a table no name needs (the
    location cues, when every name has a role) is never scanned."""

    def __init__(self, article: ArticleText):
        super().__init__()
        self.article = article

    def __missing__(self, name: str) -> _Sorted:
        found = self[name] = _Sorted(self.article.spans(name))
        return found


class _Scan:
    """One article's table matches, computed once and shared by the readers, and its words, read
    where a reader needs them: the reader of capitalised names looks at few words beyond the
    capitalised ones, and is spared splitting the whole text (the uncased reader splits it)."""

    def __init__(self, article: ArticleText):
        self.article = article
        self.body = body = article.body
        lang = article.lang
        self.hits: dict[str, list[Hit]] = {name: article.spans(name) for name in _SCANNED}
        blocking = _BLOCKING + (() if lang.script == "Latn" else ("meeting_cues",))
        self.claims = _mask(len(body), chain.from_iterable(self.hits[name] for name in blocking))
        self.closed = _closed_words(lang)
        self.sorted = _Lookups(article)
        self.titled = _titled(body, self.hits["titles"])
        self.grammar = _grammar(lang)
        # One pass tells both whether case folding changes a letter and what the patterns must read.
        unusual = _folding_changes().search(body)  # a letter case folding changes, or beyond the BMP
        self.folding_changes = unusual is not None
        beyond_bmp = unusual is not None and _BEYOND_BMP.search(body, unusual.start()) is not None
        self.patterns = _patterns(beyond_bmp)

    def claimed(self, start: int, end: int) -> bool:
        """Whether a table claims the word at ``start..end``: one of its matches shares a
        character with it."""
        return self.claims.find(1, start, end) >= 0

    def words_from(self, pos: int) -> Iterator[re.Match]:
        """The words starting at or after ``pos``, in order."""
        return self.patterns.word_at.finditer(self.body, pos)

    def words_between(self, start: int, end: int, most: int) -> list[str]:
        """The words from ``start`` that end by ``end``, case-folded; ``most`` of them at most."""
        words: list[str] = []
        for word in self.words_from(start):
            if word.end() > end or len(words) == most:
                break
            words.append(word.group().casefold())
        return words

    def has_word(self, word: str) -> bool:
        """Whether ``word`` is one of the text's words: where ``find`` finds it (at C speed), the
        word read there is it."""
        body, size = self.body, len(word)
        pos = body.find(word)
        while pos >= 0:
            found = self.patterns.word_at.match(body, pos)
            if found is not None and found.end() == pos + size:
                return True
            pos = body.find(word, pos + 1)
        return False

    @cached_property
    def determiners(self) -> frozenset[str]:
        """Words the role table's own examples put before a role ("le", "la", "the")."""
        return _determiners(self.article.lang.table("roles"))


_NOT_FOUND = (-1).__eq__  # applied to what ``find`` returns


def _mask(length: int, hits: Iterable[Hit]) -> bytearray:
    """1 at each character (of a text of ``length``) that one of ``hits`` covers, 0 elsewhere:
    whether a match shares a character with a token is then one ``find``, at C speed."""
    mask = bytearray(length)
    for start, end, _ in hits:
        mask[start:end] = b"\x01" * (end - start)
    return mask


@lru_cache(maxsize=64)
def _closed_words(lang: Language) -> frozenset[str]:
    """Words of a closed class (stop words, months, weekdays, relative days): never a name."""
    return frozenset({*lang.stopwords, *lang.months, *lang.weekdays, *lang.relative_days})


@lru_cache(maxsize=64)
def _never_names(lang: Language) -> frozenset[str]:
    """Words never in a name read without capitals: the closed words and the ``not_names`` of
    the language's grammar."""
    return _closed_words(lang) | _grammar(lang).not_names


@lru_cache(maxsize=64)
def _grammar(lang: Language) -> _Grammar:
    return _Grammar.of(dict(lang.raw.get("transliteration", {})))


@lru_cache(maxsize=64)
def _determiners(table: PatternTable) -> frozenset[str]:
    """The determiners of a role table (see ``_Scan.determiners``): one reading per table, not
    per article."""
    found = set()
    for entry in table.entries:
        match = table.entry_regex(entry).search(entry.example)
        before = _WORD.findall(entry.example[: match.start()]) if match else []
        if before:
            found.add(before[-1].casefold())
    return frozenset(found)


def _words(body: str) -> tuple[list[int], list[int], list[str]]:
    """The starts, ends and text of the words of ``body``, hyphenated compounds ("Al-Amin",
    "Jean-Marc") kept as one word: a hyphen between two letters is read as part of the word by
    the pattern itself. Splitting on the words (kept by the split's group) gives every word and
    every gap between two in one pass, and their offsets follow from the running sum of their
    lengths, all at C speed: no match object is made for the some six hundred words of an
    article."""
    pieces = _COMPOUND_SPLIT(body).split(body)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, pieces)))
    return offsets[0:-1:2], offsets[1::2], pieces[1::2]


class _Patterns(NamedTuple):
    """The patterns words are read with, their letters spelled out for a text as ``LetterPattern``
    spells them."""

    word_at: re.Pattern  # a word read where one starts: no letter before it, nor a hyphen joining it to one
    blank_then_word: re.Pattern  # white space, then a word (the group)
    # Every word that opens with a capital, found without reading the others. None beyond the
    # BMP: the capitals of every plane, spelled out, are a class the regex engine tests range by
    # range, so there the words are read and their capitals told by ``str.isupper``.
    capitalised: re.Pattern | None


@cache
def _patterns(beyond_bmp: bool) -> _Patterns:
    """The patterns for a text with (or without) characters beyond the BMP."""
    letter = _LETTER if beyond_bmp else f"[{bmp_letters()}{_ARABIC_MARKS}]"
    rest = f"{letter}*+(?:[{_HYPHENS}]{letter}+)*+"
    # The capital first, the look behind after it: the engine skips to the next capital at full speed.
    capitalised = None if beyond_bmp else f"[{_bmp_capitals()}](?<!{letter}.)(?<!{letter}[{_HYPHENS}].){rest}"
    return _Patterns(
        word_at=compiled.compile(f"(?<!{letter})(?<!{letter}[{_HYPHENS}]){letter}{rest}"),
        blank_then_word=compiled.compile(f"[{_SPACE}]+({letter}{rest})"),
        capitalised=capitalised and compiled.compile(capitalised),
    )


@cache
def _bmp_capitals() -> str:
    """The capital letters below U+10000 (the letters ``str.isupper`` holds of), as the ranges of
    a character class (once per process)."""
    plane = "".join(char if char.isupper() else " " for char in map(chr, range(0x10000)))
    return "".join(f"\\u{m.start():04x}-\\u{m.end() - 1:04x}" for m in re.finditer(r"[^\W\d_]+", plane))


_IS_LETTER = re.compile(_LETTER).match


def _gap_start(body: str, pos: int) -> int:
    """Where the characters that are no letters, ending at ``pos``, begin."""
    while pos > 0 and not _IS_LETTER(body, pos - 1):
        pos -= 1
    return pos


def _word_start(body: str, end: int) -> int:
    """Where the word ending at ``end`` starts, read backwards as it was read forwards: letters,
    and a hyphen between two letters."""
    pos = end
    while True:
        while pos > 0 and _IS_LETTER(body, pos - 1):
            pos -= 1
        if pos < 2 or body[pos - 1] not in _HYPHENS or not _IS_LETTER(body, pos - 2):
            return pos
        pos -= 1


# --------------------------------------------------------------------------------------------
# Role phrases


def _reach_after(scan: _Scan, pos: int) -> int:
    """How far the phrase starting at ``pos`` may go: to its sentence's end, ``_CLAUSE_SPAN`` at
    most."""
    return min(scan.article.sentence_at(pos)[1], pos + _CLAUSE_SPAN, len(scan.body))


def _reach_before(scan: _Scan, pos: int, floor: int) -> int:
    """How far back the phrase ending at ``pos`` may go: to its sentence's start, ``_CLAUSE_SPAN``
    at most, never before ``floor``."""
    return max(scan.article.sentence_at(max(pos - 1, 0))[0], pos - _CLAUSE_SPAN, floor, 0)


def _clause_end(scan: _Scan, pos: int, limit: int) -> int:
    """Where the phrase starting at ``pos`` ends: a comma or the like outside brackets, or
    ``limit`` (its reach)."""
    depth = 0
    for match in _CLAUSE_MARKS.finditer(scan.body, pos, limit):
        char = match.group()
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return match.start()
            depth -= 1
        elif depth == 0:
            return match.start()
    return limit


def _clause_start(scan: _Scan, pos: int, low: int) -> int:
    """Where the phrase ending at ``pos`` starts; never before ``low`` (its reach)."""
    depth = 0
    for match in reversed(list(_CLAUSE_MARKS.finditer(scan.body, low, pos))):
        char = match.group()
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return match.end()
            depth -= 1
        elif depth == 0:
            return match.end()
    return low


def _describe(scan: _Scan, role: Hit, end: int, apposition: bool) -> _Role:
    """Role label, organisation and country of the phrase from ``role`` to ``end``; a country
    named in brackets is an aside ("(qui était au Maroc)"), not the person's."""
    start, _, entry = role
    org = scan.sorted["organizations"].first_from(start, end)
    country = org[2].get("country") if org else None
    if country is None:
        body = scan.body
        found = next((h for h in scan.sorted["countries"].starting(start, end)
                      if body.count("(", start, h[0]) <= body.count(")", start, h[0])), None)
        country = found[2].label if found else None
    return _Role(entry.label, org[2].label if org else None, country, (start, end), apposition)


def _title_before(scan: _Scan, pos: int) -> Hit | None:
    """A title that ends right before ``pos`` (white space or an opening quote between)."""
    return scan.titled.get(pos)


def _titled(body: str, titles: list[Hit]) -> dict[int, Hit]:
    """``_title_before`` of every position that has one, known by title rather than asked by
    position: a title is right before the positions from its end through the white space and
    quotes that follow it, short of the next title's end (from there on, that one is the last
    title before)."""
    found: dict[int, Hit] = {}
    for k, title in enumerate(titles):
        last = _BLANKS.match(body, title[1]).end()
        if k + 1 < len(titles):
            last = min(last, titles[k + 1][1] - 1)
        found.update(dict.fromkeys(range(title[1], last + 1), title))
    return found


def _role_after(scan: _Scan, end: int) -> _Role | None:
    """An apposition after the name: "Jean Dupont, directeur de ..." (Arabic needs no comma).
    Most names have no role near enough to be in the phrase, which is told before the phrase is
    read: first by its longest reach, then by its sentence's end."""
    body = scan.body
    pos, comma = _after_name(body, end)
    role = scan.sorted["roles"].first_from(pos, pos + _CLAUSE_SPAN)
    if role is None:
        return None
    limit = _reach_after(scan, pos)
    if role[0] >= limit:
        return None
    stop = _clause_end(scan, pos, limit)
    if role[0] >= stop:
        return None
    lead = scan.words_between(pos, role[0], _MAX_LEAD + 1)  # one word too many is enough to tell
    if lead and not (comma and len(lead) <= _MAX_LEAD and all(w in scan.determiners for w in lead)):
        return None
    if scan.grammar.conjunction and body.startswith(scan.grammar.conjunction, role[0]):
        return None  # "X، ومدير ...": "and the director", the next person's role
    return _describe(scan, role, stop, comma)


def _after_name(body: str, end: int) -> tuple[int, bool]:
    """Where a phrase after the name ending at ``end`` starts (past white space, quotes and a
    comma), and whether a comma sets it off."""
    pos = _BLANKS.match(body, end).end()
    comma = pos < len(body) and body[pos] in _COMMAS
    return pos + comma, comma


def _before_name(body: str, start: int, title: Hit | None) -> tuple[int, bool]:
    """Where a phrase leading to the name starting at ``start`` (``title`` the one right before
    it) ends (before white space, quotes and a comma), and whether a comma sets it off."""
    left = title[0] if title else start
    while left > 0 and body[left - 1] in _SPACE + _QUOTES:
        left -= 1
    comma = left > 0 and body[left - 1] in _COMMAS
    return left - comma, comma


def _role_before(scan: _Scan, start: int, floor: int, title: Hit | None) -> _Role | None:
    """A role phrase leading to the name (``title`` the one right before it): "le chef de la
    police suédoise, Jean Dupont", or with no comma "le directeur du renseignement (MI5) Jean
    Dupont" when little lies between. Most names have no role near enough to be in the phrase,
    which is told before the phrase is read, by its longest reach."""
    left, comma = _before_name(scan.body, start, title)
    if not scan.sorted["roles"].within(max(left - _CLAUSE_SPAN, floor, 0), left):
        return None
    low = _reach_before(scan, left, floor)
    cue = scan.sorted["meeting_cues"].last_ending_by(left)
    origin = _clause_start(scan, left, max(low, cue[1]) if cue else low)
    roles = scan.sorted["roles"].within(origin, left)
    if not roles:
        return None
    if not comma and len(_free_words(scan, roles[-1][1], left)) > _MAX_GAP:
        return None
    k = len(roles) - 1
    while k > 0 and all(w in scan.closed for w in _free_words(scan, roles[k - 1][1], roles[k][0])):
        k -= 1  # "le chef de la police et coordinateur de ...": the first of joined roles
    return _describe(scan, roles[k], left, comma)


def _free_words(scan: _Scan, start: int, end: int) -> list[str]:
    """Words between ``start`` and ``end`` that no table claims, outside brackets."""
    body, words, depth = scan.body, [], 0
    after = _gap_start(body, start)  # where the gap before the next word begins
    for word in scan.words_from(start):
        first, last = word.span()
        if last > end:
            break
        gap = body[after:first]
        depth += gap.count("(") - gap.count(")")
        if depth <= 0 and not scan.claimed(first, last):
            words.append(word.group().casefold())
        after = last
    return words


def _cue_nearby(scan: _Scan, start: int) -> bool:
    """A meeting word in the name's sentence, the name being neither where something happens
    ("à Jean Dupont") nor a quoted title ("“New Example Yard”"). Most sentences have no meeting
    word, so that is asked before the place."""
    if start and scan.body[start - 1] in _QUOTES:
        return False
    first, last = scan.article.sentence_at(start)
    if not scan.sorted["meeting_cues"].within(first, last):
        return False
    place_cue = scan.sorted["location_cues"].last_ending_by(start)
    return place_cue is None or bool(scan.body[place_cue[1]:start].strip(_SPACE))


def _unread(spans: list[tuple[int, int, int]], cued: bool) -> list[_Mention]:
    """Mentions of the names at ``spans`` (``(start, end, name words)``), in text order, their
    role phrases not read yet: they are read only of the people that may take part."""
    spans = sorted(spans)
    floors = [0, *(end for _, end, _ in spans[:-1])]
    return [_Mention(start, end, words, False, None, cued, floor)
            for (start, end, words), floor in zip(spans, floors)]


def _read(scan: _Scan, mention: _Mention) -> _Mention:
    """``mention`` with its role phrase and title read (as it is if read already)."""
    if mention.role is not None:
        return mention
    start, end = mention.start, mention.end
    title = _title_before(scan, start)
    role = _role_after(scan, end) or _role_before(scan, start, mention.floor, title)
    titled = bool(title and title[2].get("anchor", True))
    anchored = bool(role) or titled
    return _Mention(start, end, mention.words, anchored, role or _NO_ROLE, mention.cued, mention.floor)


def _set_off(scan: _Scan, mention: _Mention) -> bool:
    """Whether a comma stands beside the name (after it, or before it or its title): without
    one, no role phrase is set off from it."""
    body, start = scan.body, mention.start
    return _after_name(body, mention.end)[1] or _before_name(body, start, _title_before(scan, start))[1]


# --------------------------------------------------------------------------------------------
# Names in a script with capitals


class _Word(NamedTuple):
    """A word of a capitalised run, and what it can be in a name (see ``_Kinds``)."""

    start: int
    end: int
    kind: str | None


_new_word = partial(tuple.__new__, _Word)  # a _Word of a tuple of its fields


def _capitalised_runs(scan: _Scan) -> list[tuple[list[_Word], int]]:
    """Every run of capitalised words that can be a name, with its count of name words.

    A run opens at a capitalised word and goes on through adjacent words that can be part of a
    name; most words of a text are neither, so only the capitalised words and the words a run
    reaches are read."""
    kinds = _Kinds(scan, name_particles())
    runs: list[list[_Word]] = []
    reached = 0  # words before this belong to a run already read
    for first in kinds.openers:
        if first.start < reached:
            continue
        current = [first]
        while (following := kinds.following(current[-1])) is not None:
            current.append(following)
        reached = current[-1].end
        if "thing" in map(itemgetter(2), current):  # the kinds
            continue
        while current and current[-1].kind != "name":
            current.pop()
        if current:
            runs.append(current)
    return _trim_openers(scan, runs)


class _Kinds(dict):
    """What each capitalised word no table claims can be in a name, by where it starts: "name",
    "link" (a particle), "initial", "thing" (a word that names a thing), or nothing (``None``).

    Runs open at capitalised words, so all of those are told at once, in one loop (a call each
    would cost more than telling them); any other word ("de" in "Charles de Gaulle", or a
    capitalised word a table claims) is told when a run reaches it. ``openers`` are the
    capitalised words a run can open at."""

    def __init__(self, scan: _Scan, particles: frozenset[str]):
        super().__init__()
        self.scan, self.particles = scan, particles
        starts, ends, words = _capitalised_words(scan)
        free = list(map(_NOT_FOUND, map(scan.claims.find, repeat(1), starts, ends)))  # of every table
        starts, ends, words = (list(compress(found, free)) for found in (starts, ends, words))
        kinds = self._tell(starts, ends, words)
        self.update(zip(starts, kinds))
        # The words with a kind (every kind is a non-empty string, so true), each made from its
        # fields at C speed: the named tuple's own constructor is a Python function.
        self.openers = list(map(_new_word, compress(zip(starts, ends, kinds), kinds)))

    def _tell(self, starts: list[int], ends: list[int], words: list[str]) -> list[str | None]:
        """The kinds of the capitalised ``words`` (no table claims them), at ``starts`` to ``ends``."""
        scan, particles = self.scan, self.particles
        body, closed = scan.body, scan.closed
        things = _mask(len(body), scan.article.spans(_THINGS))  # where a thing is named
        outside = map(_NOT_FOUND, map(things.find, repeat(1), starts, ends))  # of every such name
        lower = _WrittenLower(scan)
        kinds: list[str | None] = []
        for word, casefolded, end, free in zip(words, map(str.casefold, words), ends, outside):
            if not free:
                kinds.append("thing")
            elif casefolded in particles:
                kinds.append("link")
            elif len(word) == 1 and body.startswith(".", end):
                kinds.append("initial")
            elif casefolded in closed or word.isupper() or lower[casefolded]:
                kinds.append(None)
            else:
                kinds.append("name")
        return kinds

    def following(self, word: _Word) -> _Word | None:
        """The word right after ``word`` if it can go on with a name: white space only between
        them (after an initial, its period first). A word not told is a particle no table
        claims ("link") or no name's."""
        body, pos = self.scan.body, word.end
        if word.kind == "initial":
            if not body.startswith(".", pos):
                return None
            pos += 1
        found = self.scan.patterns.blank_then_word.match(body, pos)
        if found is None:
            return None
        start, end = found.span(1)
        if start in self:
            kind = self[start]
        else:
            particle = found.group(1).casefold() in self.particles and not self.scan.claimed(start, end)
            kind = "link" if particle else None
        return None if kind is None else _Word(start, end, kind)


def _capitalised_words(scan: _Scan) -> tuple[list[int], list[int], list[str]]:
    """The starts, ends and text of the words that open with a capital."""
    if scan.patterns.capitalised is None:
        found = [word for word in scan.words_from(0) if word.group()[0].isupper()]
    else:
        found = list(scan.patterns.capitalised.finditer(scan.body))
    return list(map(re.Match.start, found)), list(map(re.Match.end, found)), list(map(re.Match.group, found))


class _WrittenLower(dict):
    """Whether the article also writes a case-folded word in lower case, as a common word
    ("président" beside "Président"), told on first asking: only of the words that may be names.

    Case folding seldom changes a word in lower case ("ß", "ﬁ"); where the article has no letter
    it changes, such a word is its own folded form, so a folded word is written in lower case
    exactly when it is itself a word of the article and in lower case: the article's words need
    not be folded, nor even be split."""

    def __init__(self, scan: _Scan):
        super().__init__()
        self.scan = scan
        self.folded: set[str] | None = None  # when folding changes some: the words in lower case, folded
        if scan.folding_changes:
            self.folded = set(map(str.casefold, filter(str.islower, set(_words(scan.body)[2]))))

    def __missing__(self, word: str) -> bool:
        if self.folded is None:
            found = self[word] = word.islower() and self.scan.has_word(word)
        else:
            found = self[word] = word in self.folded
        return found


@cache
def _folding_changes() -> re.Pattern:
    """The characters case folding changes in a word in lower case: those of the BMP ("ß", "ﬁ",
    "µ", "ς"; found once per process), and any beyond it."""
    plane = map(chr, range(0x10000))
    # In a word in lower case, a character is lower case, or neither upper nor title case.
    changed = [c for c in plane if c.casefold() != c and (c.islower() or not (c.isupper() or c.istitle()))]
    return compiled.compile("[" + "".join(map(re.escape, changed)) + "\U00010000-\U0010FFFF]")


def _trim_openers(scan: _Scan, runs: list[list[_Word]]) -> list[tuple[list[_Word], int]]:
    """Drop a sentence's capitalised first word when the rest of the run is a full name found
    elsewhere ("Selon Jean Dupont" where "Jean Dupont" also appears); count the name words."""
    body = scan.body

    def text(run: list[_Word]) -> str:
        return fold(body[run[0].start:run[-1].end])

    def opens_sentence(run: list[_Word]) -> bool:
        start = run[0].start
        before = body[max(0, start - 40):start].rstrip(_SPACE)
        return not before or before[-1] in _SENTENCE_OPENERS

    inner: set[str] | None = None  # the runs inside a sentence, folded once one may be needed
    out = []
    for run in runs:
        if len(run) > 1 and opens_sentence(run):
            rest = run[1:]
            while rest and rest[0].kind == "link":
                rest = rest[1:]
            if [word.kind for word in rest].count("name") >= 2:
                if inner is None:
                    inner = {text(r) for r in runs if not opens_sentence(r)}
                if text(rest) in inner:
                    run = rest
        words = [word.kind for word in run].count("name")
        if words <= _MAX_NAME_WORDS:
            out.append((run, words))
    return out


def _latin_mentions(scan: _Scan) -> list[_Mention]:
    names = [(run[0].start, run[-1].end, words) for run, words in _capitalised_runs(scan)
             if not _title_silences(scan, run[0].start) and not _determined(scan, run[0])]
    return _unread(names, cued=True)


def _determined(scan: _Scan, first: _Word) -> bool:
    """A capitalised run after "the", "la", "el" (or opening with it) names a thing, not a person
    (``first`` its first word)."""
    body, determiners = scan.body, scan.determiners
    if body[first.start:first.end].casefold() in determiners:
        return True
    end = first.start  # of the word before, when only white space lies between
    while end > 0 and body[end - 1] in _SPACE:
        end -= 1
    if end == first.start or not _IS_LETTER(body, end - 1):
        return False
    return body[_word_start(body, end):end].casefold() in determiners


def _title_silences(scan: _Scan, start: int) -> bool:
    """A title that names someone outside the meeting ("le roi ...") rules the name out."""
    title = _title_before(scan, start)
    return bool(title and not title[2].get("anchor", True))


# --------------------------------------------------------------------------------------------
# Names in a script without capitals


@dataclass(frozen=True)
class _Grammar:
    """How the language writes names, from its ``[transliteration]`` data."""

    particles: frozenset[str] = frozenset()
    clitics: str = ""
    conjunction: str = ""
    article_forms: tuple[str, ...] = ()
    nisba_suffixes: tuple[str, ...] = ()
    not_names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, raw: dict) -> _Grammar:
        article = raw.get("article", "")
        return cls(
            particles=frozenset(raw.get("particles", ())),
            clitics=raw.get("clitics", ""),
            conjunction=raw.get("conjunction", ""),
            article_forms=tuple(raw.get("article_forms", [article] if article else [])),
            nisba_suffixes=tuple(raw.get("nisba_suffixes", ())),
            not_names=frozenset(raw.get("not_names", ())),
        )


_NISBA_AFTER = 3  # name words after which a last word with the article is a family name anyway


class _TokenKinds(dict):
    """The kind of each of ``count`` tokens, told on first asking (most tokens of a text are
    never asked about); indexed like the list of all of them."""

    def __init__(self, kind_of: Callable[[int], str], count: int):
        super().__init__()
        self.kind_of, self.count = kind_of, count

    def __missing__(self, i: int) -> str:
        if not -self.count <= i < self.count:
            raise IndexError(i)
        kind = self[i] = self.kind_of(i % self.count)
        return kind


class _Uncased:
    """Reads names next to titles and role phrases, word by word, where no capital marks them.

    A reading must end at a clear boundary (punctuation, a word that is never a name, the next
    role or title, "and" joining the next person); a name read leftwards from a role must start
    at one. A word with the article ends a name only as a family name (see ``nisba_suffixes``).
    """

    def __init__(self, scan: _Scan):
        self.scan = scan
        self.grammar = scan.grammar
        self.never = _never_names(scan.article.lang)
        # Token ``i`` is ``words[i]``, at ``starts[i]..ends[i]``: words are read one after the
        # other, both ways, so the text is split once.
        self.starts, self.ends, self.words = _words(scan.body)
        self.kinds = _TokenKinds(self._kind, len(self.words))

    def token_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def _claimed(self, i: int) -> bool:
        return self.scan.claimed(self.starts[i], self.ends[i])

    def _kind(self, i: int) -> str:
        g = self.grammar
        word = self.words[i]
        if self._claimed(i):
            return "table"
        if word in self.never or (word[0] in g.clitics and len(word) > 2 and word[1:] in self.never):
            return "stop"
        if word in g.particles:
            return "particle"
        # The article opens the word, or follows one or two clitics that leave more than two letters.
        forms, clitics = g.article_forms, g.clitics
        after_one = len(word) > 3 and word[0] in clitics
        after_two = after_one and len(word) > 4 and word[1] in clitics
        if (word.startswith(forms) or (after_one and word.startswith(forms, 1))
                or (after_two and word.startswith(forms, 2))):
            return "definite"
        return "core"

    def _table_of(self, i: int) -> str | None:
        """Which table claims token ``i`` (it starts in one of the table's matches), the blocking
        tables first, in their order; asked of the few table words a reading stops at."""
        start, tables = self.starts[i], self.scan.sorted
        return next((name for name in (*_BLOCKING, "meeting_cues") if tables[name].holding(start)), None)

    def _gap_ok(self, i: int) -> bool:
        """Only white space between token ``i - 1`` and token ``i``."""
        gap = self.scan.body[self.ends[i - 1]:self.starts[i]]
        return bool(gap) and not gap.strip(_SPACE)

    def _joins(self, i: int) -> bool:
        word = self.words[i]
        return bool(self.grammar.conjunction) and word.startswith(self.grammar.conjunction) and len(word) > 2

    def _nisba(self, i: int, words: int) -> bool:
        return self.words[i].endswith(self.grammar.nisba_suffixes) or words >= _NISBA_AFTER

    def _closes(self, i: int) -> bool:
        """Whether a name may end right before token ``i``."""
        if i >= len(self.words) or not self._gap_ok(i) or self.kinds[i] == "stop" or self._joins(i):
            return True
        return self.kinds[i] == "table" and self._table_of(i) not in ("organizations", "countries")

    def forward(self, i: int, least: int) -> tuple[int, int, int] | None:
        """The longest name of at least ``least`` words starting at token ``i`` that ends at a
        boundary: ``(start, end, name words)``."""
        ends: list[tuple[int, int]] = []  # (index after the name, name words)
        words, bound, j = 0, False, i
        while j < len(self.words) and words <= _MAX_NAME_WORDS:
            if j > i and not self._gap_ok(j):
                break
            kind = self.kinds[j]
            if kind == "particle":
                bound = True
            elif bound and kind in ("core", "definite"):
                bound, words = False, words + 1
            elif kind == "core" and not (words >= 2 and self._joins(j)):
                words += 1
            elif kind == "definite" and words >= 1 and self._nisba(j, words):
                ends.append((j + 1, words + 1))
                break
            else:
                break
            if not bound:
                ends.append((j + 1, words))
            j += 1
        for after, count in reversed(ends):
            if count >= least and self._closes(after):
                return self.starts[i], self.ends[after - 1], count
        return None

    def backward(self, i: int, comma: bool) -> tuple[int, int, int] | None:
        """The name ending at token ``i``, right before a role phrase (after a comma or not)."""
        taken, words, cut = [], 0, 0
        while i >= 0 and words < _MAX_NAME_WORDS:
            if taken and not self._gap_ok(i + 1):
                break
            kind = self.kinds[i]
            bound = i > 0 and self.kinds[i - 1] == "particle" and self._gap_ok(i)
            if kind == "particle" and taken:
                taken.insert(0, i)
            elif kind == "definite" and (bound or (not taken and self._nisba(i, 0))):
                taken.insert(0, i)
                words += 1
            elif kind == "core" and taken and self._joins(i) and not bound:
                taken.insert(0, i)
                words += 1
                cut = len(self.grammar.conjunction)
                break
            elif kind == "core":
                taken.insert(0, i)
                words += 1
            else:
                break
            i -= 1
        if words < 2 or not (cut or self._opens(taken[0], comma)):
            return None
        return self.starts[taken[0]] + cut, self.ends[taken[-1]], words

    def _opens(self, i: int, comma: bool) -> bool:
        """Whether a name may start at token ``i``: after a title, a word that is never a name or
        a table word; after punctuation only when a comma sets the role off."""
        if i == 0 or not self._gap_ok(i):
            return comma
        return self.kinds[i - 1] in ("stop", "table")

    def start_after(self, pos: int) -> int | None:
        """Index of the token a name after ``pos`` would start with (quotes may open it)."""
        i = self.token_at(pos)
        if i < len(self.words) and not self.scan.body[pos:self.starts[i]].strip(_SPACE + _QUOTES):
            return i
        return None

    def after_complement(self, role: Hit) -> int | None:
        """The token a name after a role's complement starts with: the name follows
        "مدير الشرطة السويدية" or "المدير العام (...)،"; other punctuation ends the phrase."""
        body, blank = self.scan.body, _SPACE + _QUOTES
        pos = role[1]
        i = self.token_at(pos)
        for _ in range(_CLAUSE_WORDS):
            if i >= len(self.words):
                return None
            gap = body[pos:self.starts[i]].strip(blank)
            if gap.startswith("("):
                close = body.find(")", pos, pos + _CLAUSE_SPAN)
                if close < 0:
                    return None
                pos = close + 1
                i = self.token_at(pos)
                continue
            kind = self.kinds[i]
            if gap:
                named = gap[0] in _COMMAS and not gap[1:].strip(blank)
                return i if named and kind in ("core", "particle") and not self._joins(i) else None
            if kind in ("core", "particle"):
                return i
            if kind == "table" and self._table_of(i) in ("roles", "titles"):
                return None
            if kind == "stop" and self.words[i] != self.grammar.conjunction:
                return None
            pos, i = self.ends[i], i + 1  # the next token starts after this one ends
        return None

    def mentions(self) -> list[_Mention]:
        scan, found = self.scan, []
        for hit in scan.hits["titles"]:
            i = self.start_after(hit[1])
            if hit[2].get("anchor", True) and i is not None:
                found.append(self.forward(i, least=1))
        for role in scan.hits["roles"]:
            i = self.after_complement(role)
            found.append(self.forward(i, least=2) if i is not None else None)
            before = self.token_at(role[0]) - 1
            gap = scan.body[self.ends[before]:role[0]] if before >= 0 else ""
            if before >= 0 and not gap.strip(_SPACE + _QUOTES + _COMMAS):
                found.append(self.backward(before, comma=any(c in gap for c in _COMMAS)))
        named = [_read(scan, m) for m in _unread(_disjoint([s for s in found if s]), cued=False)]
        named = [_Mention(m.start, m.end, m.words, True, m.role) for m in named]
        return named + self._surnames(named)

    def _surnames(self, named: list[_Mention]) -> list[_Mention]:
        """Later bare mentions of a full name's last word ("العلوي"), as evidence: the words that
        are one of its forms, alone or after a clitic, picked out of all at C speed."""
        scan, g = self.scan, self.grammar
        forms: set[str] = set()
        for m in named:
            if m.words >= 2:
                last = _WORD.findall(scan.body[m.start:m.end])[-1]
                stem = next((last[len(f):] for f in g.article_forms if last.startswith(f)), last)
                forms |= {stem, *(f + stem for f in g.article_forms)}
        taken = {i for m in named for i in range(m.start, m.end)}
        out = []
        after_clitic = {clitic + form for clitic in g.clitics for form in forms}  # "و" + "العلوي"
        either = forms | after_clitic
        for i in compress(range(len(self.words)), map(either.__contains__, self.words)):
            bare = self.words[i][1:] if self.words[i] in after_clitic else self.words[i]
            if self.starts[i] not in taken:
                out.append(_Mention(self.ends[i] - len(bare), self.ends[i], 1))
        return out


def _disjoint(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping readings of one name: keep the widest."""
    kept: list[tuple[int, int, int]] = []
    used: set[int] = set()
    for span in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if not used.intersection(range(span[0], span[1])):
            kept.append(span)
            used.update(range(span[0], span[1]))
    return sorted(kept)


# --------------------------------------------------------------------------------------------
# People


def _people(texts: Callable[[_Mention], str], mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions grouped by person: full names first (each joins the one person whose every full
    name it matches), then bare surnames and initials attach to the one person they fit. Only
    people sharing a word skeleton are compared, each distinct spelling once, so the work stays
    near-linear in the article's length."""
    full = sorted((m for m in mentions if m.words >= 2), key=lambda m: (-m.words, m.start))
    partial = sorted((m for m in mentions if m.words < 2), key=lambda m: m.start)
    groups: list[list[_Mention]] = []
    spellings: list[tuple[set[str], set[str]]] = []  # per group: full names, every name
    by_word: dict[str, set[int]] = {}
    keys_of: dict[str, set[str]] = {}  # a spelling's skeleton words, read once a spelling
    for mention in full + partial:
        text = texts(mention)
        keys = keys_of.get(text)
        if keys is None:
            keys = keys_of[text] = set(skeleton(text).split())
        near = sorted({g for k in keys for g in by_word.get(k, ())})
        fits = [g for g in near if all(same_person(text, o) for o in spellings[g][mention.words < 2])]
        if len(fits) == 1:
            target = fits[0]
            groups[target].append(mention)
        elif not fits or mention.words >= 2:
            target = len(groups)
            groups.append([mention])
            spellings.append((set(), set()))
        else:
            continue
        if mention.words >= 2:
            spellings[target][0].add(text)
        spellings[target][1].add(text)
        for key in keys:
            by_word.setdefault(key, set()).add(target)
    return groups


def _participant(group: list[_Mention], text: Callable[[_Mention], str], known: KnownPeople | None,
                 article: ArticleText) -> Participant:
    full = [m for m in group if m.words >= 2] or group
    written = list(map(text, full))
    # The spelling written most, the first written of those (counted once: a name can be
    # written thousands of times in a hostile text); most people are written one way only.
    if written.count(written[0]) == len(written):
        name_text = written[0]
    else:
        counts = Counter(written)
        name_text = min(zip(written, full), key=lambda pair: (-counts[pair[0]], pair[1].start))[0]
    ordered = sorted(group, key=attrgetter("start"))
    # The role saying most, the first of those: a role phrase always gives a label, so it
    # outranks no role, and only the mentions with one are ranked.
    phrases = [m.role for m in ordered if m.role is not _NO_ROLE]
    best = max(phrases, key=_rank) if phrases else _NO_ROLE
    org = best.organization or next((m.role.organization for m in ordered if m.role.organization), None)
    country = best.country or next((m.role.country for m in ordered if m.role.country), None)
    spans = {(m.start, m.end) for m in group} | ({best.span} if best.span else set())
    canonical = (known.lookup(name_text) if known else None) or (
        name_text if is_latin(name_text) else transliterate(name_text))
    values = {"name": name_text, "canonical": canonical, "role": best.label, "organization": org,
              "country": country, "evidence": tuple(starmap(article.span, sorted(spans)))}
    if country is None or (type(country) is str and _COUNTRY_CODE.fullmatch(country)):
        return trusted(Participant, values, _PARTICIPANT_FIELDS)
    return Participant(**values)  # a data file's country that is no code, which validation refuses


def _rank(role: _Role) -> tuple[int, int]:
    """How much a role phrase says: what it names, then its length."""
    return role.score, role.span[1] - role.span[0]


def _taking_part(scan: _Scan, group: list[_Mention]) -> list[_Mention] | None:
    """``group`` with its role phrases read, if the person takes part: when a full name is tied
    to the meeting, or a bare name is set off by a comma from a role ("Dupont, directeur de
    ..."). Of a person known by bare names only, the names with no comma beside them are read
    only once that is known: most such people do not take part."""
    if any(m.words >= 2 for m in group):
        group = [_read(scan, m) for m in group]
        tied = any(m.anchored for m in group) or any(m.cued and _cue_nearby(scan, m.start) for m in group)
        return group if tied else None
    set_off = [_set_off(scan, m) for m in group]
    group = [_read(scan, m) if off else m for m, off in zip(group, set_off)]
    if not any(m.role.label and m.role.apposition for m, off in zip(group, set_off) if off):
        return None
    return [_read(scan, m) for m in group]  # those read above come back as they are


def participants(article: ArticleText, known: KnownPeople | None = None) -> tuple[Participant, ...]:
    """The people taking part in the meeting the article reports, one per person, in order of
    first mention, each with the evidence of its mentions and of its role phrase."""
    scan = _Scan(article)
    mentions = _latin_mentions(scan) if article.lang.script == "Latn" else _Uncased(scan).mentions()

    spelled = {(m.start, m.end): " ".join(article.text[m.start:m.end].split()) for m in mentions}

    def text(m: _Mention) -> str:
        """The mention as written, white space made single spaces (read once a mention)."""
        return spelled[m.start, m.end]

    groups = [g for g in (_taking_part(scan, g) for g in _people(text, mentions)) if g is not None]
    groups.sort(key=lambda g: min(m.start for m in g))
    return tuple(_participant(g, text, known, article) for g in groups)
