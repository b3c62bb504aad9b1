"""``--statistics``: how many findings each rule gave, most frequent first, instead of the
findings themselves (as ruff's ``--statistics``), to see at a glance where coverage drifts."""

from __future__ import annotations

import json
from collections import Counter

from checker.models import Report
from checker.report.as_text import baseline_lines, plural, summary
from checker.report.context import NO_CONTEXT, Context

LEVELS = ("error", "warning", "info")


def statistics(report: Report) -> list[dict]:
    """One entry per rule that fired: its id, its count and the count per severity."""
    levels: dict[str, Counter] = {}
    for finding in report.findings:
        levels.setdefault(finding.rule, Counter())[finding.severity] += 1
    rows = [{"rule": rule, "count": sum(c.values()), **{s: c[s] for s in LEVELS}} for rule, c in levels.items()]
    return sorted(rows, key=lambda row: (-row["count"], row["rule"]))


def render_statistics(report: Report, format: str, context: Context = NO_CONTEXT) -> str:
    """The counts as JSON when ``format`` is json, else as text columns and the summary line."""
    rows = statistics(report)
    if format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(r["count"])) for r in rows), default=1)
    rule_width = max((len(r["rule"]) for r in rows), default=0)
    lines = [
        f"{r['count']:>{width}}  {r['rule']:<{rule_width}}  " + ", ".join(plural(r[s], s) for s in LEVELS if r[s])
        for r in rows
    ]
    return "\n".join([*lines, *baseline_lines(context), summary(report)]) + "\n"
