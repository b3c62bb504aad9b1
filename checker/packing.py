"""Articles as nested tuples: cheap to send between processes, and a key that keeps equal values
once. Documents travel the other way as tuples too.

Extraction runs in worker processes (``checker.parallel``); what comes back is every article's
record, some thirty pydantic objects each. Pickling those objects, and rebuilding them on the
other side, cost more than a third of the extraction itself: pickle calls Python code for every
object both ways. A packed article is made only of tuples, strings, numbers and ``None``, which
pickle reads and writes at C speed.

Unpacking is where a run decides what it keeps: reports of one meeting repeat each other's facts,
and syndicated copies whole quotes at the same offsets, so an ``Unpacker`` makes equal values one
object (the packed tuple, hashed at C speed, is the key): memory follows what the articles say
that differs, not how many times it is said. Values were validated when the worker built them,
so they are not validated again; every field of an unpacked model counts as set, and all objects
of a class share that one set (a frozen model never changes it: ``model_copy`` copies it first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from checker.models import Article, ClaimRecord, Document, trusted

Packed = tuple
"""A packed model: its field values in declaration order, nested models packed in turn."""

@dataclass(frozen=True)
class _Layout:
    """How one model class packs: its field names, and which fields hold models (``single``)
    or tuples of models (``several``), with those models' layouts."""

    cls: type[BaseModel]
    names: tuple[str, ...]
    single: tuple[tuple[int, _Layout], ...]
    several: tuple[tuple[int, _Layout], ...]

    @property
    def values(self) -> Callable[[BaseModel], tuple]:
        getter = attrgetter(*self.names)
        return getter if len(self.names) > 1 else lambda model: (getter(model),)


def _model_class(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


@cache
def _layout(cls: type[BaseModel]) -> _Layout:
    """The layout of ``cls``, read from its field annotations. A field holding a model in any
    other way (a list, a union with something else) is refused at once: it could not be packed."""
    single: list[tuple[int, _Layout]] = []
    several: list[tuple[int, _Layout]] = []
    for i, (name, field) in enumerate(cls.model_fields.items()):
        annotation, origin, args = field.annotation, get_origin(field.annotation), get_args(field.annotation)
        if (model := _model_class(annotation)) is not None:
            single.append((i, _layout(model)))
        elif origin is tuple and len(args) == 2 and args[1] is Ellipsis and (model := _model_class(args[0])):
            several.append((i, _layout(model)))
        elif any(_model_class(arg) for arg in args):
            raise TypeError(f"{cls.__name__}.{name}: a model field must be a model or a tuple of models")
    return _Layout(cls, tuple(cls.model_fields), tuple(single), tuple(several))


@cache
def _packer(layout: _Layout) -> Callable[[BaseModel], Packed]:
    values = layout.values
    if not layout.single and not layout.several:
        return values
    single = tuple((i, _packer(sub)) for i, sub in layout.single)
    several = tuple((i, _packer(sub)) for i, sub in layout.several)

    def pack(model: BaseModel) -> Packed:
        packed = list(values(model))
        for i, pack_one in single:
            packed[i] = pack_one(packed[i])
        for i, pack_one in several:
            packed[i] = tuple(map(pack_one, packed[i]))
        return tuple(packed)

    return pack


def pack(article: Article) -> Packed:
    """``article`` as nested tuples of plain values (``Unpacker`` gives it back)."""
    return _packer(_layout(Article))(article)


_DOCUMENT_FIELDS = tuple(Document.model_fields)
_DOCUMENT_FIELDS_SET = set(_DOCUMENT_FIELDS)


def pack_document(document: Document) -> Packed:
    """``document`` as the tuple of its field values: what a worker process is sent to extract.
    A tuple pickles at C speed both ways, where a model costs Python code for each document."""
    return _packer(_layout(Document))(document)


def unpack_document(packed: Packed) -> Document:
    """The Document ``pack_document`` packed, without validating again (it was when read)."""
    return trusted(Document, dict(zip(_DOCUMENT_FIELDS, packed)), _DOCUMENT_FIELDS_SET)


class Unpacker:
    """Rebuilds packed articles, keeping each distinct value once: two equal records, spans,
    dates or people unpacked by one Unpacker are one object. The table lives as long as the
    Unpacker; an article itself (its id is its own) is never looked up in it."""

    def __init__(self) -> None:
        self._known: dict[type, dict[Packed, BaseModel]] = {}
        self._fields_set: dict[type, set[str]] = {}
        self._article = self._unpacker(_layout(Article), shared=False)

    def __call__(self, packed: Packed) -> Article:
        return self._article(packed)

    def _unpacker(self, layout: _Layout, shared: bool = True) -> Callable[[Packed], BaseModel]:
        cls, names = layout.cls, layout.names
        fields_set = self._fields_set.setdefault(cls, set(names))
        single = tuple((i, self._unpacker(sub)) for i, sub in layout.single)
        several = tuple((i, self._unpacker(sub)) for i, sub in layout.several)
        known = self._known.setdefault(cls, {})

        def build(packed: Packed) -> BaseModel:
            values = list(packed)
            for i, unpack_one in single:
                values[i] = unpack_one(values[i])
            for i, unpack_one in several:
                values[i] = tuple(map(unpack_one, values[i]))
            return trusted(cls, dict(zip(names, values)), fields_set)

        if not shared:
            return build

        def unpack(packed: Packed) -> BaseModel:
            model = known.get(packed)
            if model is None:
                model = known[packed] = build(packed)
            return model

        return unpack


def by_record(articles: Iterable[Article]) -> list[tuple[ClaimRecord, list[Article]]]:
    """The distinct records of ``articles``, each with the articles that hold it, in the order
    of their first article. Copies of one report (a wire story run by many outlets) unpacked by
    one ``Unpacker`` hold one record object: what is asked of the record is then asked once."""
    found: dict[int, tuple[ClaimRecord, list[Article]]] = {}  # by object: alive while ``articles`` are
    for article in articles:
        record = article.record
        held = found.get(id(record))
        if held is None:
            found[id(record)] = (record, [article])
        else:
            held[1].append(article)
    return list(found.values())


__all__ = ["Packed", "Unpacker", "by_record", "pack", "pack_document", "unpack_document"]
