"""Rule on where the event took place."""

from __future__ import annotations

from collections.abc import Iterator

from checker.rules.helpers import consensus, distinct, evidence, fallback_evidence, outliers
from checker.rules.registry import register
from checker.rules.view import EventView, Issue, records


@register("location-mismatch", "error", "location")
def location_mismatch(view: EventView) -> Iterator[Issue]:
    """Articles place the event in different places.

    Checks that every article of an event that gives a place gives the same one (compared
    without regard to case). An article that gives no place is not a contradiction and is left
    out; the consensus is the place most articles give.

    Why: a meeting happens in one place; two places mean one report is wrong, or the articles
    do not report the same meeting.

    French:  "a reçu mardi à Lyon" in one article, "s'est réuni à Marseille" in another.
    Arabic:  "استقبل بتونس" in one article, "بالدار البيضاء" in another.
    """
    if len({record.location.value for record, _ in records(view)} - {None}) < 2:
        return  # one place at most, however written (most events): nothing more to look at
    placed = [a for a in view.articles if a.record.location.value is not None]
    values = {a.id: a.record.location.value for a in placed}
    if len(distinct(values.values())) < 2:
        return
    agreed = consensus(values.values())
    groups: dict[str, list[str]] = {}
    for article, place in values.items():
        groups.setdefault(place, []).append(article)
    said = "; ".join(f"{place}: {', '.join(ids)}" for place, ids in sorted(groups.items()))
    spans = evidence((a.id, a.record.location.evidence) for a in placed) or fallback_evidence(placed)
    yield Issue(
        articles=list(values), message=f"the event is placed differently: {said}", values=values,
        evidence=spans, consensus=agreed, outliers=outliers(values, agreed),
    )
