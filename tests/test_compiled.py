"""The cache of compiled patterns (``checker.compiled``): a pattern taken from it behaves as the
one ``re.compile`` makes, whatever state the cache file is in, and a run's report does not
depend on it."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys

import pytest

from checker import cli, compiled
from checker.extract.record import extract_article
from checker.extract.names import KnownPeople
from checker.lang import load_languages
from checker.read import read_paths
from tests.helpers import ROOT, SEEDS

# Named groups, look-behind, conditionals, classes beyond ASCII, case-insensitivity: what the
# tables use, and what the code handed to the engine must carry.
PATTERNS = [
    (r"(?<!\w)(?:mémorandum|protocole) d['’]entente", re.IGNORECASE),
    (r"(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]+)(?:\s+(?P<year>\d{4}))?", 0),
    (r"(?<![\u0600-\u06ff])[\u0600-\u06ff]+(?=\s|$)", 0),
    (r"(a)?b(?(1)c|d)", re.IGNORECASE),
]
TEXTS = ["Le Mémorandum d’entente signé le 3 mars 2024.", "وقع الطرفان مذكرة تفاهم", "abc ABD bd xbc"]


def behaviour(pattern: re.Pattern) -> tuple:
    found = [(m.span(), m.groups()) for text in TEXTS for m in pattern.finditer(text)]
    return pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex), found


@pytest.fixture
def cache(tmp_path):
    compiled.use(tmp_path)
    yield tmp_path
    compiled.use(None)


def _no_compiling(pattern, flags):
    raise AssertionError(f"compiled again: {pattern!r}")


def cache_file(folder) -> object:
    (found,) = folder.glob("regex-*.marshal")
    return found


def test_patterns_from_the_cache_behave_as_re_compile_makes_them(cache, monkeypatch):
    fresh = [compiled.compile(p, f) for p, f in PATTERNS]
    compiled.save()
    compiled.use(cache)  # as the next run does: the file read again
    monkeypatch.setattr(compiled, "_code", _no_compiling)
    cached = [compiled.compile(p, f) for p, f in PATTERNS]
    for (pattern, flags), first, second in zip(PATTERNS, fresh, cached):
        assert behaviour(first) == behaviour(second) == behaviour(re.compile(pattern, flags))


def test_every_pattern_a_run_compiles_matches_from_the_cache_as_re_compile(cache):
    """All the patterns of a real run (the language tables, the word-start scans, the date
    grammars), taken from the cache, find the same matches in the seeds as ``re.compile``'s."""
    documents, _ = read_paths([str(SEEDS)])
    languages, known = load_languages(), KnownPeople.load()
    for document in documents:
        extract_article(document, languages, known)
    compiled.save()
    patterns = [key for key in marshal.loads(cache_file(cache).read_bytes()) if len(key) == 2]  # (pattern, flags)
    assert len(patterns) > 100
    compiled.use(cache)
    texts = [d.text for d in documents]
    for pattern, flags in patterns:
        ours, theirs = compiled.compile(pattern, flags), re.compile(pattern, flags)
        assert (ours.flags, ours.groupindex) == (theirs.flags, theirs.groupindex)
        for text in texts:
            assert [m.regs for m in ours.finditer(text)] == [m.regs for m in theirs.finditer(text)], pattern[:80]


def test_a_damaged_cache_file_is_compiled_around_and_replaced(cache):
    compiled.compile(*PATTERNS[0])
    compiled.save()
    cache_file(cache).write_bytes(b"\x00not marshal at all")
    compiled.use(cache)
    assert behaviour(compiled.compile(*PATTERNS[1])) == behaviour(re.compile(*PATTERNS[1]))
    compiled.save()
    assert list(marshal.loads(cache_file(cache).read_bytes())) == [(PATTERNS[1][0], PATTERNS[1][1])]


