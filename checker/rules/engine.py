"""The rule engine: runs the selected rules over every event and stamps their issues as Findings.

It knows nothing rule-specific. Everything order-dependent is settled here: events are visited
by id, each rule sees its event's articles sorted by id, and findings come out sorted by
(event, rule, field, fingerprint), so the same input always gives the same findings.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from operator import attrgetter

from checker.models import Article, Event, Finding, Severity, trusted
from checker.rules.helpers import fingerprint
from checker.rules.registry import Rule, rules
from checker.rules.view import EventView, Issue

_FINDING_FIELDS = set(Finding.model_fields)  # one set for every finding: a frozen model never changes it
_ID = attrgetter("id")
# ``sort_key`` for findings that all have an event, as those of ``check`` do: read in C.
_ORDER = attrgetter("event", "rule", "field", "fingerprint", "message")


def stamp(rule: Rule, event: Event, issue: Issue, severity: Mapping[str, Severity]) -> Finding | None:
    """The Finding for one issue, or ``None`` when no article gave any quote to show for it.

    Made without validating again (``checker.models.trusted``), like the spans ``evidence``
    makes: every field is given, each of its type already (strings the rule wrote or took from
    validated records, spans made by ``evidence``, severities the configuration checked), and
    validating would walk through the hundreds of values and spans of each finding of a large
    event once more.
    """
    if not issue.evidence:
        return None
    field = issue.field or rule.field
    values = dict(sorted(issue.values.items()))  # by article (ids are unique: values are never compared)
    return trusted(Finding, {
        "rule": rule.id,
        "severity": severity.get(rule.id) or issue.severity or rule.severity,
        "event": event.id,
        "articles": tuple(sorted(set(issue.articles))),
        "field": field,
        "message": issue.message,
        "values": values,
        "consensus": issue.consensus,
        "outliers": tuple(sorted(set(issue.outliers))),
        "evidence": tuple(issue.evidence),
        "fingerprint": fingerprint(rule.id, event.id, field, issue.subject, values.values()),
    }, _FINDING_FIELDS)


def check(
    articles: Iterable[Article],
    events: Iterable[Event],
    select: Collection[str] | None = None,
    severity: Mapping[str, Severity] | None = None,
) -> tuple[Finding, ...]:
    """All findings of the selected rules (every rule when ``select`` is None) over ``events``.

    ``severity`` maps a rule id to the level its findings get whatever the case.
    """
    by_id = {article.id: article for article in articles}
    chosen = [rule for rule_id, rule in rules().items() if select is None or rule_id in select]
    severity = severity or {}
    findings = []
    for event in sorted(events, key=_ID):
        view = EventView.of(event, by_id)
        for rule in chosen:
            for issue in rule.check(view):
                finding = stamp(rule, event, issue, severity)
                if finding is not None:
                    findings.append(finding)
    return tuple(sorted(findings, key=_ORDER))


def sort_key(finding: Finding) -> tuple[str, str, str, str, str]:
    return (finding.event or "", finding.rule, finding.field, finding.fingerprint, finding.message)
