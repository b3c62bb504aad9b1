"""The ``check`` command: read articles, run the rules, write reports, exit with a status CI
can act on (0 clean, 1 findings at or above --fail-on, 2 a usage problem).

Every expected problem (bad flag, bad configuration, missing path, unreadable baseline) ends
in one line on stderr and status 2; an unexpected one too, with the traceback only when the
``CHECKER_DEBUG`` environment variable is set. Every file the command writes is written
atomically; the main report goes to stdout unless --output names a file.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import sys
import traceback
from collections.abc import Iterable, Sequence
from contextlib import ExitStack

from checker import __version__, compiled
from checker.baseline import BaselineError, BaselineOutcome, apply_baseline, load_baseline, write_baseline
from checker.config import FAIL_ON, Config, ConfigError, load_config, rule_ids
from checker.lang import LanguageDataError
from checker.models import Finding
from checker.report import FORMATS, NEEDS_TEXTS, Context, build_report, render_output, render_statistics, write_atomic
from checker.report.ahead import ArticlesAhead
from checker.report.progress import Progress
from checker.rules import check, rules

RANK = {"info": 0, "warning": 1, "error": 2}
STAGES = ("reading and extracting articles", "checking", "writing reports")


class UsageError(Exception):
    """A problem the user can fix; its message is printed after ``check: ``."""


def report_target(value: str) -> tuple[str, str]:
    """A ``--report FORMAT:FILE`` value as (format, file)."""
    format, colon, path = value.partition(":")
    if not colon or not path:
        raise argparse.ArgumentTypeError(f"expected FORMAT:FILE, got {value!r}")
    if format not in FORMATS:
        raise argparse.ArgumentTypeError(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    return format, path


def job_count(value: str) -> int:
    """A ``--jobs`` value: a whole number of processes, at least one."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {jobs}")
    return jobs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="check",
        description="Report every factual difference between news articles that cover the same meeting.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article file or folder (walked recursively)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically) instead of stdout")
    parser.add_argument("--report", metavar="FORMAT:FILE", action="append", type=report_target, default=[],
                        help="also write a report in FORMAT to FILE; repeatable (e.g. sarif:check.sarif)")
    parser.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity giving exit status 1 (default: error)")
    parser.add_argument("--config", metavar="FILE", help="TOML settings file (default: nearest pyproject.toml)")
    parser.add_argument("--baseline", metavar="FILE", help="hide the findings this baseline file lists")
    parser.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0")
    parser.add_argument("--select", metavar="RULES", help="comma-separated rule ids to run (overrides config)")
    parser.add_argument("--ignore", metavar="RULES", help="comma-separated rule ids not to run (overrides config)")
    parser.add_argument("--jobs", metavar="N", type=job_count,
                        help="processes that extract articles (default: the cores available); "
                             "the report is the same whatever N")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="where compiled language patterns are kept between runs (default: "
                             "$CHECKER_CACHE_DIR, else $XDG_CACHE_HOME/news-fact-checker or ~/.cache/news-fact-checker)")
    parser.add_argument("--no-cache", action="store_true",
                        help="compile the language patterns afresh and keep nothing; the report is the same")
    parser.add_argument("--statistics", action="store_true", help="print counts per rule instead of the findings")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print nothing on stdout and no progress; the exit status and files still tell")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit (--format json for JSON)")
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


def explain(rule_id: str, format: str) -> str:
    """What the rule checks, why it matters, and examples (its docstring), as text or JSON."""
    rule = rules().get(rule_id)
    if rule is None:
        raise UsageError(f"unknown rule {rule_id!r} (see check --list-rules)")
    if format == "json":
        described = {"id": rule.id, "severity": rule.severity, "field": rule.field, "summary": rule.summary,
                     "explanation": rule.explanation}
        return json.dumps(described, ensure_ascii=False, indent=2) + "\n"
    return f"{rule.id} (default severity {rule.severity}, field {rule.field})\n\n{rule.explanation}\n"


