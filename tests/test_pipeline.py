"""The stages after extraction hold the cyclic collector off (``pipeline.collector_paused``),
and only while they run."""

from __future__ import annotations

import gc
import json

import pytest

from checker.pipeline import analyse, collector_paused
from tests.helpers import SEEDS


def test_the_collector_is_held_off_only_meanwhile():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("a stage that fails")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_analysis_leaves_the_collector_on():
    assert analyse([str(SEEDS)]).events
    assert gc.isenabled()


def test_an_analysis_by_workers_leaves_the_collector_on_and_its_workers_collect(tmp_path):
    """The command holds its collector off while workers extract; the workers, forked meanwhile,
    collect (extraction leaves cycles) whatever the process that forked them does."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from checker.parallel import _start_worker

    corpus = tmp_path / "many.jsonl"
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": seed}) + "\n" for i in range(40)), encoding="utf-8")
    assert len(analyse([str(corpus)], jobs=2).articles) == 40
    assert gc.isenabled()
    gc.disable()
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker,
                                 initargs=((), None)) as pool:
            assert pool.submit(gc.isenabled).result()
    finally:
        gc.enable()
