"""Rules on the people taking part: how they are spelled, who is left out, what they are called.

A person is one ``canonical`` name within the event: extraction gives every article's mention of
one person the same canonical form, whatever the script or spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import attrgetter

from checker.extract.names import script, spelling
from checker.models import Article, Participant
from checker.rules.helpers import (
    consensus, evidence, fallback_evidence, listed, normalise, outliers, witnesses,
)
from checker.rules.registry import register
from checker.rules.view import EventView, Issue, gathered, per_event

Mention = tuple[Article, Participant]
Named = list[tuple[list[Article], list[Participant]]]
_NAME = attrgetter("name")


@per_event
def people(view: EventView) -> dict[str, Named]:
    """Every person of the event (by normalised canonical name, in that order): the articles
    that name them, as groups of articles that give one record (``records``), each with that
    record's mentions of the person (in record order). Read once per event for the three rules
    on people, which look at each record once and at each article only to write a finding."""
    return gathered(view, attrgetter("participants"), lambda participant: normalise(participant.canonical))


def one_by_one(named: Named) -> list[Mention]:
    """A person's mentions one by one: article by article (in id order), each article's in
    record order, as the articles give them."""
    return [(article, participant)
            for article, mentioned in sorted(((a, m) for holders, m in named for a in holders), key=_article_id)
            for participant in mentioned]


def _article_id(pair: tuple[Article, object]) -> str:
    return pair[0].id


def _naming(named: Named) -> int:
    """How many articles name the person (each is in one group: it gives one record)."""
    return sum(len(holders) for holders, _ in named)


def _per_article(mentions: list[Mention], value) -> dict[str, str | None]:
    """One value per article: its distinct non-null values joined by " / " (``None`` if none)."""
    gathered: dict[str, set[str]] = {}
    for article, participant in mentions:
        given = value(participant)
        bucket = gathered.setdefault(article.id, set())
        if given is not None:
            bucket.add(given)
    return {a: " / ".join(sorted(v)) if v else None for a, v in gathered.items()}


def _said(values: dict[str, str | None]) -> str:
    groups: dict[str, list[str]] = {}
    for article, value in values.items():
        groups.setdefault(f"«{value}»", []).append(article)
    return "; ".join(f"{value} ({', '.join(ids)})" for value, ids in sorted(groups.items()))


def _spans(mentions: list[Mention]) -> tuple:
    chosen = evidence((a.id, p.evidence) for a, p in mentions)
    return chosen or fallback_evidence({a.id: a for a, _ in mentions}.values())


def _name_spans(mentions: list[Mention]) -> tuple:
    """The first span that quotes each spelling itself, rather than every mention of the person."""
    pairs = [(a.id, [s for s in p.evidence if s.text == p.name][:1] or p.evidence) for a, p in mentions]
    return evidence(pairs) or fallback_evidence({a.id: a for a, _ in mentions}.values())


@register("participant-name", "warning", "participants.name")
def participant_name(view: EventView) -> Iterator[Issue]:
    """One person's name is spelled differently in the same script.

    Checks the names each article gives one person (one canonical name within the event), Latin
    script with Latin, Arabic with Arabic. Two names differ when they have the same number of
    words and are not equal once case (and, in Arabic, the writing of hamza, final ta marbuta
    and alif maqsura, vowel marks and the article on a surname) is ignored: "Karim Benali" and
    "Karim Ben Ali" do not count (a shorter or longer form of a name is no misspelling), nor
    does a name written in another script. The consensus is the spelling most articles give in that script; on a tie,
    the canonical spelling when it is among them. One finding per person and script.

    Why: a misspelt name is the most visible error a report can make, and it breaks search:
    readers and archives looking for the right spelling miss the article.

    French:  "Abdelkrim Benali" in one article, "Abdelkarim Benali" in another.
    Arabic:  "عبد الكريم بنعلي" in one article, "عبد الكريم بن علي" in another is a longer
             form, no difference; "كلير دوبوا" against "كلير ديبوا" is one.
    """
    for person, named in people(view).items():
        names = {p.name for _, mentioned in named for p in mentioned}
        if len(names) < 2:
            continue  # one name everywhere (most people): no spelling to compare
        every = None
        for written in ("Latn", "Arab"):
            # Which names clash is a matter of the names alone: each distinct one is looked at once.
            by_length: dict[int, set[tuple[str, ...]]] = {}
            for name in names:
                if script(name) == written:
                    by_length.setdefault(len(spelling(name)), set()).add(spelling(name))
            clashing = {n for n, spellings in by_length.items() if len(spellings) > 1}
            if not clashing:
                continue
            every = every or one_by_one(named)
            involved = [(a, p) for a, p in every
                        if script(p.name) == written and len(spelling(p.name)) in clashing]
            values = _per_article(involved, _NAME)
            canonical = every[0][1].canonical
            agreed = consensus(values.values(), prefer=canonical)
            yield Issue(
                articles=list(values), message=f"{canonical} is spelled differently: {_said(values)}",
                values=values, evidence=_name_spans(involved), consensus=agreed,
                outliers=outliers(values, agreed), subject=person if written == "Latn" else f"{person} @ {written}",
            )


@register("participant-missing", "warning", "participants")
def participant_missing(view: EventView) -> Iterator[Issue]:
    """A participant named by some articles of the event is absent from another.

    Checks, in an event of two articles or more, each person named by at least half of the
    event's articles: every article that does not name that person gets one finding, quoting
    a few of the articles that do (three for each spelling). People named by fewer than half of
    the articles are taken as detail some reports add, not as an omission. The consensus is the
    person's canonical name; the outlier is the silent article.

    Why: leaving out a participant (a minister, the head of a delegation) changes who the
    reader believes met, and is how one-sided accounts start.

    French:  "M. Karim Benali a reçu Mme Claire Dubois" in two articles; a third names only
             Claire Dubois.
    Arabic:  "استقبل كريم بنعلي كلير دوبوا" in two articles; a third names only "كلير دوبوا".
    """
    if len(view) < 2:
        return
    for person, named in people(view).items():
        count = _naming(named)
        if 2 * count < len(view) or count == len(view):
            continue
        every = one_by_one(named)
        naming = {a.id for a, _ in every}
        canonical = every[0][1].canonical
        # The same witnesses for every silent article: chosen and quoted once.
        names = witnesses(_per_article(every, _NAME))
        spans = _spans([(a, p) for a, p in every if a.id in names])
        named_by = listed(naming, names)
        for article in view.articles:
            if article.id in naming:
                continue
            values = {**names, article.id: None}
            yield Issue(
                articles=list(values),
                message=f"{article.id} does not name {canonical}, named by {named_by}",
                values=values, evidence=spans, consensus=canonical,
                outliers=[article.id], subject=f"{person} @ {article.id}",
            )


# What participant-role compares: the field, what a message calls it, and how it is read.
_TITLES = (
    ("participants.role", "role", attrgetter("role")),
    ("participants.organization", "organisation", attrgetter("organization")),
)

# Canonical labels (from the language data) that say less than any other: "head" of a service
# is no contradiction of "director general" of it, nor "police" of the "Policía Nacional".
_GENERIC = {"role": frozenset({"head"}), "organisation": frozenset({"police"})}
_LABEL_PARTS = re.compile(r"[-/ ]+")


def _compatible(labels: set[str]) -> bool:
    """Whether the labels can all be true at once: equal, or one names a part of the other
    ("DGSN" of "DGSN-DGST", for a head of both)."""
    parts = [frozenset(_LABEL_PARTS.split(label)) for label in labels]
    return all(a <= b or b <= a for a in parts for b in parts)


@register("participant-role", "warning", "participants.role")
def participant_role(view: EventView) -> Iterator[Issue]:
    """One person's role or organisation is given differently.

    Checks, for each person of the event, that the articles giving the person's role give the
    same role label, and that those giving the person's organisation give the same one (field
    participants.organization). Articles that give none are left out, and so are values that
    say less than the others (a "head" of the service, the "police"); an organisation that is
    part of another (one of the two directorates a person heads) is no difference either.

    Why: calling a deputy director "director", or placing an official in the wrong service,
    misstates who committed to what.

    French:  "le directeur général des douanes, Karim Benali" against "le directeur adjoint
             des douanes, Karim Benali".
    Arabic:  "المدير العام للجمارك كريم بنعلي" against "نائب مدير الجمارك كريم بنعلي".
    """
    for person, named in people(view).items():
        every = None
        for field, what, value in _TITLES:
            if len({value(p) for _, mentioned in named for p in mentioned} - {None}) < 2:
                continue  # one value at most (most people): nothing differs
            every = every or one_by_one(named)
            canonical = every[0][1].canonical
            values = {a: v for a, v in _per_article(every, value).items()
                      if v is not None and v not in _GENERIC[what]}
            if _compatible({normalise(v) for v in values.values()}):
                continue
            involved = [(a, p) for a, p in every if a.id in values]
            agreed = consensus(values.values())
            yield Issue(
                articles=list(values), message=f"{canonical}'s {what} differs: {_said(values)}",
                values=values, evidence=_spans(involved), consensus=agreed,
                outliers=outliers(values, agreed), subject=person, field=field,
            )
