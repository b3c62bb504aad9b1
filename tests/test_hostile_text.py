"""Hostile text (the robustness issue, part 4): every pattern runs in time linear in the text.

Two halves. A static lint fails on nested unbounded quantifiers (``(\\w+\\s?)*``: a repeat
inside a repeat, both unbounded), the shape that makes a backtracking engine exponential; it
reads every string of every language data file, every regex literal of ``checker/**/*.py``, and
every regex the checker actually compiles while analysing (patterns assembled from data at run
time included). Then the full extraction runs on pathological inputs of doubling size: each
doubling may cost at most ``BOUND`` times the previous size, measured as process CPU time (the
best of up to three runs), never against a fixed number of seconds.
"""

from __future__ import annotations

import ast
import gc
import json
import math
import re
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from re import _parser as sre_parse  # the parser behind re.compile: what the engine will run
from re._constants import (
    ASSERT, ASSERT_NOT, ATOMIC_GROUP, BRANCH, GROUPREF_EXISTS, MAX_REPEAT, MAXREPEAT, MIN_REPEAT,
    POSSESSIVE_REPEAT, SUBPATTERN,
)

from checker.extract.names import KnownPeople
from checker.extract.record import extract_article
from checker.extract.text import ArticleText
from checker.lang import DATA_DIR, expand_pattern, load_languages
from checker.models import Document

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "checker"
LANGUAGES = load_languages()
KNOWN = KnownPeople.load()

# --- the lint ---------------------------------------------------------------------------------

_REPEATS = (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT)


def nested_unbounded(pattern: str | bytes, flags: int = 0) -> list[str]:
    """Each unbounded repeat that sits inside another unbounded repeat, as ``outer > inner``
    (``min,inf``). A possessive repeat or an atomic group gives nothing back to backtrack into,
    so it does not count as an outer repeat."""
    found: list[str] = []

    def walk(items, outer: str | None) -> None:
        for op, av in items:
            if op in _REPEATS:
                low, high, sub = av
                unbounded = high == MAXREPEAT
                here = f"{{{low},inf}}"
                if unbounded and outer:
                    found.append(f"{outer} > {here}")
                walk(sub, here if unbounded and op is not POSSESSIVE_REPEAT else outer)
            elif op is SUBPATTERN:
                walk(av[-1], outer)
            elif op is BRANCH:
                for branch in av[1]:
                    walk(branch, outer)
            elif op in (ASSERT, ASSERT_NOT):
                walk(av[1], outer)
            elif op is ATOMIC_GROUP:
                walk(av, None)
            elif op is GROUPREF_EXISTS:
                walk(av[1], outer)
                if av[2] is not None:
                    walk(av[2], outer)

    walk(sre_parse.parse(pattern, flags), None)
    return found