def cache_directory(args: argparse.Namespace) -> str | None:
    """Where compiled patterns are kept (``checker.compiled``): --cache-dir, else
    $CHECKER_CACHE_DIR, else the user's cache folder; nowhere with --no-cache."""
    if args.no_cache:
        return None
    return args.cache_dir or os.environ.get("CHECKER_CACHE_DIR") or str(compiled.default_directory())


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


def analyse(paths: Sequence[str], language_paths: Sequence[str], jobs: int | None = None):
    """Run the reading, extraction and grouping stages (``checker.pipeline``) with ``jobs``
    extraction processes (None: one per core available, as ``--jobs`` promises)."""
    from checker import pipeline
    from checker.read import PathNotFound

    try:
        return pipeline.analyse(paths, language_paths, jobs=_processes(jobs))
    except PathNotFound as exc:
        missing = getattr(exc, "path", None) or (exc.args[0] if exc.args else "")
        raise UsageError(f"no such file or folder: {missing}") from None


def article_texts(paths: Sequence[str]) -> dict[str, str]:
    """Every article's text by id, read again for the formats that quote around a span.

    The analysis keeps spans, not texts; reading the same paths again gives the same documents
    with the same ids (reading depends only on the set of files), and each use checks that the
    span still matches, so a file edited in between cannot show a wrong context.
    """
    from checker.read import read_paths

    documents, _ = read_paths(paths)
    return {document.id: document.text for document in documents}


