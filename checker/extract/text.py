"""The article text as extractors see it: prose to match, with offsets into the original.

Page furniture (teasers, share bars, comment forms, related-article lists) is blanked out rather
than cut, character for character with newlines kept, so that a match in ``body`` has the same
offsets in ``text`` and every Span quotes the original exactly.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cached_property, lru_cache
from operator import itemgetter

from checker import compiled
from checker.lang import Entry, Language
from checker.lang.anchors import bmp_ranges
from checker.models import Document, Span, trusted

# A sentence ends at . ! ? ؟ before white space, or at a line break; the period of an initial or
# of a short title ("M.", "Mme.", "Sr.", "Dr.") does not end it. The pattern opens with the
# character it ends on, so that the regex engine skips to the next candidate at full speed.
_SENTENCE_END = re.compile(
    r"[\n.!?؟](?:(?<=\n)|(?<!\b[A-Z].)(?<!\b[A-Z][a-z].)(?<!\b[A-Z][a-z][a-z].)(?<!\bMM.)(?=\s))"
)
# A sentence's end and the blank lines after it. Between its end and the last line break of
# the white space that follows, every piece the line breaks cut is blank: one match passes over
# them (paragraphs are parted by blank lines, furniture is blanked to white space) where
# matching each line break would make a match, a piece and a test of it for each.
_SENTENCE_BREAK = re.compile(_SENTENCE_END.pattern + r"(?:\s*\n)?")


# A letter is what ``[^\W\d_]`` matches. The regex engine tests that class with several lookups
# of the Unicode database per character; spelled out as ranges of code points it is one lookup in
# a bitmap, and a text is read in two thirds of the time. It is spelled out for the Basic
# Multilingual Plane (the scripts of the news), so for texts with no character beyond it.
_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF]")


def bmp_letters() -> str:
    """The letters below U+10000, as the ranges of a character class (once per process)."""
    return bmp_ranges(r"[^\W\d_]")


class LetterPattern:
    """A regex in which ``{L}`` stands for a letter (or one of the characters of the class
    ``also``), compiled for the text it is to read: with the letters spelled out (faster) unless
    the text has characters beyond the BMP."""

    def __init__(self, template: str, also: str = ""):
        self.template = template
        self.also = also

    @cached_property
    def _general(self) -> re.Pattern:
        letter = f"(?:[^\\W\\d_]|[{self.also}])" if self.also else r"[^\W\d_]"
        return compiled.compile(self.template.replace("{L}", letter))

    @cached_property
    def _spelled(self) -> re.Pattern:
        return compiled.compile(self.template.replace("{L}", f"[{bmp_letters()}{self.also}]"))

    def __call__(self, text: str) -> re.Pattern:
        return self._general if _BEYOND_BMP.search(text) else self._spelled


# A closing marker ("Temps de lecture", a related-articles heading) ends the article only after
# a line of prose (a sentence, or a long line); above the article (after a headline) it is a
# header line, blanked alone.
_PROSE_LINE = 200
_SENTENCE_ENDS = (".", "!", "?", "؟", "…", "»", '"', "”")
_KEY_PUNCTUATION = ":.!-–—|*#"  # stripped from the ends of a line for its key


def _line_key(line: str) -> str:
    return line.strip().strip(_KEY_PUNCTUATION).strip().casefold()


def _page_lines(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, stripped and case-folded, key)`` of every line: what the furniture
    markers of every language are compared with, worked out once. The text is folded at once
    rather than line by line, which comes to the same: case folding reads each character on its
    own, and leaves newlines, white space and the key's punctuation as they are and puts them
    nowhere else."""
    lines, pos = [], 0
    for line, folded in zip(text.split("\n"), text.casefold().split("\n")):
        end = pos + len(line)
        stripped = folded.strip()
        lines.append((pos, end, stripped, stripped.strip(_KEY_PUNCTUATION).strip()))
        pos = end + 1
    return lines