@pytest.mark.parametrize(("pattern", "nested"), [
    (r"(a+)+b", True),
    (r"(?:\w+\s?)*$", True),
    (r"(?:x|(?:ab*)+)c", True),
    (r"(?=(?:\s*,)*)", True),
    (r"(?:a{2,}){3,}", True),
    (r"(?:a+?)*?", True),
    (r"(?:\w+ ){0,4}x", False),
    (r"(?:ab){1,50}", False),
    (r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?", False),
    (r"(?>\w+)+x", False),
    (r"(?:\w+)*+x", False),
    (r"\s*\w+\s*", False),
])
def test_the_lint_tells_nested_unbounded_repeats(pattern, nested):
    assert bool(nested_unbounded(pattern)) is nested


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _lint_data(path: Path) -> list[str]:
    """Every string of a data file, read as the loader reads a pattern (its conveniences applied);
    a string that is no valid pattern is a word list's literal and cannot nest anything."""
    problems = []
    for string in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
        try:
            nested = nested_unbounded(expand_pattern(string))
        except re.error:
            continue
        if nested:
            problems.append(f"{path.name}: {string!r}: {', '.join(nested)}")
    return problems


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_language_data_patterns_have_no_nested_unbounded_repeats(path):
    assert _lint_data(path) == []


def test_the_data_lint_reads_every_string_as_the_loader_does(tmp_path):
    """A space in a data pattern means "any white space" (``\\s+``, or ``\\s*`` for ``" ?"``):
    inside a repeated group it nests one unbounded repeat in another, as the second pattern's
    word and space do."""
    sample = tmp_path / "xx.toml"
    sample.write_text(
        '[language]\ncode = "xx"\n[[roles]]\npattern = "(?:chef )+de"\nexample = "x"\n'
        '[location]\nnot_after = ["(?:\\\\w+ ?)*", "(?:\\\\w+ ){0,3}"]\n'
    )
    assert _lint_data(sample) == [
        "xx.toml: '(?:chef )+de': {1,inf} > {1,inf}",
        "xx.toml: '(?:\\\\w+ ?)*': {0,inf} > {1,inf}, {0,inf} > {0,inf}",
    ]


_RE_FUNCTIONS = frozenset({"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"})


def _static_string(node: ast.AST, constants: dict[str, str | bytes]) -> str | bytes | None:
    """The pattern a source expression spells, as far as the source alone tells: string and bytes
    literals, module constants, ``+`` of those, and f-strings with each ``{value}`` read as the
    constant it names or else as one plain character (its own pattern is linted where it is built)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value)
            else:
                named = _static_string(value.value, constants)
                parts.append(named if isinstance(named, str) else "x")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _static_string(node.left, constants), _static_string(node.right, constants)
        if isinstance(left, type(right)) and left is not None:
            return left + right
    return None


def regex_literals(source: str) -> list[tuple[int, str | bytes]]:
    """``(line, pattern)`` of every ``re.<function>(pattern, ...)`` call whose pattern the source
    spells out."""
    tree = ast.parse(source)
    constants: dict[str, str | bytes] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and [type(t) for t in statement.targets] == [ast.Name]:
            value = _static_string(statement.value, constants)
            if value is not None:
                constants[statement.targets[0].id] = value
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute)
                and node.func.attr in _RE_FUNCTIONS and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"):
            pattern = _static_string(node.args[0], constants)
            if pattern is not None:
                found.append((node.lineno, pattern))
    return found


SOURCES = sorted(CHECKER.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(CHECKER).as_posix())
def test_regex_literals_in_the_code_have_no_nested_unbounded_repeats(path):
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {pattern!r}: {', '.join(nested)}"
        for line, pattern in regex_literals(path.read_text(encoding="utf-8"))
        if (nested := nested_unbounded(pattern))
    ]
    assert problems == []


def test_the_source_lint_finds_literals_constants_and_fstrings():
    source = textwrap.dedent('''
        import re
        WORD = r"(?:\\w+-?)+"
        A = re.compile(WORD)
        B = re.compile(rf"{WORD}|(?:{other}\\s*)+")
        C = re.search("(x+)+", text)
        D = re.compile(r"[a-z]+")
        E = re.compile("|".join(words))
    ''')
    flagged = [line for line, pattern in regex_literals(source) if nested_unbounded(pattern)]
    assert flagged == [4, 5, 6]
    assert len(regex_literals(source)) == 4


_CAPTURE = '''
import json, os, re, sys
checker, re_dir = sys.argv[1], os.path.dirname(re.__file__)
seen, real_compile = {}, re._compile

def spy(pattern, flags):
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(re_dir):
        frame = frame.f_back
    if frame is not None and frame.f_code.co_filename.startswith(checker):
        text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
        where = f"{os.path.relpath(frame.f_code.co_filename, os.path.dirname(checker))}:{frame.f_lineno}"
        seen.setdefault((text, int(flags), isinstance(pattern, bytes)), where)
    return real_compile(pattern, flags)

re._compile = spy
from checker.extract.names import KnownPeople
from checker.extract.record import extract_article
from checker.lang import load_languages
from checker.models import Document
from checker.pipeline import analyse

analyse(sys.argv[2:])
languages, known = load_languages(), KnownPeople.load()
for code in [*languages, "und"]:
    sample = "M. A B, le 3 mai 2024 a Rabat. " + " ".join(languages[code].months if code in languages else [])
    extract_article(Document(id="x", path="x.txt", text=sample, language=code), languages, known)
json.dump([[*key, where] for key, where in seen.items()], sys.stdout)
'''


def test_every_regex_compiled_while_analysing_has_no_nested_unbounded_repeats(tmp_path):
    """Patterns assembled at run time from language data (date grammars, whole pattern tables
    with their word boundaries, location cues) are invisible to a reading of the source: a fresh
    interpreter records every pattern that code under ``checker/`` compiles while it analyses the
    seeds and a sample in each shipped language."""
    html = tmp_path / "page.html"
    html.write_text("<html><head><meta charset='utf-8'></head><body><p>Texte.</p></body></html>", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", _CAPTURE, str(CHECKER) + "/", str(ROOT / "seeds"), str(html)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    compiled = json.loads(run.stdout)
    assert len(compiled) > 100  # tables of every language, date grammars, module constants
    problems = [
        f"{where}: {text[:200]!r}: {', '.join(nested)}"
        for text, flags, is_bytes, where in compiled
        if (nested := nested_unbounded(text.encode("latin-1") if is_bytes else text, flags))
    ]
    assert problems == []


# --- linear time ------------------------------------------------------------------------------

BOUND = 2.5  # the most one doubling of the input may multiply the work by (linear: about 2)
RUNS = 5  # runs per size at most; the best counts (a shared machine can slow any one of them)
START = 32  # the first size is n / START: a cheap calibration that also guards the run of size n


class _TooSlow(Exception):
    pass


def _on_alarm(signum, frame):
    raise _TooSlow


def _cpu_seconds(text: str, language: str, limit: float | None) -> float:
    """CPU time of one full extraction of ``text``; ``math.inf`` once past ``limit`` (a CPU-time
    alarm interrupts it, regex matching included, so a runaway case costs little). The thread's
    clock, not the process's: while the alarm is armed, Linux counts the process's CPU time in
    ticks of 4 ms, coarser than a run of the smaller sizes, and the ratio of two such readings
    failed the bound at random."""
    document = Document(id="hostile", path="hostile.txt", text=text, language=language)
    previous = signal.signal(signal.SIGPROF, _on_alarm)
    started = time.thread_time()
    try:
        if limit is not None:
            signal.setitimer(signal.ITIMER_PROF, limit)
        extract_article(document, LANGUAGES, KNOWN)
        return time.thread_time() - started
    except _TooSlow:
        return math.inf
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def assert_linear(make: Callable[[int], str], language: str, n: int) -> None:
    """Extraction of ``make(size)`` for sizes n/START, n and 2n: going from n to 2n may multiply
    the work by BOUND at most, and from n/START to n by BOUND per doubling. A size runs again (up
    to RUNS times, the best kept) only while over its bound, so noise does not fail the test, a
    linear case costs little more than one run of n and one of 2n, and a quadratic one is stopped
    by the alarm at twice its bound. Every run reads a text of its own (the same but for as many
    trailing spaces as runs before it): the extractors keep a few results per text, and a run
    again of one text would time those, not the work."""
    extract_article(Document(id="w", path="w.txt", text=make(8), language=language), LANGUAGES, KNOWN)  # warm caches
    sizes = (max(n // START, 1), n, 2 * n)
    gc.collect()
    gc.disable()
    try:
        before = min(_cpu_seconds(make(sizes[0]) + " " * run, language, None) for run in range(RUNS))
        for small, size in zip(sizes, sizes[1:]):
            allowed, text, best = BOUND ** math.log2(size / small), make(size), math.inf
            for run in range(RUNS):
                best = min(best, _cpu_seconds(text + " " * run, language, 2 * allowed * before))
                if best <= allowed * before:
                    break
            factor = "more than twice that" if math.isinf(best) else f"{best / before:.2f}"
            assert best <= allowed * before, (
                f"{language} input {make(12)!r}...: from {small} to {size} units the work grew by {factor} "
                f"(at most {allowed:.2f} allowed)"
            )
            before = best
    finally:
        gc.enable()


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda count: unit * count


# (id, the text of a given size, language, n: the text doubles from n/8 to 2n)
PATHOLOGICAL = [
    ("million-character-line", lambda size: "a" * size, "fr", 500_000),
    ("M.", _repeat("M. "), "fr", 10_000),
    ("sayyid", _repeat("السيد "), "ar", 10_000),
    ("M.-undetermined-language", _repeat("M. "), "und", 10_000),
    ("digits", lambda size: "7" * size, "fr", 20_000),
    ("day-numbers", _repeat("27 "), "fr", 10_000),
    ("eastern-arabic-digits", _repeat("٢٧ "), "ar", 5_000),
    ("weekday", _repeat("mardi "), "fr", 10_000),
    ("weekday-ar", _repeat("الثلاثاء "), "ar", 5_000),
    ("capitalised-words", _repeat("Aa "), "fr", 5_000),
    ("one-sentence-of-roles", _repeat("Jean Dupont, directeur de la police, "), "fr", 2_000),
    ("dates", _repeat("le 3 mars 2024, "), "fr", 1_000),
    ("brackets", _repeat("("), "fr", 10_000),
    ("blank-lines", _repeat("\n"), "fr", 10_000),
]


@pytest.mark.parametrize(("make", "language", "n"), [p[1:] for p in PATHOLOGICAL], ids=[p[0] for p in PATHOLOGICAL])
def test_extraction_is_linear_on_pathological_input(make, language, n):
    assert_linear(make, language, n)


def test_extraction_is_linear_on_titled_names():
    assert_linear(_repeat("M. Dupont, "), "fr", 2000)


def test_extraction_is_linear_on_repeated_instrument_names():
    assert_linear(_repeat("mémorandum d'entente "), "fr", 1600)


def test_sentence_lookup_does_not_grow_with_the_sentence_count():
    def lookups(count: int) -> float:
        article = ArticleText(Document(id="s", path="s.txt", text="x. " * count), LANGUAGES["fr"])
        starts = [start for start, _ in article.sentences]
        began = time.process_time()
        for start in starts:
            article.sentence_at(start)
        return time.process_time() - began

    small = min(lookups(20_000) for _ in range(RUNS))
    assert min(lookups(40_000) for _ in range(RUNS)) <= BOUND * small
