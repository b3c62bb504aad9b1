"""Language knowledge, read from one TOML data file per language.

The code here is small and generic on purpose (as in dateparser and Vale): everything a language
contributes (month names, instrument terms, action phrases, titles, demonyms, boilerplate markers)
is data in ``<code>.toml`` beside this module, reviewed like code. A user adds a language, or
extends one, by pointing the checker at another TOML file of the same shape; no code changes.

Pattern syntax: Python regular expressions, matched case-insensitively, with two conveniences so
that entries stay readable: a literal space matches any run of white space (an optional space,
``" ?"``, any white space or none), and an apostrophe matches any apostrophe (``'``, ``’``,
``ʼ``, ``‘``). Do not put either inside a character class.
Every entry of a pattern table carries an ``example`` that the test suite matches against it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from checker import compiled
from checker.lang.anchors import WordStarts, first_characters, matches_at, word_start_pieces

DATA_DIR = Path(__file__).parent
PATTERN_TABLES = (
    "instruments", "statuses", "actions", "agreement_cues", "discussion_cues", "titles", "roles",
    "organizations", "countries", "places", "location_cues", "meeting_cues", "other_event_cues",
    "not_names", "durations",
)
_APOSTROPHE = "['’ʼ‘`]"
_CONVENIENCES = re.compile(r" \?|['’ ]")
_EXPANSIONS = {" ?": r"\s*", " ": r"\s+"}


class LanguageDataError(ValueError):
    """A language data file is malformed; the message names the file and the entry."""


def expand_pattern(pattern: str) -> str:
    """Apply the two conveniences of the data files' pattern syntax (see the module docstring)."""
    return _CONVENIENCES.sub(lambda m: _EXPANSIONS.get(m.group(), _APOSTROPHE), pattern)


@dataclass(frozen=True)
class Entry:
    """One row of a pattern table: what to match, the label it gives, and a tested example."""

    pattern: str
    label: str
    example: str
    data: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


class _SharedStarts:
    """The tables of one language, and the sets of pieces other readers look for in the same
    texts (see ``Language.word_starts``), whose word starts are found in one pass over a text."""

    def __init__(self) -> None:
        self.tables: list[PatternTable] = []
        self.others: dict[frozenset, WordStartSet] = {}

    def add(self, pieces: frozenset) -> WordStartSet:
        """The member that finds ``pieces``, added once. A scan built already is dropped, to be
        built again with it on next use: a set added after the tables are first read costs a
        second compilation of the scan, never a wrong start."""
        if pieces not in self.others:
            self.others[pieces] = WordStartSet(self, pieces)
            self.__dict__.pop("scan", None)
        return self.others[pieces]

    @cached_property
    def scan(self) -> tuple[WordStarts, dict[PatternTable | WordStartSet, int]] | None:
        """The scan, and which of its sets is each member's (a table without pieces has none)."""
        known = [table for table in self.tables if table._pieces is not None] + list(self.others.values())
        if not known:
            return None
        return WordStarts([member._pieces for member in known]), {member: i for i, member in enumerate(known)}


class WordStartSet:
    """Where the pieces of one set (see ``anchors``) stand at word starts in a text, found by the
    pass that finds where a language's tables may match. A reader that looks for words of its
    own in the texts the tables read (the body of an article) has them found by that pass: the
    regex engine then walks the text once, not once per reader."""

    def __init__(self, shared: _SharedStarts, pieces: frozenset) -> None:
        self._shared, self._pieces = shared, pieces

    def starts(self, text: str) -> list[int] | None:
        """Where in ``text`` a piece of the set stands at a word start (``WordStarts.starts``)."""
        scan, which = self._shared.scan
        return scan.starts(text, which[self])


class _ByFirstCharacter(dict):
    """A table's ``match`` to try at a word start, by the start's first character, folded
    (see ``PatternTable._starting_with``); made on first use, once per character."""

    def __init__(self, table: PatternTable) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, char: str) -> Callable[..., re.Match | None]:
        match = self[char] = self.table._starting_with(char)
        return match


