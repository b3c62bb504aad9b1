"""A day and month without a year take the year the event's pinned reports agree on."""

from __future__ import annotations

from checker.models import Article, ClaimRecord, DateClaim, Event
from checker.reconcile import complete_partial_dates


def make(id: str, claim: DateClaim) -> Article:
    return Article(id=id, path=f"{id}.txt", language="fr", record=ClaimRecord(event_date=claim))


PINNED = DateClaim(value="2024-06-26", end="2024-06-28", end_day=28, year=2024, month=6, day=26, basis="explicit")


def test_partial_day_inside_the_events_span_takes_its_year():
    articles = [make("a", PINNED), make("b", DateClaim(day=27, month=6, basis="partial"))]
    done = complete_partial_dates(articles, [Event(id="e", articles=("a", "b"), title="t")])
    claim = done[1].record.event_date
    assert (claim.value, claim.year, claim.basis) == ("2024-06-27", 2024, "partial")
    assert done[0] == articles[0]


def test_partial_day_the_event_does_not_pin_stays_open():
    articles = [make("a", PINNED), make("b", DateClaim(day=3, month=7, basis="partial"))]
    done = complete_partial_dates(articles, [Event(id="e", articles=("a", "b"), title="t")])
    assert done[1].record.event_date.value is None


def test_other_events_dates_do_not_count():
    articles = [make("a", PINNED), make("b", DateClaim(day=26, month=6, basis="partial"))]
    events = [Event(id="e1", articles=("a",), title="t"), Event(id="e2", articles=("b",), title="t")]
    assert complete_partial_dates(articles, events)[1].record.event_date.value is None
