"""Where a table's matches can start: at a word start, on one of a few short pieces of text.

A pattern table is one alternation whose alternatives open with the word-start look-behind
``(?<!\\w)``, so a plain scan tries every alternative at every position of the text: the regex
engine cannot skip ahead. Every shipped pattern, though, starts with literal text ("rabat",
"مدير" after optional clitics, "fès" or "fes", "a été"). A small regex over a case-folded copy
of the text, "a non-word character, then one of those starts", lets the engine skip from one
non-word character to the next at full speed; the table's own regex is then tried only where
it says a match may start. The matches are the same. A table with a pattern whose start is not
known that way (no word-start look-behind, no literal start) keeps the plain scan.

Case folding mirrors the regex engine's ``IGNORECASE`` closely enough to be safe: the engine
compares the simple lower case of characters, and also treats a few distinct lower-case letters
as one ("s" and "ſ", "σ" and "ς"); folding maps each such class to one of its letters, so two
characters the engine finds equal always fold the same, and a character is a word character
exactly when its folded form is (a text holding the one mark that would break this, U+0345, is
scanned plainly).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import compress, product
from typing import NamedTuple
from re import _casefix, _parser  # the stdlib ``re``'s own parser and case tables
from re import _constants as sre

from _sre import unicode_tolower

from checker import compiled
from checker.lang.disjoint_trie import PlainPiece, longest_piece

_MAX_PIECES = 512  # starts one pattern may have spelled out; more are cut shorter
_MAX_CLASS = 16  # letters a class may have and still be written out
_MAX_REPEAT = 2  # repetitions of a part spelled out ("(?:ne)?", "(?:ال)?")
_USEFUL_WEIGHT = 6  # starts this long are rare enough in prose: no need to read further
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# Classes that case folding leaves alone, and how a piece writes them.
_CASELESS = {sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_DIGIT: r"\d"}
_WORD_START = (sre.ASSERT_NOT, (-1, [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])]))
_WORD = re.compile(r"\w")


class _Part(NamedTuple):
    """One character of folded text (``regex``: an escaped letter, a class), ``low`` to
    ``high`` times. A named tuple, not a dataclass: pieces are sets of tuples of parts, hashed
    and compared by the thousand when a language's tables are first read, and a tuple's hash
    and equality run in C."""

    regex: str
    low: int = 1
    high: int = 1  # ``sre.MAXREPEAT``: no bound

    def written(self) -> str:
        if self.low == self.high == 1:
            return self.regex
        return f"(?:{self.regex}){{{self.low},{'' if self.high == sre.MAXREPEAT else self.high}}}"

    def repeated(self, low: int, high: int) -> _Part:
        """This part ``low`` to ``high`` times (every count in between allowed: a superset)."""
        most = sre.MAXREPEAT if sre.MAXREPEAT in (high, self.high) else min(high * self.high, sre.MAXREPEAT)
        return _Part(self.regex, low * self.low, most)


# A piece: parts one after the other, that text at a match's start matches.
Piece = tuple[_Part, ...]


def _canonical_letters() -> dict[int, str]:
    """Each letter of a class the engine treats as one, mapped to one letter of the class (a
    word character when the class has one)."""
    table: dict[int, str] = {}
    for letter, others in _casefix._EXTRA_CASES.items():
        members = sorted((letter, *others))
        first = min(members, key=lambda c: (not _WORD.match(chr(c)), c))
        if letter != first:
            table[letter] = chr(first)
    return table


_CANONICAL = _canonical_letters()
_NOT_CANONICAL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CANONICAL)) + "]")
# Letters whose folded form is a word character while they are not, or the other way round.
_WORDNESS_CHANGES = frozenset(
    chr(c) for c, f in _CANONICAL.items() if bool(_WORD.match(chr(c))) != bool(_WORD.match(f))
)
_DOTTED_CAPITAL_I = "\u0130"  # the one letter whose lower case (two characters) is not simple


def fold_char(char: str) -> str:
    """The folded form of one character, as ``fold`` folds it inside a text."""
    lower = unicode_tolower(ord(char))
    return _CANONICAL.get(lower, chr(lower))


def fold(text: str) -> str | None:
    """``text`` case-folded character for character (same length, same offsets), or ``None``
    when a character's folded form would not be a word character as the character is."""
    folded = text.lower()
    if len(folded) != len(text):
        folded = text.replace(_DOTTED_CAPITAL_I, "i").lower()
    if not folded.isascii() and _NOT_CANONICAL.search(folded):
        if not _WORDNESS_CHANGES.isdisjoint(folded):
            return None
        folded = folded.translate(_CANONICAL)
    return folded


