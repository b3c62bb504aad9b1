"""The articles' part of the JSON report, written by a forked process while this one runs the rules.

The articles are two thirds of the JSON report and nothing the rules decide changes them. Once
they are final (grouped, names unified, dates completed), a child forked from the command
renders their part of the report to an unnamed temporary file while the parent runs the rules;
the parent copies the file into the report when it gets there. On two cores that takes the
largest piece of writing the report off the single core the end of a run otherwise uses. When
the rules end before the child does, the parent renders the findings meanwhile (a bounded part
of them), rather than wait for it idle.

The bytes are those the parent would render (``checker.report.as_json``, tested); if the child
fails for any reason, the parent renders them itself. Forking is only done where it is safe
(a system with ``fork``, and no other thread in this process, whose locks a child would inherit
held); elsewhere the report is rendered in place as before.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice
from operator import attrgetter

from pydantic import BaseModel

from checker.models import Article
from checker.report.as_json import array_items

_PIECE = 1 << 20  # bytes copied at a time from the child's file
_MEANWHILE = 32 << 20  # bytes of other items rendered at most while the child works
_BATCH = 64  # items rendered between two looks at the child


class ArticlesAhead:
    """The JSON of a sorted sequence of articles (their array's items), rendered in a child."""

    def __init__(self, articles: Sequence[Article], pid: int, file) -> None:
        self._articles = articles
        self._pid = pid
        self._file = file
        self._status: int | None = None

    @classmethod
    def start(cls, articles: Sequence[Article]) -> ArticlesAhead | None:
        """Fork the child that renders ``articles`` (in id order, as the report lists them), or
        ``None`` where forking is not safe."""
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return None
        articles = sorted(articles, key=attrgetter("id"))
        file = tempfile.TemporaryFile()
        pid = os.fork()
        if pid == 0:  # the child: render, and leave without running the parent's exit handlers
            status = 1
            try:
                for piece in array_items(articles, 2):
                    file.write(piece)
                file.flush()
                status = 0
            finally:
                os._exit(status)
        return cls(articles, pid, file)

    def pieces(self) -> Iterator[bytes]:
        """The rendered items, once the child is done; rendered here if the child failed. Each
        call reads the file from its start (positioned reads: a report in two files reads it twice)."""
        if self._status is None:
            _, status = os.waitpid(self._pid, 0)
            self._status = os.waitstatus_to_exitcode(status)
        if self._status != 0:
            yield from array_items(self._articles, 2)
            return
        descriptor, offset = self._file.fileno(), 0
        while piece := os.pread(descriptor, _PIECE, offset):
            offset += len(piece)
            yield piece

    def meanwhile(self, items: Sequence[BaseModel], limit: int = _MEANWHILE) -> Callable[[], Iterator[bytes]]:
        """The items of another array of the report (``array_items`` at depth 2), the first of
        them rendered now, while the child is still at work (up to ``limit`` bytes held): the
        parent, at the articles' place in the report, would otherwise wait for it idle. Each call
        of the result gives them all, as ``pieces`` does."""
        ready: list[bytes] = []
        held = 0
        rendering = array_items(items, 2)
        while held < limit and self._running():
            batch = list(islice(rendering, _BATCH))
            if not batch:
                break
            ready.extend(batch)
            held += sum(map(len, batch))
        return lambda: chain(ready, array_items(items[len(ready):], 2, first=not ready))

    def _running(self) -> bool:
        """Whether the child is still rendering (its status is kept once it has ended)."""
        if self._status is None:
            pid, status = os.waitpid(self._pid, os.WNOHANG)
            if pid:
                self._status = os.waitstatus_to_exitcode(status)
        return self._status is None

    def close(self) -> None:
        """Wait for the child if no report asked for its work, and drop the file."""
        if self._status is None:
            os.waitpid(self._pid, 0)
            self._status = -1
        self._file.close()