def exit_status(findings: Sequence[Finding], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    return int(any(RANK[f.severity] >= RANK[fail_on] for f in findings))


def write_file(path: str, text: str | Iterable[bytes]) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def use_colour(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def emit(text: str | Iterable[bytes], path: str | None) -> None:
    """``text`` (a string, or UTF-8 pieces) to ``path`` (atomically), or to stdout when ``path``
    is None."""
    if path is not None:
        write_file(path, text)
    elif isinstance(text, str):
        sys.stdout.write(text)
    else:
        # Bytes to the stream's buffer (after what was written as text); a stdout that is a
        # text stream only (a StringIO put there by a caller) gets each piece decoded: every
        # piece ends on a character boundary.
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        for piece in text:
            if binary is not None:
                binary.write(piece)
            else:
                sys.stdout.write(piece.decode("utf-8"))
        sys.stdout.flush()


def extra_reports(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The --report (format, file) pairs, once checked that no file is named twice."""
    files = [os.path.abspath(path) for path in (args.output, *(p for _, p in args.report)) if path is not None]
    if len(set(files)) < len(files):
        raise UsageError("the same file is named by two reports")
    return list(args.report)


def find(paths: Sequence[str], config: Config, progress: Progress, jobs: int | None = None,
         json_ahead: bool = False):
    """The analysis of ``paths``, its findings once per-path ignores are applied, and (when
    ``json_ahead`` and ``jobs`` allow another process) the articles' JSON being rendered by a
    child meanwhile (``checker.report.ahead``), else None."""
    from checker.pipeline import collector_paused

    progress.stage(STAGES[0])
    gc.freeze()  # the modules and settings live to the end: see below
    analysis = analyse(paths, config.language_data, jobs)
    compiled.save()  # what this process compiled (workers save their own)
    # The analysis (a record of some thirty objects an article) lives to the end of the run too.
    # Out of the cyclic collector's sight, it no longer costs each of the full collections that
    # the rules and reports set off a walk over a million objects; objects frozen are still
    # freed by reference counting when dropped (and a forked child copies fewer pages).
    gc.freeze()
    if not analysis.articles:
        details = "".join(f"\ncheck: skipped {s.path}: {s.reason}" for s in analysis.skipped)
        raise UsageError(f"no readable article in {', '.join(paths)}{details}")
    ahead = ArticlesAhead.start(analysis.articles) if json_ahead and _processes(jobs) > 1 else None
    try:
        progress.stage(STAGES[1])
        with collector_paused():
            findings = check(analysis.articles, analysis.events, select=config.selected(), severity=config.severity)
    except BaseException:
        if ahead is not None:
            ahead.close()
        raise
    files = {article.id: article.path for article in analysis.articles}
    return analysis, tuple(f for f in findings if not config.hides(f, files)), ahead


def _processes(jobs: int | None) -> int:
    """The processes ``--jobs`` allows (None: one per core available)."""
    from checker.parallel import available_cores

    return available_cores() if jobs is None else jobs


def reports(args: argparse.Namespace, config: Config, extra: list[tuple[str, str]], analysis,
            findings: tuple[Finding, ...], ahead: ArticlesAhead | None = None,
            ) -> tuple[tuple[Finding, ...], list[tuple[str | None, str | Iterable[bytes]]]]:
    """The findings the baseline leaves, and every report to write as (file or None, text):
    the main one (--format/--output, or --statistics) first, then the --report ones. A report
    is text, or UTF-8 pieces rendered only as they are written (``render_output``); the JSON
    ones take the articles' part from ``ahead`` when given, and the first findings rendered while
    its child works (``ArticlesAhead.meanwhile``)."""
    outcome = None
    if config.baseline is not None:
        not_run = set(rules()) - set(config.selected())
        outcome = apply_baseline(findings, load_baseline(config.baseline), config.baseline, not_run)
        findings = outcome.kept
    report = build_report(analysis.articles, analysis.events, findings, analysis.skipped)
    formats = {args.format, *(format for format, _ in extra)}
    context = _context(outcome, args.paths if formats & NEEDS_TEXTS else None)
    if ahead is not None:
        context = dataclasses.replace(context, rendered={"findings": ahead.meanwhile(report.findings),
                                                         "articles": ahead.pieces})
    if args.statistics:
        main_text = render_statistics(report, args.format, context)
    else:
        colour = args.output is None and args.format == "text" and use_colour(sys.stdout)
        main_text = render_output(report, args.format, context, colour=colour)
    return findings, [(args.output, main_text), *((path, render_output(report, format, context)) for format, path in extra)]


def record_baseline(path: str, findings: Sequence[Finding], quiet: bool) -> int:
    try:
        count = write_baseline(path, findings)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    if not quiet:
        print(f"check: wrote {count} fingerprints to {path}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.list_rules:
        emit(list_rules(args.format), args.output)
        return 0
    if args.explain is not None:
        emit(explain(args.explain, args.format), args.output)
        return 0
    if not args.paths:
        raise UsageError("no PATH given (see check --help)")
    config = settings(args)
    extra = extra_reports(args)
    compiled.use(cache_directory(args))
    main_format = () if args.statistics or (args.quiet and args.output is None) else (args.format,)
    writes_json = args.write_baseline is None and "json" in {*main_format, *(format for format, _ in extra)}
    with ExitStack() as cleanup:
        # The bar is erased when its block ends, before anything else is printed.
        with Progress(STAGES, sys.stderr, enabled=sys.stderr.isatty() and not args.quiet) as progress:
            analysis, findings, ahead = find(args.paths, config, progress, args.jobs, json_ahead=writes_json)
            if ahead is not None:
                cleanup.callback(ahead.close)
            if args.write_baseline is None:
                progress.stage(STAGES[2])
                findings, outputs = reports(args, config, extra, analysis, findings, ahead)
        if args.write_baseline is not None:
            return record_baseline(args.write_baseline, findings, args.quiet)
        for path, text in outputs:
            if path is not None or not args.quiet:
                emit(text, path)
        return exit_status(findings, config.fail_on)


def _context(outcome: BaselineOutcome | None, text_paths: Sequence[str] | None) -> Context:
    texts = article_texts(text_paths) if text_paths is not None else {}
    if outcome is None:
        return Context(texts=texts)
    return Context(baseline=outcome.path, suppressed=outcome.suppressed, stale=outcome.stale, texts=texts)


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