def furniture_ranges(text: str, lang: Language) -> list[tuple[int, int]]:
    """Ranges of ``text`` that are page furniture according to the language's markers."""
    return _furniture(_page_lines(text), len(text), (lang,))


@lru_cache(maxsize=64)
def _markers(lang: Language) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """A language's furniture markers as lines are compared with them: the starts of lines that
    are furniture, and the keys of lines that close the article (as a set and as a tuple)."""
    tail = frozenset(_line_key(m) for m in lang.furniture_tail)
    return tuple(m.casefold() for m in lang.furniture_lines), tail, tuple(tail)


_Openers = tuple[dict[str, tuple[str, ...]], tuple[str, ...]]  # see ``_openers``


@lru_cache(maxsize=64)
def _any_markers(languages: tuple[Language, ...]) -> tuple[_Openers, _Openers]:
    """What a line must start with for a marker of one of ``languages`` to fit it: the starts of
    furniture lines, and of closing lines (a line key starts with its marker). A line is compared
    only with the markers that open with its first character: there are a few dozen markers,
    and most lines start with a character few or none of them do."""
    markers = [_markers(lang) for lang in languages]
    return (_openers([m for lines, _, _ in markers for m in lines]),
            _openers([m for _, _, tails in markers for m in tails]))


def _openers(markers: list[str]) -> _Openers:
    """The ``markers`` that may start a line, by the line's first character (those that open with
    it, and the empty ones), and the empty ones (they fit every line, whatever it starts with):
    ``groups.get(line[0], empty)`` for a line that is not empty."""
    empty = tuple(m for m in markers if not m)
    return {m[0]: tuple(o for o in markers if o[:1] in ("", m[0])) for m in markers if m}, empty


def _furniture(lines: list[tuple[int, int, str, str]], length: int,
               languages: tuple[Language, ...]) -> list[tuple[int, int]]:
    """The furniture of each language in turn. Most lines fit no language's marker; for every
    language they only tell whether prose came before, so they are read once for all."""
    (line_starts, any_line), (tail_starts, any_tail) = _any_markers(languages)
    marked, first_prose = [], len(lines)
    for i, (_, _, stripped, key) in enumerate(lines):
        if ((key and key.startswith(tail_starts.get(key[0], any_tail)))
                or (stripped and stripped.startswith(line_starts.get(stripped[0], any_line)))):
            marked.append(i)
        elif first_prose == len(lines) and (len(stripped) >= _PROSE_LINE or stripped.endswith(_SENTENCE_ENDS)):
            first_prose = i
    return [r for lang in languages for r in _language_furniture(lines, length, lang, marked, first_prose)]


def _language_furniture(lines: list[tuple[int, int, str, str]], length: int, lang: Language,
                        marked: list[int], first_prose: int) -> list[tuple[int, int]]:
    """One language's furniture, read from the ``marked`` lines; a line of prose that no
    language marks stands at ``first_prose``."""
    ranges: list[tuple[int, int]] = []
    line_markers, tail_markers, tail_starts = _markers(lang)
    prose = False
    for i in marked:
        pos, end, stripped, key = lines[i]
        prose = prose or first_prose < i
        tail = key and (key in tail_markers or (
            key.startswith(tail_starts) and any(key.startswith(m) and len(key) < len(m) + 40 for m in tail_markers)))
        if tail and prose:
            ranges.append((pos, length))
            break
        if tail or (stripped and stripped.startswith(line_markers)):
            ranges.append((pos, end))
        elif len(stripped) >= _PROSE_LINE or stripped.endswith(_SENTENCE_ENDS):
            prose = True
    return ranges


