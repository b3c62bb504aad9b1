"""Regular expressions compiled once per machine, not once per run.

The language tables become some eight hundred regular expressions, a few of them tens of
kilobytes long (a language's word-start scan, the alternation of all its titles). Python's
``re`` parses and compiles a pattern in Python code: about 0.2 s of CPU at the start of every
worker process, a tenth of a run over a thousand articles. What compiling produces is a list of
integers, the regex engine's code, which the engine makes into a pattern object in microseconds.
So, as Python keeps the bytecode of modules in ``__pycache__``, the checker keeps that code in a
cache file: keyed by the pattern's text and flags (an edited data file makes new patterns, never
a stale one), one file per Python version, regex engine and release of the checker (a checksum
of its code and shipped language data, so that a file holds what one release makes and no more;
files of other releases are removed but for the latest few).

The code comes from the standard library's own compiler (``re._parser``, ``re._compiler``) and
goes to the engine's own constructor (``_sre.compile``) exactly as ``re.compile`` passes it.
Those are internals: where they are not as expected (another Python), where the cache cannot be
read or written, or where an entry is damaged, patterns are compiled the usual way and the run
is the same, only slower. The engine checks the code it is given, so a damaged entry is refused,
never run.

The same file keeps the results of the few slow steps that make those patterns out of the
data (``remembered``), keyed by their arguments: the release in the file's name stands for the
code that made them.

Only patterns made from the code and the language data go through here, never ones made from
an article's text: the cache holds what every run needs, and stops growing.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import platform
import re
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # not CPython: every pattern is compiled the usual way
    _sre = None

# Files of other releases kept (a user switching between two versions keeps both warm).
RELEASES_KEPT = 3
# More entries than this in one release's file (its language data edited many times over) and
# the file starts again from what the saving process uses.
MAX_ENTRIES = 10_000
# (pattern, flags) -> what ``_sre.compile`` takes after the pattern.
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
T = TypeVar("T")
_ABSENT = object()

_file: Path | None = None  # the cache file, when patterns are kept
# Entries: (pattern, flags) -> _Entry, and ("result", module, function, arguments) -> result.
_loaded: dict[tuple, object] | None = None  # the file's entries, once read
_new: dict[tuple, object] = {}  # made here and not yet saved
_used: set[tuple] = set()


def use(directory: str | os.PathLike[str] | None) -> None:
    """Keep compiled patterns in ``directory`` from now on (``None``: in this process only)."""
    global _file, _loaded
    _file = Path(directory) / _file_name() if directory is not None and _sre is not None else None
    _loaded = None
    _new.clear()
    _used.clear()


def directory() -> str | None:
    """Where compiled patterns are kept (``None``: nowhere), to pass on to worker processes."""
    return str(_file.parent) if _file is not None else None


def default_directory() -> Path:
    """The user's cache folder for the checker: ``$XDG_CACHE_HOME/news-fact-checker``, else
    ``~/.cache/news-fact-checker``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "news-fact-checker"


def _file_name() -> str:
    """One file per Python version and regex engine (the code is theirs) and per release of the
    checker (the patterns and results are its)."""
    python = f"{platform.python_implementation().lower()}-{platform.python_version()}"
    return f"regex-{python}-{_sre.MAGIC}-{_sre.CODESIZE}-{_release():08x}.marshal"


@functools.cache
def _release() -> int:
    """A checksum of the package's code and shipped language data (some 60 files, 0.5 MB, read
    in a few milliseconds): what decides the patterns a run makes, and the results of its steps."""
    package = Path(__file__).parent
    checksum = 0
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".toml") and p.is_file()):
        checksum = zlib.crc32(path.relative_to(package).as_posix().encode(), checksum)
        checksum = zlib.crc32(path.read_bytes(), checksum)
    return checksum


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's name, on purpose
    """``re.compile(pattern, flags)``, taken from the cache when it holds the pattern. A pattern
    that is not valid raises ``re.error``, as ``re.compile`` does."""
    if _file is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    entry = _entries().get(key) or _new.get(key)
    if entry is not None:
        try:
            compiled = _sre.compile(pattern, *entry)
            _used.add(key)
            return compiled
        except Exception:  # noqa: BLE001 - a damaged entry: compiled afresh below
            pass
    try:
        entry = _code(pattern, int(flags))
        compiled = _sre.compile(pattern, *entry)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals not as this module expects: the usual way
        return re.compile(pattern, flags)
    _new[key] = entry
    _used.add(key)
    return compiled


def remembered(function: Callable[..., T]) -> Callable[..., T]:
    """``function``, its results kept in the cache beside the patterns: for the few slow, pure
    steps that turn language data into patterns (reading a pattern's possible starts, spelling
    out a character class), which every worker would otherwise redo at its start.

    ``function`` takes and returns plain values (strings, numbers, tuples, frozensets, None).
    Its results are kept by its arguments, in the file of the checker's release, so edited code
    never meets a result of its former self. Within a process each result is also kept in
    memory, as ``functools.cache`` would."""
    known: dict[tuple, T] = {}

    @functools.wraps(function)
    def remembering(*args):
        if args in known:
            return known[args]
        key = ("result", function.__module__, function.__qualname__, args)
        result = _entries().get(key, _new.get(key, _ABSENT)) if _file is not None else _ABSENT
        if result is _ABSENT:
            result = function(*args)
            if _file is not None:
                _new[key] = result
        _used.add(key)
        known[args] = result
        return result

    return remembering


def _code(pattern: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` gives ``_sre.compile`` for ``pattern``, in plain values."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    return flags | state.flags, list(map(int, code)), state.groups - 1, dict(state.groupdict), tuple(indexgroup)


def _read(path: Path) -> dict[tuple, object]:
    """The entries of the cache file; none when there is none or it cannot be read."""
    try:
        entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _entries() -> dict[tuple, object]:
    global _loaded
    if _loaded is None:
        _loaded = _read(_file) if _file is not None else {}
    return _loaded


def save() -> None:
    """Add the patterns compiled since the last save to the cache file (nothing to do when
    none was). The file is read again and replaced whole, atomically: processes saving at once
    each leave a complete file, at worst without the other's patterns, compiled again next run."""
    global _loaded
    if not _new or _file is None:
        return
    entries = {**_read(_file), **_new}
    if len(entries) > MAX_ENTRIES:
        entries = {key: entry for key, entry in entries.items() if key in _used}
    _new.clear()  # tried once: a cache that cannot be written only makes the next run compile again
    try:
        data = marshal.dumps(entries)
    except ValueError:  # a result that is not plain values: kept in this process only
        return
    try:
        _file.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=_file.parent, prefix=".regex-")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, _file)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _loaded = entries
    _remove_other_releases()


def _remove_other_releases() -> None:
    """Remove the files of this Python's other releases of the checker, but the latest few."""
    python = _file.name[: -len(f"-{_release():08x}.marshal")]
    others = [path for path in _file.parent.glob(f"{python}-*.marshal") if path != _file]
    with contextlib.suppress(OSError):
        others.sort(key=lambda path: path.stat().st_mtime, reverse=True)
        for path in others[RELEASES_KEPT:]:
            path.unlink()


__all__ = ["MAX_ENTRIES", "RELEASES_KEPT", "compile", "default_directory", "directory", "remembered", "save", "use"]
