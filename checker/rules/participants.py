"""Rules on the people taking part: how they are spelled, who is left out, what they are called.

A person is one ``canonical`` name within the event: extraction gives every article's mention of
one person the same canonical form, whatever the script or spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.extract.names import script, spelling
from checker.models import Article, Participant
from checker.rules.helpers import (
    consensus, evidence, fallback_evidence, listed, normalise, outliers, witnesses,
)
from checker.rules.registry import register
from checker.rules.view import EventView, Issue

Mention = tuple[Article, Participant]


def people(view: EventView) -> dict[str, list[Mention]]:
    """Every person of the event (by normalised canonical name) with each mention, article order."""
    found: dict[str, list[Mention]] = {}
    for article in view.articles:
        for participant in article.record.participants:
            found.setdefault(normalise(participant.canonical), []).append((article, participant))
    return dict(sorted(found.items()))


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
    for person, mentions in people(view).items():
        if len({p.name for _, p in mentions}) < 2:
            continue  # one name everywhere (most people): no spelling to compare
        for written in ("Latn", "Arab"):
            same_script = [(a, p) for a, p in mentions if script(p.name) == written]
            by_length: dict[int, set[tuple[str, ...]]] = {}
            for _, participant in same_script:
                by_length.setdefault(len(spelling(participant.name)), set()).add(spelling(participant.name))
            clashing = {n for n, spellings in by_length.items() if len(spellings) > 1}
            involved = [(a, p) for a, p in same_script if len(spelling(p.name)) in clashing]
            if not involved:
                continue
            values = _per_article(involved, lambda p: p.name)
            canonical = mentions[0][1].canonical
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
    for person, mentions in people(view).items():
        naming = {a.id for a, _ in mentions}
        if 2 * len(naming) < len(view) or len(naming) == len(view):
            continue
        canonical = mentions[0][1].canonical
        # The same witnesses for every silent article: chosen and quoted once.
        names = witnesses(_per_article(mentions, lambda p: p.name))
        spans = _spans([(a, p) for a, p in mentions if a.id in names])
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
    for person, mentions in people(view).items():
        canonical = mentions[0][1].canonical
        for field, what, value in (
            ("participants.role", "role", lambda p: p.role),
            ("participants.organization", "organisation", lambda p: p.organization),
        ):
            if len({value(p) for _, p in mentions} - {None}) < 2:
                continue  # one value at most (most people): nothing differs
            values = {a: v for a, v in _per_article(mentions, value).items()
                      if v is not None and v not in _GENERIC[what]}
            if _compatible({normalise(v) for v in values.values()}):
                continue
            involved = [(a, p) for a, p in mentions if a.id in values]
            agreed = consensus(values.values())
            yield Issue(
                articles=list(values), message=f"{canonical}'s {what} differs: {_said(values)}",
                values=values, evidence=_spans(involved), consensus=agreed,
                outliers=outliers(values, agreed), subject=person, field=field,
            )
