"""Reports: the same findings for people (text, Markdown, an HTML review page) and for tools
(the contract's JSON, SARIF, GitHub workflow annotations).

``build_report`` assembles the contract's Report in a canonical order; ``render`` formats it,
with a ``Context`` for what some formats add (the baseline's effect, the article texts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from checker import __version__
from checker.models import Article, Event, Finding, Report, Skipped, Tool
from checker.report.as_github import render_github
from checker.report.as_json import json_chunks, render_json
from checker.report.as_markdown import render_markdown
from checker.report.as_sarif import render_sarif
from checker.report.as_statistics import render_statistics
from checker.report.as_text import render_text
from checker.report.context import NO_CONTEXT, Context
from checker.report.output import write_atomic
from checker.rules.engine import sort_key

TOOL_NAME = "news-fact-checker"


def render_html(report: Report, context: Context) -> str:
    """The HTML review page (``checker.report.as_html``), imported when a page is asked for:
    most runs write none, and the template engine is a tenth of the command's start-up."""
    from checker.report.as_html import render_html as render_page

    return render_page(report, context)


_RENDERERS: dict[str, Callable[[Report, Context], str]] = {
    "text": render_text,
    "json": lambda report, context: render_json(report),
    "markdown": render_markdown,
    "html": render_html,
    "sarif": render_sarif,
    "github": render_github,
}
FORMATS = tuple(_RENDERERS)
NEEDS_TEXTS = frozenset({"html", "sarif", "github"})
"""Formats that show columns or sentences around quotes, so need the article texts."""


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


def render(report: Report, format: str, context: Context = NO_CONTEXT, colour: bool = False) -> str:
    """The report in ``format`` (one of ``FORMATS``); ``colour`` applies to text only."""
    if format == "text":
        return render_text(report, context, colour)
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise ValueError(f"unknown report format {format!r}")
    return renderer(report, context)


def render_output(report: Report, format: str, context: Context = NO_CONTEXT,
                  colour: bool = False) -> str | Iterator[bytes]:
    """What ``render`` gives, made to be written. The JSON report, the one tools read and the
    largest, comes as UTF-8 pieces made one by one as they are written, so a large run never
    holds it whole; the other formats, for people, come as text."""
    if format == "json":
        return json_chunks(report, context.rendered)
    return render(report, format, context, colour)


__all__ = ["FORMATS", "NEEDS_TEXTS", "Context", "build_report", "render", "render_output", "render_statistics", "write_atomic"]
