"""Rules on the event date: an article that does not pin it, and dates that cannot all be true."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import NamedTuple

from checker.models import WEEKDAYS, Article, DateClaim
from checker.rules.helpers import (
    add_evidence, consensus, evidence, fallback_evidence, normalise, record_spans, witnesses,
)
from checker.rules.registry import register
from checker.rules.view import EventView, Issue, per_event, records


class Facts(NamedTuple):
    """What a date claim asserts about the day, field by field (``None``: not asserted).

    A named tuple rather than a frozen dataclass: date-mismatch makes one for every record and
    counts them by value, and a tuple is quicker to make and is hashed in C."""

    year: int | None
    month: int | None
    day: int | None
    weekday: str | None
    last: int | None = None  # the last day, when the claim is a span of days


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def facts(claim: DateClaim) -> Facts | None:
    """The claim's assertions about the event's day, or ``None`` when it asserts nothing.

    A date that only repeats the publication date is no assertion about the event.
    """
    if claim.basis in ("publication-date", "none"):
        return None
    year, month, day = claim.year, claim.month, claim.day
    pinned = _parse(claim.value) if claim.pinned else None
    if pinned is not None:
        year, month, day = pinned.year, pinned.month, pinned.day
    if month is None and day is None and claim.weekday is None:
        return None
    return Facts(year, month, day, claim.weekday, claim.end_day)


def consistent(claims: Iterable[Facts]) -> bool:
    """Whether one day can satisfy every claim: no field given two values, and a full date
    that exists and falls on the weekday given. When a claim gives a span of days (a visit
    of three days), each other claim need only fall within the span."""
    claims = list(claims)
    spans = [(c.day, c.last) for c in claims if c.last is not None and c.day is not None]
    if spans:
        return _within_span(claims, min(s for s, _ in spans), max(e for _, e in spans))
    if not claims:
        return True
    merged = []
    for given in list(zip(*claims))[:4]:  # each field's values: year, month, day, weekday
        given = set(given)
        given.discard(None)
        if len(given) > 1:
            return False
        merged.append(given.pop() if given else None)
    year, month, day, weekday = merged
    if year is not None and month is not None and day is not None:
        try:
            found = date(year, month, day)
        except ValueError:
            return False
        return weekday in (None, WEEKDAYS[found.weekday()])
    return True


def _within_span(claims: list[Facts], first: int, last: int) -> bool:
    """Year and month agree, every day given lies in ``first..last``, every weekday falls on one."""
    merged: dict[str, object] = {}
    for claim in claims:
        for name in ("year", "month"):
            value = getattr(claim, name)
            if value is not None and merged.setdefault(name, value) != value:
                return False
        if claim.day is not None and claim.last is None and not first <= claim.day <= last:
            return False
    year, month = merged.get("year"), merged.get("month")
    if year is None or month is None:
        return True
    try:
        weekdays = {WEEKDAYS[date(year, month, d).weekday()] for d in range(first, last + 1)}
    except ValueError:
        return False
    return all(c.weekday in (None, *weekdays) for c in claims if c.day is None or c.last is not None)


def describe(claim: DateClaim) -> str | None:
    """The claim as a finding's value: an ISO date when pinned, else what it does say, with its
    basis ("tuesday (relative-only)", "27-01 (partial)"); ``None`` when it says nothing."""
    pinned = _parse(claim.value) if claim.pinned else None
    if pinned is not None:
        shown = f"{claim.value}/{claim.end}" if claim.end else claim.value
        if claim.weekday and claim.weekday != WEEKDAYS[pinned.weekday()]:
            return f"{shown} ({claim.weekday})"
        return shown
    if claim.value is not None and claim.basis != "partial":
        stated = claim.value
    elif claim.day is not None and claim.month is not None:  # a year inferred is not a year stated
        stated = f"{claim.day:02d}-{claim.month:02d}" + (f"-{claim.year}" if claim.year else "")
    elif claim.month is not None:
        stated = f"{claim.month:02d}" + (f"-{claim.year}" if claim.year else "")
    else:
        stated = ""
    words = " ".join(part for part in (claim.weekday, stated) if part)
    return f"{words} ({claim.basis})" if words else None


def _date_evidence(articles: Iterable[Article]) -> Iterator[tuple[str, tuple]]:
    for article in articles:
        yield article.id, article.record.event_date.evidence


def _grouped(values: dict[str, str | None]) -> str:
    """``2024-03-11: 001; 2024-03-12: 000, 004``: each value with the articles that give it."""
    groups: dict[str, list[str]] = {}
    for article, value in sorted(values.items()):
        groups.setdefault(value or "none", []).append(article)
    return "; ".join(f"{value}: {', '.join(ids)}" for value, ids in sorted(groups.items()))


class Dates(NamedTuple):
    """The event's dates as both date rules read them."""

    shown: dict[str, str | None]  # each article's date as a finding shows it (``describe``), by id
    pinned: dict[str, Article]  # the articles that pin the day themselves, by id
    days: list[str]  # the day each of those pins (``value``)