class PatternTable:
    """All entries of one table compiled into a single alternation, scanned once per text.

    Longer patterns are tried first so that "mémorandum d'entente" wins over "mémorandum".
    The regex is tried only at the word starts where an entry can match, which one pass over
    the text finds for all the tables of a language (see ``anchors``); both are built on first
    use, so that a run pays only for the languages it reads.

    At a word start, only the entries that can start with its first character are tried (a
    place name that starts with "r" is not tried on "Paris"): the regex engine tries the
    alternatives of an alternation one after the other, each with its own look-behind, and
    most cannot start there. The first of them that matches is the one the whole alternation
    would match, since the others could not.
    """

    def __init__(self, entries: Iterable[Entry], word_start: str = "", word_end: str = "",
                 shared: _SharedStarts | None = None):
        self.entries = tuple(sorted(entries, key=lambda e: (-len(e.pattern), e.pattern)))
        self._affixes = (word_start, word_end)
        self._each: tuple[re.Pattern, ...] | None = None
        self._shared = shared or _SharedStarts()
        self._shared.tables.append(self)
        self._by_first = _ByFirstCharacter(self)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def _alternative(self, entry: Entry) -> str:
        start, end = self._affixes
        return f"{start}(?:{expand_pattern(entry.pattern)}){end}"

    def _alternation(self, indexes: Iterable[int]) -> re.Pattern:
        """The entries of ``indexes`` as one regex, in order, each in the group ``e<index>``."""
        alternatives = [f"(?P<e{i}>{self._alternative(self.entries[i])})" for i in indexes]
        return compiled.compile("|".join(alternatives) or r"(?!x)x", re.IGNORECASE)

    @cached_property
    def _regex(self) -> re.Pattern:
        return self._alternation(range(len(self.entries)))

    @cached_property
    def _entry_pieces(self) -> tuple[frozenset | None, ...]:
        return tuple(word_start_pieces(self._alternative(e)) for e in self.entries)

    @cached_property
    def _pieces(self) -> frozenset | None:
        """What every match starts with (see ``anchors``), or ``None`` when an entry's start
        is not known that way and the whole text must be scanned."""
        pieces = self._entry_pieces
        return frozenset().union(*pieces) if pieces and None not in pieces else None

    @cached_property
    def _first_characters(self) -> tuple[re.Pattern, ...]:
        """For each entry, the class of the (folded) characters a match of it can start with."""
        return tuple(compiled.compile(first_characters(pieces)) for pieces in self._entry_pieces)

    @cached_property
    def _alternations(self) -> dict[tuple[int, ...], Callable[..., re.Match | None]]:
        """The ``match`` of each set of entries tried at a word start, made once per set (most
        first characters share theirs with others)."""
        return {tuple(range(len(self.entries))): self._regex.match}

    def _starting_with(self, char: str) -> Callable[..., re.Match | None]:
        """``match`` of the alternation of the entries that can start with the folded ``char``."""
        indexes = tuple(i for i, first in enumerate(self._first_characters) if first.fullmatch(char))
        if indexes not in self._alternations:
            self._alternations[indexes] = self._alternation(indexes).match
        return self._alternations[indexes]

    @cached_property
    def _entry_of_group(self) -> dict[str, Entry]:
        """The entry of each alternative's group, by name: the group a match of it closes last,
        so its ``lastgroup``."""
        return {f"e{i}": entry for i, entry in enumerate(self.entries)}

    def _starts(self, text: str) -> tuple[str, list[int]] | None:
        """``text`` folded and where in it a match may start, or ``None`` when the whole text
        must be scanned."""
        scan = self._shared.scan
        if scan is None or self._pieces is None:
            return None
        starts, which = scan
        return starts.folded_starts(text, which[self])

    def _matches(self, text: str, pos: int, endpos: int) -> Iterator[re.Match]:
        """``self._regex.finditer(text, pos, endpos)``: tried only at the word starts where a
        match may start, with the entries that may start there (``anchors.matches_at``)."""
        scan = self._starts(text)
        if scan is None:
            yield from self._regex.finditer(text, pos, endpos)
            return
        folded, starts = scan
        by_first = self._by_first
        yield from matches_at(lambda text, start, end: by_first[folded[start]](text, start, end), text, starts, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[Entry, re.Match]]:
        """Yield ``(entry, match)`` for every non-overlapping match, left to right."""
        if not self.entries:
            return
        entry = self._entry_of_group
        for match in self._matches(text, pos, len(text) if endpos is None else endpos):
            yield entry[match.lastgroup], match

    def spans(self, text: str) -> list[tuple[int, int, Entry]]:
        """``(start, end, entry)`` of every match in ``text``, as ``finditer`` finds them: for a
        reader that keeps them all, without the cost of a generator and a Match per match kept."""
        if not self.entries:
            return []
        scan = self._starts(text)
        entry = self._entry_of_group
        if scan is None:
            return [(*match.span(), entry[match.lastgroup]) for match in self._regex.finditer(text)]
        folded, starts = scan
        found: list[tuple[int, int, Entry]] = []
        by_first, tried = self._by_first, 0  # as ``_matches`` does, without a generator
        for start in starts:
            if start >= tried and (match := by_first[folded[start]](text, start)) is not None:
                tried = match.end()
                found.append((start, tried, entry[match.lastgroup]))
        return found

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> tuple[Entry, re.Match] | None:
        """The first match, as ``finditer`` would yield it (asked once per sentence, often)."""
        if not self.entries:
            return None
        match = next(self._matches(text, pos, len(text) if endpos is None else endpos), None)
        return None if match is None else (self._entry_of_group[match.lastgroup], match)

    def entry_regex(self, entry: Entry) -> re.Pattern:
        """The compiled pattern of one entry alone, with this table's word affixes."""
        return compiled.compile(self._alternative(entry), re.IGNORECASE)

    def search_each(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[Entry, re.Match]]:
        """The first match of every entry on its own, where matches of different entries overlap
        ("n'a pas encore été signé" is both a negation and a past tense)."""
        if self._each is None:
            self._each = tuple(self.entry_regex(e) for e in self.entries)
        endpos = len(text) if endpos is None else endpos
        for entry, regex in zip(self.entries, self._each):
            match = regex.search(text, pos, endpos)
            if match:
                yield entry, match


