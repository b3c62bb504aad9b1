"""The countries an article names where it tells of the meeting: the sides that met.

Participants carry a country only when the article names them and their side. Many reports
name one side's officials only ("his Spanish counterparts", "entre le Royaume du Maroc et la
République française"), and those are exactly the reports grouping must not attach to another
meeting of the same host. So every sentence that tells of the meeting (a meeting, discussion or
agreement cue) contributes the countries it names, by name or demonym, through the language's
``countries`` table; background sentences (an earlier visit, the host country's wider policy)
contribute nothing.
"""

from __future__ import annotations

from checker.extract.text import ArticleText
from checker.models import CountryMention

_CUES = ("meeting_cues", "discussion_cues", "agreement_cues")


def meeting_countries(article: ArticleText) -> tuple[CountryMention, ...]:
    """One CountryMention per country code, with its first mention in a meeting sentence."""
    meeting = frozenset().union(*(article.sentences_with(name) for name in _CUES))
    found: dict[str, CountryMention] = {}
    for sentence, entry, start, end in article.matches_by_sentence("countries"):
        if sentence in meeting and entry.label not in found:
            span = article.span(start, end)
            found[entry.label] = CountryMention(code=entry.label, evidence=(span,))
    return tuple(sorted(found.values(), key=lambda c: c.code))