def blank(text: str, ranges: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """``text`` with every character of ``ranges`` but newlines replaced by a space: each line of
    a range by as many spaces as it has characters."""
    if not ranges:
        return text
    parts, last = [], 0
    for start, end in sorted(ranges):
        start = max(start, last)
        if start >= end:
            continue
        parts.append(text[last:start])
        parts.append("\n".join(map(" ".__mul__, map(len, text[start:end].split("\n")))))
        last = end
    parts.append(text[last:])
    return "".join(parts)


_SPAN_FIELDS = set(Span.model_fields)  # shared by the Spans of ``ArticleText.span`` (see ``trusted``)


class ArticleText:
    """One article ready for extraction: ``text`` to quote, ``body`` to match, ``lang`` to read."""

    def __init__(self, document: Document, lang: Language, languages: tuple[Language, ...] = ()):
        self.document = document
        self.text = document.text
        self.lang = lang
        self.languages = languages or (lang,)
        # Furniture markers of every known language apply: an Arabic comment form closes a
        # French article as surely as a French one does.
        lines = _page_lines(self.text)
        ranges = [*document.furniture, *_furniture(lines, len(self.text), self.languages)]
        self.furniture = tuple(sorted(ranges))
        self.body = blank(self.text, self.furniture)
        self._line_starts = list(map(itemgetter(0), lines))
        self._spans: dict[str, list[tuple[int, int, Entry]]] = {}
        self._matched_sentences: dict[str, frozenset[int]] = {}

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def span(self, start: int, end: int) -> Span:
        """Evidence for ``text[start:end]``, trimmed of surrounding white space. Offsets of the
        text are valid as they are (a line counts from 1 at offset 0): the Span is built without
        validating them again (extractors make one for every piece of evidence, and validation
        costs twice the rest); a negative offset is validated, and refused."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < 0 or end < 0:
            return Span(start=start, end=end, line=self.line_of(start), text=text[start:end])
        return trusted(Span, {"start": start, "end": end, "line": bisect_right(self._line_starts, start),
                              "text": text[start:end]}, _SPAN_FIELDS)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of every non-blank sentence of the body, in order."""
        bounds, start = [], 0
        for match in _SENTENCE_BREAK.finditer(self.body):
            end = match.start() + 1  # after the character the sentence ends on
            if not self.body[start:end].isspace():  # never empty: it holds that character
                bounds.append((start, end))
            start = match.end()
        if self.body[start:].strip():
            bounds.append((start, len(self.body)))
        return tuple(bounds)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return list(map(itemgetter(0), self.sentences))

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence that contains ``offset`` (or the nearest one after it)."""
        sentences = self.sentences
        if not sentences:
            return 0, len(self.body)
        return sentences[max(bisect_right(self._sentence_starts, offset) - 1, 0)]

    def spans(self, table: str) -> list[tuple[int, int, Entry]]:
        """``(start, end, entry)`` of every match of the language's ``table`` in the body, in
        text order (``PatternTable.spans``): one scan a table and article, however many
        extractors read it."""
        found = self._spans.get(table)
        if found is None:
            found = self._spans[table] = self.lang.table(table).spans(self.body)
        return found

    def matches_by_sentence(self, table: str) -> Iterator[tuple[int, Entry, int, int]]:
        """``(sentence index, entry, start, end)`` for every match of the language's ``table``
        that lies within one sentence, in text order: read from the table's one scan of the
        body, where searching each sentence in turn would scan the table once a sentence."""
        found = self.spans(table)
        if not found:
            return  # no need to work the sentences out
        sentences, starts = self.sentences, self._sentence_starts
        for start, end, entry in found:
            i = bisect_right(starts, start) - 1  # the sentence that holds ``start``, if one does
            if i >= 0 and end <= sentences[i][1]:
                yield i, entry, start, end

    def sentences_with(self, table: str) -> frozenset[int]:
        """The indexes (in ``sentences``) of the sentences holding a match of ``table``: the
        sentences of ``matches_by_sentence``."""
        found = self._matched_sentences.get(table)
        if found is None:
            found = frozenset(map(itemgetter(0), self.matches_by_sentence(table)))
            self._matched_sentences[table] = found
        return found
