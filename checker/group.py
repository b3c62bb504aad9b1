"""Group the articles that report the same meeting into Events.

Two articles report the same meeting when they name at least one person in common and nothing
they say rules it out: their dates cannot be days apart, and the people only one of them names
cannot come from different countries (the same host meeting a Danish director one day and a
Belgian one another day is two meetings). Candidate pairs come from blocking on the people's name
skeletons, never from comparing every article with every other.

Once grouped, every person gets one canonical Latin name across the event's articles, and the
event an id derived from what it reports (its date and its people), not from file order.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from checker.extract.names import same_person, skeleton, unify_canonicals
from checker.models import Article, DateClaim, Event

# How far apart two reports' dates may be and still be one meeting: multi-day visits, and
# articles published a few days after the meeting.
DATE_TOLERANCE = timedelta(days=3)
PUBLICATION_LAG = timedelta(days=10)


def _window(claim: DateClaim, published: DateClaim) -> tuple[date, date] | None:
    """The days an article's event can fall on, as far as its own text says."""
    if claim.value and claim.basis != "publication-date":
        day = date.fromisoformat(claim.value)
        last = date.fromisoformat(claim.end) if claim.end else day
        return day - DATE_TOLERANCE, last + DATE_TOLERANCE
    if published.value:
        day = date.fromisoformat(published.value)
        return day - PUBLICATION_LAG, day + DATE_TOLERANCE
    if published.year and published.month:
        first = date(published.year, published.month, 1)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        return first - PUBLICATION_LAG, last + DATE_TOLERANCE
    return None


def _partial_day(claim: DateClaim) -> tuple[int, int] | None:
    """A day and month the article gives without a year."""
    if claim.value is None and claim.day and claim.month and claim.year is None:
        return claim.month, claim.day
    return None


def _falls_in(month_day: tuple[int, int], window: tuple[date, date]) -> bool:
    for year in range(window[0].year, window[1].year + 1):
        try:
            if window[0] <= date(year, *month_day) <= window[1]:
                return True
        except ValueError:
            continue
    return False


def _dates_compatible(a: Article, b: Article) -> bool:
    wa = _window(a.record.event_date, a.record.publication_date)
    wb = _window(b.record.event_date, b.record.publication_date)
    if wa and wb:
        return not (wa[1] < wb[0] or wb[1] < wa[0])
    pa, pb = _partial_day(a.record.event_date), _partial_day(b.record.event_date)
    if pa and pb:
        return abs((pa[0] * 31 + pa[1]) - (pb[0] * 31 + pb[1])) <= DATE_TOLERANCE.days
    if pa and wb:
        return _falls_in(pa, wb)
    if pb and wa:
        return _falls_in(pb, wa)
    return True


def _dates_confirm(a: Article, b: Article) -> bool:
    """Both articles date the event, and their dates agree."""
    wa = _window(a.record.event_date, a.record.publication_date)
    wb = _window(b.record.event_date, b.record.publication_date)
    dated_a = wa is not None or _partial_day(a.record.event_date) is not None
    dated_b = wb is not None or _partial_day(b.record.event_date) is not None
    return dated_a and dated_b and _dates_compatible(a, b)


def _places_compatible(a: Article, b: Article) -> bool:
    """Two cities rule out one meeting only when the dates do not already say it is one: an
    outlet that moves a dated meeting to another city is a finding, not another event."""
    la, lb = a.record.location.value, b.record.location.value
    return not (la and lb and la != lb) or _dates_confirm(a, b)


def _shared_people(a: Article, b: Article) -> int:
    return sum(any(same_person(p.canonical, q.canonical) for q in b.record.participants)
               for p in a.record.participants)


def _counterparts_compatible(a: Article, b: Article) -> bool:
    """False when each article names someone the other does not, from a country the other
    names nobody from: a host meeting a Danish director and the same host meeting a Belgian
    director are two meetings."""
    pa, pb = a.record.participants, b.record.participants
    if not _shared_people(a, b):
        return True  # nothing to compare them by: one of them may name only part of the cast
    only_a = {p.country for p in pa if p.country and not any(same_person(p.canonical, q.canonical) for q in pb)}
    only_b = {q.country for q in pb if q.country and not any(same_person(q.canonical, p.canonical) for p in pa)}
    countries_a = {p.country for p in pa if p.country}
    countries_b = {q.country for q in pb if q.country}
    return not (only_a - countries_b and only_b - countries_a)


