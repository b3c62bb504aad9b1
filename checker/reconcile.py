"""Within one event, complete what an article leaves open from what the event's other reports pin.

A report that says "le 26 juin" without a year is about the same meeting as the reports that say
"26 juin 2024": its event date takes that year, so that dates compare across the event. The
basis stays ``partial`` (the article itself does not pin the day, and ``date-missing`` still says
so); the evidence stays the article's own words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from checker.models import Article, DateClaim, Event


def _days(claim: DateClaim) -> list[date]:
    """Every day a pinned claim covers (one, or each day of a span)."""
    first = date.fromisoformat(claim.value)
    last = date.fromisoformat(claim.end) if claim.end else first
    return [date.fromordinal(d) for d in range(first.toordinal(), last.toordinal() + 1)]


def _years_by_day(pinned: Iterable[DateClaim]) -> dict[tuple[int, int], set[int]]:
    """The years the pinned claims give each (month, day) they cover: built once per event, so
    completing every article costs one look-up each, not a pass over the event's other reports
    (an event of 500 reports would otherwise cost 250,000 comparisons). Each span is read once:
    the reports of one meeting pin the same few (six claims in seven repeat another)."""
    years: dict[tuple[int, int], set[int]] = defaultdict(set)
    for claim in {(claim.value, claim.end): claim for claim in pinned}.values():
        for day in _days(claim):
            years[day.month, day.day].add(day.year)
    return years


def _completed(claim: DateClaim, years_by_day: Mapping[tuple[int, int], set[int]]) -> DateClaim:
    if claim.value is not None or claim.day is None or claim.month is None:
        return claim
    years = years_by_day.get((claim.month, claim.day), set())
    if len(years) != 1:
        return claim
    (year,) = years
    update = {"value": date(year, claim.month, claim.day).isoformat(), "year": year}
    if claim.end_day and claim.end_day > claim.day:
        update["end"] = date(year, claim.month, claim.end_day).isoformat()
    return claim.model_copy(update=update)


def complete_partial_dates(articles: Sequence[Article], events: Sequence[Event]) -> list[Article]:
    """The articles, each partial event date given the year its event's pinned dates agree on."""
    by_id = {a.id: a for a in articles}
    completed = dict(by_id)
    for event in events:
        members = [by_id[i] for i in event.articles]
        years_by_day = _years_by_day(a.record.event_date for a in members if a.record.event_date.pinned)
        for article in members:
            claim = _completed(article.record.event_date, years_by_day)
            if claim is not article.record.event_date:
                record = article.record.model_copy(update={"event_date": claim})
                completed[article.id] = article.model_copy(update={"record": record})
    return [completed[a.id] for a in articles]
