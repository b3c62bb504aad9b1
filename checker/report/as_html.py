"""The HTML review page: one self-contained file (inline CSS and script, no network) where an
editor sees, per event, what every article says field by field, the cells that depart from the
event's consensus, each value with its quote in the sentence around it, and the findings,
filterable by rule and severity.

The page is a Jinja2 template rendered with autoescaping, so article text can never become
markup; a Content-Security-Policy forbids every fetch, so the file works offline and leaks
nothing. Rows of right-to-left languages are laid out right to left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from jinja2 import Environment, StrictUndefined

from checker.models import Article, Event, EvidenceSpan, Finding, Report, Span
from checker.report.as_text import summary
from checker.report.context import NO_CONTEXT, Around, Context, direction, sections, sentence_around
from checker.rules import rules
from checker.rules.dates import describe

COLUMNS = (("date", "date"), ("place", "place"), ("participants", "participants"),
           ("instrument", "instrument and status"), ("actions", "actions"))
"""The review table's columns: key and heading."""
FIELD_COLUMNS = {"event_date": "date", "publication_date": "date", "location": "place",
                 "participants": "participants", "memorandum": "instrument", "agreed_actions": "actions"}
"""Which column a finding's field (its first segment) is about."""
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Quote:
    article: str
    line: int
    dir: str
    around: Around


@dataclass(frozen=True)
class Item:
    """One value in a cell: the value, a note (kind, role...), and its quotes."""

    value: str
    note: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Cell:
    column: str
    items: tuple[Item, ...]
    departs: tuple[str, ...]  # fingerprints of the findings that name this article an outlier here


@dataclass(frozen=True)
class Row:
    article: Article
    dir: str
    cells: tuple[Cell, ...]


def column_of(field: str) -> str | None:
    return FIELD_COLUMNS.get(field.split(".")[0])


class _Quoter:
    """Turns spans into quotes with their sentence, using the article texts when known."""

    def __init__(self, context: Context, languages: dict[str, str]) -> None:
        self.context = context
        self.languages = languages

    def __call__(self, article: str, spans: Iterable[Span]) -> tuple[Quote, ...]:
        quotes = []
        for span in spans:
            text = self.context.text_of(article, span)
            around = (sentence_around(text, span.start, span.end) if text is not None
                      else Around("", " ".join(span.text.split()), ""))
            quotes.append(Quote(article, span.line, direction(self.languages.get(article, "")), around))
        return tuple(quotes)


def _items(article: Article, column: str, quoter: _Quoter) -> tuple[Item, ...]:
    record, own = article.record, (lambda spans: quoter(article.id, spans))
    if column == "date":
        published = record.publication_date.value
        note = f"published {published}" if published else ""
        return (Item(describe(record.event_date) or "no date", note, own(record.event_date.evidence)),)
    if column == "place":
        return (Item(record.location.value or "no place", "", own(record.location.evidence)),)
    if column == "participants":
        return tuple(
            Item(p.name, " · ".join(x for x in (p.canonical if p.canonical != p.name else None,
                                                  p.role, p.organization, p.country) if x), own(p.evidence))
            for p in record.participants
        )
    if column == "instrument":
        memo = record.memorandum
        value = memo.term or ("no instrument" if memo.kind is None else memo.kind)
        return (Item(value, " · ".join(x for x in (memo.kind, memo.status.replace("_", " ")) if x),
                     own(memo.evidence)),)
    return tuple(Item(a.action.replace("_", " "), f"{a.commitment} · {a.text}", own(a.evidence))
                 for a in record.agreed_actions)


def _rows(event: Event, found: list[Finding], articles: dict[str, Article], quoter: _Quoter) -> tuple[Row, ...]:
    departs: dict[tuple[str, str], list[str]] = {}
    for finding in found:
        column = column_of(finding.field)
        for outlier in finding.outliers:
            departs.setdefault((outlier, column or ""), []).append(finding.fingerprint)
    rows = []
    for article_id in event.articles:
        article = articles.get(article_id)
        if article is None:
            continue
        cells = tuple(
            Cell(key, _items(article, key, quoter), tuple(sorted(set(departs.get((article_id, key), [])))))
            for key, _ in COLUMNS
        )
        rows.append(Row(article, direction(article.language), cells))
    return tuple(rows)


def _evidence(finding: Finding, quoter: _Quoter) -> tuple[Quote, ...]:
    spans: dict[str, list[EvidenceSpan]] = {}
    for span in finding.evidence:
        spans.setdefault(span.article, []).append(span)
    return tuple(q for article, listed in spans.items() for q in quoter(article, listed))


@cache
def _template():
    environment = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
    source = files("checker.report").joinpath("templates/review.html.j2").read_text(encoding="utf-8")
    return environment.from_string(source)


def render_html(report: Report, context: Context = NO_CONTEXT) -> str:
    """The review page as one HTML document."""
    articles = {a.id: a for a in report.articles}
    quoter = _Quoter(context, {a.id: a.language for a in report.articles})
    events = [
        {
            "event": event,
            "rows": _rows(event, found, articles, quoter) if event is not None else (),
            "findings": [(f, _evidence(f, quoter)) for f in found],
        }
        for event, found in sections(report)
    ]
    by_rule = Counter(f.rule for f in report.findings)
    by_severity = Counter(f.severity for f in report.findings)
    return _template().render(
        report=report,
        summary=summary(report),
        columns=COLUMNS,
        events=events,
        rule_filters=[(rule, by_rule[rule], rules()[rule].summary if rule in rules() else rule)
                      for rule in sorted(by_rule)],
        severity_filters=[(s, by_severity[s]) for s in SEVERITIES],
        context=context,
    )
