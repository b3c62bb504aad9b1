"""What a rule sees (one event with its articles) and what it gives back (an Issue).

An Issue is a finding before the engine has stamped it: the engine adds the rule id, the event,
the configured severity and the fingerprint, and puts every list in a canonical order, so rules
stay short and cannot disagree on those conventions.

Several rules read the same thing of an event (its distinct records, its people, its actions
by label, each article's date as a finding shows it); ``per_event`` makes such a reading once
per event, whichever rule asks first, and the others take it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import NamedTuple, TypeVar

from checker.models import Article, ClaimRecord, Event, EvidenceSpan, Severity
from checker.packing import by_record

T = TypeVar("T")


@dataclass(frozen=True)
class EventView:
    """One event and its articles, sorted by id, so rules never depend on input order."""

    event: Event
    articles: tuple[Article, ...]
    # What ``per_event`` readings have made of this event, by reading.
    _readings: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, event: Event, articles: Mapping[str, Article]) -> EventView:
        return cls(event, tuple([articles[i] for i in sorted(set(event.articles)) if i in articles]))

    def __len__(self) -> int:
        return len(self.articles)


def per_event(read: Callable[[EventView], T]) -> Callable[[EventView], T]:
    """``read`` made once per event: the first rule to ask makes it, the others are given the
    same object (which no rule may change: it is shared)."""

    @wraps(read)
    def once(view: EventView) -> T:
        made = view._readings.get(once, _UNREAD)
        if made is _UNREAD:
            made = view._readings[once] = read(view)
        return made

    return once


_UNREAD = object()


@per_event
def records(view: EventView) -> list[tuple[ClaimRecord, list[Article]]]:
    """The event's distinct records, each with the articles that give it (in id order), in the
    order of their first article (``packing.by_record``): what a rule asks of what the articles
    say, before it asks who says it, it asks once of each record."""
    return by_record(view.articles)


def gathered(view: EventView, items: Callable[[ClaimRecord], Iterable[T]],
             key: Callable[[T], str]) -> dict[str, list[tuple[list[Article], list[T]]]]:
    """The ``items`` of the event's records by ``key`` (in key order): for each key, every record
    that gives items of it (``records``, in their order), as the articles holding the record and
    its items of that key (in record order)."""
    found: dict[str, list[tuple[list[Article], list[T]]]] = {}
    for record, holders in records(view):
        by_key: dict[str, list[T]] = {}
        for item in items(record):
            k = key(item)
            if k in by_key:
                by_key[k].append(item)
            else:
                by_key[k] = [item]
        for k, entries in by_key.items():
            if k in found:
                found[k].append((holders, entries))
            else:
                found[k] = [(holders, entries)]
    return dict(sorted(found.items()))


class Issue(NamedTuple):
    """A difference a rule found. ``subject`` tells apart the issues of one rule in one event
    (a person, an action, an article) and goes into the fingerprint; ``severity`` and ``field``
    override the rule's defaults for this case only (a user's configuration overrides both).
    (A named tuple: as immutable as a frozen dataclass, and quicker to make, one per finding.)"""

    articles: Sequence[str]
    message: str
    values: Mapping[str, str | None]
    evidence: Sequence[EvidenceSpan]
    consensus: str | None = None
    outliers: Sequence[str] = ()
    subject: str = ""
    severity: Severity | None = None
    field: str | None = None
