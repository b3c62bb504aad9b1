"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per
finding, shown on the pull request's files and in the run's summary, then the summary line.

An annotation sits in the first article that departs from the consensus, at its quote when it
has one (as in SARIF); line and column are given for ``.txt``/``.md`` articles only, where they are positions
in the file. Values are escaped as the runner expects (``%``, CR, LF; and ``:`` and ``,`` in
properties), so article text can never end the command early or forge another one.
"""

from __future__ import annotations

from checker.models import Finding, Report
from checker.report.as_sarif import primary
from checker.report.as_text import plural, quote, summary
from checker.report.context import NO_CONTEXT, Context, column, positional

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, paths: dict[str, str], context: Context) -> str:
    article, span = primary(finding)
    path = paths.get(article, article)
    properties = [("file", path)]
    if span is not None and positional(path):
        properties.append(("line", str(span.line)))
        text = context.text_of(span.article, span)
        if text is not None:
            properties.append(("col", str(column(text, span.start))))
    properties.append(("title", f"{finding.rule} [{finding.field}]"))
    body = [
        finding.message,
        f"consensus: {finding.consensus or 'none'} · outliers: {', '.join(finding.outliers) or 'none'}",
        *(f"{s.article} (line {s.line}): {quote(s.text)}" for s in finding.evidence),
    ]
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(chr(10).join(body))}"


def render_github(report: Report, context: Context = NO_CONTEXT) -> str:
    """The annotations, one a line, then the summary line (plain log output)."""
    paths = {a.id: a.path for a in report.articles}
    lines = [annotation(f, paths, context) for f in report.findings]
    lines += [f"::warning file={escape_property(item.path)},title=skipped::{escape_data(item.reason)}"
              for item in report.skipped]
    for entry in context.stale:
        note = f"{entry.fingerprint} ({entry.rule or '?'}) in {context.baseline} matches no finding any more"
        lines.append(f"::notice title=stale baseline entry::{escape_data(note + '; prune with --write-baseline')}")
    if context.suppressed:
        lines.append(f"{plural(len(context.suppressed), 'finding')} hidden by the baseline {context.baseline}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