@dataclass(frozen=True, eq=False)
class Language:
    """Everything the extractors know about one language, as loaded from its data file."""

    code: str
    name: str
    script: str
    word_start: str
    word_end: str
    stopwords: frozenset[str]
    months: MappingProxyType  # lower-case month name -> 1..12
    weekdays: MappingProxyType  # lower-case weekday name -> "monday".."sunday"
    relative_days: MappingProxyType  # lower-case phrase -> day offset (0 today, -1 yesterday)
    furniture_tail: tuple[str, ...]  # lines from which the rest of the page is furniture
    furniture_lines: tuple[str, ...]  # lines that are furniture on their own
    tables: MappingProxyType  # table name -> PatternTable
    raw: MappingProxyType  # every other section, as read, for extractors with their own shapes
    shared_starts: _SharedStarts  # the one pass over a text that finds where the tables may match

    def table(self, name: str) -> PatternTable:
        return self.tables[name]

    def word_starts(self, pieces: frozenset) -> WordStartSet:
        """Where ``pieces`` stand at word starts in a text (see ``anchors.word_start_pieces``),
        found by the pass over the text that the tables make anyway. Ask before the tables are
        first read: the pass is compiled again when it gains a set."""
        return self.shared_starts.add(pieces)


def _entries(source: str, name: str, rows: list[dict]) -> list[Entry]:
    entries = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or "pattern" not in row or "example" not in row:
            raise LanguageDataError(f"{source}: [[{name}]] entry {i + 1} needs 'pattern' and 'example'")
        try:
            compiled.compile(expand_pattern(row["pattern"]))
        except re.error as exc:
            raise LanguageDataError(f"{source}: [[{name}]] entry {i + 1}: bad pattern: {exc}") from None
        label = str(row.get("label", row.get("kind", row.get("status", row.get("code", row["pattern"])))))
        extra = {k: v for k, v in row.items() if k not in ("pattern", "example")}
        entries.append(Entry(row["pattern"], label, row["example"], MappingProxyType(extra)))
    return entries


