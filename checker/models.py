"""Typed records at the boundaries of the pipeline.

Every model here is frozen: once an article is read or a record extracted, later stages derive new
values (``model_copy(update=...)``) instead of mutating shared state, which keeps the run
independent of file order. The JSON field names are those of the outside contract
(``../shared/CONTRACT.md``); the JSON Schemas in ``schemas/`` are generated from these classes.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

SCHEMA_VERSION = 1

Severity = Literal["error", "warning", "info"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
DateBasis = Literal[
    "explicit", "weekday+publication-date", "partial", "publication-date", "relative-only", "none"
]
MemorandumStatus = Literal["signed", "to_be_signed", "under_discussion", "not_mentioned"]
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
COUNTRY_CODE = r"^[A-Z]{2}$"  # ISO 3166-1 alpha-2


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_serialization_defaults_required=True)


Model = TypeVar("Model", bound=BaseModel)
_setattr = object.__setattr__


def trusted(cls: type[Model], values: dict[str, Any], fields_set: set[str] | None = None) -> Model:
    """A ``cls`` of ``values`` that are valid already (taken from validated models), built
    without validating them again: ``model_construct`` without its per-field work, for the
    places that make models by the hundred thousand. ``values`` must give every field, in
    declaration order; ``fields_set`` may be one set shared by many models (a frozen model never
    changes it: ``model_copy`` copies it first)."""
    model = cls.__new__(cls)
    _setattr(model, "__dict__", values)
    _setattr(model, "__pydantic_fields_set__", set(values) if fields_set is None else fields_set)
    _setattr(model, "__pydantic_extra__", None)
    _setattr(model, "__pydantic_private__", None)
    return model


class Span(Frozen):
    """A quoted piece of an article: ``text == article_text[start:end]``; ``line`` is 1-based."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    text: str


class DateClaim(Frozen):
    """A date as an article states it, with how much of it the article pins down."""

    value: str | None = Field(default=None, pattern=ISO_DATE)
    # Beyond the contract: the last day when the article gives a span ("from the 26th to the 28th");
    # ``value`` (or ``day``) is then its first day.
    end: str | None = Field(default=None, pattern=ISO_DATE)
    end_day: int | None = Field(default=None, ge=1, le=31)
    year: int | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    weekday: Weekday | None = None
    basis: DateBasis = "none"
    evidence: tuple[Span, ...] = ()

    @property
    def pinned(self) -> bool:
        """True when the article itself pins the event to one day."""
        return self.value is not None and self.basis in ("explicit", "weekday+publication-date")


class Location(Frozen):
    value: str | None = None
    evidence: tuple[Span, ...] = ()


class Participant(Frozen):
    """One person taking part: ``name`` as written, ``canonical`` one Latin form per person."""

    name: str
    canonical: str
    role: str | None = None
    organization: str | None = None
    country: str | None = Field(default=None, pattern=COUNTRY_CODE)
    evidence: tuple[Span, ...] = ()


Commitment = Literal["agreed", "discussed"]


class AgreedAction(Frozen):
    """A field of cooperation the sides took up at the meeting, under a canonical label.

    ``commitment`` says how the article puts it: ``agreed`` when the sides agreed, decided or
    committed to it; ``discussed`` when it was a subject of the talks (examined, reviewed, the
    focus of the meeting) without a stated agreement. The contract's strict reading, what was
    agreed only, is the entries whose commitment is ``agreed``.
    """

    action: str
    text: str
    evidence: tuple[Span, ...] = ()
    commitment: Commitment = "agreed"


class Memorandum(Frozen):
    term: str | None = None
    kind: str | None = None
    status: MemorandumStatus = "not_mentioned"
    evidence: tuple[Span, ...] = ()


class CountryMention(Frozen):
    """A country the article names where it tells of the meeting (ISO 3166 code): the sides."""

    code: str
    evidence: tuple[Span, ...] = ()


class ClaimRecord(Frozen):
    """What one article claims about the event it reports."""

    publication_date: DateClaim = DateClaim()
    event_date: DateClaim = DateClaim()
    location: Location = Location()
    participants: tuple[Participant, ...] = ()
    agreed_actions: tuple[AgreedAction, ...] = ()
    memorandum: Memorandum = Memorandum()
    countries: tuple[CountryMention, ...] = ()


class Article(Frozen):
    id: str
    path: str
    language: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    record: ClaimRecord
    # A sketch of the article's wording (``checker.extract.wording``), so that grouping can tell
    # copies of one text apart from other reports without keeping the text. Not reported.
    wording: SkipJsonSchema[bytes] = Field(default=b"", exclude=True, repr=False)


class Event(Frozen):
    """Articles that report one meeting; ``id`` is derived from what they report, not from order."""

    id: str
    articles: tuple[str, ...]
    date: str | None = Field(default=None, pattern=ISO_DATE)
    title: str


class EvidenceSpan(Span):
    article: str


class Finding(Frozen):
    rule: str
    severity: Severity
    event: str | None = None
    articles: tuple[str, ...]
    field: str
    message: str
    values: dict[str, str | None]
    consensus: str | None = None
    outliers: tuple[str, ...] = ()
    evidence: tuple[EvidenceSpan, ...] = Field(min_length=1)
    fingerprint: str


class Skipped(Frozen):
    path: str
    reason: str


class Tool(Frozen):
    name: str
    version: str


class Report(Frozen):
    schema_version: Literal[1] = SCHEMA_VERSION
    tool: Tool
    articles: tuple[Article, ...] = ()
    events: tuple[Event, ...] = ()
    findings: tuple[Finding, ...] = ()
    skipped: tuple[Skipped, ...] = ()


class Document(Frozen):
    """An article as read from disk, before extraction.

    ``text`` is decoded, without BOM, with ``\\n`` line endings: every evidence offset counts into
    it. ``published`` is the publication date the file's metadata gives (ISO, or ``YYYY-MM``);
    ``furniture`` lists ``(start, end)`` ranges of ``text`` known not to be article prose (a
    front-matter block), which extraction must not read.
    """

    id: str
    path: str
    text: str
    language: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    furniture: tuple[tuple[int, int], ...] = ()
