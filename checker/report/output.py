"""Writing a report file atomically: a half-written report never replaces a good one."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _mode(target: Path) -> int:
    """The permissions the file gets: those of the file it replaces, else what the umask allows
    a new file (the temporary file alone would be private to its owner)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: str | os.PathLike, text: str | Iterable[bytes]) -> None:
    """Write ``text`` (a string, written as UTF-8, or UTF-8 pieces, written one by one so a large
    report is never held whole) to ``path`` through a temporary file in the same folder, then
    ``os.replace`` it into place, so readers see the old file or the new one, never a part."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(handle, _mode(target))
        with os.fdopen(handle, "wb") as stream:
            for piece in [text.encode("utf-8")] if isinstance(text, str) else text:
                stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
