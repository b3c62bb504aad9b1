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
(syndicated copies) are compared once, through the first of them; a block pairs only articles
whose dates can meet and, when small, articles that name the same people (copies of one text
link whatever their dates), the block of a person a great many articles name (the host of every
meeting) finding the former through shared weeks and days; and two groups are checked against
each other through their distinct profiles, a clash once found being remembered. Pairs left out
are pairs the merging would refuse anyway, with one exception: in such a large block an article
that gives no date at all is paired only with the articles that name exactly its people (an
undated report naming the host alone, the one article of the block that could join any of his
meetings, stays apart).

Once grouped, every person gets one canonical Latin name across the event's articles, and the
event an id derived from what it reports (its date and its people), not from file order.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from datetime import date, timedelta

from checker.extract.names import same_person, skeleton, unify_canonicals
from checker.extract.wording import resemblance
from checker.models import Article, ClaimRecord, DateClaim, Event, Participant

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
# articles whose dates can meet, found through time keys; up to it, every pair that can link.
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


def _profile(record: ClaimRecord) -> _Profile:
    return _Profile(
        window=_window(record.event_date, record.publication_date),
        partial=_partial_day(record.event_date),
        place=record.location.value,
        people=tuple((p.canonical, p.country) for p in record.participants),
        countries=frozenset(c.code for c in record.countries),
    )


def _kinds(articles: Sequence[Article]) -> tuple[list[int], list[_Profile]]:
    """Each article's kind (the index of its profile among the distinct profiles, numbered in
    article order) and the distinct profiles. A profile is made once per record object, as
    syndicated copies share theirs (``checker.packing`` keeps equal values once), and kept once."""
    ids: dict[_Profile, int] = {}
    by_record: dict[int, int] = {}  # by id: the articles keep their records alive meanwhile
    kind = []
    for article in articles:
        key = id(article.record)
        if key not in by_record:
            by_record[key] = ids.setdefault(_profile(article.record), len(ids))
        kind.append(by_record[key])
    return kind, list(ids)


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


def _shared_names(pa: People, pb: People) -> int:
    """How many people of ``pa`` are someone of ``pb``."""
    shared = 0
    for p, _ in pa:
        for q, _ in pb:
            if same_person(p, q):
                shared += 1
                break
    return shared


def _casts_compatible(pa: People, pb: People) -> bool:
    """False when each of two casts that share someone names someone the other does not, from a
    country the other names nobody from: a host meeting a Danish director and the same host
    meeting a Belgian director are two meetings."""
    return not (_names_other_side(pa, pb) and _names_other_side(pb, pa))


def _names_other_side(pa: People, pb: People) -> bool:
    """Whether ``pa`` names someone ``pb`` does not, from a country ``pb`` names nobody from
    (the country asked first: it rules out most people without comparing names)."""
    countries = {c for _, c in pb}
    return any(c and c not in countries and not any(same_person(p, q) for q, _ in pb) for p, c in pa)


def _sides_compatible(a: _Profile, b: _Profile) -> bool:
    """False when each article tells of a meeting with a country the other does not name (the
    host with "his Spanish counterparts" in one, with a Saudi delegation in the other), unless
    their dates already say it is one meeting: then it is a finding, not another event."""
    ca, cb = a.countries, b.countries
    return ca <= cb or cb <= ca or _dates_confirm(a, b)


