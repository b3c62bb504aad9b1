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
whose dates can meet (when small, whose dates, sides and cities can be one meeting) and, when
small, articles that name the same people (copies of one text link whatever their dates), the
block of a person a great many articles name (the host of every meeting) finding the former
through shared weeks and days; two names are compared only when they share a key (a word's
skeleton, see ``match_keys``); and two groups are checked against each other through their
distinct profiles, a clash once found being remembered. Pairs left out are pairs the merging
would refuse anyway, with one exception: in such a large block an article that gives no date
at all is paired only with the articles that name exactly its people (an undated report naming
the host alone, the one article of the block that could join any of his meetings, stays apart).

Once grouped, every person gets one canonical Latin name across the event's articles, and the
event an id derived from what it reports (its date and its people), not from file order.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from datetime import date, timedelta
from typing import NamedTuple

from checker.extract.names import match_keys, same_person, skeleton, unify_canonicals
from checker.extract.wording import resemblance
from checker.models import Article, ClaimRecord, DateClaim, Event, Participant
from checker.packing import by_record

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
Names = tuple[tuple[str, frozenset[str] | None], ...]
"""Each canonical name of a cast with its ``match_keys``."""


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
    kind_of_record: dict[int, int] = {}  # by id: the articles keep their records alive meanwhile
    kind = []
    for article in articles:
        key = id(article.record)
        if key not in kind_of_record:
            kind_of_record[key] = ids.setdefault(_profile(article.record), len(ids))
        kind.append(kind_of_record[key])
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


def _places_compatible(a: _Profile, b: _Profile) -> bool:
    """Whether the two articles' cities (when both give one) are one."""
    la, lb = a.place, b.place
    return not (la and lb and la != lb)


def _sides_compatible(a: _Profile, b: _Profile) -> bool:
    """False when each article tells of a meeting with a country the other does not name (the
    host with "his Spanish counterparts" in one, with a Saudi delegation in the other)."""
    ca, cb = a.countries, b.countries
    return ca <= cb or cb <= ca


def _profiles_compatible(a: _Profile, b: _Profile) -> bool:
    """Whether what two articles say of the meeting (its dates, sides and city) lets it be one.
    Dates that agree, both articles giving one, say it is one whatever the sides and cities: an
    outlet that moves a dated meeting to another city, or names other sides, is a finding, not
    another event. (Most pairs asked are dated: their sides and cities are not looked at.)"""
    if not _dates_compatible(a, b):
        return False
    if (a.window or a.partial) and (b.window or b.partial):
        return True
    return _sides_compatible(a, b) and _places_compatible(a, b)


def _named_people(na: Names, nb: Names) -> tuple[list[bool], list[bool]]:
    """Whether each person of ``na`` is someone of ``nb``, and each of ``nb`` someone of ``na``:
    ``same_person`` is asked only of two names that share a key, the others being two people."""
    named_a, named_b = [], [False] * len(nb)
    for p, kp in na:
        found = False
        for y in range(len(nb)):
            q, kq = nb[y]
            if (kp is None or kq is None or not kp.isdisjoint(kq)) and same_person(p, q):
                found = named_b[y] = True
        named_a.append(found)
    return named_a, named_b


def _casts_compatible(pa: People, pb: People, named_a: Sequence[bool], named_b: Sequence[bool]) -> bool:
    """False when each of two casts that share someone names someone the other does not, from a
    country the other names nobody from (``named_a`` and ``named_b`` say who of each the other
    names): a host meeting a Danish director and the same host meeting a Belgian director are
    two meetings."""
    return not (_names_other_side(pa, pb, named_a) and _names_other_side(pb, pa, named_b))


def _names_other_side(pa: People, pb: People, named: Sequence[bool]) -> bool:
    """Whether ``pa`` names someone ``pb`` does not (``named``: which of its people ``pb`` names
    too), from a country ``pb`` names nobody from."""
    countries = {c for _, c in pb}
    return any(country and not is_named and country not in countries for (_, country), is_named in zip(pa, named))


class _Casts(NamedTuple):
    """What comparing two casts says, found in one pass over who names whom."""

    shared: bool  # one names someone the other names
    same: bool  # the two name the same people
    compatible: bool  # their counterparts can be one meeting's


