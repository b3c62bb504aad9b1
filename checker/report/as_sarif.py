"""The SARIF 2.1.0 report, for code-scanning tools (GitHub code scanning, IDE viewers).

One run; the driver lists every rule with its docstring as help; one result per finding, located
in the first article that departs from the consensus (at its quote, when it has one), the other
quotes as related locations. Findings a baseline hid stay in, marked as suppressed (so a viewer can still show
them as accepted), and with a baseline every result carries its ``baselineState``. Lines and
columns are given only for ``.txt``/``.md`` articles, whose text is the file; for other files
they would count in the extracted text, not in the file, so the location names the file only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote as url_quote

from checker.models import EvidenceSpan, Finding, Report
from checker.report.as_text import quote
from checker.report.context import NO_CONTEXT, Context, column, positional
from checker.rules import rules
from checker.rules.engine import sort_key

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "checkerFingerprint/v1"
SOURCE_ROOT = "%SRCROOT%"


def artifact(path: str) -> dict:
    """An artifactLocation: a relative path as a URI against the source root, else a file URI."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": url_quote(Path(path).as_posix(), safe="/"), "uriBaseId": SOURCE_ROOT}


def rule_descriptors() -> list[dict]:
    """Every registered rule, in id order (a result's ruleIndex points into this list)."""
    described = []
    for rule in rules().values():
        paragraphs = rule.explanation.split("\n\n")
        described.append({
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": " ".join(" ".join(p.split()) for p in paragraphs[1:2]) or rule.summary},
            "help": {"text": rule.explanation},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"field": rule.field},
        })
    return described


def primary(finding: Finding) -> tuple[str, EvidenceSpan | None]:
    """Where a finding is shown: the first article that departs from the consensus, at its first
    quote (None when it has none, as an article that omits a fact); without outliers, the
    finding's first quote."""
    if finding.outliers:
        article = finding.outliers[0]
        return article, next((s for s in finding.evidence if s.article == article), None)
    return finding.evidence[0].article, finding.evidence[0]


def _location(article: str, span: EvidenceSpan | None, paths: dict[str, str], context: Context) -> dict:
    path = paths.get(article, article)
    physical: dict = {"artifactLocation": artifact(path)}
    if span is None:
        return {"physicalLocation": physical, "message": {"text": f"{article}: no quote (the fact is absent)"}}
    if positional(path):
        region: dict = {"startLine": span.line}
        text = context.text_of(span.article, span)
        if text is not None:
            region["startColumn"] = column(text, span.start)
            region["endLine"] = span.line + span.text.count("\n")
            region["endColumn"] = column(text, span.end)
        region["snippet"] = {"text": span.text}
        physical["region"] = region
    return {"physicalLocation": physical, "message": {"text": f"{article}: {quote(span.text)}"}}


def _result(finding: Finding, index: dict[str, int], paths: dict[str, str], context: Context,
            suppressed: bool) -> dict:
    article, main = primary(finding)
    related = [s for s in finding.evidence if s != main]
    outliers = ", ".join(finding.outliers) or "none"
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.message} (consensus: {finding.consensus or 'none'}; outliers: {outliers})"},
        "locations": [_location(article, main, paths, context)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "event": finding.event, "field": finding.field, "articles": list(finding.articles),
            "values": finding.values, "consensus": finding.consensus, "outliers": list(finding.outliers),
        },
    }
    if related:
        result["relatedLocations"] = [
            {"id": n, **_location(s.article, s, paths, context)} for n, s in enumerate(related, 1)
        ]
    if context.baseline is not None:
        result["baselineState"] = "unchanged" if suppressed else "new"
    if suppressed:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": f"listed in the baseline {context.baseline}"}]
    return result


def render_sarif(report: Report, context: Context = NO_CONTEXT) -> str:
    """The SARIF log as JSON text (UTF-8 kept, two-space indent, trailing newline)."""
    descriptors = rule_descriptors()
    index = {d["id"]: n for n, d in enumerate(descriptors)}
    paths = {a.id: a.path for a in report.articles}
    hidden = {id(f) for f in context.suppressed}
    findings = sorted((*report.findings, *context.suppressed), key=sort_key)
    invocation: dict = {"executionSuccessful": True}
    if report.skipped:
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": f"skipped: {item.reason}"},
             "locations": [{"physicalLocation": {"artifactLocation": artifact(item.path)}}]}
            for item in report.skipped
        ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": report.tool.name, "version": report.tool.version,
                                "rules": descriptors}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index, paths, context, id(f) in hidden) for f in findings],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