@per_event
def event_dates(view: EventView) -> Dates:
    """The event's dates, read once for both rules, and once for each record (``records``).
    Both are by article id, in no particular order."""
    shown: dict[str, str | None] = {}
    pinned: dict[str, Article] = {}
    days: list[str] = []
    for record, holders in records(view):
        claim = record.event_date
        said = describe(claim)
        for article in holders:
            shown[article.id] = said
        if claim.pinned:
            for article in holders:
                pinned[article.id] = article
            days += [claim.value] * len(holders)
    return Dates(shown, pinned, days)


@register("date-missing", "warning", "event_date")
def date_missing(view: EventView) -> Iterator[Issue]:
    """An article of an event gives no event date that can be pinned to a day.

    Checks, for each article of an event, that the article itself pins the event to one day:
    a full date, or a weekday that the publication date anchors. A bare weekday or
    "aujourd'hui" with nothing to anchor it, a day and month without a year, or only the
    publication date leave the reader to guess. One finding per such article; its consensus is
    the day the articles that do pin one agree on, and it quotes a few of them for each day
    they give (three: the others say the same).

    Why: a reader who meets the article alone cannot tell when the meeting took place, and a
    wrong guess (the publication date is often the next day) spreads to other reports.

    French:  "Le ministre a reçu mardi son homologue" (relative-only) while another article
             writes "le mardi 12 mars 2024".
    Arabic:  "استقبل الوزير يوم الثلاثاء نظيره" (relative-only) while another article writes
             "يوم الثلاثاء 12 مارس 2024".
    """
    shown, pinned, days = event_dates(view)
    agreed = consensus(days)
    # Every finding sets its article against the same witnesses: their values and spans are made once.
    quoted_values = witnesses({i: shown[i] for i in pinned})
    quoted = list(quoted_values)
    quoted_spans = evidence(_date_evidence(pinned[i] for i in quoted))
    # And so does every message end the same.
    tail = f"; the articles that pin one give {agreed}" if agreed else ""
    if len(quoted) < len(pinned):
        tail += f" ({len(quoted)} of those {len(pinned)} quoted)"
    for record, holders in records(view):  # (the engine puts the findings in order)
        if record.event_date.pinned:
            continue
        said = shown[holders[0].id]
        own = record.event_date.evidence or record_spans(record)
        for article in holders:
            spans = add_evidence(quoted_spans, article.id, own) or fallback_evidence(
                [article, *(pinned[i] for i in quoted)])
            yield Issue(
                articles=[article.id, *quoted],
                message=f"{article.id} gives no event date pinned to a day ({said or 'no date at all'}){tail}",
                values={article.id: said, **quoted_values}, evidence=spans, consensus=agreed,
                outliers=[article.id], subject=article.id,
            )


@register("date-mismatch", "error", "event_date")
def date_mismatch(view: EventView) -> Iterator[Issue]:
    """Articles of one event give dates (or partial dates / weekdays) that cannot all be true.

    Checks that one day satisfies every date the articles of an event state: full dates must be
    equal, and a day and month without a year, or a weekday, must agree with them (a weekday
    that the full date does not fall on is a contradiction too, even within one article).
    The consensus is the day most articles are compatible with; the outliers are the articles
    that contradict it.

    Why: two reports of one meeting cannot both be right about its day; one of them is wrong,
    or they do not report the same meeting.

    French:  "lundi 11 mars 2024" in one article, "mardi 12 mars 2024" in another; or
             "le 12 mars" against "lundi" when the others pin Tuesday 12 March 2024.
    Arabic:  "الاثنين 11 مارس 2024" in one article, "الثلاثاء 12 مارس 2024" in another.
    """
    # Whether they can all be true needs each record's claim once, not each copy of it.
    read = [(facts(record.event_date), holders) for record, holders in records(view)]
    if consistent(f for f, _ in read if f is not None):
        return
    claims = dict(sorted((a.id, f) for f, holders in read if f is not None for a in holders))
    shown, dated, _ = event_dates(view)
    involved = [a for a in view.articles if a.id in claims]
    values = {a.id: shown[a.id] for a in involved}
    pinned = [a.id for a in involved if a.id in dated]
    candidates = sorted({normalise(values[i]): i for i in (pinned or claims)}.values())
    # Scored against each distinct claim once, weighted by how many articles make it: an event
    # of 500 reports holds a handful of distinct dates, and 500 x 500 checks would dominate.
    weights = Counter(claims.values())
    scores = {c: sum(n for f, n in weights.items() if consistent([claims[c], f])) for c in candidates}
    best = max(scores.values())
    leaders = [c for c in candidates if scores[c] == best]
    agreed, drifted = None, ()
    if best > 0 and len(leaders) == 1:
        agreed = values[leaders[0]]
        fits = {f: consistent([claims[leaders[0]], f]) for f in weights}
        drifted = tuple(i for i, f in claims.items() if not fits[f])
    spans = evidence(_date_evidence(involved)) or fallback_evidence(involved)
    yield Issue(
        articles=list(claims), message=f"event dates that cannot all be true: {_grouped(values)}",
        values=values, evidence=spans, consensus=agreed, outliers=drifted,
    )
