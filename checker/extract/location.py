"""The city where the meeting took place.

A place counts only in a sentence about the meeting (a ``meeting_cues`` match), preferably right
after a location cue ("à", "في", "احتضنت العاصمة"): a dateline ("RABAT -"), an embassy's city
("l'ambassade de Norvège à Rabat") or a city named outside the meeting's sentences does not.
Without any cued place, a known place the meeting's sentences name ("la police londonienne")
is the venue. Known places take their
canonical (English) name from the ``places`` table, so places compare across languages; in Latin
script an unknown capitalised name after a cue is kept as written.
"""

from __future__ import annotations

import re
from functools import cache

from checker import compiled
from checker.extract.text import ArticleText
from checker.lang import Entry, Language, expand_pattern
from checker.models import Location

_LOOKBEHIND = 60  # characters before a place in which its cue must end
_UNKNOWN_PLACE = re.compile(r"[A-ZÀ-Ý][\w’'-]+(?: [A-ZÀ-Ý][\w’'-]+)?")


@cache
def _cues(lang: Language) -> tuple[re.Pattern, re.Pattern | None, re.Pattern | None]:
    """Regexes: a location cue ending a string; the words after which a place is not the venue;
    a cue glued to the place word (Arabic "بالرباط")."""
    cues = "|".join(f"(?:{expand_pattern(e.pattern)})" for e in lang.table("location_cues").entries)
    ending = compiled.compile(f"(?<!\\w)(?:{cues or '(?!x)x'})\\s*$", re.IGNORECASE)
    section = lang.raw.get("location", {})
    blocked = section.get("not_after", [])
    words = "|".join(f"(?:{expand_pattern(w)})" for w in blocked)
    not_after = compiled.compile(f"{lang.word_start}(?:{words}){lang.word_end}", re.IGNORECASE) if blocked else None
    attached = section.get("attached_cues", [])
    glued = compiled.compile("^(?:" + "|".join(map(re.escape, attached)) + ")") if attached else None
    return ending, not_after, glued


def _venue(article: ArticleText, start: int, end: int, places: list[tuple[Entry, re.Match]]) -> Location | None:
    """A cued place of the sentence ``start..end``: a known one of ``places``, else (in Latin
    script) an unknown capitalised name."""
    ending, not_after, glued = _cues(article.lang)
    body = article.body
    for entry, match in places:
        before = body[max(start, match.start() - _LOOKBEHIND):match.start()]
        cued = ending.search(before) or (glued and glued.match(match.group()))
        if cued and not (not_after and not_after.search(before[-40:])):
            return Location(value=entry.label, evidence=(article.span(match.start(), match.end()),))
    if article.lang.script != "Latn":
        return None
    for match in _UNKNOWN_PLACE.finditer(body, start, end):
        before = body[max(start, match.start() - _LOOKBEHIND):match.start()]
        if not ending.search(before) or (not_after and not_after.search(before[-40:])):
            continue
        word = match.group().split()[0].casefold()
        if word in article.lang.months or word in article.lang.weekdays:
            continue
        if not any(article.lang.table(t).search(match.group()) for t in ("countries", "organizations")):
            return Location(value=match.group(), evidence=(article.span(match.start(), match.end()),))
    return None


def _named_place(article: ArticleText, start: int, places: list[tuple[Entry, re.Match]]) -> Location | None:
    """A known place of ``places``, named in the sentence at ``start`` without a cue ("la police
    londonienne")."""
    _, not_after, _ = _cues(article.lang)
    for entry, match in places:
        before = article.body[max(start, match.start() - 40):match.start()]
        if not (not_after and not_after.search(before)):
            return Location(value=entry.label, evidence=(article.span(match.start(), match.end()),))
    return None


def location(article: ArticleText) -> Location:
    """The first cued place in a sentence about the meeting; failing that, the first known place
    a sentence about the meeting names; an empty Location when none."""
    told = [article.sentences[i] for i in sorted(article.sentences_with("meeting_cues"))]
    named = []  # the known places of each sentence read, found once for both readings
    for start, end in told:
        named.append(list(article.lang.table("places").finditer(article.body, start, end)))
        found = _venue(article, start, end, named[-1])
        if found:
            return found
    for (start, _), places in zip(told, named):
        found = _named_place(article, start, places)
        if found:
            return found
    return Location()
