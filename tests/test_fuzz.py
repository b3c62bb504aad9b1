"""Property tests (the robustness issue, part 6): arbitrary text and bytes never break a run.

The reader gets arbitrary bytes under every article suffix; every extractor (through
``extract_article``) gets arbitrary text in French, Arabic and an undetermined language, built
partly from the language data's own words and examples so that the extractors' rarer paths run,
not only their "nothing found" path. Properties: nothing raises; every span quotes exactly the
text it points at; the records do not depend on the file's line endings.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from checker.extract.names import KnownPeople
from checker.extract.record import extract_article
from checker.lang import PATTERN_TABLES, load_languages
from checker.models import Document, Skipped, Span
from checker.read import read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "robustness"
SEEDS = Path(__file__).parent.parent / "seeds"
LANGUAGES = load_languages()
KNOWN = KnownPeople.load()
SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".html", ".htm")
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _vocabulary(code: str) -> list[str]:
    """Words and phrases the extractors react to: the examples of every table entry, month and
    weekday names, relative days, and the furniture markers."""
    lang = LANGUAGES[code]
    words = [e.example for name in PATTERN_TABLES for e in lang.table(name).entries]
    words += [*lang.months, *lang.weekdays, *lang.relative_days, *lang.furniture_lines, *lang.furniture_tail]
    return sorted(set(words))


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


PIECES = {code: _vocabulary(code) for code in ("fr", "ar")}
SEPARATORS = [" ", "  ", "\n", "\n\n", ". ", ", ", " - ", " : ", "، ", "؟ ", "\t", "« ", " »", "(", ")", "\u00a0"]


def article_text(code: str) -> st.SearchStrategy[str]:
    """Text mixing the language's own vocabulary (both languages for "und"), numbers, capitalised
    invented names, separators and arbitrary characters; vocabulary and names weigh most."""
    vocabulary = PIECES.get(code) or PIECES["fr"] + PIECES["ar"]
    word = st.one_of(
        st.sampled_from(vocabulary),
        st.sampled_from(vocabulary),
        st.from_regex(r"[A-ZÉ][a-zéèï]{1,8}( [A-Z][a-z]{2,9}){0,2}", fullmatch=True),
        st.integers(0, 3000).map(str),
        st.text(max_size=8),
    )
    piece = st.tuples(word, st.sampled_from(SEPARATORS)).map("".join)
    return st.lists(piece, min_size=1, max_size=40).map("".join)


BASES = {
    "fr": [(FIXTURES / "invented_fr.txt").read_text(encoding="utf-8"), *(_seed(p) for p in ("000", "001", "002"))],
    "ar": [_seed("004")],
}


def edited_article(code: str) -> st.SearchStrategy[str]:
    """A real article (invented, or a seed) with random cuts and insertions: text that keeps most
    of what the extractors look for while breaking it at arbitrary places."""
    bases = BASES.get(code) or BASES["fr"] + BASES["ar"]
    edit = st.tuples(st.floats(0, 1), st.integers(0, 40), st.one_of(st.text(max_size=10), st.sampled_from(SEPARATORS)))

    def apply(base: str, edits: list[tuple[float, int, str]]) -> str:
        for where, cut, insert in edits:
            at = int(where * len(base))
            base = base[:at] + insert + base[at + cut:]
        return base

    return st.builds(apply, st.sampled_from(bases), st.lists(edit, max_size=8))


def spans(value: object) -> Iterator[Span]:
    """Every Span inside a model, however deeply nested."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from spans(getattr(value, name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from spans(item)


def assert_spans_quote_the_text(text: str, article) -> None:
    for span in spans(article.record):
        assert 0 <= span.start <= span.end <= len(text)
        assert span.text == text[span.start:span.end]
        assert span.line == text.count("\n", 0, span.start) + 1


def extract(text: str, language: str | None):
    return extract_article(Document(id="fuzz", path="fuzz.txt", text=text, language=language), LANGUAGES, KNOWN)


# --- the reader -------------------------------------------------------------------------------

@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_reader_takes_any_bytes_under_any_suffix(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"any{suffix}"
        path.write_bytes(data)
        documents, skipped = read_paths([path])
    assert documents or skipped
    for document in documents:
        assert "\r" not in document.text and not document.text.startswith("\ufeff") and document.text.strip()
        document.model_dump_json().encode("utf-8")  # printable: no lone surrogate anywhere
    for entry in skipped:
        assert isinstance(entry, Skipped) and entry.reason and "\n" not in entry.reason


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
article_objects = st.fixed_dictionaries(
    {}, optional={key: json_values for key in ("text", "id", "title", "language", "published", "outlet", "url")}
)


@FUZZ
@given(st.lists(st.one_of(article_objects, json_values), min_size=1, max_size=5))
def test_reader_takes_any_json_lines(values):
    lines = [json.dumps(v) for v in values]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lot.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        documents, skipped = read_paths([path])
    expected = sum(isinstance(v, dict) and isinstance(v.get("text"), str) and v["text"].strip() != "" for v in values)
    assert len(documents) == expected
    assert len(documents) + len(skipped) == len(values)
    assert len({d.id for d in documents}) == len(documents)


# --- the extractors ---------------------------------------------------------------------------

@FUZZ
@given(st.data())
def test_extraction_never_raises_and_spans_quote_the_text(data):
    language = data.draw(st.sampled_from(["fr", "ar", "und", None]))
    text = data.draw(st.one_of(article_text(language or "und"), edited_article(language or "und")))
    article = extract(text, language)
    assert_spans_quote_the_text(text, article)
    if language is not None:
        assert article.language == language


@FUZZ
@given(text=st.text(max_size=400), language=st.sampled_from(["fr", "ar", "und"]))
def test_extraction_of_arbitrary_characters(text, language):
    assert_spans_quote_the_text(text, extract(text, language))


@FUZZ
@given(st.data())
def test_records_do_not_depend_on_line_endings(data):
    language = data.draw(st.sampled_from(["fr", "ar", "und"]))
    text = data.draw(st.one_of(article_text(language), edited_article(language)).filter(lambda t: "\r" not in t))
    with tempfile.TemporaryDirectory() as folder:
        read = {}
        for ending in ("\n", "\r\n"):
            path = Path(folder) / ("crlf" if ending == "\r\n" else "lf") / "article.txt"
            path.parent.mkdir()
            path.write_bytes(text.replace("\n", ending).encode("utf-8"))
            read[ending] = read_paths([path])
    (lf_documents, lf_skipped), (crlf_documents, crlf_skipped) = read["\n"], read["\r\n"]
    assert [s.reason for s in lf_skipped] == [s.reason for s in crlf_skipped]
    assert [d.text for d in lf_documents] == [d.text for d in crlf_documents]
    for lf, crlf in zip(lf_documents, crlf_documents):
        lf_article = extract_article(lf.model_copy(update={"language": language}), LANGUAGES, KNOWN)
        crlf_article = extract_article(crlf.model_copy(update={"language": language}), LANGUAGES, KNOWN)
        assert lf_article.record == crlf_article.record
        assert_spans_quote_the_text(lf.text, lf_article)
