"""Chain the stages that turn paths into analysed events: read, extract, group (and reconcile
within each event what one report leaves open and the others pin).

Rules and reports come after, in ``checker.rules`` and ``checker.report``; the command line in
``checker.cli`` drives the whole.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from checker.group import group_events
from checker.models import Article, Document, Event, Skipped
from checker.parallel import extract_stream, renamed
from checker.read import MAX_BYTES, read_stream, unique_ids
from checker.reconcile import complete_partial_dates


@dataclass(frozen=True)
class Analysis:
    """Everything the rules need: articles and events sorted by id, and what could not be read."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    skipped: tuple[Skipped, ...]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off meanwhile, and left as it was afterwards: for the
    stages after extraction, grouping and the rules, on the single core a run ends on, and for
    this process's part of an extraction by workers.

    They make a few hundred thousand small containers (pairs, links, per-event readings,
    findings), freed by their counts once dropped or living to the end of the run; but every
    700 left alive set off a collection of the newest objects, and about every hundredth of
    those a walk over every object the run holds: at 10,000 articles, some 150 collections and a
    tenth of the grouping's time, and 0.025 s of the rules', to find next to nothing. Neither
    stage makes reference cycles (names compared for the first time leave a few, a closure each,
    in ``checker.extract.names``): the first collection afterwards finds them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyse(
    paths: Sequence[str], language_paths: Sequence[str] = (), *, max_bytes: int = MAX_BYTES, jobs: int = 1,
) -> Analysis:
    """Read every article under ``paths``, extract its record and group the events.

    Raises ``checker.read.PathNotFound`` for a path that does not exist. Files larger than
    ``max_bytes`` are skipped unread. An article whose extraction fails, for whatever reason, is
    skipped with that reason (on one line, naming the article, since a ``.jsonl`` file holds
    several) and the run goes on with the others. ``jobs`` processes share the extraction; the
    result does not depend on their number.

    Articles are read, extracted and let go one at a time: what the run keeps of each is its
    record (values and quoted spans), never its text, so memory follows the records, not the
    corpus.
    """
    stream = read_stream(paths, max_bytes=max_bytes)  # raises PathNotFound now, before any work
    skipped: list[Skipped] = []
    given: list[str] = []  # the documents' ids as read, in order: all a stream keeps of them

    def documents() -> Iterator[Document]:
        for item in stream:
            if isinstance(item, Document):
                given.append(item.id)
                yield item
            else:
                skipped.append(item)

    # With workers, this process only reads and unpacks: a million objects that live to the end
    # and no cycle (the collector's walks over them took 0.1 s at 10k articles and found
    # nothing). Extracting here instead (one job) leaves cycles to collect.
    with collector_paused() if jobs > 1 else nullcontext():
        outcomes = list(extract_stream(documents(), tuple(str(p) for p in language_paths), jobs))
    articles: list[Article] = []
    for outcome, old, new in zip(outcomes, given, unique_ids(given), strict=True):
        outcome = outcome if old == new else renamed(outcome, old, new)
        (articles if isinstance(outcome, Article) else skipped).append(outcome)
    del outcomes
    with collector_paused():
        articles, events = group_events(articles)
        articles = complete_partial_dates(articles, events)
    return Analysis(
        articles=tuple(articles),
        events=tuple(events),
        skipped=tuple(sorted(skipped, key=lambda s: (s.path, s.reason))),
    )
