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
        return day - DATE_TOLERANCE, day + DATE_TOLERANCE
    if published.value:
        day = date.fromisoformat(published.value)
        return day - PUBLICATION_LAG, day + DATE_TOLERANCE
    return None


def _dates_compatible(a: Article, b: Article) -> bool:
    wa = _window(a.record.event_date, a.record.publication_date)
    wb = _window(b.record.event_date, b.record.publication_date)
    if wa and wb and (wa[1] < wb[0] or wb[1] < wa[0]):
        return False
    da, db = a.record.event_date, b.record.event_date
    if da.day and db.day and da.month and db.month and (da.year is None or db.year is None):
        gap = abs((da.month * 31 + da.day) - (db.month * 31 + db.day))
        return gap <= DATE_TOLERANCE.days
    return True


def _people_compatible(a: Article, b: Article) -> bool:
    """At least one shared person, and no two unshared people from different countries."""
    pa, pb = a.record.participants, b.record.participants
    shared = [p for p in pa if any(same_person(p.canonical, q.canonical) for q in pb)]
    if not shared:
        return False
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


def _components(articles: Sequence[Article]) -> list[list[int]]:
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for _, members in sorted(_blocks(articles).items()):
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if (i, j) in checked or find(i) == find(j):
                    continue
                checked.add((i, j))
                if _people_compatible(articles[i], articles[j]) and _dates_compatible(articles[i], articles[j]):
                    parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[find(i)].append(i)
    return sorted(groups.values())


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