class _Questions:
    """What grouping asks about two articles, asked of their kinds (their profiles' indexes in
    ``profiles``, numbered in article order) and answered once per pair: the copies of one text
    ask them again and again, and the reports of one meeting name the same few casts, so far
    fewer pairs of casts are compared than pairs of articles. Nothing outlives the run."""

    def __init__(self, profiles: Sequence[_Profile]) -> None:
        casts: dict[People, int] = {}
        self._profiles = profiles
        self._cast = [casts.setdefault(p.people, len(casts)) for p in profiles]
        self._casts = list(casts)
        self._people: dict[tuple[int, int], tuple[bool, bool]] = {}
        self._compatible: dict[tuple[int, int], bool] = {}
        self._clash: dict[tuple[int, int], bool] = {}

    def people(self, p: int, q: int) -> tuple[bool, bool]:
        """Whether ``p`` names someone ``q`` names, and whether the two name the same people."""
        key = (self._cast[p], self._cast[q])
        answer = self._people.get(key)
        if answer is None:
            pa, pb = self._casts[key[0]], self._casts[key[1]]
            shared = _shared_names(pa, pb)
            answer = self._people[key] = (shared > 0, shared == len(pa) and _shared_names(pb, pa) == len(pb))
        return answer

    def cannot_link(self, p: int, q: int) -> bool:
        """Whether two articles cannot report the same meeting (dates apart, other sides, other
        cities, other counterparts), asked of the two kinds in increasing order whichever way
        they come. The counterparts come last: comparing names costs most, and the other
        questions rule out most pairs."""
        key = (p, q) if p <= q else (q, p)
        answer = self._clash.get(key)
        if answer is None:
            a, b = self._profiles[key[0]], self._profiles[key[1]]
            answer = self._clash[key] = not (
                _dates_compatible(a, b) and _sides_compatible(a, b) and _places_compatible(a, b)
                and self._counterparts_compatible(*key))
        return answer

    def _counterparts_compatible(self, p: int, q: int) -> bool:
        """Casts that share nobody are compatible: nothing to compare them by, one of them may
        name only part of the cast."""
        key = (self._cast[p], self._cast[q])
        answer = self._compatible.get(key)
        if answer is None:
            shared, _ = self.people(p, q)
            answer = self._compatible[key] = not shared or _casts_compatible(self._casts[key[0]], self._casts[key[1]])
        return answer


def _keys(profile: _Profile) -> list[str]:
    """The name skeletons of the surnames an article mentions: its blocking keys."""
    keys = {skeleton(name.split()[-1]) for name, _ in profile.people if name}
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


def _meeting_pairs(leaders: Sequence[int], profiles: Sequence[_Profile]) -> set[tuple[int, int]]:
    """Every pair of ``leaders`` whose dates may meet (``_dates_compatible``): each window with
    those that start before it ends (in order of their first day), each day without a year with
    the leaders its dates meet, and each article without a date with every other."""
    windows = sorted((profiles[i].window, i) for i in leaders if profiles[i].window)
    pairs = set()
    for x, ((_, end), i) in enumerate(windows):
        for y in range(x + 1, len(windows)):
            (start, _), j = windows[y]
            if start > end:
                break
            pairs.add((i, j) if i < j else (j, i))
    for i in leaders:
        profile = profiles[i]
        if profile.window is None:
            pairs.update((i, j) if i < j else (j, i) for j in leaders
                         if j != i and (profile.partial is None or _dates_compatible(profile, profiles[j])))
    return pairs


def _same_people_pairs(leaders: Sequence[int], profiles: Sequence[_Profile], kind: Sequence[int],
                       questions: _Questions) -> set[tuple[int, int]]:
    """Every pair of ``leaders`` that name the same people (copies of one text link whatever
    their dates): the leaders are grouped by cast, and each pair of casts compared once."""
    casts: dict[People, list[int]] = defaultdict(list)
    for i in leaders:
        casts[profiles[i].people].append(i)
    groups = list(casts.values())
    pairs = set()
    for x, group in enumerate(groups):
        for other in groups[x:]:
            _, same = questions.people(kind[group[0]], kind[other[0]])
            if same and other is group:
                pairs.update(combinations(group, 2))
            elif same:
                pairs.update((i, j) if i < j else (j, i) for i in group for j in other)
    return pairs


