"""Helpers every rule shares, so that consensus, outliers, fingerprints and evidence mean the same
thing in every finding.

Consensus is a plurality with a unique top: the value most articles give, or ``None`` when two
values tie for most (then nobody can say who drifted, and there are no outliers).

A finding about one silent article (a date, a person, an action it leaves out) sets it against
the articles that do give the value: a few witnesses of each value they give, not all of them
(``witnesses``).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from hashlib import sha256
from json.encoder import encode_basestring as _json_string  # what json.dumps(..., ensure_ascii=False) writes of a str
from operator import attrgetter

from checker.models import Article, ClaimRecord, EvidenceSpan, Span, trusted

FINGERPRINT_LENGTH = 16
WITNESSES = 3
"""Articles a finding about one silent article quotes for each distinct value the others give."""
_SPAN_FIELDS = set(EvidenceSpan.model_fields)  # one set for every span the rules make
_ARTICLE = attrgetter("article")


@lru_cache(maxsize=1 << 16)
def normalise(value: str) -> str:
    """The comparison form of a value: NFC, case-folded, white space collapsed. (Cached: the
    rules normalise the same few values for every article of an event.)"""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def distinct(values: Iterable[str | None]) -> set[str]:
    """The distinct normalised values, ``None`` left out."""
    return {normalise(v) for v in values if v is not None}


def consensus(values: Iterable[str | None], prefer: str | None = None) -> str | None:
    """The value most articles give (``None`` values ignored), or ``None`` on a tie for most,
    unless ``prefer`` is one of the tied values (a reference form, such as a canonical name).

    Values equal once normalised count together; the form returned is the one written most often
    (ties broken by sort order, so the result does not depend on input order).
    """
    given = [v for v in values if v is not None]
    groups = Counter(map(normalise, given))
    if not groups:
        return None
    most = max(groups.values())
    leaders = sorted(key for key, n in groups.items() if n == most)
    if len(leaders) > 1 and (prefer is None or normalise(prefer) not in leaders):
        return None
    top = leaders[0] if len(leaders) == 1 else normalise(prefer)
    forms = Counter([v for v in given if normalise(v) == top])
    return min(forms, key=lambda form: (-forms[form], form))


def outliers(values: Mapping[str, str | None], agreed: str | None) -> tuple[str, ...]:
    """The articles whose value differs from the consensus (none when there is no consensus)."""
    if agreed is None:
        return ()
    key = normalise(agreed)
    return tuple(sorted(a for a, v in values.items() if v is None or normalise(v) != key))


def witnesses(values: Mapping[str, str | None], per_value: int = WITNESSES) -> dict[str, str | None]:
    """The articles that stand for ``values`` in a finding about another article, with their
    values: the first ``per_value`` (in id order) of each distinct value, equal once normalised.

    Every value is shown with its quote, and the distinct values (all a fingerprint is made of)
    are those of ``values``, so a baseline still matches; but an event of n articles, k of them
    silent, no longer gives k findings quoting the n - k others each: the silent articles of a
    summit of 500 reports would have made the report grow with the square of the event.
    """
    taken: dict[str | None, int] = {}
    chosen = {}
    for article in sorted(values):
        value = values[article]
        key = None if value is None else normalise(value)
        count = taken.get(key, 0)
        if count < per_value:
            taken[key] = count + 1
            chosen[article] = value
    return chosen


def listed(ids: Iterable[str], shown: Iterable[str]) -> str:
    """``ids`` (sorted) for a message, as those ``shown`` and how many more: "a1, a2 and 7 more"."""
    ids, shown = sorted(ids), sorted(shown)
    rest = len(ids) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest > 0 else "")


def fingerprint(rule: str, event: str | None, field: str, subject: str, values: Iterable[str | None]) -> str:
    """A content-derived id for a finding: stable across runs, file order and text offsets.

    Built from the rule, the event id, the field, the subject and the sorted distinct normalised
    values, never from positions, so a baseline keeps matching while the articles stay the same.
    The hash is of ``json.dumps([rule, event, field, subject, values], ensure_ascii=False)``,
    written out here (every item a string or null: the bytes json makes, without building an
    encoder for each finding).
    """
    # Distinct first: a finding of a large event gives hundreds of values, a handful of them distinct.
    given = set(values)
    ordered = [text for _, text in sorted({_normal_json(v) for v in given if v is not None})]
    if None in given:
        ordered.insert(0, "null")  # None sorts first
    payload = (f"[{_json_string(rule)}, {_json_item(event)}, {_json_string(field)}, {_json_string(subject)}, "
               f"[{', '.join(ordered)}]]")
    return sha256(payload.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def _json_item(value: str | None) -> str:
    return "null" if value is None else _json_string(value)


@lru_cache(maxsize=1 << 16)
def _normal_json(value: str) -> tuple[str, str]:
    """``value`` normalised, and that as JSON: a fingerprint's sort key and text of the value."""
    normal = normalise(value)
    return normal, _json_string(normal)


def evidence(pairs: Iterable[tuple[str, Iterable[Span]]]) -> tuple[EvidenceSpan, ...]:
    """Evidence spans tagged with their article, deduplicated, in (article, offset) order.

    Deduplicated and sorted as plain tuples, then made into models without validating again
    (every value comes from a validated Span, see ``checker.models.trusted``): the rules of a
    large event quote thousands of spans, and comparing, validating or even constructing
    pydantic models the usual way was most of their time.
    """
    found = {(article, s.start, s.end, s.line, s.text) for article, spans in pairs for s in spans}
    return tuple([
        trusted(EvidenceSpan, {"start": start, "end": end, "line": line, "text": text, "article": article}, _SPAN_FIELDS)
        for article, start, end, line, text in sorted(found)
    ])


def _quote(article: str, spans: Sequence[Span]) -> tuple[EvidenceSpan, ...]:
    """``evidence([(article, spans)])``; at once for a single span (most fields quote one)."""
    if len(spans) != 1:
        return evidence(((article, spans),))
    span = spans[0]
    return (trusted(EvidenceSpan, {"start": span.start, "end": span.end, "line": span.line, "text": span.text,
                                   "article": article}, _SPAN_FIELDS),)


def add_evidence(shared: tuple[EvidenceSpan, ...], article: str, spans: Sequence[Span]) -> tuple[EvidenceSpan, ...]:
    """What ``evidence`` gives for the spans of ``shared`` (as ``evidence`` returns it) and
    ``article``'s ``spans``: a rule that quotes the same articles in many findings, each with one
    article of its own, makes their spans once. ``shared`` is in article order, so ``article``'s
    place in it is found by bisection and the rest is copied as it is, in time linear in its
    length but in C: a large event's findings quote hundreds of spans each."""
    at = bisect_left(shared, article, key=_ARTICLE)
    end = bisect_right(shared, article, lo=at, key=_ARTICLE)
    own = _quote(article, spans) if at == end else evidence([(article, (*shared[at:end], *spans))])
    return shared[:at] + own + shared[end:]


def record_spans(record: ClaimRecord) -> tuple[Span, ...]:
    """Some evidence the record has, for an article the field itself gives no quote for:
    the publication date's, else the first field that has any."""
    for spans in (record.publication_date.evidence, record.event_date.evidence,
                  record.location.evidence, record.memorandum.evidence):
        if spans:
            return spans
    for entry in (*record.participants, *record.agreed_actions):
        if entry.evidence:
            return entry.evidence
    return ()


def fallback_evidence(articles: Iterable[Article]) -> tuple[EvidenceSpan, ...]:
    """Last-resort evidence for a finding whose field has no quote at all."""
    return evidence((a.id, record_spans(a.record)) for a in articles)
