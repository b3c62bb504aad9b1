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
from checker.models import CountryMention, trusted

_CUES = ("meeting_cues", "discussion_cues", "agreement_cues")
_MENTION_FIELDS = set(CountryMention.model_fields)  # every field is given (see ``trusted``)


def meeting_countries(article: ArticleText) -> tuple[CountryMention, ...]:
    """One CountryMention per country code, with its first mention in a meeting sentence. Built
    without validation: the code is a table entry's label (a ``str``; the model sets no pattern)."""
    meeting = frozenset().union(*(article.sentences_with(name) for name in _CUES))
    found: dict[str, CountryMention] = {}
    for sentence, entry, start, end in article.matches_by_sentence("countries"):
        if sentence in meeting and entry.label not in found:
            span = article.span(start, end)
            found[entry.label] = trusted(CountryMention, {"code": entry.label, "evidence": (span,)}, _MENTION_FIELDS)
    return tuple(sorted(found.values(), key=lambda c: c.code))
