"""One regex that, at a word start, matches the longest of many pieces (see ``anchors``) that stand
there: the text it matches then tells which pieces, and so which sets of pieces, stand there.

The word-start scan must tell, at each start it finds, which of a language's sets have a piece
there. A look-ahead per set says it exactly, but the regex engine pays for each look-ahead at
every start, whether it matches or not, and for each group in every match it makes: about half
the cost of the scan. A trie whose branches never overlap needs neither: from any point of it,
the next character of a text can follow one branch at most, so the engine, which tries the
branches in order and takes the first match, walks the one path the text spells and stops at the
deepest piece on it. Every other piece standing there is shorter, on the same path: it matches
the start of what the trie matched. A single group then holds the text that decides the sets,
and the few distinct texts a language's pieces match are read once each (``WordStarts``).

Branches are kept apart by splitting letter classes: ``[eé]`` beside ``e`` becomes ``é`` and
``e``, the subtrie under ``e`` copied into both. A repetition (``\\s+``) is written possessive,
which is safe when nothing that may follow it can be one of its characters. A piece that cannot
be written so (a repeated digit beside a digit: "\\d+ days ago" and "2 days ago") is left out,
for the scan to look for with a look-ahead. When splitting would make the trie more than twice
as large as its pieces spelled one by one (the Arabic clitics, whose letters may also be a
word's first, copy every subtrie under them), there is no such regex: the scan leaves the
clitics aside (``anchors._optional_start``), or keeps its look-aheads.
"""

from __future__ import annotations

import re
from itertools import product
from typing import NamedTuple
from re import _constants as sre
from re import _parser  # the stdlib ``re``'s own parser, as ``anchors`` reads pieces

from checker import compiled

# A piece as plain values (``anchors._Part`` fields): what the cache can keep.
PlainPiece = tuple[tuple[str, int, int], ...]

_MAX_SPELLINGS = 64  # spellings of one piece (its optional parts) before it is given up
_CATEGORIES = {sre.CATEGORY_SPACE: re.compile(r"\s"), sre.CATEGORY_DIGIT: re.compile(r"\d")}


class _Characters(NamedTuple):
    """What one step may match: letters (``letters`` true) or categories of ``_CATEGORIES``."""

    letters: bool
    members: frozenset

    def overlaps(self, other: _Characters) -> bool:
        if self.letters == other.letters:
            return not self.members.isdisjoint(other.members)
        letters, categories = (self.members, other.members) if self.letters else (other.members, self.members)
        return any(_CATEGORIES[category].match(letter) for category in categories for letter in letters)


def _characters(regex: str) -> _Characters | None:
    """The characters a part's regex (a letter, a class of letters, of categories) matches."""
    try:
        nodes = list(_parser.parse(regex))
    except re.error:
        return None
    if len(nodes) != 1:
        return None
    op, av = nodes[0]
    if op is sre.LITERAL:
        return _Characters(True, frozenset({chr(av)}))
    if op is not sre.IN:
        return None
    letters, categories = set(), set()
    for item, value in av:
        if item is sre.LITERAL:
            letters.add(chr(value))
        elif item is sre.CATEGORY and value in _CATEGORIES:
            categories.add(value)
        else:
            return None
    if letters and categories:
        return None
    return _Characters(True, frozenset(letters)) if letters else _Characters(False, frozenset(categories))


def _letters_written(letters: frozenset[str]) -> str:
    ordered = sorted(letters)
    return re.escape(ordered[0]) if len(ordered) == 1 else "[" + "".join(map(re.escape, ordered)) + "]"


class _Step(NamedTuple):
    """One character of a spelled piece, or a repetition written possessive."""

    characters: _Characters
    written: str
    repeated: bool


def _spellings(piece: PlainPiece) -> list[tuple[_Step, ...]] | None:
    """The piece as steps, once for each count of its short optional parts ("s?" is "" and
    "s"); ``None`` when a part cannot be a step (an optional part repeated without bound) or
    when a repetition would take the character after it: written possessive, it would not give
    it back. (A node after a repetition is reached through it alone, so the steps of a piece
    are all that can follow it.)"""
    options: list[list[tuple[_Step, ...]]] = []
    for regex, low, high in piece:
        characters = _characters(regex)
        if characters is None:
            return None
        if high <= 2:
            one = _Step(characters, _letters_written(characters.members) if characters.letters else regex, False)
            options.append([(one,) * count for count in range(low, high + 1)])
        elif low >= 1:
            most = "" if high == sre.MAXREPEAT else str(high)
            options.append([(_Step(characters, f"(?:{regex}){{{low},{most}}}+", True),)])
        else:
            return None
    count = 1
    for option in options:
        count *= len(option)
    if count > _MAX_SPELLINGS:
        return None
    spellings = [tuple(step for chunk in combination for step in chunk) for combination in product(*options)]
    if any(a.repeated and a.characters.overlaps(b.characters) for steps in spellings for a, b in zip(steps, steps[1:])):
        return None
    return spellings


