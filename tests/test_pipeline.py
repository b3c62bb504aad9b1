"""The stages after extraction hold the cyclic collector off (``pipeline.collector_paused``),
and only while they run."""

from __future__ import annotations

import gc

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
