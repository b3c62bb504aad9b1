"""A one-line progress bar on stderr, for a person waiting at a terminal.

It shows the stage of the run (reading and extracting, checking, writing), how many stages are
done, and the time so far. It appears only once the run has lasted ``delay`` seconds, so a quick
run prints nothing, and only when enabled (the command line enables it for a terminal, never
with --quiet); it is erased before the report is printed. A background thread draws it, because
the longest stage is one call that reports nothing until it ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TextIO

BAR_WIDTH = 20


class Progress:
    """``with Progress(stages, stream, enabled) as p: p.stage("...")``: draws while in use."""

    def __init__(self, stages: Sequence[str], stream: TextIO, enabled: bool, delay: float = 0.5,
                 interval: float = 0.1, clock: Callable[[], float] = time.monotonic) -> None:
        self.stages = tuple(stages)
        self.stream = stream
        self.enabled = enabled
        self.delay = delay
        self.interval = interval
        self.clock = clock
        self.current = 0
        self.drawn = False
        self._started = clock()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="check-progress", daemon=True)

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stage(self, name: str) -> None:
        """Enter the stage called ``name`` (one of ``stages``)."""
        with self._lock:
            self.current = self.stages.index(name)

    def line(self) -> str:
        """The bar as drawn now: ``[#######-------------] 1/3 checking 2.4 s``."""
        done = self.current
        filled = BAR_WIDTH * done // len(self.stages)
        elapsed = self.clock() - self._started
        return (f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{len(self.stages)} "
                f"{self.stages[self.current]} {elapsed:.1f} s")

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if self.clock() - self._started >= self.delay:
                with self._lock:
                    self.stream.write(f"\r{self.line()}\x1b[K")
                    self.stream.flush()
                    self.drawn = True

    def close(self) -> None:
        """Stop drawing and erase the bar, leaving the terminal as it was."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