def _block_pairs(leaders: Sequence[int], profiles: Sequence[_Profile], keys: Sequence[list[str]],
                 kind: Sequence[int], questions: _Questions) -> Iterable[tuple[int, int]]:
    """The candidate pairs of one block's leaders. In a small block, every pair that can link:
    those whose dates may meet, and those that name the same people (see ``_candidate_links``).
    In a large one (a host of many meetings) those whose dates may meet, found through time
    keys, and an article without a date with the articles that name exactly its people, when it
    names someone besides this person (the undated reports of a large event; one that names the
    host alone cannot be placed)."""
    if len(leaders) <= OPEN_BLOCK:
        return _meeting_pairs(leaders, profiles) | _same_people_pairs(leaders, profiles, kind, questions)
    pairs, undated = _dated_pairs(leaders, profiles)
    cast: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in leaders:
        if len(keys[i]) > 1:
            cast[tuple(keys[i])].append(i)
    for i in undated:
        pairs.update((min(i, j), max(i, j)) for j in cast.get(tuple(keys[i]), ()) if j != i)
    return pairs


def _candidate_links(kind: Sequence[int], keys: Sequence[list[str]], profiles: Sequence[_Profile],
                     wordings: Sequence[bytes], questions: _Questions) -> list[tuple[tuple[int, float], int, int]]:
    """Pairs that share a person, strongest first: copies of one text (see ``COPY``), then the
    others by the people they share, a person few articles name (the visiting counterpart)
    linking more surely than one every article names (the host of every meeting).

    Articles of one kind (twins: the same wire copy, or the same facts) link to the first of
    them, which alone stands for them in the blocks. A pair that cannot report one meeting is
    left out (merging would refuse it anyway), unless the two are copies of one text naming the
    same people.
    """
    sizes: Counter = Counter(k for article_keys in keys for k in article_keys)
    weight = {k: 1.0 / n for k, n in sizes.items()}
    leader_of: dict[int, int] = {}
    blocks: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, article_keys in enumerate(keys):
        if not article_keys:
            continue
        leader = leader_of.setdefault(kind[i], i)
        if leader != i:
            pairs.add((leader, i))
            continue
        for key in article_keys:
            blocks[key].append(i)
    for key in sorted(blocks):
        pairs.update(_block_pairs(blocks[key], profiles, keys, kind, questions))
    # Copies of one text carry one sketch (the same bytes): their resemblance is asked again and
    # again, and is a pure function of the two sketches.
    alike_texts = lru_cache(maxsize=None)(resemblance)
    links = []
    for i, j in pairs:
        p, q = kind[i], kind[j]
        shared, same_cast = questions.people(p, q)
        if not shared:
            continue
        alike = alike_texts(wordings[i], wordings[j]) if same_cast else 0.0
        if alike >= COPY:
            links.append(((COPY_LINK, -alike), i, j))
        elif not questions.cannot_link(p, q):
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

    A group is checked against another through its distinct profiles (its kinds), and two groups
    found incompatible stay so: merging only adds articles, and never removes the pair that
    clashes.
    """
    kind, distinct = _kinds(articles)
    questions = _Questions(distinct)
    kind_keys = [_keys(p) for p in distinct]  # the keys are the profile's: made once per kind
    profiles = [distinct[k] for k in kind]
    keys = [kind_keys[k] for k in kind]
    cannot_link = questions.cannot_link
    cluster = list(range(len(articles)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(articles))}
    kinds: dict[int, set[int]] = {i: {kind[i]} for i in range(len(articles))}
    apart: dict[int, set[int]] = defaultdict(set)  # groups known to clash, by group id
    links = _candidate_links(kind, keys, profiles, [a.wording for a in articles], questions)
    for (strength, _), i, j in links:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or cj in apart.get(ci, ()):
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
    # By id: copies share one record object (``checker.packing``), renamed once for all of them.
    records: dict[int, ClaimRecord] = {}
    unified = []
    for article in articles:
        record = records.get(id(article.record))
        if record is None:
            record = records[id(article.record)] = _renamed_record(article.record, mapping)
        if record is article.record:
            unified.append(article)  # nothing renamed: the article stays the object it was
        else:
            unified.append(article.model_copy(update={"record": record}))
    return unified


def _renamed_record(record: ClaimRecord, mapping: dict[str, str]) -> ClaimRecord:
    """``record`` with the canonical names of ``mapping``; itself when it has them already."""
    people = tuple(_renamed(p, mapping.get(p.name, p.canonical)) for p in record.participants)
    if all(new is old for new, old in zip(people, record.participants)):
        return record
    return record.model_copy(update={"participants": people})


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
