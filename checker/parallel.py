"""Extract articles in several processes, with the same result as in one.

Extraction is most of a run's time and each article's record depends on nothing but the article
and the language data, so it spreads over worker processes. Each worker loads the language data
and the known people once (its initializer), then takes the documents in chunks (as tuples, see
``checker.packing``); results come back in document order, so the output is byte-identical
whatever the number of jobs. An exception in one article skips that article with its reason,
as in a single process; a worker that dies outright (a crash, the out-of-memory killer) costs
only the article that killed it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from checker import compiled
from checker.extract.names import KnownPeople
from checker.extract.record import extract_article
from checker.lang import Language, load_languages
from checker.models import Article, Document, Skipped
from checker.packing import Packed, Unpacker, pack, pack_document, unpack_document
from checker.read import describe_error

# Fewer documents than this per worker are not worth a process: small runs stay in this one.
MIN_PER_WORKER = 16
# Documents a task carries (enough to amortise sending them and the pool's own work for each
# task, which the main process does while the workers extract), and tasks in flight per worker.
CHUNK = 32
IN_FLIGHT = 4
# How a Skipped reason names the article whose extraction failed.
_FAILED = "extraction failed for article "

_worker: tuple[Mapping[str, Language], KnownPeople] | None = None


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _failed(document: Document, why: str) -> Skipped:
    return Skipped(path=document.path, reason=f"{_FAILED}{document.id} ({why})")


def extract_one(document: Document, languages: Mapping[str, Language], known: KnownPeople) -> Article | Skipped:
    """The Article of ``document``, or why it was skipped: one bad article must not stop the run."""
    try:
        return extract_article(document, languages, known)
    except Exception as exc:  # noqa: BLE001 - any failure skips this article only
        return _failed(document, describe_error(exc))


def renamed(outcome: Article | Skipped, old: str, new: str) -> Article | Skipped:
    """The outcome of a document extracted under the id ``old``, as if it had had ``new``: a
    stream is read and extracted before all ids are known, so a repeated one is made unique
    (``checker.read.unique_ids``) only afterwards."""
    if isinstance(outcome, Article):
        return outcome.model_copy(update={"id": new})
    prefix = f"{_FAILED}{old} ("
    if not outcome.reason.startswith(prefix):
        return outcome
    return outcome.model_copy(update={"reason": f"{_FAILED}{new} (" + outcome.reason[len(prefix):]})


def _start_worker(languages_paths: tuple[str, ...], cache: str | None) -> None:
    global _worker
    # Forked while the command holds its collector off (``pipeline.analyse``): extraction leaves
    # cycles (each article's readers and their caches, some twenty objects), which must go.
    gc.enable()
    if compiled.directory() != cache:  # a worker started afresh, not forked from the command
        compiled.use(cache)
    _worker = (load_languages(languages_paths), KnownPeople.load())


def _packed(outcome: Article | Skipped) -> Packed | Skipped:
    return pack(outcome) if isinstance(outcome, Article) else outcome


def _extract_chunk(documents: Sequence[Packed]) -> list[Packed | Skipped]:
    """The outcomes of a chunk of packed documents, articles packed (``checker.packing``): what a
    worker sends back."""
    assert _worker is not None, "worker started without its initializer"
    languages, known = _worker
    outcomes = [_packed(extract_one(unpack_document(document), languages, known)) for document in documents]
    compiled.save()  # the patterns the first chunks needed, for the next run's workers
    return outcomes


def _context() -> multiprocessing.context.BaseContext:
    """How to start workers. Forking is quickest and needs no ``__main__`` guard in a caller's
    script, but copies other threads' locks in whatever state they are (the progress bar draws
    from a thread): so fork only while this is the one thread, else forkserver, else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _chunks(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(islice(documents, size)):
        yield chunk


def _oldest(chunks: deque[list[Document]], futures: deque[Future]) -> list[Packed | Skipped]:
    """The outcomes of the oldest chunk in flight, which then leaves the queue."""
    outcomes = futures[0].result()
    chunks.popleft()
    futures.popleft()
    return outcomes


def _pooled(documents: Iterator[Document], languages_paths: tuple[str, ...], jobs: int,
            unanswered: list[Document]) -> Iterator[Packed | Skipped]:
    """Packed outcomes in document order from ``jobs`` workers. A few chunks a worker are in flight at
    a time, so documents are read (and a stream consumed) only as fast as they are extracted.
    If the pool breaks, the documents in flight go to ``unanswered`` (in order) before the error
    goes on."""
    with ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker,
                             initargs=(languages_paths, compiled.directory())) as pool:
        chunks: deque[list[Document]] = deque()
        futures: deque[Future] = deque()
        try:
            for chunk in _chunks(documents, CHUNK):
                chunks.append(chunk)
                futures.append(pool.submit(_extract_chunk, list(map(pack_document, chunk))))
                if len(futures) >= jobs * IN_FLIGHT:
                    yield from _oldest(chunks, futures)
            while futures:
                yield from _oldest(chunks, futures)
        except BrokenProcessPool:
            unanswered.extend(document for waiting in chunks for document in waiting)
            raise


