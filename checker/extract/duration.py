"""A meeting's length in days ("une visite de deux jours", "two-day visit", "امتدت ليومين"),
turning a dated meeting into the span it covered.

The stated date is taken as the first day: reports date a visit by its start ("arrived on
Tuesday for a two-day visit"). A span already given ("du 26 au 28 juin") is kept as written. A
day and month without a year get a last day only while the span stays in that month (the month's
length may depend on the year). The phrase counts only in a sentence about the meeting, and
becomes part of the date's evidence.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from checker.extract.text import ArticleText
from checker.models import DateClaim, Span

_LEAP_YEAR = 2000  # the longest February, for a day and month whose year is unknown


def _stated_length(article: ArticleText) -> tuple[int, Span] | None:
    """The number of days the meeting lasted and where the article says so, if it does."""
    for sentence, entry, start, end in article.matches_by_sentence("durations"):
        if sentence in article.sentences_with("meeting_cues"):
            return int(entry.get("days")), article.span(start, end)
    return None


def with_duration(article: ArticleText, claim: DateClaim) -> DateClaim:
    """``claim`` made a span when the article gives one day and says how many days it lasted."""
    if claim.end or claim.end_day or claim.day is None or claim.month is None:
        return claim
    stated = _stated_length(article)
    if stated is None or stated[0] < 2:
        return claim
    days, span = stated
    evidence = (*claim.evidence, span)
    if claim.value:
        last = date.fromisoformat(claim.value) + timedelta(days=days - 1)
        return claim.model_copy(update={"end": last.isoformat(), "end_day": last.day, "evidence": evidence})
    last_day = claim.day + days - 1
    if last_day > monthrange(claim.year or _LEAP_YEAR, claim.month)[1]:
        return claim
    return claim.model_copy(update={"end_day": last_day, "evidence": evidence})