def _compare_casts(pa: People, pb: People, na: Names, nb: Names) -> _Casts:
    """Compare two casts (their people, and their names with keys) once for every question.
    Casts that share nobody are compatible: nothing to compare them by, one of them may name
    only part of the cast; nor can casts that name the same people clash. The others' sides are
    compared at once, whether or not a pair of theirs comes to ask: most do (the host with one
    counterpart and the host with another, in the host's block), and who names whom is at hand."""
    named_a, named_b = _named_people(na, nb)
    shared, same = any(named_a), all(named_a) and all(named_b)
    return _Casts(shared, same, not shared or same or _casts_compatible(pa, pb, named_a, named_b))


class _Questions:
    """What grouping asks about two articles, asked of their kinds (their profiles' indexes in
    ``profiles``, numbered in article order) and answered once per pair, whichever way it comes
    (every question is symmetric): the copies of one text ask them again and again, and the
    reports of one meeting name the same few casts, so far fewer pairs of casts are compared than
    pairs of articles. Nothing outlives the run."""

    def __init__(self, profiles: Sequence[_Profile]) -> None:
        casts: dict[People, int] = {}
        self._profiles = profiles
        self._cast = [casts.setdefault(p.people, len(casts)) for p in profiles]
        self._casts = list(casts)
        self._names = [tuple((name, match_keys(name)) for name, _ in cast) for cast in self._casts]
        self._compared: dict[tuple[int, int], _Casts] = {}
        self._clash: dict[tuple[int, int], bool] = {}

    def cast(self, p: int) -> int:
        """The index of ``p``'s cast (its people as written): cheaper to hash than the people."""
        return self._cast[p]

    def names(self, p: int) -> Names:
        """The names of ``p``'s cast, with their keys."""
        return self._names[self._cast[p]]

    def people(self, p: int, q: int) -> _Casts:
        """Whether ``p`` names someone ``q`` names, whether the two name the same people, and
        whether their counterparts can be one meeting's: asked of their casts, in increasing
        order (every question is symmetric)."""
        a, b = self._cast[p], self._cast[q]
        if a > b:
            a, b = b, a
        answer = self._compared.get((a, b))
        if answer is None:
            answer = self._compared[a, b] = _compare_casts(
                self._casts[a], self._casts[b], self._names[a], self._names[b])
        return answer

    def cannot_link(self, p: int, q: int) -> bool:
        """Whether two articles cannot report the same meeting (dates apart, other sides, other
        cities, other counterparts). The counterparts come last: comparing names costs most, and
        the other questions rule out most pairs."""
        key = (p, q) if p <= q else (q, p)
        answer = self._clash.get(key)
        if answer is None:
            answer = self._clash[key] = not (
                _profiles_compatible(self._profiles[key[0]], self._profiles[key[1]])
                and self.people(p, q).compatible)
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
    """Every pair of ``leaders`` whose dates, sides and cities may be one meeting
    (``_profiles_compatible``): each window with those that start before it ends (in order of
    their first day; dates that meet say it is one meeting), and each day without a year or
    article without a date with the leaders its profile allows (most of those an undated report
    could pair with tell of other sides or another city)."""
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
                         if j != i and _profiles_compatible(profile, profiles[j]))
    return pairs


def _same_people_pairs(leaders: Sequence[int], kind: Sequence[int],
                       questions: _Questions) -> set[tuple[int, int]]:
    """Every pair of ``leaders`` that name the same people (copies of one text link whatever
    their dates): the leaders are grouped by cast, and a cast compared only with the casts that
    have, for each of its names, a name that shares a key with it (``match_keys``): the others
    name someone it does not. A name without keys may be anyone's: its cast is compared with
    every other."""
    casts: dict[int, list[int]] = defaultdict(list)
    cast = questions.cast
    for i in leaders:
        casts[cast(kind[i])].append(i)
    groups = list(casts.values())
    names = [questions.names(kind[group[0]]) for group in groups]
    holders: dict[str, set[int]] = defaultdict(set)  # a key -> the groups with a name that has it
    open_groups: set[int] = set()  # the groups with a name without keys
    for x, cast_names in enumerate(names):
        for _, keys in cast_names:
            if keys is None:
                open_groups.add(x)
            else:
                for key in keys:
                    holders[key].add(x)
    # By a name's keys, the groups with a name that shares one: made once per name, as the host's
    # is asked by every group.
    reach: dict[frozenset[str], set[int]] = {}
    pairs = set()
    for x, (group, cast_names) in enumerate(zip(groups, names)):
        candidates: set[int] | range = range(len(groups))
        for _, keys in cast_names:
            if keys is not None:
                if keys not in reach:
                    reach[keys] = open_groups.union(*(holders[key] for key in keys))
                candidates = reach[keys].intersection(candidates)
        for y in candidates:
            if y < x:
                continue
            other = groups[y]
            if not questions.people(kind[group[0]], kind[other[0]]).same:
                continue
            if other is group:
                pairs.update(combinations(group, 2))
            else:
                pairs.update((i, j) if i < j else (j, i) for i in group for j in other)
    return pairs


