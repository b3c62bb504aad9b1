"""The text report, for a person at a terminal: findings grouped by event, each with the quoted
evidence from every article involved, then skipped files, then one summary line."""

from __future__ import annotations

from collections import Counter

from checker.models import Event, Finding, Report

QUOTE_LIMIT = 240


def quote(text: str) -> str:
    """A span's text on one line, in guillemets, shortened past ``QUOTE_LIMIT`` characters."""
    flat = " ".join(text.split())
    if len(flat) > QUOTE_LIMIT:
        flat = flat[: QUOTE_LIMIT - 1] + "…"
    return f"«{flat}»"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 or word == "info" else "s")


def _event_header(event: Event | None) -> list[str]:
    if event is None:
        return ["== no event =="]
    return [
        f"== event {event.id} · {event.date or 'date unknown'} · {event.title} ==",
        f"articles: {', '.join(event.articles)}",
    ]


def _finding(finding: Finding) -> list[str]:
    lines = [f"{finding.severity} {finding.rule} [{finding.field}]: {finding.message}"]
    lines += [f"  {span.article} (line {span.line}): {quote(span.text)}" for span in finding.evidence]
    outliers = ", ".join(finding.outliers) or "none"
    lines.append(f"  consensus: {finding.consensus or 'none'} · outliers: {outliers}")
    return lines


def summary(report: Report) -> str:
    """``3 findings: 0 errors, 2 warnings, 1 info in 2 of 3 events (5 articles, 0 skipped)``."""
    counts = Counter(f.severity for f in report.findings)
    with_findings = len({f.event for f in report.findings})
    return (
        f"{plural(len(report.findings), 'finding')}: {plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}, {plural(counts['info'], 'info')} "
        f"in {with_findings} of {plural(len(report.events), 'event')} "
        f"({plural(len(report.articles), 'article')}, {len(report.skipped)} skipped)"
    )


def render_text(report: Report, hidden: int = 0) -> str:
    """The text report; ``hidden`` is how many findings the baseline hid."""
    by_event: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        by_event.setdefault(finding.event, []).append(finding)
    lines: list[str] = []
    known = {event.id for event in report.events}
    sections: list[tuple[Event | None, list[Finding]]] = [(e, by_event.get(e.id, [])) for e in report.events]
    sections += [(None, found) for event_id, found in by_event.items() if event_id not in known]
    for event, found in sections:
        lines += _event_header(event)
        if not found:
            lines.append("no findings")
        for finding in found:
            lines += ["", *_finding(finding)]
        lines.append("")
    if report.skipped:
        lines.append("skipped:")
        lines += [f"  {item.path}: {item.reason}" for item in report.skipped]
        lines.append("")
    if hidden:
        lines.append(f"{plural(hidden, 'finding')} hidden by the baseline")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