# The tables of an article scan the same body one after the other: fold it once.
folded_text = lru_cache(maxsize=8)(fold)


def _weight(piece: Piece) -> int:
    """How many of ``piece``'s parts must match a character."""
    return sum(part.low > 0 for part in piece)


def _concat(left: frozenset[Piece], right: frozenset[Piece]) -> frozenset[Piece] | None:
    if len(left) * len(right) > _MAX_PIECES:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _letter(char: str) -> _Part:
    return _Part(re.escape(fold_char(char)))


def _class_part(items: list) -> _Part | None:
    """A class as one part over folded text: its folded letters, or caseless categories."""
    letters: set[str] = set()
    categories: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            letters.add(fold_char(chr(av)))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            letters.update(fold_char(chr(c)) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av in _CASELESS:
            categories.add(_CASELESS[av])
        else:  # a negated class, a category that folding may change (\w), a wide range
            return None
    if len(letters) > _MAX_CLASS or (letters and categories):
        return None
    return _Part("[" + "".join(sorted(categories) or map(re.escape, sorted(letters))) + "]")


def _exact(node: tuple) -> frozenset[Piece] | None:
    """Everything ``node`` can match, as pieces, when that is known and short to write."""
    op, av = node
    if op is sre.LITERAL:
        return frozenset({(_letter(chr(av)),)})
    if op is sre.IN:
        part = _class_part(av)
        return frozenset({(part,)}) if part else None
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({()})  # matches no character
    if op is sre.SUBPATTERN:
        return _exact_sequence(av[-1])
    if op is sre.BRANCH:
        found: frozenset[Piece] = frozenset()
        for alternative in av[1]:
            pieces = _exact_sequence(alternative)
            if pieces is None:
                return None
            found |= pieces
        return found
    if op in _REPEATS:
        return _repeated(*av)
    return None


def _exact_sequence(nodes) -> frozenset[Piece] | None:
    found: frozenset[Piece] | None = frozenset({()})
    for node in nodes:
        pieces = _exact(node)
        found = None if pieces is None else _concat(found, pieces)
        if found is None:
            return None
    return found


def _repeated(low: int, high: int, item) -> frozenset[Piece] | None:
    """A repetition: one counted part when what repeats is one part ("\\s+", "[وفبلك]{1,2}"),
    spelled out when it is short text repeated a few times ("(?:ال)?")."""
    pieces = _exact_sequence(item)
    if pieces is None:
        return None
    if len(pieces) == 1 and len(next(iter(pieces))) == 1:
        return frozenset({(next(iter(pieces))[0].repeated(low, high),)})
    if high > _MAX_REPEAT:
        return None
    found: set[Piece] = set()
    power: frozenset[Piece] | None = frozenset({()})
    for count in range(high + 1):
        if count >= low:
            found |= power
        if count < high:
            power = _concat(power, pieces)
            if power is None:
                return None
    return frozenset(found)


def _starts(nodes) -> frozenset[Piece]:
    """Pieces one of which every match of ``nodes`` starts with: the nodes written out from the
    first while that stays short, then how the first node not written out starts."""
    found: frozenset[Piece] = frozenset({()})
    for node in nodes:
        exact = _exact(node)
        if exact is None:
            return _concat(found, _node_starts(node)) or found
        longer = _concat(found, exact)
        if longer is None:
            return found
        found = longer
        if min(map(_weight, found)) >= _USEFUL_WEIGHT:
            return found
    return found


def _node_starts(node: tuple) -> frozenset[Piece]:
    op, av = node
    if op is sre.BRANCH:
        return frozenset().union(*(_starts(alternative) for alternative in av[1]))
    if op in _REPEATS and av[0] >= 1:
        return _starts(av[2])
    if op is sre.SUBPATTERN:
        return _starts(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _starts(av)
    return frozenset({()})


def _plain(pieces: set[Piece]) -> frozenset[PlainPiece]:
    """``pieces`` in plain tuples, as the cache keeps them (the parser's counts are ints of a
    class of its own, which ``marshal`` refuses)."""
    return frozenset(tuple((part.regex, int(part.low), int(part.high)) for part in piece) for piece in pieces)


def _pieces(plain: frozenset[PlainPiece]) -> frozenset[Piece]:
    """Pieces from ``_plain``'s tuples."""
    return frozenset(tuple(_Part(*part) for part in piece) for piece in plain)


def word_start_pieces(pattern: str, flags: int = re.IGNORECASE) -> frozenset[Piece] | None:
    """The pieces every match of ``pattern`` starts with, when it opens with ``(?<!\\w)`` and
    each piece matches at least one character; ``None`` otherwise."""
    plain = _plain_start_pieces(pattern, int(flags))
    return None if plain is None else _pieces(plain)


@compiled.remembered
def _plain_start_pieces(pattern: str, flags: int) -> frozenset[PlainPiece] | None:
    """``word_start_pieces`` in plain tuples, which the cache keeps: reading them means parsing
    the pattern in Python, a few hundred times at every worker's start."""
    try:
        nodes = list(_parser.parse(pattern, flags))
    except (re.error, RecursionError):
        return None
    if not nodes or nodes[0][0] is not sre.ASSERT_NOT or _dump(nodes[0]) != _dump(_WORD_START):
        return None
    pieces = _starts(nodes[1:])
    if min(map(_weight, pieces)) == 0:
        return None
    return _plain(pieces)


def _dump(node: tuple) -> str:
    """A comparable form of a parsed node (the parser's sub-patterns do not compare)."""
    op, av = node
    return repr((op, av[0], [(o, a) for o, a in av[1]]))


def _trie(pieces: set[Piece]) -> str:
    """One regex for all the pieces, shared beginnings written once; a piece that another
    starts with is enough alone."""
    root: dict = {}
    for piece in sorted(pieces, key=len):
        node = root
        for part in piece:
            if node.get("") is not None:
                break
            node = node.setdefault(part.written(), {})
        else:
            node.clear()
            node[""] = {}

    def write(node: dict) -> str:
        if "" in node:
            return ""
        branches = [part + write(child) for part, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return write(root)


def first_characters(pieces: frozenset[Piece]) -> str | None:
    """A class of every character of folded text that a match of one of ``pieces`` may start
    with (the parts up to the first that must match, each a letter or a class), or ``None``
    when a piece may match no character at all."""
    chars: set[str] = set()
    for piece in pieces:
        for part in piece:
            chars.add(part.regex[1:-1] if part.regex.startswith("[") else part.regex)
            if part.low > 0:
                break
        else:
            return None
    return "[" + "".join(sorted(chars)) + "]"


@compiled.remembered
def bmp_ranges(character: str) -> str:
    """The characters below U+10000 that ``character`` (a class) matches, as the ranges of a
    character class (once per class: kept in the cache). The regex engine tests a category such as
    ``\\w`` or ``\\d`` with several lookups of the Unicode database per character; the same
    characters spelled out as ranges are one lookup in a bitmap."""
    plane = "".join(map(chr, range(0x10000)))
    return "".join(f"\\u{m.start():04x}-\\u{m.end() - 1:04x}" for m in re.finditer(f"{character}+", plane))


def bmp_class(character: str) -> str:
    """``character`` (a class) as a class the engine tests by the bitmap of ``bmp_ranges`` for
    the Basic Multilingual Plane (the scripts of the news); a character beyond it is let
    through for a look-behind to keep if ``character`` matches it."""
    return f"[{bmp_ranges(character)}\\U00010000-\\U0010ffff](?<={character})"


def _non_word() -> str:
    """The class of the non-word characters of the Basic Multilingual Plane spelled out as
    ranges, and every character beyond it: which of those is a word character, ``(?<!\\w)``
    tells."""
    return "[" + bmp_ranges(r"\W") + "\\U00010000-\\U0010ffff]"


def _optional_start(sets: list[frozenset[Piece]]) -> tuple[_Part | None, list[frozenset[Piece]]]:
    """The part every piece of ``sets`` starts with when it is a short optional one (the clitics
    of Arabic, "[وفبلك]{0,2}"), and the sets without it; else ``None`` and the sets. A clitic's
    letter may also be a word's first letter ("بروكسل"), so the pieces with it make no trie
    whose branches never overlap (``disjoint_trie``), while the pieces after it may."""
    firsts = {piece[0] for pieces in sets for piece in pieces}
    part = firsts.pop() if len(firsts) == 1 else None
    if part is None or part.low != 0 or not 1 <= part.high <= _MAX_REPEAT:
        return None, sets
    rests = [frozenset(piece[1:] for piece in pieces) for pieces in sets]
    if any(not piece for rest in rests for piece in rest):  # a piece that is the part alone
        return None, sets
    return part, rests


def _set_checks(sets: list[frozenset[Piece]]) -> str:
    """One look-ahead per set, in order, whose group holds the piece of the set that stands
    where it is tried, if one does. A look-ahead costs the engine about as much whether it
    matches or not, and where a piece stands it is most often a piece of one set alone: the
    sets are checked in clusters of about the square root of their number, a cluster's sets
    only where a piece of one of them stands (for 16 sets, 4 look-aheads and the 4 of a
    cluster or two, rather than 16)."""
    size = round(math.sqrt(len(sets)))
    written = []
    for first in range(0, len(sets), size):
        cluster = sets[first:first + size]
        each = "".join(f"(?=({_trie(pieces)})|)" for pieces in cluster)
        written.append(each if len(cluster) == 1 else f"(?:(?={_trie(set().union(*cluster))}){each}|)")
    return "".join(written)


class WordStarts:
    """Finds the word starts of a text where a piece of one of several sets stands (the sets
    of the tables of one language), in a single pass: the regex engine skips word characters
    at full speed and tries the pieces after each other character that the next one can start.

    Which sets have a piece at a start is told by the longest piece there when the pieces make
    a trie whose branches never overlap (``disjoint_trie``): one group holds the text it
    matched, and the sets whose pieces match the start of that text are found once per such
    text (a language's pieces match a few hundred texts). Otherwise a look-ahead per set
    records in a group of its own whether the set has a piece there.

    The engine tests ``\\W`` with several lookups of the Unicode database per character; the
    same class spelled out as ranges is one lookup in a bitmap. The ranges cover the Basic
    Multilingual Plane (the scripts of the news): a character beyond it is let through, and a
    look-behind keeps it only if it is not a word character, as ``\\W`` would.

    The starts are found once per text, over all of it, and kept for a few texts: extractors
    read one article's body sentence by sentence, several times over, table after table.
    """

    _MAX_TEXTS = 4096  # texts whose sets are kept; then they are found again as met

    def __init__(self, sets: list[frozenset[Piece]]):
        union = set().union(*sets)
        first = first_characters(union)
        ahead = f"{_non_word()}(?={first})" if first else _non_word()
        self._sets = len(sets)
        clitic, sets_after = _optional_start(sets)
        joined = longest_piece(_plain(set().union(*sets_after))) if len(sets) > 1 else None
        left_out = _pieces(joined[1]) if joined is not None else frozenset()
        self._longest = joined is not None and not (clitic is not None and left_out)
        if not self._longest:
            # A look-ahead per set: for one set (the union, which needs no group of its own),
            # pieces with no longest-piece regex, or clashing pieces after clitics.
            checks = _set_checks(sets) if len(sets) > 1 else ""
            self._finder = compiled.compile(f"{ahead}(?={_trie(union)})(?<!\\w){checks}")
        else:
            longest = joined[0]
            if clitic is None:
                # The pieces left out are looked for on their own, a look-ahead per set.
                alone = [pieces & left_out for pieces in sets]
                either = f"|(?={_trie(left_out)})" if left_out else ""
                checks = "".join(f"(?=({_trie(pieces)})|)" for pieces in alone if pieces)
                self._finder = compiled.compile(f"{ahead}(?:(?=({longest})){either})(?<!\\w){checks}")
                self._alone = [i for i, pieces in enumerate(alone) if pieces]
            else:
                # The longest piece after none, one... of the clitic's letters, each in a group.
                after = "".join(f"(?:(?={clitic.regex}{{{count}}}({longest}))|)" for count in range(clitic.high + 1))
                self._finder = compiled.compile(f"{ahead}(?={clitic.written()}(?:{longest}))(?<!\\w){after}")
                self._alone = []
            self._set_matches = tuple(compiled.compile(_trie(pieces - left_out)).match if pieces - left_out else None
                                      for pieces in sets_after)
            self._sets_of: dict[tuple[str | None, ...], tuple[int, ...]] = {}
        self._starts = lru_cache(maxsize=4)(self._find_starts)

    def _find_starts(self, text: str) -> tuple[str, list[list[int]]] | None:
        """The folded text and, for each set, every position of ``text`` where a match may start
        (a superset: a piece found in the whole text is also found where a match is sought in
        part of it); ``None`` when the text cannot be folded safely.

        The text is read after a space, so that its first word is found as every other is (one
        regex to compile, not two); a match then starts where its word starts in ``text``. A
        set's group, when it matched, holds at least a character: true exactly where it matched.
        """
        folded = folded_text(text)
        if folded is None:
            return None
        if self._longest:
            return folded, self._by_longest(" " + folded)
        matches = list(self._finder.finditer(" " + folded))
        starts = list(map(re.Match.start, matches))
        if self._sets == 1:
            return folded, [starts]
        if not matches:
            return folded, [[] for _ in range(self._sets)]
        return folded, [list(compress(starts, found)) for found in zip(*map(re.Match.groups, matches))]

    def _by_longest(self, spaced: str) -> list[list[int]]:
        """Each set's starts in ``spaced``, told by the longest piece at each start (after each
        count of a clitic's letters, when the pieces start with one)."""
        found: list[list[int]] = [[] for _ in range(self._sets)]
        sets_of = self._sets_of
        for match in self._finder.finditer(spaced):
            longest = match.groups()
            where = sets_of.get(longest)
            if where is None:
                if len(sets_of) >= self._MAX_TEXTS:
                    sets_of.clear()
                where = sets_of[longest] = self._sets_matching(longest)
            start = match.start()
            for i in where:
                found[i].append(start)
        return found

    def _sets_matching(self, groups: tuple[str | None, ...]) -> tuple[int, ...]:
        """The sets a piece of which matches the start of one of the longest texts found (the
        first groups), and those a piece left out of the longest was found for (the others)."""
        longest = groups[: len(groups) - len(self._alone)]
        found = {i for i, set_match in enumerate(self._set_matches)
                 if set_match is not None and any(text is not None and set_match(text) for text in longest)}
        found.update(i for i, text in zip(self._alone, groups[len(longest):]) if text is not None)
        return tuple(sorted(found))

    def folded_starts(self, text: str, which: int = 0) -> tuple[str, list[int]] | None:
        """``text`` case-folded (see ``fold``), and where in it a piece of set ``which`` stands
        at a word start."""
        found = self._starts(text)
        return None if found is None else (found[0], found[1][which])

    def starts(self, text: str, which: int = 0) -> list[int] | None:
        """Where in ``text`` a piece of set ``which`` stands at a word start."""
        found = self._starts(text)
        return None if found is None else found[1][which]


def matches_at(match: Callable[[str, int, int], re.Match | None], text: str, starts: list[int], pos: int,
               endpos: int) -> Iterator[re.Match]:
    """``regex.finditer(text, pos, endpos)`` for a regex whose matches are never empty and
    start only at ``starts`` (sorted positions of ``text``, more of them doing no harm), given
    as ``match``: ``regex.match``, or whatever tries at a start the part of it that can match there."""
    pos, endpos = min(max(pos, 0), len(text)), min(max(endpos, 0), len(text))
    tried = pos  # every start before this was tried, or lies inside a match yielded
    for i in range(bisect_left(starts, pos), len(starts)):
        start = starts[i]
        if start >= endpos:
            break
        if start >= tried and (found := match(text, start, endpos)) is not None:
            yield found
            tried = found.end()
