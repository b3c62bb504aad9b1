"""Packed articles come back equal, with equal values kept once, and nothing shared can change."""

from __future__ import annotations

import pickle

import pytest
from pydantic import BaseModel

from checker.extract.names import KnownPeople
from checker.extract.record import extract_article
from checker.lang import load_languages
from checker.models import Article, Document, Location, Span
from checker.packing import Unpacker, _layout, pack, pack_document, unpack_document
from checker.read import read_paths
from tests.helpers import SEEDS


@pytest.fixture(scope="module")
def extracted() -> list[Article]:
    documents, skipped = read_paths([str(SEEDS)])
    assert not skipped
    languages, known = load_languages(()), KnownPeople.load()
    return [extract_article(d, languages, known) for d in documents]


def through_a_process(articles: list[Article], unpack: Unpacker) -> list[Article]:
    """What the main process gets from a worker: packed, pickled, read back, unpacked."""
    return [unpack(packed) for packed in pickle.loads(pickle.dumps([pack(a) for a in articles]))]


def test_an_unpacked_article_is_the_article_in_every_field_and_in_json(extracted):
    back = through_a_process(extracted, Unpacker())
    assert back == extracted
    assert [a.model_dump_json() for a in back] == [a.model_dump_json() for a in extracted]
    assert [a.wording for a in back] == [a.wording for a in extracted]  # not in the JSON, still kept
    assert all(type(a.record.participants) is tuple for a in back)


def test_a_document_sent_to_a_worker_is_the_document_read():
    documents, _ = read_paths([str(SEEDS)])
    documents.append(Document(id="x", path="x.jsonl", text="---\nt: 1\n---\nTexte.", language="fr",
                              outlet="o", title="t", url="u", published="2024-05", furniture=((0, 13),)))
    back = [unpack_document(p) for p in pickle.loads(pickle.dumps([pack_document(d) for d in documents]))]
    assert back == documents
    assert [d.model_dump_json() for d in back] == [d.model_dump_json() for d in documents]


def test_equal_values_are_one_object_and_a_copy_never_touches_them(extracted):
    original = extracted[0]
    twin = extract_article(Document(id="twin", path=original.path, text=_text(original)),
                           load_languages(()), KnownPeople.load())
    first, second = through_a_process([original, twin], Unpacker())
    assert first.record == second.record and first is not second
    assert first.record is second.record  # extracted apart, kept once
    spans = [p.evidence for p in first.record.participants]
    assert spans and all(a is b for a, b in zip(spans, (p.evidence for p in second.record.participants)))
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    changed = first.model_copy(update={"title": "another"})
    assert changed.title == "another" and second.title == twin.title
    moved = first.record.model_copy(update={"location": Location(value="X")})
    assert moved.location.value == "X" and second.record.location == twin.record.location


def test_separate_unpackers_share_nothing(extracted):
    one, other = through_a_process(extracted[:1], Unpacker()), through_a_process(extracted[:1], Unpacker())
    assert one == other and one[0].record is not other[0].record


def test_a_model_field_that_cannot_be_packed_is_refused_when_the_layout_is_read():
    class Holder(BaseModel):
        spans: list[Span]

    with pytest.raises(TypeError, match="Holder.spans"):
        _layout(Holder)


def _text(article: Article) -> str:
    documents, _ = read_paths([str(SEEDS)])
    return next(d.text for d in documents if d.id == article.id)
