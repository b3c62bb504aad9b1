"""What a report may show beyond the contract's Report, and how a quote sits in its article.

The contract's Report carries spans (offsets, line, quoted text) but not the article texts: a
column for SARIF and GitHub annotations, or the sentence around a quote for the review page,
needs the text. The command line reads the articles again for those formats only and passes the
texts here; every use checks that the span's text is still that slice of it, so a file changed
between the two reads degrades to the bare quote instead of a wrong context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from checker.models import Event, Finding, Report, Span

if TYPE_CHECKING:
    from checker.baseline import BaselineEntry

SENTENCE_ENDS = ".!?؟。"
"""Characters that end a sentence when white space follows (a line break always does)."""
CONTEXT_REACH = 80
"""At most this many characters of context on each side of a quote."""
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "ur", "yi"})
"""Language codes written right to left."""
POSITIONAL_SUFFIXES = (".txt", ".md")
"""Article files whose decoded text is the file itself, so a span's line and column are
positions in the file; in HTML and JSON files they count in the text read out of it."""


@dataclass(frozen=True)
class Context:
    """Inputs some formats use besides the Report.

    ``baseline`` is the applied baseline's path (None when there was none); ``suppressed`` the
    findings it hid; ``stale`` its entries that matched nothing; ``texts`` article id to text;
    ``rendered`` the JSON of a list of the report rendered already, by its field name (the
    articles, see ``checker.report.ahead``).
    """

    baseline: str | None = None
    suppressed: tuple[Finding, ...] = ()
    stale: tuple[BaselineEntry, ...] = ()
    texts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    rendered: Mapping[str, Callable[[], Iterable[bytes]]] = field(default_factory=lambda: MappingProxyType({}))

    def text_of(self, article: str, span: Span) -> str | None:
        """The article's text when it is known and still agrees with ``span``."""
        text = self.texts.get(article)
        if text is None or text[span.start : span.end] != span.text:
            return None
        return text


NO_CONTEXT = Context()
"""The context of a report written with no baseline and no article texts."""


def sections(report: Report) -> list[tuple[Event | None, list[Finding]]]:
    """Every event of the report with its findings, in report order; findings of an event the
    report does not list come last, under ``None``."""
    found: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        found.setdefault(finding.event, []).append(finding)
    known = {event.id for event in report.events}
    listed: list[tuple[Event | None, list[Finding]]] = [(e, found.get(e.id, [])) for e in report.events]
    return listed + [(None, f) for event_id, f in found.items() if event_id not in known]


@dataclass(frozen=True)
class Around:
    """A quote with the part of its sentence before and after it, on one line each."""

    before: str
    quote: str
    after: str


def _flat(text: str) -> str:
    return " ".join(text.split())


def _starts_sentence(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] == "\n" or (text[i - 1].isspace() and i >= 2 and text[i - 2] in SENTENCE_ENDS)


def _ends_sentence(text: str, i: int) -> bool:
    return i == len(text) or text[i] == "\n" or (i > 0 and text[i - 1] in SENTENCE_ENDS and text[i].isspace())


def sentence_around(text: str, start: int, end: int, reach: int = CONTEXT_REACH) -> Around:
    """The sentence holding ``text[start:end]``, cut at ``reach`` characters on each side
    (marked with an ellipsis). A linear scan: no regular expression over article text."""
    left = start
    while left > start - reach and not _starts_sentence(text, left):
        left -= 1
    right = end
    while right < end + reach and not _ends_sentence(text, right):
        right += 1
    head, tail = text[left:start], text[end:right]
    if not _starts_sentence(text, left):  # cut: drop the partial word, mark the cut
        head = "…" + (head.split(None, 1)[1] if len(head.split(None, 1)) == 2 else head)
    if not _ends_sentence(text, right):
        tail = (tail.rsplit(None, 1)[0] if len(tail.rsplit(None, 1)) == 2 else tail) + "…"
    before, after = _flat(head), _flat(tail)
    if start > left and text[start - 1].isspace() and before:
        before += " "
    if right > end and text[end].isspace() and after:
        after = " " + after
    return Around(before, _flat(text[start:end]), after)


def column(text: str, offset: int) -> int:
    """The 1-based column (in characters) of ``offset`` in ``text``."""
    return offset - (text.rfind("\n", 0, offset) + 1) + 1


def positional(path: str) -> bool:
    """Whether lines and columns of this article's spans are positions in its file."""
    return path.lower().endswith(POSITIONAL_SUFFIXES)


def direction(language: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr``."""
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"