def _blocks(articles: Sequence[Article]) -> dict[str, list[int]]:
    """Article indexes by the name skeleton of each surname they mention."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        for key in sorted({skeleton(p.canonical.split()[-1]) for p in article.record.participants if p.canonical}):
            if key:
                blocks[key].append(i)
    return blocks


def _candidate_links(articles: Sequence[Article]) -> list[tuple[float, int, int]]:
    """Pairs that share a person, strongest first: a person few articles name (the visiting
    counterpart) links more surely than one every article names (the host of every meeting)."""
    rarity: dict[tuple[int, int], float] = defaultdict(float)
    for _, members in sorted(_blocks(articles).items()):
        weight = 1.0 / len(members)
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                rarity[(i, j)] += weight
    links = [(-score, i, j) for (i, j), score in rarity.items() if _shared_people(articles[i], articles[j])]
    return sorted(links)


def _components(articles: Sequence[Article]) -> list[list[int]]:
    """Merge linked articles strongest link first, never joining two groups that hold a pair of
    articles which cannot report the same meeting (dates apart, different counterparts)."""
    cluster = list(range(len(articles)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(articles))}
    clash: dict[tuple[int, int], bool] = {}

    def cannot_link(i: int, j: int) -> bool:
        key = (min(i, j), max(i, j))
        if key not in clash:
            a, b = articles[key[0]], articles[key[1]]
            clash[key] = not (_dates_compatible(a, b) and _counterparts_compatible(a, b)
                              and _places_compatible(a, b))
        return clash[key]

    for _, i, j in _candidate_links(articles):
        ci, cj = cluster[i], cluster[j]
        if ci == cj or any(cannot_link(x, y) for x in members[ci] for y in members[cj]):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        for x in members[gone]:
            cluster[x] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
    return sorted(members.values())


def _with_canonical_names(articles: list[Article]) -> list[Article]:
    """The articles of one event with one canonical Latin name per person across them."""
    names = [p.name for a in articles for p in a.record.participants]
    mapping = unify_canonicals(names)
    unified = []
    for article in articles:
        people = tuple(p.model_copy(update={"canonical": mapping.get(p.name, p.canonical)})
                       for p in article.record.participants)
        record = article.record.model_copy(update={"participants": people})
        unified.append(article.model_copy(update={"record": record}))
    return unified


def _consensus_date(articles: Sequence[Article]) -> str | None:
    days = Counter(a.record.event_date.value for a in articles if a.record.event_date.pinned)
    if not days:
        return None
    ranked = sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0]


def _event_key(articles: Sequence[Article], day: str | None) -> str:
    """What the event is about: its date and the people at least half its articles name."""
    counts = Counter(p.canonical for a in articles for p in {q.canonical: q for q in a.record.participants}.values())
    people = sorted(name for name, n in counts.items() if 2 * n >= len(articles))
    return f"{day or 'undated'}|{'|'.join(people)}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def group_events(articles: Sequence[Article]) -> tuple[list[Article], list[Event]]:
    """The articles (with event-level canonical names) and the events, both sorted by id."""
    ordered = sorted(articles, key=lambda a: a.id)
    drafts = []
    for members in _components(ordered):
        group = _with_canonical_names([ordered[i] for i in members])
        day = _consensus_date(group)
        drafts.append((_event_key(group, day), day, group))
    key_counts = Counter(key for key, _, _ in drafts)
    events, out = [], []
    for key, day, group in drafts:
        ids = tuple(a.id for a in group)
        if key_counts[key] > 1:
            key += "|" + "|".join(ids)
        titled = sorted(group, key=lambda a: (not a.record.event_date.pinned, a.id))
        events.append(Event(id=f"ev-{_digest(key)}", articles=ids, date=day, title=titled[0].title or titled[0].id))
        out.extend(group)
    return sorted(out, key=lambda a: a.id), sorted(events, key=lambda e: e.id)
