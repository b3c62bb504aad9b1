"""Extraction in worker processes gives exactly what one process gives, and loses no article."""

from __future__ import annotations

import json
import os
import threading

import pytest

from checker import parallel
from checker.cli import main
from checker.models import Article, Document
from checker.parallel import extract_all
from checker.pipeline import analyse
from checker.read import read_paths
from tests.helpers import SEEDS

INVENTED = [
    ("Coopération douanière : Tanger accueille une réunion de travail",
     "Le directeur général des douanes, Karim Benali, a reçu le mercredi 4 juin 2031 à Tanger son homologue "
     "norvégien, Ola Nordmann, pour une séance de travail. Les deux parties ont convenu de renforcer "
     "l'échange d'expertise et d'organiser des formations conjointes."),
    ("Police cooperation: Lisbon hosts a working meeting",
     "The director general of the Portuguese police, Rui Valente, received on Thursday 14 March 2030 in "
     "Lisbon the Swiss police director, Odile Brecht. The two sides agreed to sign a memorandum of "
     "understanding on the exchange of information."),
    ("Réunion à Dakhla", "Mardi, Lucie Marchetti, directrice de la police italienne, a rencontré Karim Benali."),
]


def documents(copies: int = 1) -> list[Document]:
    """The seeds and a few invented articles, ``copies`` times under other ids (so that the work
    splits into several chunks)."""
    seeds, skipped = read_paths([str(SEEDS)])
    assert not skipped
    invented = [Document(id=f"inv{i}", path=f"inv{i}.txt", text=f"{title}\n\n{body}")
                for i, (title, body) in enumerate(INVENTED)]
    base = seeds + invented
    return [d.model_copy(update={"id": f"{d.id}-{n}"}) if n else d for n in range(copies) for d in base]


@pytest.fixture
def always_pool(monkeypatch):
    """Workers even for a handful of documents (small runs otherwise stay in one process), and
    tasks of a few documents each, so that several are in flight."""
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)


def test_two_workers_give_the_same_articles_in_the_same_order(always_pool):
    docs = documents(copies=5)
    single = extract_all(docs, (), 1)
    double = extract_all(iter(docs), (), 2)  # a stream, as a reader may give
    assert double == single
    articles, skipped = double
    assert skipped == [] and [a.id for a in articles] == [d.id for d in docs]
    assert {a.language for a in articles} >= {"fr", "ar", "en"}
    assert all(a.record.participants for a in articles)


def test_workers_started_without_fork_give_the_same_articles(always_pool):
    """With another thread running (as the progress bar's), workers start from a fresh
    interpreter instead of a fork of this one: the result must not change."""
    docs = documents(copies=2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel._context().get_start_method() != "fork"
        assert extract_all(docs, (), 2) == extract_all(docs, (), 1)
    finally:
        stop.set()
        other.join()


def test_an_article_whose_extraction_raises_in_a_worker_is_skipped_with_its_reason(always_pool):
    docs = documents()
    # Built without validation, as no reader would: extraction meets a text that is not a string.
    broken = Document.model_construct(id="broken", path="broken.txt", text=None)
    articles, skipped = extract_all([*docs[:3], broken, *docs[3:]], (), 2)
    assert [a.id for a in articles] == [d.id for d in docs]
    assert len(skipped) == 1 and skipped[0].path == "broken.txt"
    assert skipped[0].reason.startswith("extraction failed for article broken (TypeError")


def test_an_article_whose_extraction_raises_is_skipped_in_one_process(monkeypatch):
    real = parallel.extract_article

    def failing(document, languages, known) -> Article:
        if document.id == "inv1":
            raise ValueError("no\nway")
        return real(document, languages, known)

    monkeypatch.setattr(parallel, "extract_article", failing)
    articles, skipped = extract_all(documents(), (), 1)
    assert "inv1" not in {a.id for a in articles} and len(articles) == len(documents()) - 1
    assert [(s.path, s.reason) for s in skipped] == [("inv1.txt", "extraction failed for article inv1 (ValueError: no way)")]


class _KillsItsWorker(str):
    """A text that ends the process unpickling it: a worker dying outright, as under a crash."""

    def __reduce__(self):
        return os._exit, (3,)


def test_a_document_that_kills_its_worker_costs_only_itself(always_pool):
    docs = documents()
    killer = Document.model_construct(id="killer", path="killer.txt", text=_KillsItsWorker("x"))
    articles, skipped = extract_all([killer, *docs], (), 2)
    assert [a.id for a in articles] == [d.id for d in docs]
    assert [(s.path, s.reason) for s in skipped] == [
        ("killer.txt", "extraction failed for article killer (its worker process died)")]


def test_small_runs_stay_in_this_process(monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for a handful of documents")

    monkeypatch.setattr(parallel, "_outcomes", no_pool)
    articles, skipped = extract_all(documents(), (), 8)
    assert len(articles) == len(documents()) and not skipped


def test_jobs_on_the_command_line(always_pool, capsys):
    def report(*jobs: str) -> str:
        assert main([str(SEEDS), "--format", "json", "--fail-on", "never", *jobs]) == 0
        return capsys.readouterr().out

    assert report("--jobs", "1") == report("--jobs", "2") == report()
    assert main([str(SEEDS), "--jobs", "0"]) == 2
    assert "--jobs: expected at least 1" in capsys.readouterr().err


def test_repeated_ids_are_made_unique_after_extraction_as_the_reader_does(tmp_path, monkeypatch):
    """The pipeline extracts a stream before every id is known, then renames: the articles and
    the reason of a failed one carry the ids ``read_paths`` gives."""
    lines = [{"id": "x", "text": f"{title}\n\n{body}"} for title, body in INVENTED]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "x~2", "text": INVENTED[0][1]}) + "\n", encoding="utf-8")
    real = parallel.extract_article

    def failing(document, languages, known) -> Article:
        if document.text.startswith("Réunion"):
            raise ValueError("no way")
        return real(document, languages, known)

    monkeypatch.setattr(parallel, "extract_article", failing)
    read, _ = read_paths([tmp_path])
    analysis = analyse([str(tmp_path)], jobs=1)
    assert sorted(a.id for a in analysis.articles) == sorted(d.id for d in read if d.id != "x~4") == ["x", "x~2", "x~3"]
    assert [s.reason for s in analysis.skipped] == ["extraction failed for article x~4 (ValueError: no way)"]
