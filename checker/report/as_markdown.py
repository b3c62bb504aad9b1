"""The Markdown report, sized for a CI step summary ($GITHUB_STEP_SUMMARY) or a review comment:
a headline with the counts, then per event a table of findings and the quoted evidence folded
under a <details>. Every piece of article text is escaped, so a quote can neither break the
table nor inject markup into the page that renders it."""

from __future__ import annotations

import html
from collections import Counter

from checker.models import Event, Finding, Report
from checker.report.as_text import plural, quote
from checker.report.context import NO_CONTEXT, Context, sections

MARKS = {"error": "🔴", "warning": "🟡", "info": "🔵"}
_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|~#!"})


def escape(text: str) -> str:
    """``text`` on one line, safe inside a Markdown table cell or list item."""
    return html.escape(" ".join(text.split()), quote=False).translate(_SPECIAL)


def headline(report: Report, context: Context) -> list[str]:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{plural(counts[s], s)}" for s in ("error", "warning", "info")]
    lines = [f"## check: {plural(len(report.findings), 'finding')} ({', '.join(parts)})", ""]
    facts = [plural(len(report.events), "event"), plural(len(report.articles), "article"),
             f"{len(report.skipped)} skipped"]
    if context.suppressed:
        facts.append(f"{plural(len(context.suppressed), 'finding')} hidden by the baseline")
    return [*lines, " · ".join(facts), ""]


def _table(found: list[Finding]) -> list[str]:
    lines = ["| | severity | rule | field | finding | consensus | outliers |", "|---|---|---|---|---|---|---|"]
    for f in found:
        cells = [MARKS[f.severity], f.severity, f"`{f.rule}`", f"`{f.field}`", escape(f.message),
                 escape(f.consensus or "—"), escape(", ".join(f.outliers) or "—")]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _evidence(found: list[Finding]) -> list[str]:
    lines = ["", "<details><summary>Evidence</summary>", ""]
    for f in found:
        lines.append(f"- `{f.rule}`: {escape(f.message)}")
        lines += [f"  - {escape(span.article)}, line {span.line}: {escape(quote(span.text))}" for span in f.evidence]
    return [*lines, "", "</details>"]


def _event(event: Event | None, found: list[Finding]) -> list[str]:
    if event is None:
        return ["### Findings outside any event", "", *_table(found), *_evidence(found), ""]
    lines = [f"### {escape(event.title)}", "",
             f"Event {escape(event.id)} · {escape(event.date or 'date unknown')} · "
             f"articles: {escape(', '.join(event.articles))}", ""]
    if not found:
        return [*lines, "No findings.", ""]
    return [*lines, *_table(found), *_evidence(found), ""]


def render_markdown(report: Report, context: Context = NO_CONTEXT) -> str:
    """The Markdown report."""
    lines = headline(report, context)
    for event, found in sections(report):
        lines += _event(event, found)
    if report.skipped:
        lines += ["### Skipped files", ""]
        lines += [f"- {escape(item.path)}: {escape(item.reason)}" for item in report.skipped]
        lines.append("")
    if context.stale:
        lines += [f"### Stale baseline entries in {escape(context.baseline or '')}", "",
                  "These entries match no finding any more; prune them with `--write-baseline`.", ""]
        lines += [f"- `{e.fingerprint}` {escape(e.rule or '?')}: {escape(e.message or '')}" for e in context.stale]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
