"""Rules on the agreement instrument: what kind of instrument, and whether it was signed."""

from __future__ import annotations

from collections.abc import Iterator

from checker.rules.helpers import consensus, distinct, evidence, fallback_evidence, outliers
from checker.rules.registry import register
from checker.rules.view import EventView, Issue, records


@register("instrument-term", "warning", "memorandum.kind")
def instrument_term(view: EventView) -> Iterator[Issue]:
    """Articles name the agreement instrument with different terms (kinds).

    Checks that every article of an event that names the instrument names the same kind of
    instrument. Terms are compared by kind, across languages: "mémorandum d'entente" and
    "مذكرة تفاهم" are one kind (memorandum_of_understanding), "protocole d'accord" another.
    An article that names no instrument is left to memorandum-status.

    Why: a memorandum of understanding, a protocol and a binding agreement commit the parties
    very differently; a report that upgrades or downgrades the instrument misinforms.

    French:  "un protocole d'accord" in one article, "un accord" in another.
    Arabic:  "مذكرة تفاهم" in one article, "اتفاقية" in another.
    """
    # Each record once (``records``), with the articles that give it.
    named = [(record.memorandum, holders) for record, holders in records(view) if record.memorandum.kind is not None]
    if len({memorandum.kind for memorandum, _ in named}) < 2:
        return  # one kind at most (most events): nothing more to look at
    values = dict(sorted((a.id, memorandum.kind) for memorandum, holders in named for a in holders))
    if len(distinct(values.values())) < 2:
        return
    agreed = consensus(values.values())
    terms: dict[str, list[str]] = {}
    for memorandum, holders in named:
        term = memorandum.term or memorandum.kind
        terms.setdefault(f"«{term}» ({memorandum.kind})", []).extend(a.id for a in holders)
    quoted = "; ".join(f"{term}: {', '.join(sorted(ids))}" for term, ids in sorted(terms.items()))
    spans = evidence((a.id, memorandum.evidence) for memorandum, holders in named for a in holders
                     ) or fallback_evidence([a for _, holders in named for a in holders])
    yield Issue(
        articles=list(values), message=f"the instrument is named differently: {quoted}",
        values=values, evidence=spans, consensus=agreed, outliers=outliers(values, agreed),
    )


@register("memorandum-status", "warning", "memorandum.status")
def memorandum_status(view: EventView) -> Iterator[Issue]:
    """Articles disagree on the instrument's status, including one that omits it.

    Checks that the articles of an event give the instrument one status: signed, to be signed,
    under discussion, or not mentioned. An article that does not mention the instrument while
    others do is reported too. A warning; an error when one article says it was signed and
    another that it is still to be signed, since both cannot be true.

    Why: whether an agreement was signed at the meeting or only announced is the news itself;
    an article that omits it or gets it wrong changes what the reader takes away.

    French:  "les deux parties ont signé un protocole d'accord" against "un protocole d'accord
             sera signé lors d'une prochaine visite".
    Arabic:  "وقع الطرفان مذكرة تفاهم" against "ستوقع مذكرة التفاهم في الأشهر المقبلة".
    """
    given = {record.memorandum.status for record, _ in records(view)}
    if len(given) < 2:
        return
    values = {a.id: a.record.memorandum.status for a in view.articles}
    agreed = consensus(values.values())
    groups: dict[str, list[str]] = {}
    for article, status in values.items():
        groups.setdefault(status, []).append(article)
    said = "; ".join(f"{status}: {', '.join(ids)}" for status, ids in sorted(groups.items()))
    spans = evidence((a.id, a.record.memorandum.evidence) for a in view.articles)
    yield Issue(
        articles=list(values), message=f"the instrument's status differs: {said}", values=values,
        evidence=spans or fallback_evidence(view.articles), consensus=agreed,
        outliers=outliers(values, agreed),
        severity="error" if {"signed", "to_be_signed"} <= given else None,
    )
