"""Group the articles that report the same meeting into Events.

Two articles report the same meeting when they name at least one person in common and nothing
they say rules it out: their dates cannot be days apart, and the people only one of them names
cannot come from different countries (the same host meeting a Danish director one day and a
Belgian one another day is two meetings), nor can the countries each names where it tells of the
meeting, unless the dates say it is one. Two copies of one text that name the same people report
one meeting whatever else they say: a date or city that differs between them is one outlet's
drift, for the rules to report. Candidate pairs come from blocking on the people's name
skeletons, never from comparing every article with every other.

It scales with the corpus, not with its square: articles with the same profile and people
(syndicated copies) are compared once, through the first of them; the block of a person a great
many articles name (the host of every meeting) pairs only articles whose dates can meet, found
through shared weeks and days; and two groups are checked against each other through their
distinct profiles, a clash once found being remembered. Pairs left out are pairs the merging
would refuse anyway, with one exception: in such a large block an article that gives no date at
all is paired only with the articles that name exactly its people (an undated report naming the
host alone, the one article of the block that could join any of his meetings, stays apart).

Once grouped, every person gets one canonical Latin name across the event's articles, and the
event an id derived from what it reports (its date and its people), not from file order.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from checker.extract.names import same_person, skeleton, unify_canonicals
from checker.extract.wording import resemblance
from checker.models import Article, DateClaim, Event, Participant

# How far apart two reports' dates may be and still be one meeting: multi-day visits, and
# articles published a few days after the meeting.
DATE_TOLERANCE = timedelta(days=3)
PUBLICATION_LAG = timedelta(days=10)
# Two reports whose wording is at least this alike are copies of one text (one communiqué): in
# the development corpus, reports of one meeting that copy each other resemble at 0.25 to 0.8,
# reports of different meetings never above 0.05.
COPY = 0.25
COPY_LINK, PEOPLE_LINK = 0, 1  # link kinds, in the order they are merged
# A block (the articles naming one person) with more distinct articles than this pairs only the
# articles whose dates can meet; up to it, every pair is a candidate.
OPEN_BLOCK = 200
# A window longer than this (a long range of days) is too vague to index by day: in a large
# block it counts as no date.
_INDEXED_DAYS = 62


People = tuple[tuple[str, str | None], ...]
"""(canonical name, country) of each participant."""


@dataclass(frozen=True)
class _Profile:
    """What grouping reads of an article: two articles with one profile are interchangeable, so
    each question about a pair of articles is asked once per pair of profiles."""

    window: tuple[date, date] | None
    partial: tuple[int, int] | None
    place: str | None
    people: People
    countries: frozenset[str]  # the countries named where the article tells of the meeting


def _profile(article: Article) -> _Profile:
    record = article.record
    return _Profile(
        window=_window(record.event_date, record.publication_date),
        partial=_partial_day(record.event_date),
        place=record.location.value,
        people=tuple((p.canonical, p.country) for p in record.participants),
        countries=frozenset(c.code for c in record.countries),
    )


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


def _dates_compatible(a: _Profile, b: _Profile) -> bool:
    wa, wb = a.window, b.window
    if wa and wb:
        return not (wa[1] < wb[0] or wb[1] < wa[0])
    pa, pb = a.partial, b.partial
    if pa and pb:
        return abs((pa[0] * 31 + pa[1]) - (pb[0] * 31 + pb[1])) <= DATE_TOLERANCE.days
    if pa and wb:
        return _falls_in(pa, wb)
    if pb and wa:
        return _falls_in(pb, wa)
    return True


def _dates_confirm(a: _Profile, b: _Profile) -> bool:
    """Both articles date the event, and their dates agree."""
    dated_a = a.window is not None or a.partial is not None
    dated_b = b.window is not None or b.partial is not None
    return dated_a and dated_b and _dates_compatible(a, b)


def _places_compatible(a: _Profile, b: _Profile) -> bool:
    """Two cities rule out one meeting only when the dates do not already say it is one: an
    outlet that moves a dated meeting to another city is a finding, not another event."""
    la, lb = a.place, b.place
    return not (la and lb and la != lb) or _dates_confirm(a, b)


def _shared_people(a: _Profile, b: _Profile) -> int:
    return _shared_names(a.people, b.people)


# The reports of one meeting name the same few people: the pairs of casts compared are far
# fewer than the pairs of articles, so their comparisons are remembered (bounded: a pure
# function of the names, whatever the run).
@lru_cache(maxsize=1 << 16)
def _shared_names(pa: People, pb: People) -> int:
    """How many people of ``pa`` are someone of ``pb``."""
    return sum(any(same_person(p, q) for q, _ in pb) for p, _ in pa)


def _counterparts_compatible(a: _Profile, b: _Profile) -> bool:
    """False when each article names someone the other does not, from a country the other
    names nobody from: a host meeting a Danish director and the same host meeting a Belgian
    director are two meetings."""
    return _casts_compatible(a.people, b.people)


@lru_cache(maxsize=1 << 16)
def _casts_compatible(pa: People, pb: People) -> bool:
    if not _shared_names(pa, pb):
        return True  # nothing to compare them by: one of them may name only part of the cast
    only_a = {c for p, c in pa if c and not any(same_person(p, q) for q, _ in pb)}
    only_b = {c for q, c in pb if c and not any(same_person(q, p) for p, _ in pa)}
    countries_a = {c for _, c in pa if c}
    countries_b = {c for _, c in pb if c}
    return not (only_a - countries_b and only_b - countries_a)


def _sides_compatible(a: _Profile, b: _Profile) -> bool:
    """False when each article tells of a meeting with a country the other does not name (the
    host with "his Spanish counterparts" in one, with a Saudi delegation in the other), unless
    their dates already say it is one meeting: then it is a finding, not another event."""
    ca, cb = a.countries, b.countries
    return not (ca - cb and cb - ca) or _dates_confirm(a, b)


def _cannot_link(a: _Profile, b: _Profile) -> bool:
    """Whether two articles cannot report the same meeting (dates apart, other counterparts,
    other sides, other cities)."""
    return not (_dates_compatible(a, b) and _counterparts_compatible(a, b) and _sides_compatible(a, b)
                and _places_compatible(a, b))


def _keys(article: Article) -> list[str]:
    """The name skeletons of the surnames an article mentions: its blocking keys."""
    keys = {skeleton(p.canonical.split()[-1]) for p in article.record.participants if p.canonical}
    return sorted(k for k in keys if k)


def _time_keys(profile: _Profile) -> Iterator[tuple[str, object]]:
    """Keys that any two profiles whose dates can meet share at least one of: the weeks of a
    window ("w"), a day and month without a year and the days of a window ("md"), a partial
    day's neighbourhood ("pd"). Empty for a profile without a date, or with too vague a one."""
    window, partial = profile.window, profile.partial
    if window and (window[1] - window[0]).days <= _INDEXED_DAYS:
        first, last = window[0].toordinal(), window[1].toordinal()
        for week in range(first // 7, last // 7 + 1):
            yield "w", week
        if partial is None:
            for ordinal in range(first, last + 1):
                day = date.fromordinal(ordinal)
                yield "md", (day.month, day.day)
    if partial:
        position = partial[0] * 31 + partial[1]
        # Two positions at most DATE_TOLERANCE apart share one of these two buckets.
        yield from {("pd", position // 7), ("pd", (position + DATE_TOLERANCE.days) // 7)}
        if window is None:
            yield "md", partial


def _dated_pairs(leaders: Sequence[int], profiles: Sequence[_Profile]) -> tuple[set[tuple[int, int]], list[int]]:
    """Pairs of ``leaders`` (sorted) whose dates may meet, found through shared time keys, and
    the leaders without a date to index."""
    buckets: dict[tuple[str, object], list[int]] = defaultdict(list)
    undated = []
    for i in leaders:
        keys = list(_time_keys(profiles[i]))
        for key in keys:
            buckets[key].append(i)
        if not keys:
            undated.append(i)
    pairs = set()
    for (kind, _), members in buckets.items():
        if kind == "md":
            # A day-and-month bucket pairs a partial day with a window, not two windows (those
            # meet through their weeks) nor two partial days (through "pd"); it holds the
            # windows of every year, so only the pairs it is for are formed.
            windows = [i for i in members if profiles[i].window is not None]
            partials = [i for i in members if profiles[i].window is None]
            pairs.update((min(i, j), max(i, j)) for i in partials for j in windows)
            continue
        for x, i in enumerate(members):
            pairs.update((i, j) for j in members[x + 1:])
    return pairs, undated


def _block_pairs(leaders: Sequence[int], profiles: Sequence[_Profile],
                 keys: Sequence[list[str]]) -> Iterable[tuple[int, int]]:
    """The candidate pairs of one block's leaders: all of them in a small block. In a large one
    (a host of many meetings) those whose dates may meet, and an article without a date with
    the articles that name exactly its people, when it names someone besides this person (the
    undated reports of a large event; one that names the host alone cannot be placed)."""
    if len(leaders) <= OPEN_BLOCK:
        return ((i, j) for x, i in enumerate(leaders) for j in leaders[x + 1:])
    pairs, undated = _dated_pairs(leaders, profiles)
    cast: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in leaders:
        if len(keys[i]) > 1:
            cast[tuple(keys[i])].append(i)
    for i in undated:
        pairs.update((min(i, j), max(i, j)) for j in cast.get(tuple(keys[i]), ()) if j != i)
    return pairs


def _candidate_links(profiles: Sequence[_Profile], keys: Sequence[list[str]],
                     wordings: Sequence[bytes]) -> list[tuple[tuple[int, float], int, int]]:
    """Pairs that share a person, strongest first: copies of one text (see ``COPY``), then the
    others by the people they share, a person few articles name (the visiting counterpart)
    linking more surely than one every article names (the host of every meeting).

    Articles with the same profile and people (twins: the same wire copy, or the same facts)
    link to the first of them, which alone stands for them in the blocks. A pair that cannot
    report one meeting is left out (merging would refuse it anyway), unless the two are copies
    of one text naming the same people.
    """
    sizes: Counter = Counter(k for article_keys in keys for k in article_keys)
    weight = {k: 1.0 / n for k, n in sizes.items()}
    leader_of: dict[tuple[_Profile, tuple[str, ...]], int] = {}
    blocks: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, (profile, article_keys) in enumerate(zip(profiles, keys)):
        if not article_keys:
            continue
        leader = leader_of.setdefault((profile, tuple(article_keys)), i)
        if leader != i:
            pairs.add((leader, i))
            continue
        for key in article_keys:
            blocks[key].append(i)
    for key in sorted(blocks):
        pairs.update(_block_pairs(blocks[key], profiles, keys))
    links = []
    for i, j in pairs:
        a, b = profiles[i], profiles[j]
        shared = _shared_people(a, b)
        if not shared:
            continue
        same_cast = shared == len(a.people) and _shared_people(b, a) == len(b.people)
        alike = resemblance(wordings[i], wordings[j]) if same_cast else 0.0
        if alike >= COPY:
            links.append(((COPY_LINK, -alike), i, j))
        elif not _cannot_link(a, b):
            common = sorted(set(keys[i]) & set(keys[j]))
            links.append(((PEOPLE_LINK, -sum(weight[k] for k in common)), i, j))
    return sorted(links)


def _components(articles: Sequence[Article]) -> list[list[int]]:
    """Merge linked articles strongest link first, never joining two groups that hold a pair of
    articles which cannot report the same meeting (dates apart, different counterparts).

    Copies of one text that name the same people are joined first, whatever else they say: where
    they disagree (one moved the date or the city), neither of the two constrains the group any
    more, so that the group still joins the other reports of its meeting and the rules report
    the drift. (Reports of another meeting written from the same template name other people.)

    A group is checked against another through its distinct profiles, and two groups found
    incompatible stay so: merging only adds articles, and never removes the pair that clashes.
    """
    profiles = [_profile(a) for a in articles]
    ids: dict[_Profile, int] = {}
    kind = [ids.setdefault(p, len(ids)) for p in profiles]
    distinct = list(ids)
    clash: dict[tuple[int, int], bool] = {}

    def cannot_link(p: int, q: int) -> bool:
        key = (min(p, q), max(p, q))
        if key not in clash:
            clash[key] = _cannot_link(distinct[key[0]], distinct[key[1]])
        return clash[key]

    cluster = list(range(len(articles)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(articles))}
    kinds: dict[int, set[int]] = {i: {kind[i]} for i in range(len(articles))}
    apart: dict[int, set[int]] = defaultdict(set)  # groups known to clash, by group id
    links = _candidate_links(profiles, [_keys(a) for a in articles], [a.wording for a in articles])
    for (strength, _), i, j in links:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or cj in apart[ci]:
            continue
        if strength == COPY_LINK:
            if cannot_link(kind[i], kind[j]):
                kinds[ci].discard(kind[i])
                kinds[cj].discard(kind[j])
        elif any(cannot_link(p, q) for p in kinds[ci] for q in kinds[cj]):
            apart[ci].add(cj)
            apart[cj].add(ci)
            continue
        keep, gone = (ci, cj) if len(members[ci]) >= len(members[cj]) else (cj, ci)
        for x in members[gone]:
            cluster[x] = keep
        members[keep].extend(members.pop(gone))
        kinds[keep] |= kinds.pop(gone)
        for other in apart.pop(gone, ()):
            apart[other].discard(gone)
            apart[other].add(keep)
            apart[keep].add(other)
    return sorted(sorted(group) for group in members.values())


def _with_canonical_names(articles: list[Article]) -> list[Article]:
    """The articles of one event with one canonical Latin name per person across them."""
    names = [p.name for a in articles for p in a.record.participants]
    mapping = unify_canonicals(names)
    unified = []
    for article in articles:
        people = tuple(_renamed(p, mapping.get(p.name, p.canonical)) for p in article.record.participants)
        if all(new is old for new, old in zip(people, article.record.participants)):
            unified.append(article)  # nothing renamed: the article stays the object it was
            continue
        record = article.record.model_copy(update={"participants": people})
        unified.append(article.model_copy(update={"record": record}))
    return unified


def _renamed(participant: Participant, canonical: str) -> Participant:
    """``participant`` with ``canonical`` as its canonical name; itself when it already has it
    (a copy of each of a hundred thousand records would double what a run holds)."""
    if participant.canonical == canonical:
        return participant
    return participant.model_copy(update={"canonical": canonical})


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
