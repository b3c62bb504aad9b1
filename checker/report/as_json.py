"""The JSON report: exactly the outside contract's shape, byte-identical for identical input.

It is written in pieces, one article, event or finding at a time: the report of a large run
(about 11 kB an article, most of it the quotes of findings) is larger than everything else the
run holds, so it is never built whole, neither as a tree of Python objects nor as one string.
Each piece is pydantic's own JSON of that model, indented to its depth, so the whole is the bytes
``json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)`` gives (a test holds
it to that) at a tenth of the cost: with an indent ``json.dumps`` runs its pure-Python encoder.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType

from pydantic import BaseModel

from checker.models import Report

_INDENT = b"  "


def _nested(model: BaseModel, depth: int) -> bytes:
    """``model`` as indented JSON whose lines after the first sit ``depth`` levels deep. A JSON
    string holds no raw line break, so every one in the text starts a new line of layout."""
    text = model.__pydantic_serializer__.to_json(model, indent=2)
    return text.replace(b"\n", b"\n" + _INDENT * depth)


def array_items(items: Iterable[BaseModel], depth: int, first: bool = True) -> Iterator[bytes]:
    """The items of a JSON array ``depth`` levels deep, one piece an item: what lies between
    its brackets but for the line break before the closing one (``first``: from its first item;
    else from one after others already written)."""
    for position, item in enumerate(items, start=0 if first else 1):
        yield (b",\n" if position else b"\n") + _INDENT * depth + _nested(item, depth)


def json_chunks(report: Report, rendered: Mapping[str, Callable[[], Iterable[bytes]]] = MappingProxyType({})) -> Iterator[bytes]:
    """The report as UTF-8 JSON (two-space indent, trailing newline), one piece at a time.

    ``rendered`` gives, for a list of the report, the pieces of its items rendered already
    (``array_items`` at depth 2, elsewhere: see ``checker.report.ahead``)."""
    yield b"{"
    for index, name in enumerate(type(report).model_fields):
        value = getattr(report, name)
        key = json.dumps(name).encode("utf-8")
        yield (b"," if index else b"") + b"\n" + _INDENT + key + b": "
        if isinstance(value, tuple) and value:
            yield b"["
            yield from rendered[name]() if name in rendered else array_items(value, 2)
            yield b"\n" + _INDENT + b"]"
        elif isinstance(value, BaseModel):
            yield _nested(value, 1)
        else:
            yield json.dumps(value, ensure_ascii=False).encode("utf-8")
    yield b"\n}\n"


def render_json(report: Report) -> str:
    """The whole JSON report as one string (for callers that want text, not a file)."""
    return b"".join(json_chunks(report)).decode("utf-8")