class _Branch:
    __slots__ = ("step", "node")

    def __init__(self, step: _Step, node: _Node):
        self.step, self.node = step, node


class _Node:
    __slots__ = ("branches", "end")

    def __init__(self) -> None:
        self.branches: list[_Branch] = []
        self.end = False  # a piece ends here

    def copy(self, budget: _Budget) -> _Node:
        budget.spend()
        twin = _Node()
        twin.end = self.end
        twin.branches = [_Branch(branch.step, branch.node.copy(budget)) for branch in self.branches]
        return twin


class _OverBudget(Exception):
    pass


class _Budget:
    """Nodes the trie may still make: twice as many as its pieces spelled one by one, and a few."""

    def __init__(self, nodes: int):
        self.left = nodes

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _OverBudget


def _is_letter(step: _Step) -> bool:
    """Whether ``step`` is one letter of a class: a branch of such steps that shares letters
    with another can be split."""
    return step.characters.letters and not step.repeated


def _fits(node: _Node, steps: tuple[_Step, ...], at: int) -> bool:
    """Whether ``steps[at:]`` can join the trie below ``node`` with its branches still apart."""
    if at == len(steps):
        return True
    step = steps[at]
    for branch in node.branches:
        if branch.step.written == step.written:
            return _fits(branch.node, steps, at + 1)  # the other branches are apart from this one
        if not branch.step.characters.overlaps(step.characters):
            continue
        if not (_is_letter(step) and _is_letter(branch.step)) or not _fits(branch.node, steps, at + 1):
            return False
    return True


def _letter_step(letters: frozenset[str]) -> _Step:
    return _Step(_Characters(True, letters), _letters_written(letters), False)


def _add(node: _Node, steps: tuple[_Step, ...], at: int, budget: _Budget) -> None:
    """Join ``steps[at:]`` below ``node`` (``_fits`` said it can): a letter class that
    overlaps a branch splits it, the branch's subtrie copied for the letters they share."""
    if at == len(steps):
        node.end = True
        return
    step = steps[at]
    for branch in node.branches:
        if branch.step.written == step.written:
            _add(branch.node, steps, at + 1, budget)
            return
    left = step.characters.members
    if _is_letter(step):
        for branch in list(node.branches):
            shared = left & branch.step.characters.members if _is_letter(branch.step) else frozenset()
            if not shared:
                continue
            below = branch.node
            if shared != branch.step.characters.members:
                branch.step = _letter_step(branch.step.characters.members - shared)
                below = branch.node.copy(budget)
                node.branches.append(_Branch(_letter_step(shared), below))
            _add(below, steps, at + 1, budget)
            left -= shared
        if not left:
            return
        step = _letter_step(left)
    budget.spend()
    node.branches.append(_Branch(step, _Node()))
    _add(node.branches[-1].node, steps, at + 1, budget)


def _written(node: _Node) -> str:
    """The subtrie as a regex: its branches in a fixed order (they never overlap), then the
    empty match where a piece ends, tried last so that a longer piece wins."""
    alternatives = [b.step.written + _written(b.node) for b in sorted(node.branches, key=lambda b: b.step.written)]
    if node.end:
        alternatives.append("")
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


@compiled.remembered
def longest_piece(pieces: frozenset[PlainPiece]) -> tuple[str, frozenset[PlainPiece]] | None:
    """A regex that matches, where one of ``pieces`` stands, the longest text one of them
    matches there, and nothing elsewhere; with the pieces left out of it, those that would have
    made its branches overlap (see the module's docstring: the first of two pieces in conflict,
    in sorted order, is kept). ``None`` when no piece is left in, or the trie would grow more
    than twice as large as its pieces spelled one by one. Kept in the cache: making it costs a
    worker's start some 0.1 s."""
    spelled = {piece: _spellings(piece) for piece in sorted(pieces)}
    budget = _Budget(2 * sum(len(steps) for spellings in spelled.values() if spellings for steps in spellings) + 64)
    root = _Node()
    left_out = set()
    try:
        for piece, spellings in spelled.items():
            for steps in spellings or [None]:
                if steps is None or not _fits(root, steps, 0):
                    # Left out, though some of its spellings may be in: what the regex then
                    # says of the piece is true, and the caller looks for the piece on its own.
                    left_out.add(piece)
                    break
                _add(root, steps, 0, budget)
    except _OverBudget:
        return None
    return (_written(root), frozenset(left_out)) if root.branches else None