def test_a_damaged_entry_is_refused_and_compiled_afresh(cache):
    pattern, flags = PATTERNS[1]
    compiled.compile(pattern, flags)
    compiled.save()
    path = cache_file(cache)
    entries = marshal.loads(path.read_bytes())
    first, code, *rest = entries[(pattern, flags)]
    entries[(pattern, flags)] = (first, code[: len(code) // 2], *rest)  # code the engine must refuse
    path.write_bytes(marshal.dumps(entries))
    compiled.use(cache)
    assert behaviour(compiled.compile(pattern, flags)) == behaviour(re.compile(pattern, flags))


def test_an_invalid_pattern_raises_re_error_as_re_compile_does(cache):
    with pytest.raises(re.error):
        compiled.compile("(unclosed")
    compiled.use(None)
    with pytest.raises(re.error):
        compiled.compile("(unclosed")


def test_nothing_is_written_without_a_folder(tmp_path):
    compiled.use(None)
    compiled.compile(r"\bnowhere\b")
    compiled.save()
    assert compiled.directory() is None


def test_a_folder_that_cannot_be_made_only_costs_the_cache(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    compiled.use(blocked / "cache")  # its parent is a file: the folder cannot be made
    try:
        assert compiled.compile(*PATTERNS[0]).search(TEXTS[0])
        compiled.save()
    finally:
        compiled.use(None)
    assert blocked.read_text() == ""


def test_a_cache_grown_too_large_starts_again_from_what_this_run_uses(cache, monkeypatch):
    for pattern, flags in PATTERNS[:3]:
        compiled.compile(pattern, flags)
    compiled.save()
    compiled.use(cache)  # the next run needs one pattern of them, and one new
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 3)
    compiled.compile(*PATTERNS[0])
    compiled.compile(*PATTERNS[3])
    compiled.save()
    kept = set(marshal.loads(cache_file(cache).read_bytes()))
    assert kept == {PATTERNS[0], PATTERNS[3]}


def test_only_the_latest_releases_files_are_kept(cache):
    ours = compiled._file_name()
    python = ours[: ours.rindex("-")]
    older = [cache / f"{python}-{n:08x}.marshal" for n in range(compiled.RELEASES_KEPT + 2)]
    for age, path in enumerate(older):
        path.write_bytes(marshal.dumps({}))
        os.utime(path, (1_000_000 - age, 1_000_000 - age))  # the first is the latest
    other_python = cache / "regex-otherpython-1.0-1-4-00000000.marshal"
    other_python.write_bytes(b"")
    compiled.compile(*PATTERNS[0])
    compiled.save()
    left = {path.name for path in cache.iterdir()}
    assert left == {ours, other_python.name, *(path.name for path in older[: compiled.RELEASES_KEPT])}


def run_check(*argv: str) -> str:
    """The JSON report of the seeds from a fresh ``check`` process (patterns compiled in this one
    stay compiled: only a new process starts cold)."""
    command = [sys.executable, "-m", "checker.cli", str(SEEDS), "--format", "json", "--fail-on", "never", *argv]
    return subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout


def test_the_report_is_the_same_with_a_cold_cache_a_warm_one_and_none(tmp_path):
    cold = run_check("--cache-dir", str(tmp_path))
    written = cache_file(tmp_path).read_bytes()
    warm = run_check("--cache-dir", str(tmp_path))
    assert cache_file(tmp_path).read_bytes() == written  # nothing was missing
    none = run_check("--no-cache")
    assert cold == warm == none
    assert json.loads(cold)["articles"]


def test_where_the_cache_goes(tmp_path, monkeypatch):
    args = cli.build_parser().parse_args
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cli.cache_directory(args(["--cache-dir", "given"])) == "given"
    assert cli.cache_directory(args([])) == str(tmp_path / "env")
    assert cli.cache_directory(args(["--no-cache", "--cache-dir", "given"])) is None
    monkeypatch.delenv("CHECKER_CACHE_DIR")
    assert cli.cache_directory(args([])) == str(tmp_path / "xdg" / "news-fact-checker")


def _load_module(path, name):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STEP = '''
from checker import compiled

calls = []


@compiled.remembered
def spelled(word: str) -> tuple:
    calls.append(word)
    return tuple(sorted(set(word))) + ({VERSION},)
'''


def test_a_remembered_result_is_computed_once_and_then_read_from_the_cache(cache, tmp_path):
    source = tmp_path / "step.py"
    source.write_text(STEP.replace("{VERSION}", "1"), encoding="utf-8")
    first = _load_module(source, "step_a")
    assert first.spelled("rabat") == first.spelled("rabat") == ("a", "b", "r", "t", 1)
    assert first.calls == ["rabat"]
    compiled.save()
    compiled.use(cache)  # the next run, its module loaded afresh
    second = _load_module(source, "step_a")
    assert second.spelled("rabat") == ("a", "b", "r", "t", 1)
    assert second.calls == []


def test_a_file_of_another_release_is_not_read(cache, tmp_path, monkeypatch):
    source = tmp_path / "step.py"
    source.write_text(STEP.replace("{VERSION}", "1"), encoding="utf-8")
    assert _load_module(source, "step_b").spelled("fès") == ("f", "s", "è", 1)
    compiled.save()
    monkeypatch.setattr(compiled, "_release", lambda: 0x5EED)  # the checker's code edited
    compiled.use(cache)
    source.write_text(STEP.replace("{VERSION}", "2"), encoding="utf-8")
    edited = _load_module(source, "step_b")
    assert edited.spelled("fès") == ("f", "s", "è", 2)
    assert edited.calls == ["fès"]
