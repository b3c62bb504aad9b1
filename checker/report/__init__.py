"""Reports: the same findings as text (for people) or JSON (the contract, for tools).

``build_report`` assembles the contract's Report in a canonical order; ``render`` formats it.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker import __version__
from checker.models import Article, Event, Finding, Report, Skipped, Tool
from checker.report.as_json import render_json
from checker.report.as_text import render_text
from checker.report.output import write_atomic
from checker.rules.engine import sort_key

TOOL_NAME = "news-fact-checker"
FORMATS = ("text", "json")


def build_report(
    articles: Iterable[Article],
    events: Iterable[Event],
    findings: Iterable[Finding],
    skipped: Iterable[Skipped] = (),
) -> Report:
    """The contract's report, every list in a canonical order whatever the input order."""
    return Report(
        tool=Tool(name=TOOL_NAME, version=__version__),
        articles=tuple(sorted(articles, key=lambda a: a.id)),
        events=tuple(
            sorted((e.model_copy(update={"articles": tuple(sorted(e.articles))}) for e in events), key=lambda e: e.id)
        ),
        findings=tuple(sorted(findings, key=sort_key)),
        skipped=tuple(sorted(skipped, key=lambda s: (s.path, s.reason))),
    )


def render(report: Report, format: str, hidden: int = 0) -> str:
    """The report in ``format`` (one of ``FORMATS``); ``hidden`` counts baselined findings."""
    if format == "json":
        return render_json(report)
    if format == "text":
        return render_text(report, hidden)
    raise ValueError(f"unknown report format {format!r}")


__all__ = ["FORMATS", "build_report", "render", "write_atomic"]