def _merge(base: dict, extra: dict) -> dict:
    """Extend ``base`` with ``extra``: lists are appended, tables merged, scalars replaced."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + value
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_data_file(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LanguageDataError(f"{path}: {exc}") from None
    code = data.get("language", {}).get("code")
    if not code:
        raise LanguageDataError(f"{path}: [language] needs a 'code'")
    return data


def build_language(data: dict, source: str = "<data>") -> Language:
    meta = data["language"]
    word_start, word_end = meta.get("word_start", r"(?<!\w)"), meta.get("word_end", r"(?!\w)")
    dates = data.get("dates", {})
    furniture = data.get("furniture", {})
    shared = _SharedStarts()
    tables = {
        name: PatternTable(_entries(source, name, data.get(name, [])), word_start, word_end, shared)
        for name in PATTERN_TABLES
    }
    fold = str.casefold
    return Language(
        code=meta["code"],
        name=meta.get("name", meta["code"]),
        script=meta.get("script", "Latn"),
        word_start=word_start,
        word_end=word_end,
        stopwords=frozenset(map(fold, meta.get("stopwords", []))),
        months=MappingProxyType({fold(k): int(v) for k, v in dates.get("months", {}).items()}),
        weekdays=MappingProxyType({fold(k): v for k, v in dates.get("weekdays", {}).items()}),
        relative_days=MappingProxyType({fold(k): int(v) for k, v in dates.get("relative_days", {}).items()}),
        furniture_tail=tuple(furniture.get("tail", [])),
        furniture_lines=tuple(furniture.get("lines", [])),
        tables=MappingProxyType(tables),
        raw=MappingProxyType({k: v for k, v in data.items() if k not in PATTERN_TABLES}),
        shared_starts=shared,
    )


@cache
def language_data(extra_paths: tuple[str, ...] = ()) -> MappingProxyType:
    """Each language's data as read, the shipped file extended or completed by the user's, keyed
    by code, with the files it comes from: what ``load_languages`` builds. Code that needs only
    a section of data (the transliteration of names, once articles are grouped) reads it here
    without compiling every pattern table of every language."""
    merged: dict[str, tuple[dict, str]] = {}
    paths = sorted(DATA_DIR.glob("*.toml"))
    paths = [p for p in paths if p.stem != "people"] + [Path(p) for p in extra_paths]
    for path in paths:
        data = read_data_file(path)
        code = data["language"]["code"]
        if code in merged:
            merged[code] = (_merge(merged[code][0], data), f"{merged[code][1]}+{path}")
        else:
            merged[code] = (data, str(path))
    return MappingProxyType(dict(sorted(merged.items())))


@cache
def load_languages(extra_paths: tuple[str, ...] = ()) -> MappingProxyType:
    """The shipped languages, extended or completed by the user's data files, keyed by code."""
    return MappingProxyType({code: build_language(d, src) for code, (d, src) in language_data(extra_paths).items()})


def neutral_language() -> Language:
    """What extraction knows of a language that has no data file: nothing language-specific."""
    return build_language({"language": {"code": "und", "name": "undetermined"}}, "<neutral>")
