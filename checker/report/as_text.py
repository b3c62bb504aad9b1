"""The text report, for a person at a terminal: findings grouped by event, each with the quoted
evidence from every article involved, then skipped files, what the baseline did, and one
summary line. Colour is opt-in (the command line turns it on for a terminal only)."""

from __future__ import annotations

from collections import Counter

from checker.models import Event, Finding, Report
from checker.report.context import NO_CONTEXT, Context, sections

QUOTE_LIMIT = 240
_COLOURS = {"error": "1;31", "warning": "33", "info": "36", "head": "1", "dim": "2"}


class Paint:
    """ANSI colours when ``enabled``, plain text otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if self.enabled else text


def quote(text: str) -> str:
    """A span's text on one line, in guillemets, shortened past ``QUOTE_LIMIT`` characters."""
    flat = " ".join(text.split())
    if len(flat) > QUOTE_LIMIT:
        flat = flat[: QUOTE_LIMIT - 1] + "…"
    return f"«{flat}»"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 or word == "info" else "s")


def _event_header(event: Event | None, paint: Paint) -> list[str]:
    if event is None:
        return [paint("== no event ==", "head")]
    return [
        paint(f"== event {event.id} · {event.date or 'date unknown'} · {event.title} ==", "head"),
        f"articles: {', '.join(event.articles)}",
    ]


def _finding(finding: Finding, paint: Paint) -> list[str]:
    lines = [f"{paint(finding.severity, finding.severity)} {finding.rule} [{finding.field}]: {finding.message}"]
    lines += [f"  {span.article} (line {span.line}): {quote(span.text)}" for span in finding.evidence]
    outliers = ", ".join(finding.outliers) or "none"
    lines.append(paint(f"  consensus: {finding.consensus or 'none'} · outliers: {outliers}", "dim"))
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


def baseline_lines(context: Context) -> list[str]:
    """How many findings the baseline hid, and its entries that no longer match anything."""
    if context.baseline is None:
        return []
    lines = []
    if context.suppressed:
        lines.append(f"{plural(len(context.suppressed), 'finding')} hidden by the baseline")
    if context.stale:
        count = len(context.stale)
        lines.append(
            f"{count} baseline {'entry' if count == 1 else 'entries'} in {context.baseline} "
            f"{'matches' if count == 1 else 'match'} no finding any more "
            "(prune with --write-baseline):"
        )
        lines += [f"  {e.fingerprint} {e.rule or '?'} {e.event or '-'}: {e.message or ''}".rstrip()
                  for e in context.stale]
    return lines


def render_text(report: Report, context: Context = NO_CONTEXT, colour: bool = False) -> str:
    """The text report; ``colour`` adds ANSI colours."""
    paint = Paint(colour)
    lines: list[str] = []
    for event, found in sections(report):
        lines += _event_header(event, paint)
        if not found:
            lines.append("no findings")
        for finding in found:
            lines += ["", *_finding(finding, paint)]
        lines.append("")
    if report.skipped:
        lines.append("skipped:")
        lines += [f"  {item.path}: {item.reason}" for item in report.skipped]
        lines.append("")
    lines += baseline_lines(context)
    lines.append(paint(summary(report), "head"))
    return "\n".join(lines) + "\n"
