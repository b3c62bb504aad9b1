"""Extract articles in several processes, with the same result as in one.

Extraction is most of a run's time and each article's record depends on nothing but the article
and the language data, so it spreads over worker processes. Each worker loads the language data
and the known people once (its initializer), then takes the documents in chunks; results come
back in document order, so the output is byte-identical whatever the number of jobs. An
exception in one article skips that article with its reason, as in a single process; a worker
that dies outright (a crash, the out-of-memory killer) costs only the article that killed it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from pydantic import BaseModel

from checker.extract.names import KnownPeople
from checker.extract.record import extract_article
from checker.lang import Language, load_languages
from checker.models import Article, Document, Skipped
from checker.read import describe_error

# Fewer documents than this per worker are not worth a process: small runs stay in this one.
MIN_PER_WORKER = 16
# Documents a task carries (enough to amortise sending them), and tasks in flight per worker.
CHUNK = 8
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


def _start_worker(languages_paths: tuple[str, ...]) -> None:
    global _worker
    _worker = (load_languages(languages_paths), KnownPeople.load())


def _extract_chunk(documents: Sequence[Document]) -> list[Article | Skipped]:
    assert _worker is not None, "worker started without its initializer"
    languages, known = _worker
    return [extract_one(document, languages, known) for document in documents]


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


def _oldest(chunks: deque[list[Document]], futures: deque[Future]) -> list[Article | Skipped]:
    """The outcomes of the oldest chunk in flight, which then leaves the queue."""
    outcomes = futures[0].result()
    chunks.popleft()
    futures.popleft()
    return outcomes


def _pooled(documents: Iterator[Document], languages_paths: tuple[str, ...], jobs: int,
            unanswered: list[Document]) -> Iterator[Article | Skipped]:
    """Outcomes in document order from ``jobs`` workers. A few chunks a worker are in flight at
    a time, so documents are read (and a stream consumed) only as fast as they are extracted.
    If the pool breaks, the documents in flight go to ``unanswered`` (in order) before the error
    goes on."""
    with ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker,
                             initargs=(languages_paths,)) as pool:
        chunks: deque[list[Document]] = deque()
        futures: deque[Future] = deque()
        try:
            for chunk in _chunks(documents, CHUNK):
                chunks.append(chunk)
                futures.append(pool.submit(_extract_chunk, chunk))
                if len(futures) >= jobs * IN_FLIGHT:
                    yield from _oldest(chunks, futures)
            while futures:
                yield from _oldest(chunks, futures)
        except BrokenProcessPool:
            unanswered.extend(document for waiting in chunks for document in waiting)
            raise


def _alone(document: Document, languages_paths: tuple[str, ...]) -> Article | Skipped:
    """``document`` extracted in a worker of its own, to tell whether it is what kills workers."""
    try:
        return next(_pooled(iter([document]), languages_paths, 1, []))
    except BrokenProcessPool:
        return _failed(document, "its worker process died")


def _outcomes(documents: Iterator[Document], languages_paths: tuple[str, ...], jobs: int) -> Iterator[Article | Skipped]:
    """Outcomes in document order; when a worker dies, the first document not yet answered is
    extracted alone (skipped if it kills that worker too) and the others go on in a new pool."""
    while True:
        unanswered: list[Document] = []
        try:
            yield from _pooled(documents, languages_paths, jobs, unanswered)
            return
        except BrokenProcessPool:
            yield _alone(unanswered[0], languages_paths)
            documents = chain(unanswered[1:], documents)


class _Shared:
    """Makes equal values of the kept articles one object, so that a run's memory follows what
    its articles say that differs, not how many times it is said.

    A run keeps every article's record (tens of thousands of them), each some forty pydantic
    objects. Reports of one meeting repeat each other's facts, and syndicated copies whole
    quotes at the same offsets: equal spans, dates, places and people are kept once. pydantic
    also gives every object its own set of the names of the fields it was given, which costs
    more than the values; a frozen model never changes that set (``model_copy`` copies it
    first), so the objects of a class given the same fields share one. Only frozen models, equal
    in every field and field set, are shared: no value, comparison or hash changes.

    Values are made canonical bottom up, so a model's key is its class and its children's
    identities, never a hash of its whole tree; a model holding something not made canonical
    (a float, a list) stays its own object. The table lives as long as the extraction.
    """

    def __init__(self) -> None:
        self._known: dict[object, object] = {}

    def __call__(self, outcome: Article | Skipped) -> Article | Skipped:
        return self._canonical(outcome)[0] if isinstance(outcome, Article) else outcome

    def _canonical(self, value: object) -> tuple[object, bool]:
        """The object to keep for ``value``, and whether it is the canonical one (alive as long
        as this table, so its identity may stand for its value in a key)."""
        if value is None or type(value) is bool:
            return value, True
        if type(value) in (str, int, bytes):  # a key of its own: no tuple nor model key equals it
            return self._known.setdefault(value, value), True
        if type(value) is tuple:
            items = [self._canonical(item) for item in value]
            kept = tuple(item for item, _ in items)
            if not all(canonical for _, canonical in items):
                return kept, False
            return self._known.setdefault((tuple, *map(id, kept)), kept), True
        if isinstance(value, BaseModel):
            return self._model(value)
        return value, False

    def _model(self, model: BaseModel) -> tuple[BaseModel, bool]:
        fields = model.__dict__
        shareable = True
        for name, value in fields.items():
            fields[name], canonical = self._canonical(value)
            shareable = shareable and canonical
        if not model.model_config.get("frozen"):
            return model, False
        names = frozenset(model.__pydantic_fields_set__)
        object.__setattr__(model, "__pydantic_fields_set__",
                           self._known.setdefault((set, type(model), names), model.__pydantic_fields_set__))
        if not shareable:
            return model, False
        return self._known.setdefault((type(model), names, *map(id, fields.values())), model), True


def extract_stream(documents: Iterable[Document], languages_paths: tuple[str, ...], jobs: int) -> Iterator[Article | Skipped]:
    """The outcome of each of ``documents``, in their order: its Article, or why it was skipped.

    ``jobs`` worker processes share the work; with 1, or too few documents to be worth a process
    (fewer than ``MIN_PER_WORKER`` each), everything runs in this process. The result is the same
    either way. ``documents`` may be a stream: it is consumed as extraction goes, and no document
    is kept once its outcome is given.
    """
    stream = iter(documents)
    head = list(islice(stream, MIN_PER_WORKER * jobs))
    workers = min(jobs, len(head) // MIN_PER_WORKER)
    if workers <= 1:
        languages, known = load_languages(languages_paths), KnownPeople.load()
        outcomes: Iterator[Article | Skipped] = (extract_one(d, languages, known) for d in chain(head, stream))
    else:
        outcomes = _outcomes(chain(head, stream), languages_paths, workers)
    del head
    yield from map(_Shared(), outcomes)


def extract_all(documents: Iterable[Document], languages_paths: tuple[str, ...], jobs: int) -> tuple[list[Article], list[Skipped]]:
    """The articles extracted from ``documents`` (in their order) and the documents skipped
    (``extract_stream``, sorted into the two)."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for outcome in extract_stream(documents, languages_paths, jobs):
        (articles if isinstance(outcome, Article) else skipped).append(outcome)
    return articles, skipped


__all__ = ["available_cores", "extract_all", "extract_one", "extract_stream", "renamed"]
