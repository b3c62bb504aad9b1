"""The ``check`` command: read articles, run the rules, write a report, exit with a status CI
can act on (0 clean, 1 findings at or above --fail-on, 2 a usage problem).

Every expected problem (bad flag, bad configuration, missing path, unreadable baseline) ends
in one line on stderr and status 2; an unexpected one too, with the traceback only when the
``CHECKER_DEBUG`` environment variable is set.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import traceback
from collections.abc import Sequence

from checker import __version__
from checker.baseline import BaselineError, apply_baseline, load_baseline, write_baseline
from checker.config import FAIL_ON, Config, ConfigError, load_config, rule_ids
from checker.lang import LanguageDataError
from checker.models import Finding
from checker.report import FORMATS, build_report, render, write_atomic
from checker.rules import check, rules

RANK = {"info": 0, "warning": 1, "error": 2}


class UsageError(Exception):
    """A problem the user can fix; its message is printed after ``check: ``."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="check",
        description="Report every factual difference between news articles that cover the same meeting.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article file or folder (walked recursively)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically) instead of stdout")
    parser.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity giving exit status 1 (default: error)")
    parser.add_argument("--config", metavar="FILE", help="TOML settings file (default: nearest pyproject.toml)")
    parser.add_argument("--baseline", metavar="FILE", help="hide the findings this baseline file lists")
    parser.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0")
    parser.add_argument("--select", metavar="RULES", help="comma-separated rule ids to run (overrides config)")
    parser.add_argument("--ignore", metavar="RULES", help="comma-separated rule ids not to run (overrides config)")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    parser.add_argument("--explain", metavar="RULE", help="explain one rule and exit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def list_rules(format: str) -> str:
    """The rules with id, default severity and summary, as text columns or JSON."""
    listed = [{"id": r.id, "severity": r.severity, "field": r.field, "summary": r.summary} for r in rules().values()]
    if format == "json":
        return json.dumps(listed, ensure_ascii=False, indent=2) + "\n"
    width = max(len(r["id"]) for r in listed)
    return "".join(f"{r['id']:<{width}}  {r['severity']:<7}  {r['summary']}\n" for r in listed)


def explain(rule_id: str) -> str:
    rule = rules().get(rule_id)
    if rule is None:
        raise UsageError(f"unknown rule {rule_id!r} (see check --list-rules)")
    return f"{rule.id} (default severity {rule.severity}, field {rule.field})\n\n{rule.explanation}\n"


def settings(args: argparse.Namespace) -> Config:
    """The configuration file's settings with the command-line flags laid over them."""
    config = load_config(args.config)
    changes: dict[str, object] = {}
    if args.select is not None:
        changes["select"] = rule_ids([r for r in args.select.split(",") if r], "--select")
    if args.ignore is not None:
        changes["ignore"] = rule_ids([r for r in args.ignore.split(",") if r], "--ignore")
    if args.fail_on is not None:
        changes["fail_on"] = args.fail_on
    if args.baseline is not None:
        changes["baseline"] = args.baseline
    return dataclasses.replace(config, **changes)


def analyse(paths: Sequence[str], language_paths: Sequence[str]):
    """Run the reading, extraction and grouping stages (``checker.pipeline``)."""
    from checker import pipeline
    from checker.read import PathNotFound

    try:
        return pipeline.analyse(paths, language_paths)
    except PathNotFound as exc:
        missing = getattr(exc, "path", None) or (exc.args[0] if exc.args else "")
        raise UsageError(f"no such file or folder: {missing}") from None


def exit_status(findings: Sequence[Finding], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    return int(any(RANK[f.severity] >= RANK[fail_on] for f in findings))


def emit(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    if args.list_rules:
        emit(list_rules(args.format), args.output)
        return 0
    if args.explain is not None:
        emit(explain(args.explain), args.output)
        return 0
    if not args.paths:
        raise UsageError("no PATH given (see check --help)")
    config = settings(args)
    analysis = analyse(args.paths, config.language_data)
    if not analysis.articles:
        details = "".join(f"\ncheck: skipped {s.path}: {s.reason}" for s in analysis.skipped)
        raise UsageError(f"no readable article in {', '.join(args.paths)}{details}")
    findings = check(analysis.articles, analysis.events, select=config.selected(), severity=config.severity)
    if args.write_baseline is not None:
        try:
            count = write_baseline(args.write_baseline, findings)
        except OSError as exc:
            raise UsageError(f"cannot write {args.write_baseline}: {exc.strerror or exc}") from None
        print(f"check: wrote {count} fingerprints to {args.write_baseline}", file=sys.stderr)
        return 0
    hidden = 0
    if config.baseline is not None:
        findings, hidden = apply_baseline(findings, load_baseline(config.baseline))
    report = build_report(analysis.articles, analysis.events, findings, analysis.skipped)
    emit(render(report, args.format, hidden), args.output)
    return exit_status(findings, config.fail_on)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``check`` command; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return run(args)
    except (UsageError, ConfigError, BaselineError, LanguageDataError) as exc:
        print(f"check: {exc}", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, no traceback
        if os.environ.get("CHECKER_DEBUG"):
            traceback.print_exc()
        print(f"check: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
