"""The articles' JSON rendered by a forked child (``checker.report.ahead``) is the JSON the report
would hold anyway; a child that fails costs nothing but the time; no child is forked where it
would not be safe, nor where ``--jobs 1`` asks for one process."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

import pytest

from checker import cli
from checker.report import Context, render, render_output
from checker.report import ahead as ahead_module
from checker.report.ahead import ArticlesAhead
from checker.report.as_json import array_items
from tests.test_report import report_of

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def test_the_child_renders_the_bytes_the_report_holds():
    report = report_of()
    ahead = ArticlesAhead.start(report.articles[::-1])  # it lists them in id order, as the report does
    assert ahead is not None
    try:
        rendered = b"".join(render_output(report, "json", Context(rendered={"articles": ahead.pieces})))
        again = b"".join(ahead.pieces())  # a second report reads the file again
    finally:
        ahead.close()
    assert rendered.decode("utf-8") == render(report, "json")
    assert again == b"".join(array_items(report.articles, 2))


def test_a_child_that_fails_leaves_the_parent_to_render(monkeypatch):
    parent = os.getpid()

    def fails_in_the_child(items, depth):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return array_items(items, depth)

    monkeypatch.setattr(ahead_module, "array_items", fails_in_the_child)
    report = report_of()
    ahead = ArticlesAhead.start(report.articles)
    assert ahead is not None
    try:
        assert b"".join(ahead.pieces()) == b"".join(array_items(report.articles, 2))
    finally:
        ahead.close()


def test_no_child_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert ArticlesAhead.start(report_of().articles) is None
    finally:
        stop.set()
        thread.join()


@pytest.fixture
def forks(monkeypatch):
    """The children the command starts, counted."""
    started = []
    real = ArticlesAhead.start

    def counted(articles):
        found = real(articles)
        started.append(found)
        return found

    monkeypatch.setattr(cli.ArticlesAhead, "start", staticmethod(counted))
    return started


def test_the_command_renders_ahead_only_for_json_and_several_processes(tmp_path, forks):
    outputs = {}
    for name, flags in (("one", ["--jobs", "1"]), ("two", ["--jobs", "2"]), ("text", ["--jobs", "2", "--format", "text"])):
        out = tmp_path / name
        assert cli.main([str(SEEDS), "--format", "json", "--fail-on", "never", "--output", str(out), *flags]) == 0
        outputs[name] = out.read_bytes()
    assert len(forks) == 1 and forks[0] is not None  # --jobs 2 with JSON; neither --jobs 1 nor text
    assert outputs["one"] == outputs["two"]


def _sleeping_child(seconds: float) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child only waits
        time.sleep(seconds)
        os._exit(0)
    return pid


@pytest.mark.parametrize("limit", [0, 1, 3000, 1 << 30])
def test_items_rendered_while_the_child_works_are_the_bytes_the_report_holds(limit, monkeypatch):
    """The findings rendered while the child renders the articles (all, some or none of them,
    as the bytes held allow) and the rest rendered after give the array's bytes, at every call."""
    monkeypatch.setattr(ahead_module, "_BATCH", 2)  # a look at the child every two items
    items = report_of().articles * 3  # any models: several, each a piece
    ahead = ArticlesAhead(items, _sleeping_child(5), tempfile.TemporaryFile())
    try:
        rendered = ahead.meanwhile(items, limit)
        assert ahead._running()
        expected = b"".join(array_items(items, 2))
        assert b"".join(rendered()) == expected
        assert b"".join(rendered()) == expected
    finally:
        os.kill(ahead._pid, 9)
        ahead.close()


def test_nothing_is_rendered_ahead_once_the_child_is_done():
    items = report_of().articles
    ahead = ArticlesAhead(items, _sleeping_child(0), tempfile.TemporaryFile())
    try:
        os.waitid(os.P_PID, ahead._pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped
        rendered = ahead.meanwhile(items)
        assert not ahead._running()
        assert b"".join(rendered()) == b"".join(array_items(items, 2))
    finally:
        ahead.close()