def _block_pairs(leaders: Sequence[int], profiles: Sequence[_Profile], keys: Sequence[list[str]],
                 kind: Sequence[int], questions: _Questions) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The candidate pairs of one block's leaders, and those of them that may name the same
    people. In a small block, every pair that can link: those whose dates, sides and cities may
    be one meeting, and those that name the same people (see ``_candidate_links``), the only
    ones that do. In a large one (a host of many meetings) those whose dates may meet, found
    through time keys, and an article without a date with the articles that name exactly its
    people, when it names someone besides this person (the undated reports of a large event; one
    that names the host alone cannot be placed): any of them may name the same people."""
    if len(leaders) <= OPEN_BLOCK:
        same = _same_people_pairs(leaders, kind, questions)
        return _meeting_pairs(leaders, profiles) | same, same
    pairs, undated = _dated_pairs(leaders, profiles)
    cast: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in leaders:
        if len(keys[i]) > 1:
            cast[tuple(keys[i])].append(i)
    for i in undated:
        pairs.update((min(i, j), max(i, j)) for j in cast.get(tuple(keys[i]), ()) if j != i)
    return pairs, pairs


def _candidate_links(kind: Sequence[int], keys: Sequence[list[str]], profiles: Sequence[_Profile],
                     wordings: Sequence[bytes], questions: _Questions) -> list[tuple[int, float, int, int]]:
    """Pairs that share a person, strongest first: copies of one text (see ``COPY``), then the
    others by the people they share, a person few articles name (the visiting counterpart)
    linking more surely than one every article names (the host of every meeting).

    Articles of one kind (twins: the same wire copy, or the same facts) link to the first of
    them, which alone stands for them in the blocks. A pair that cannot report one meeting is
    left out (merging would refuse it anyway), unless the two are copies of one text naming the
    same people. Casts are compared first, once for each pair of casts (see ``_Questions``): a
    pair that shares no one is done with at once; only the pairs that may name the same people
    (twins, and those the blocks say may) and do are compared as texts. (Among the others, the
    blocks have left out those whose dates, sides or cities rule out one meeting.)
    """
    sizes: Counter = Counter(k for article_keys in keys for k in article_keys)
    weight = {k: 1.0 / n for k, n in sizes.items()}
    leader_of: dict[int, int] = {}
    twins: dict[int, list[int]] = defaultdict(list)  # a leader -> the later articles of its kind
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, article_keys in enumerate(keys):
        if not article_keys:
            continue
        leader = leader_of.setdefault(kind[i], i)
        if leader != i:
            twins[leader].append(i)
            continue
        for key in article_keys:
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    maybe_same: set[tuple[int, int]] = set()  # the pairs of leaders that may name the same people
    for key in sorted(blocks):
        block_pairs, block_same = _block_pairs(blocks[key], profiles, keys, kind, questions)
        pairs |= block_pairs
        maybe_same |= block_same
    # Copies of one text carry one sketch (the same bytes): their resemblance is asked again and
    # again, and is a pure function of the two sketches, whichever way they come. A sketch is
    # wholly alike itself.
    alike_texts = lru_cache(maxsize=None)(resemblance)

    def alike(i: int, j: int) -> float:
        a, b = wordings[i], wordings[j]
        return 1.0 if a and a == b else alike_texts(a, b) if a < b else alike_texts(b, a)

    people, cannot_link = questions.people, questions.cannot_link
    links = []
    # Twins share one profile: every question but how alike their texts are is answered once for
    # all the twins of a leader, and the keys they share are all of theirs.
    for leader, copies in twins.items():
        p = kind[leader]
        cast = people(p, p)
        linked = not cannot_link(p, p) and cast.shared
        strength = -sum(weight[k] for k in keys[leader])
        for i in copies:
            if cast.shared and cast.same:
                likeness = alike(leader, i)
                if likeness >= COPY:
                    links.append((COPY_LINK, -likeness, leader, i))
                    continue
            if linked:
                links.append((PEOPLE_LINK, strength, leader, i))
    for i, j in pairs:
        p, q = kind[i], kind[j]
        cast = people(p, q)
        if not cast.shared:
            continue  # a surname's skeleton in common, but no one: no link
        if cast.same and (i, j) in maybe_same:
            likeness = alike(i, j)
            if likeness >= COPY:
                links.append((COPY_LINK, -likeness, i, j))
                continue
        if not cannot_link(p, q):
            # The keys they share, in order (the keys of each are sorted and distinct).
            keys_j = keys[j]
            links.append((PEOPLE_LINK, -sum(weight[k] for k in keys[i] if k in keys_j), i, j))
    links.sort()
    return links


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
    cluster = list(range(len(articles)))  # each article's group, by the id of one of its articles
    # The articles and kinds of the groups links have reached, by group id: a group no link has
    # reached is its one article (its entries are made when one does).
    members: dict[int, list[int]] = {}
    kinds: dict[int, set[int]] = {}
    apart: dict[int, set[int]] = defaultdict(set)  # groups known to clash, by group id
    links = _candidate_links(kind, keys, profiles, [a.wording for a in articles], questions)
    for strength, _, i, j in links:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or cj in apart.get(ci, ()):
            continue
        for c in (ci, cj):
            if c not in members:
                members[c], kinds[c] = [c], {kind[c]}
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
    groups: dict[int, list[int]] = defaultdict(list)
    for i, group in enumerate(cluster):
        groups[group].append(i)
    return list(groups.values())  # each in order, in the order of their first articles


def _with_canonical_names(articles: list[Article]) -> tuple[list[Article], list[tuple[ClaimRecord, int]]]:
    """The articles of one event with one canonical Latin name per person across them, and their
    records so renamed with how many of them hold each (``_records``). Copies share one record
    object (``checker.packing``): its names are read, and it is renamed, once for all of them,
    its names counted as many times as articles hold it (the most written spelling wins)."""
    records = _records(articles)
    names: list[str] = []
    for record, n in records:
        names += [p.name for p in record.participants] * n
    mapping = unify_canonicals(names)
    if all(mapping.get(p.name, p.canonical) == p.canonical for record, _ in records for p in record.participants):
        return articles, records  # most events already give each person one canonical name
    renamed = {id(record): _renamed_record(record, mapping) for record, _ in records}
    unified = []
    for article in articles:
        record = renamed[id(article.record)]
        if record is article.record:
            unified.append(article)  # nothing renamed: the article stays the object it was
        else:
            unified.append(article.model_copy(update={"record": record}))
    return unified, [(renamed[id(record)], n) for record, n in records]


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


def _records(articles: Sequence[Article]) -> list[tuple[ClaimRecord, int]]:
    """The distinct records of ``articles`` and how many of them hold each (``packing.by_record``):
    copies share one record object, read once for all of them."""
    return [(record, len(holders)) for record, holders in by_record(articles)]


def _consensus_date(records: Sequence[tuple[ClaimRecord, int]]) -> str | None:
    days: dict[str, int] = {}
    for record, n in records:
        if record.event_date.pinned:
            days[record.event_date.value] = days.get(record.event_date.value, 0) + n
    if not days:
        return None
    ranked = sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0]


def _event_key(records: Sequence[tuple[ClaimRecord, int]], day: str | None) -> str:
    """What the event is about: its date and the people at least half its articles name."""
    counts: dict[str, int] = {}
    for record, n in records:
        for name in {p.canonical for p in record.participants}:
            counts[name] = counts.get(name, 0) + n
    size = sum(n for _, n in records)
    people = sorted(name for name, n in counts.items() if 2 * n >= size)
    return f"{day or 'undated'}|{'|'.join(people)}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def group_events(articles: Sequence[Article]) -> tuple[list[Article], list[Event]]:
    """The articles (with event-level canonical names) and the events, both sorted by id."""
    ordered = sorted(articles, key=lambda a: a.id)
    drafts = []
    for members in _components(ordered):
        group, records = _with_canonical_names([ordered[i] for i in members])
        day = _consensus_date(records)
        drafts.append((_event_key(records, day), day, group))
    key_counts = Counter(key for key, _, _ in drafts)
    events, out = [], []
    for key, day, group in drafts:
        ids = tuple(a.id for a in group)
        if key_counts[key] > 1:
            key += "|" + "|".join(ids)
        # The title of the first article (the group is in id order) that pins the date, else the first.
        titled = next((a for a in group if a.record.event_date.pinned), group[0])
        events.append(Event(id=f"ev-{_digest(key)}", articles=ids, date=day, title=titled.title or titled.id))
        out.extend(group)
    return sorted(out, key=lambda a: a.id), sorted(events, key=lambda e: e.id)