def _alone(document: Document, languages_paths: tuple[str, ...]) -> Packed | Skipped:
    """``document`` extracted in a worker of its own, to tell whether it is what kills workers."""
    try:
        return next(_pooled(iter([document]), languages_paths, 1, []))
    except BrokenProcessPool:
        return _failed(document, "its worker process died")


def _outcomes(documents: Iterator[Document], languages_paths: tuple[str, ...], jobs: int) -> Iterator[Packed | Skipped]:
    """Packed outcomes in document order; when a worker dies, the first document not yet answered is
    extracted alone (skipped if it kills that worker too) and the others go on in a new pool."""
    while True:
        unanswered: list[Document] = []
        try:
            yield from _pooled(documents, languages_paths, jobs, unanswered)
            return
        except BrokenProcessPool:
            yield _alone(unanswered[0], languages_paths)
            documents = chain(unanswered[1:], documents)


def extract_stream(documents: Iterable[Document], languages_paths: tuple[str, ...], jobs: int) -> Iterator[Article | Skipped]:
    """The outcome of each of ``documents``, in their order: its Article, or why it was skipped.

    ``jobs`` worker processes share the work; with 1, or too few documents to be worth a process
    (fewer than ``MIN_PER_WORKER`` each), everything runs in this process. The result is the same
    either way. ``documents`` may be a stream: it is consumed as extraction goes, and no document
    is kept once its outcome is given. Articles come back through ``checker.packing`` whichever
    way they were extracted, so equal values of the articles are one object in either.
    """
    stream = iter(documents)
    head = list(islice(stream, MIN_PER_WORKER * jobs))
    workers = min(jobs, len(head) // MIN_PER_WORKER)
    # Loaded here even for workers: forked from this process, they start with the languages
    # built (``load_languages`` keeps them), and the grouping after them finds the data read.
    languages = load_languages(languages_paths)
    if workers <= 1:
        known = KnownPeople.load()
        outcomes: Iterator[Packed | Skipped] = (_packed(extract_one(d, languages, known)) for d in chain(head, stream))
    else:
        outcomes = _outcomes(chain(head, stream), languages_paths, workers)
    del head
    unpack = Unpacker()
    for outcome in outcomes:
        yield outcome if isinstance(outcome, Skipped) else unpack(outcome)


def extract_all(documents: Iterable[Document], languages_paths: tuple[str, ...], jobs: int) -> tuple[list[Article], list[Skipped]]:
    """The articles extracted from ``documents`` (in their order) and the documents skipped
    (``extract_stream``, sorted into the two)."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for outcome in extract_stream(documents, languages_paths, jobs):
        (articles if isinstance(outcome, Article) else skipped).append(outcome)
    return articles, skipped


__all__ = ["available_cores", "extract_all", "extract_one", "extract_stream", "renamed"]
