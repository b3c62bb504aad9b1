"""Publication and event dates, as an article states them.

An article dates the meeting it reports in many ways: in full (day, month name and year;
dd/mm/yyyy; ISO), by day and month without the year, possibly with a weekday, by a weekday alone,
or relative to the day it was published ("today", "yesterday"). Each form pins the day down to a
different degree, which the claim's ``basis`` records, so that the rules can tell a contradiction
from mere vagueness. Month, weekday, qualifier, link and cue words come from the ``[dates]``
section of the language data files, and so does the order: day first ("5 <month>", "5 de <month> de
2024", "the 5th of <month>") always, month first ("<month> 5, 2024") where a language says
``month_first``. The code knows only digits. Python's ``\\d`` and ``int`` read Eastern Arabic and
Persian digits as they read ASCII ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import NamedTuple

from checker import compiled
from checker.extract.text import ArticleText
from checker.lang import Language, WordStartSet
from checker.lang.anchors import Piece, WordStarts, bmp_class, matches_at, word_start_pieces
from checker.models import WEEKDAYS, DateClaim, Span, Weekday, trusted

_MIN_YEAR, _MAX_YEAR = 1900, 2100
_ONE_DAY = timedelta(days=1)
_NEAR = timedelta(days=31)  # an event reported more than a month before publication is an older one
_CROSS_YEAR = timedelta(days=45)  # a day late in the last month, in a paper early in the first: last year
_HEADER_LINES = 15  # a short dated line this close to the top is a byline or a dateline
_HEADER_WORDS = 3  # words a dateline may carry besides its date (a city, an article)
_BYLINE_WORDS = 6  # words a byline with a publication cue or a time may carry (an author's name)
_LINE_MAX = 120  # a longer line is prose, not a byline

_APOSTROPHES = "'’ʼ‘`"
_ONE_APOSTROPHE = {ord(a): "'" for a in _APOSTROPHES}
_WORD_START, _WORD_END = r"(?<!\w)", r"(?!\w)"
_NOT_LETTER = r"(?![^\W\d_])"  # a month name may be glued to the digits of a year
_LETTERS = re.compile(r"[^\W\d_]+")
_TIME = re.compile(r"(?<!\d)\d{1,2} ?[:hH] ?\d{2}(?!\d)")
# The " date YYYY-MM[-DD]" line that scrapers put at the top of an article: metadata, not prose.
_SCRAPED_HEADER = re.compile(r"\A\s*date[ \t]+(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?!\d)")
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?:(?P<d>\d{1,2})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})"
    r"|(?P<Y>\d{4})(?P<S>[/.\-])(?P<M>\d{1,2})(?P=S)(?P<D>\d{1,2}))(?!\d|[/.\-]\d)"
)
_ISO_META = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?")
# Word lists of the [dates] data section, besides the month, weekday and relative-day tables.
_LISTS = ("day_suffixes", "range_joiners", "fillers", "publication_cues", "month_links", "year_links")


class _Mention(NamedTuple):
    """One date expression in a text: what it states, and where. A named tuple, not a frozen
    dataclass: a text makes one per date word, and a named tuple is made in one call where a
    frozen dataclass sets each of its nine fields through ``object.__setattr__``."""

    start: int
    end: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: Weekday | None = None
    offset: int | None = None  # days from publication: "yesterday" -1
    last: int | None = None  # the last day of a span ("from the 26th to the 28th": 28)
    tense: int = 0  # its qualifier, before or after: -1 past ("last"), 1 next ("next"), 0 neither


@dataclass(frozen=True)
class _Grammar:
    """The date words of one or more languages, compiled once."""

    months: Mapping[str, int]
    weekdays: Mapping[str, str]
    relative: Mapping[str, int]
    qualifiers: Mapping[str, int]  # after a date or a weekday, and before one ("last <weekday>")
    fillers: frozenset[str]
    # [qualifier] day [joiner day] [link] month [[link] year] [qualifier], and where a language
    # writes it so, [qualifier] month day [joiner day] [year] [qualifier]
    textual: tuple[re.Pattern, ...]
    tokens: re.Pattern  # [qualifier] weekday or relative day [qualifier]
    cues: re.Pattern  # words of a byline or header line
    # What a word that can open an expression (qualifier before one, weekday, relative day, month)
    # starts with (``None``: not known). A qualifier after a date opens none: looking for it would
    # only cost.
    opener_pieces: frozenset[Piece] | None
    # Where such a word starts a word in a text: every token starts there, every date there or at
    # its day's digits (``None``: scan everywhere). Found by a scan of its own over a header line,
    # by the scan of the language's tables over a body (see ``_with_openers``).
    openers: WordStarts | WordStartSet | None = None


def _norm(words: str) -> str:
    """The lookup key of matched words: case-folded, one space, one apostrophe."""
    return " ".join(words.casefold().split()).translate(_ONE_APOSTROPHE)


def _literal(word: str) -> str:
    """A data word as a regex: any white space for a space, any apostrophe for one."""
    return "".join(
        r"\s+" if c == " " else f"[{_APOSTROPHES}]" if c in _APOSTROPHES else re.escape(c)
        for c in " ".join(word.split())
    )


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that "the day before yesterday" wins over "yesterday"; never empty."""
    ordered = sorted({w for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(_literal(w) for w in ordered) or r"(?!x)x"


def _grammar(languages: Iterable[Language], word_start: str = _WORD_START, word_end: str = _WORD_END) -> _Grammar:
    """The grammar of ``languages``, cached on their date words (not on object identity, so
    that a language extended by a user's data file gets its own)."""
    return _grammar_of(tuple(languages), word_start, word_end)


# Gathering the date words costs more than the reading of a date: done once per set of language
# objects (immutable), bounded since an article of an unknown language brings a new one.
@lru_cache(maxsize=64)
def _grammar_of(langs: tuple[Language, ...], word_start: str, word_end: str) -> _Grammar:
    extra = [lang.raw.get("dates", {}) for lang in langs]

    def merged(pairs: Iterable[tuple[str, object]]) -> tuple:
        return tuple(sorted({_norm(k): v for k, v in pairs}.items()))

    return _compile(
        merged(p for lang in langs for p in lang.months.items()),
        merged(p for lang in langs for p in lang.weekdays.items()),
        merged(p for lang in langs for p in lang.relative_days.items()),
        merged((k, int(v)) for section in extra for k, v in section.get("qualifiers", {}).items()),
        merged((k, int(v)) for section in extra for k, v in section.get("qualifiers_before", {}).items()),
        tuple(tuple(sorted({_norm(w) for section in extra for w in section.get(name, [])})) for name in _LISTS),
        any(bool(section.get("month_first", False)) for section in extra),
        word_start,
        word_end,
    )


@cache
def _compile(months: tuple, weekdays: tuple, relative: tuple, qualifiers: tuple, before: tuple, lists: tuple,
             month_first: bool, word_start: str, word_end: str) -> _Grammar:
    months, weekdays, relative = dict(months), dict(weekdays), dict(relative)
    suffixes, joiners, fillers, cues, month_links, year_links = lists
    # No word of the data starts with a space (``_norm``), nor does a day or a year: a run of spaces
    # before one is never given back in part ("\s++", "\s*+"), so the engine does not retry at every
    # space of the long blank runs that furniture leaves in the body. A comma may start a word: the
    # runs of spaces and commas before a month ("[\s,]+") and a year ("[\s,،]*") are given back
    # comma by comma (the look-ahead spares looking for a comma in a run of spaces alone).
    to_month = r"(?:[\s,]*,\s*+|\s++)"
    to_year = r"(?:(?=\s*+[,،])[\s,،]*[,،]\s*+|\s*+)"
    suffix = f"(?:{_alternation(suffixes)})?"
    joiner = rf"(?:\s*+(?:[-–—]|{_alternation(joiners)})\s*+(?<!\d)(?P<last>\d{{1,2}}){suffix})?"
    pre = rf"(?:{word_start}(?P<pre>{_alternation(dict(before))})\s+)?"
    qualifier = rf"(?:\s++(?P<qual>{_alternation(dict(qualifiers))}){word_end})?"
    month = rf"(?P<month>{_alternation(months)}){_NOT_LETTER}"
    day_first = (
        rf"{pre}(?<!\d)(?P<day>\d{{1,2}}){suffix}{joiner}{to_month}(?:(?:{_alternation(month_links)})\s++)?{month}"
        rf"(?:{to_year}(?:(?:{_alternation(year_links)})\s++)?(?P<year>\d{{4}})(?!\d))?{qualifier}"
    )
    textual = [day_first]
    if month_first:
        textual.append(
            rf"{pre}{_WORD_START}{month}\s++(?P<day>\d{{1,2}})(?!\d){suffix}{joiner}{_NOT_LETTER}"
            rf"(?:,?\s*+(?P<year>\d{{4}})(?!\d))?{qualifier}"
        )
    tokens = (
        rf"{pre}{word_start}(?:(?P<weekday>{_alternation(weekdays)})|(?P<relative>{_alternation(relative)})){word_end}"
        f"{qualifier}"
    )
    return _Grammar(
        months=months, weekdays=weekdays, relative=relative, qualifiers={**dict(before), **dict(qualifiers)},
        fillers=frozenset(fillers),
        textual=tuple(compiled.compile(pattern, re.IGNORECASE) for pattern in textual),
        tokens=compiled.compile(tokens, re.IGNORECASE),
        cues=compiled.compile(rf"{word_start}(?:{_alternation(cues)}){word_end}", re.IGNORECASE),
        opener_pieces=word_start_pieces(
            f"{word_start}(?:{_alternation([*dict(before), *weekdays, *relative, *months])})"
        ),
    )


def _with_openers(g: _Grammar, openers: Callable[[frozenset[Piece]], WordStarts | WordStartSet]) -> _Grammar:
    """``g`` finding where its openers start with ``openers`` (made from its pieces), when known."""
    return g if g.opener_pieces is None else replace(g, openers=openers(g.opener_pieces))


@cache
def _scan_of(pieces: frozenset[Piece]) -> WordStarts:
    """A scan of its own for the openers of several languages, read over a few short lines; one
    for every grammar with the same date words, as these share their regexes (``_compile``)."""
    return WordStarts([pieces])


@lru_cache(maxsize=64)
def _body_grammar(lang: Language) -> _Grammar:
    """The grammar of ``lang`` alone, for the body of an article: the scan that finds where the
    language's tables may match in the body finds its openers too, so that the regex engine
    walks the body once, not twice. Made at the first article of ``lang``, before the tables
    read the body (its scan, added a set later, would be compiled again)."""
    return _with_openers(_grammar((lang,), lang.word_start, lang.word_end), lang.word_starts)


def _valid(year: int, month: int, day: int) -> date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _tense(m: re.Match, g: _Grammar) -> int:
    """The qualifier of a date or token: after it ("le 3 mai dernier") or before ("last <weekday>")."""
    word = m["qual"] or m["pre"]
    return g.qualifiers[_norm(word)] if word else 0


@cache
def _digit_runs() -> re.Pattern:
    """Runs of digits (``\\d``), a digit tested by a bitmap (``bmp_class``). "D(?:D)*" rather
    than "D+": a pattern that opens with a class lets the engine skip to the next digit at full
    speed instead of trying a match at every position."""
    digit = bmp_class(r"\d")
    return compiled.compile(f"{digit}(?:{digit})*")


@cache
def _four_digits() -> re.Pattern:
    """Four digits in a row (``\\d{4}``), spelled as ``_digit_runs`` spells a digit: a pattern
    that opens with a repeat is tried at every position, one that opens with a class skips to
    the next digit at full speed."""
    digit = bmp_class(r"\d")
    return compiled.compile(f"{digit}(?:{digit}){{3}}")


@lru_cache(maxsize=8)
def _digit_starts(text: str) -> list[int]:
    """Where each run of digits of ``text`` starts: a day, a numeric date starts there."""
    return list(map(re.Match.start, _digit_runs().finditer(text)))


@lru_cache(maxsize=8)
def _date_starts(text: str, openers: WordStarts) -> list[int] | None:
    words = openers.starts(text)
    return None if words is None else sorted({*words, *_digit_starts(text)})


def _finditer(regex: re.Pattern, text: str, start: int, end: int, starts: list[int] | None) -> Iterator[re.Match]:
    """``regex.finditer``, tried only at ``starts`` when they are known."""
    return regex.finditer(text, start, end) if starts is None else matches_at(regex.match, text, starts, start, end)


def _dates(text: str, g: _Grammar, start: int, end: int) -> list[_Mention]:
    """Every expression with a day and a month in ``text[start:end]``."""
    found = []
    starts = _date_starts(text, g.openers) if g.openers is not None else None
    for m in (m for regex in g.textual for m in _finditer(regex, text, start, end, starts)):
        day, month = int(m["day"]), g.months[_norm(m["month"])]
        year = int(m["year"]) if m["year"] else None
        if _valid(2000, month, day) is None:  # 2000 was a leap year: any day a month can have
            continue
        if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:  # a count after the month
            found.append(_Mention(m.start(), max(m.end("month"), m.end("day")), day, month))
            continue
        if year is not None and _valid(year, month, day) is None:
            continue
        last = int(m["last"]) if m["last"] and int(m["last"]) > day else None
        if last is not None and _valid(2000, month, last) is None:
            last = None
        found.append(_Mention(m.start(), m.end(), day, month, year, tense=_tense(m, g), last=last))
    for m in matches_at(_NUMERIC.match, text, _digit_starts(text), start, end):
        year, month, day = _numeric_parts(m)
        if _valid(year, month, day):
            found.append(_Mention(m.start(), m.end(), day, month, year))
    return found


def _numeric_parts(m: re.Match) -> tuple[int, int, int]:
    if m["y"]:
        return int(m["y"]), int(m["m"]), int(m["d"])
    return int(m["Y"]), int(m["M"]), int(m["D"])


def _tokens(text: str, g: _Grammar, start: int, end: int) -> list[_Mention]:
    """Every weekday (possibly qualified: "last ...") and relative day ("yesterday")."""
    found = []
    starts = g.openers.starts(text) if g.openers is not None else None
    for m in _finditer(g.tokens, text, start, end, starts):
        tense = _tense(m, g)
        if m["weekday"]:
            found.append(_Mention(m.start(), m.end(), weekday=g.weekdays[_norm(m["weekday"])], tense=tense))
        else:
            found.append(_Mention(m.start(), m.end(), offset=g.relative[_norm(m["relative"])], tense=tense))
    return found


_GAP = re.compile(r"[\s,،]+")


def _adjacent(text: str, left: _Mention, right: _Mention, fillers: frozenset[str]) -> bool:
    """Whether two neighbours are one expression ("today, <weekday>", "<weekday> <day> <month>"):
    apart only by spaces, commas and the language's ``fillers``, and not both giving a day."""
    if left.day is not None and right.day is not None:
        return False
    if (left.weekday and right.weekday) or (left.offset is not None and right.offset is not None):
        return False
    gap = text[left.end:right.start]
    if len(gap) > 12 or "\n" in gap:
        return False
    return all(word in fillers for word in map(_norm, _GAP.split(gap)) if word)


def _merge(left: _Mention, right: _Mention) -> _Mention:
    """One expression from two neighbours, each giving what the other lacks."""
    values = {
        name: getattr(left, name) if getattr(left, name) is not None else getattr(right, name)
        for name in ("day", "month", "year", "weekday", "offset", "last")
    }
    return _Mention(left.start, right.end, tense=right.tense or left.tense, **values)


def _mentions(text: str, g: _Grammar) -> list[_Mention]:
    """The date expressions of ``text``, left to right, neighbours joined into one."""
    start, end = 0, len(text)
    # Dates first where they start with a token. A token (a weekday, a relative day) never runs
    # into a date that starts after it, so one sweep drops whatever overlaps what came before.
    found = [(m.start, 0, -m.end, m) for m in _dates(text, g, start, end)]
    found += [(m.start, 1, -m.end, m) for m in _tokens(text, g, start, end)]
    joined: list[_Mention] = []
    for *_, mention in sorted(found, key=lambda item: item[:3]):
        if joined and mention.start < joined[-1].end:
            continue
        if joined and _adjacent(text, joined[-1], mention, g.fillers):
            joined[-1] = _merge(joined[-1], mention)
        else:
            joined.append(mention)
    return joined


def _short_lines(text: str, end: int) -> Iterable[tuple[int, int, int]]:
    """``(index, start, end)`` of each line of ``text[:end]`` short enough to be a byline or a
    dateline (``_LINE_MAX``): the others, most of a page, are passed over here at once."""
    start = 0
    for index, line in enumerate(text[:end].split("\n")):
        if len(line) <= _LINE_MAX:
            yield index, start, start + len(line)
        start += len(line) + 1


def _other_words(line: str, mentions: list[_Mention], g: _Grammar) -> int:
    """How many words ``line`` has besides its dates (``mentions``), times and cues."""
    rest, last = [], 0
    for mention in mentions:
        rest.append(line[last:mention.start])
        last = mention.end
    rest.append(line[last:])
    return len(_LETTERS.findall(_TIME.sub(" ", g.cues.sub(" ", " ".join(rest)))))


def _byline_date(text: str, start: int, end: int, g: _Grammar, anywhere: bool = True) -> _Mention | None:
    """The first full date of the line ``text[start:end]`` (its offsets from the line's start)
    if the line is a byline or a dateline rather than prose: a full date with hardly a word
    besides, or a few more beside a publication cue or a time of day. Without ``anywhere``, a
    line with neither cue nor time counts only near the top of the page.

    The line is read on its own, as a text: what a date reads around it stops at the line's
    ends, and finding where the words of every language start in the whole text would cost far
    more than the few short dated lines read.
    """
    if end - start > _LINE_MAX or not _four_digits().search(text, start, end):
        return None  # a date with a year has four digits: most lines are passed over here
    line = text[start:end]
    mentions = _mentions(line, g)
    first = next((m for m in mentions if m.year is not None), None)
    if first is None:
        return None
    words = _other_words(line, mentions, g)
    if g.cues.search(line) or _TIME.search(line):
        return first if words <= _BYLINE_WORDS else None
    return first if words <= _HEADER_WORDS and anywhere else None


def _in_byline(text: str, offset: int, g: _Grammar, bylines: dict[int, bool]) -> bool:
    """Whether the line holding ``offset`` is a byline (``bylines``: the lines already read, by
    their start). Only the lines that hold a date are read, each once: most lines hold none."""
    start = text.rfind("\n", 0, offset) + 1
    if start not in bylines:
        end = text.find("\n", offset)
        bylines[start] = _byline_date(text, start, len(text) if end < 0 else end, g) is not None
    return bylines[start]


def _tail_start(article: ArticleText) -> int:
    """Where the page furniture that closes the article begins (related articles, comments)."""
    return min((start for start, end in article.furniture if end >= len(article.text)), default=len(article.text))


# The fields a claim of one day is given, as validation would count them set (not its end).
_DAY_CLAIM_FIELDS = {"value", "year", "month", "day", "weekday", "basis", "evidence"}


def _claim(found: date, basis: str, evidence: tuple[Span, ...], weekday: Weekday | None = None) -> DateClaim:
    """The claim of the day ``found``, built without validation unless it holds a weekday that is
    none of ``WEEKDAYS`` (a data file's word, which validation then refuses): a date's ISO form
    and parts are valid, and the basis is one of the callers' literals."""
    values = {"value": found.isoformat(), "end": None, "end_day": None, "year": found.year, "month": found.month,
              "day": found.day, "weekday": weekday, "basis": basis, "evidence": evidence}
    if weekday is None or weekday in WEEKDAYS:
        return trusted(DateClaim, values, _DAY_CLAIM_FIELDS)
    return DateClaim(**values)


def _year_month(year: int, month: int, day: str | None, evidence: tuple[Span, ...]) -> DateClaim | None:
    """A date read from metadata or a scraped header: in full, or year and month only."""
    if day:
        found = _valid(year, month, int(day))
        return _claim(found, "explicit", evidence) if found else None
    return DateClaim(year=year, month=month, basis="partial", evidence=evidence) if _valid(year, month, 1) else None


def _from_metadata(article: ArticleText, published: str) -> DateClaim | None:
    """The metadata date, quoted where the text (a front matter) carries it."""
    m = _ISO_META.match(published.strip())
    if not m:
        return None
    at = article.text.find(m.group())
    evidence = (article.span(at, at + len(m.group())),) if at >= 0 else ()
    return _year_month(int(m["y"]), int(m["m"]), m["d"], evidence)


def _all_languages(article: ArticleText) -> _Grammar:
    """Datelines are often in another language than the article (an Arabic one atop French)."""
    return _languages_grammar(article.lang, article.languages)


@lru_cache(maxsize=64)
def _languages_grammar(lang: Language, languages: tuple[Language, ...]) -> _Grammar:
    """The grammar of ``lang`` and ``languages``, one language a code (``lang`` first): the same
    for every article of a language in a run, gathered once (as ``_grammar_of`` is cached)."""
    merged = {lang.code: lang}
    for other in languages:
        merged.setdefault(other.code, other)
    return _with_openers(_grammar(merged.values()), _scan_of)


def publication_date(article: ArticleText) -> DateClaim:
    """When the article was published: its metadata, else the header or byline that says so.

    Bylines are often page furniture, so the original text is read, but only its header lines
    (a publication cue, a time of day, or a short dated line near the top), never a long line
    (a teaser headline) nor the related articles that close the page, whose dates are theirs.
    """
    if article.document.published:
        claim = _from_metadata(article, article.document.published)
        if claim is not None:
            return claim
    text = article.text
    header = _SCRAPED_HEADER.match(text)
    if header:
        evidence = (article.span(header.start("y"), header.end()),)
        claim = _year_month(int(header["y"]), int(header["m"]), header["d"], evidence)
        if claim is not None:
            return claim
    g = _all_languages(article)
    for index, start, end in _short_lines(text, _tail_start(article)):
        first = _byline_date(text, start, end, g, anywhere=index < _HEADER_LINES)
        if first is not None:
            found = date(first.year, first.month, first.day)
            return _claim(found, "explicit", (article.span(start + first.start, start + first.end),), first.weekday)
    return DateClaim()


def _pub_bounds(published: DateClaim) -> tuple[date | None, tuple[int, int] | None]:
    """The full publication date if known, and its year and month if known."""
    if published.value:
        found = date.fromisoformat(published.value)
        if _MIN_YEAR <= found.year <= _MAX_YEAR:
            return found, (found.year, found.month)
    if published.year and published.month and _MIN_YEAR <= published.year <= _MAX_YEAR:
        return None, (published.year, published.month)
    return None, None


def _year(m: _Mention, pub: date | None, pub_month: tuple[int, int] | None) -> int | None:
    """The year of a day and month stated without one, when publication makes it certain: the
    same year if that day is not after publication, the year before if just before New Year
    (or if the article qualifies it as past)."""
    if pub is not None:
        same = _valid(pub.year, m.month, m.day)
        if same is not None and same <= pub + _ONE_DAY:
            return pub.year
        before = _valid(pub.year - 1, m.month, m.day)
        if before is not None and (pub - before <= _CROSS_YEAR or m.tense < 0):
            return pub.year - 1
        return None
    if pub_month is not None:
        year, month = pub_month
        if m.month <= month:
            return year
        if m.tense < 0 or (m.month == 12 and month == 1):
            return year - 1
    return None


def _resolve(
    article: ArticleText, m: _Mention, pub: date | None, pub_month: tuple[int, int] | None,
) -> DateClaim | None:
    """The claim one expression makes, or ``None`` when it cannot be the reported meeting's date
    (after publication, announced as coming, not a real day)."""
    evidence = (article.span(m.start, m.end),)
    if m.day is not None:
        if m.year is None and m.tense > 0:
            return None
        year = m.year if m.year is not None else _year(m, pub, pub_month)
        if year is None:
            if pub is not None or pub_month is not None or _valid(2000, m.month, m.day) is None:
                return None
            return DateClaim(month=m.month, day=m.day, end_day=m.last, weekday=m.weekday, basis="partial",
                             evidence=evidence)
        found = _valid(year, m.month, m.day)
        if found is None or (pub is not None and found > pub + _ONE_DAY):
            return None
        if pub is None and pub_month is not None and (found.year, found.month) > pub_month:
            return None
        claim = _claim(found, "explicit", evidence, m.weekday)
        return _with_end(claim, m.last)
    if m.offset is None and m.tense > 0:
        return None
    if pub is None:
        return DateClaim(weekday=m.weekday, basis="relative-only", evidence=evidence)
    if m.offset is not None:
        found = pub + timedelta(days=m.offset)
    else:
        back = (pub.weekday() - WEEKDAYS.index(m.weekday)) % 7
        found = pub - timedelta(days=back or (7 if m.tense < 0 else 0))
    return _claim(found, "weekday+publication-date", evidence, m.weekday)


class _Sentences:
    """What the sentence around a date says of it, worked out once per sentence (an article may
    hold many dates): whether it tells the meeting (``meeting_cues``), and where its first phrase
    announcing another event ends (``other_event_cues``: a month named alone, a previous visit)."""

    def __init__(self, article: ArticleText):
        self._article = article
        self._meeting = article.lang.table("meeting_cues")
        self._other = article.lang.table("other_event_cues")
        self._facts: dict[tuple[int, int], tuple[bool, int]] = {}

    def _of(self, offset: int) -> tuple[bool, int]:
        bounds = self._article.sentence_at(offset)
        if bounds not in self._facts:
            start, end = bounds
            body = self._article.body
            meeting = self._meeting.search(body, start, end) is not None
            # Matches come left to right without overlapping: the first ends first.
            other = self._other.search(body, start, end)
            self._facts[bounds] = (meeting, end + 1 if other is None else other[1].end())
        return self._facts[bounds]

    def tells_meeting(self, offset: int) -> bool:
        return self._of(offset)[0]

    def after_other_event(self, offset: int) -> bool:
        """Whether the date at ``offset`` follows another event's cue: it is that event's date."""
        return self._of(offset)[1] <= offset


def event_date(article: ArticleText, published: DateClaim) -> DateClaim:
    """When the reported meeting took place, as the article's prose states it.

    Of the dates the body gives, those of bylines, of other events and of days after publication
    are set aside; the one close to publication, in a sentence about the meeting
    (``meeting_cues``), and the earliest wins. A day and month without a year take it from the
    publication date, or from the same day given in full elsewhere in the article.
    """
    pub, pub_month = _pub_bounds(published)
    body = article.body
    g = _body_grammar(article.lang)
    header_grammar = _all_languages(article)
    excluded = [(span.start, span.end) for span in published.evidence]
    bylines: dict[int, bool] = {}
    sentences = _Sentences(article)
    mentions = _mentions(body, g)
    ranked = []
    for m in mentions:
        if any(s < m.end and m.start < e for s, e in excluded) or _in_byline(body, m.start, header_grammar, bylines):
            continue
        meeting = sentences.tells_meeting(m.start)
        if m.day is None and m.weekday is None and not meeting:
            continue  # a bare "today" dates only the sentence that tells the meeting
        if sentences.after_other_event(m.start):
            continue
        claim = _resolve(article, m, pub, pub_month)
        if claim is not None:
            near = pub is None or claim.value is None or pub - _NEAR <= date.fromisoformat(claim.value)
            # A weekday or "yesterday" with nothing to anchor it yields to a date that says more.
            vague = claim.basis == "relative-only"
            ranked.append(((not near, not meeting, vague, m.start), m, claim))
    if not ranked:
        if pub is not None:
            return published.model_copy(update={"basis": "publication-date", "weekday": None})
        return DateClaim()
    _, best, claim = min(ranked, key=lambda item: item[0])
    if claim.basis == "partial":
        return _with_year_from_text(article, best, claim, mentions)
    return claim


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_YEAR_RANGE = (1990, 2100)


def _with_end(claim: DateClaim, last: int | None) -> DateClaim:
    """The claim of a span, its last day added (same month and year as its first)."""
    if last is None or claim.year is None or claim.month is None:
        return claim
    end = _valid(claim.year, claim.month, last)
    return claim.model_copy(update={"end_day": last, "end": end.isoformat() if end else None})


def _with_year_from_text(article: ArticleText, best: _Mention, claim: DateClaim, mentions: list[_Mention]) -> DateClaim:
    """A partial date completed by the same day and month given with a year elsewhere (a caption),
    else given the year the article's own text points to (see ``_inferred_year``)."""
    for other in mentions:
        if other.year is not None and (other.day, other.month) == (best.day, best.month):
            evidence = (article.span(best.start, best.end), article.span(other.start, other.end))
            claim = _claim(date(other.year, other.month, other.day), "explicit", evidence, best.weekday)
            return _with_end(claim, best.last)
    inferred = _inferred_year(article, claim)
    if inferred is None:
        return claim
    year, span = inferred
    day = date(year, claim.month, claim.day)
    claim = claim.model_copy(update={"value": day.isoformat(), "year": year, "evidence": (*claim.evidence, span)})
    return _with_end(claim, claim.end_day)


def _inferred_year(article: ArticleText, claim: DateClaim) -> tuple[int, Span] | None:
    """The year of a day and month given without one, from the years the article mentions.

    With a stated weekday, the one mentioned year on which that day falls on that weekday;
    without one, the year mentioned most often (the latest on a tie).
    The basis stays ``partial``: the article itself does not pin the year.
    """
    found: dict[int, list[re.Match]] = {}
    for match in _YEAR.finditer(article.body):
        year = int(match.group())
        if _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
            found.setdefault(year, []).append(match)
    if not found or claim.month is None or claim.day is None:
        return None
    if claim.weekday:
        fits = [y for y in sorted(found)
                if (day := _valid(y, claim.month, claim.day)) and WEEKDAYS[day.weekday()] == claim.weekday]
        if len(fits) != 1:
            return None
        year = fits[0]
        anchor = found[year]
    else:
        year = max(found, key=lambda y: (len(found[y]), y))
        if not _valid(year, claim.month, claim.day):
            return None
        anchor = found[year]
    return year, article.span(anchor[0].start(), anchor[0].end())
