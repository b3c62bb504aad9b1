"""What a rule sees (one event with its articles) and what it gives back (an Issue).

An Issue is a finding before the engine has stamped it: the engine adds the rule id, the event,
the configured severity and the fingerprint, and puts every list in a canonical order, so rules
stay short and cannot disagree on those conventions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checker.models import Article, Event, EvidenceSpan, Severity


@dataclass(frozen=True)
class EventView:
    """One event and its articles, sorted by id, so rules never depend on input order."""

    event: Event
    articles: tuple[Article, ...]

    @classmethod
    def of(cls, event: Event, articles: Mapping[str, Article]) -> EventView:
        members = sorted((articles[i] for i in set(event.articles) if i in articles), key=lambda a: a.id)
        return cls(event, tuple(members))

    def __len__(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class Issue:
    """A difference a rule found. ``subject`` tells apart the issues of one rule in one event
    (a person, an action, an article) and goes into the fingerprint; ``severity`` and ``field``
    override the rule's defaults for this case only (a user's configuration overrides both)."""

    articles: Sequence[str]
    message: str
    values: Mapping[str, str | None]
    evidence: Sequence[EvidenceSpan]
    consensus: str | None = None
    outliers: Sequence[str] = ()
    subject: str = ""
    severity: Severity | None = None
    field: str | None = None
