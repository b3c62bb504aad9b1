"""Chain the field extractors into one Article with its ClaimRecord."""

from __future__ import annotations

from collections.abc import Mapping

from checker.extract.actions import agreed_actions
from checker.extract.countries import meeting_countries
from checker.extract.duration import with_duration
from checker.extract.dates import event_date, publication_date
from checker.extract.instrument import memorandum
from checker.extract.language import detect_language
from checker.extract.location import location
from checker.extract.names import KnownPeople
from checker.extract.participants import participants
from checker.extract.text import ArticleText
from checker.extract.wording import sketch
from checker.lang import Language, neutral_language
from checker.models import Article, ClaimRecord, Document, trusted

# Every field is given (see ``trusted``).
_RECORD_FIELDS = set(ClaimRecord.model_fields)
_ARTICLE_FIELDS = set(Article.model_fields)


def extract_article(document: Document, languages: Mapping[str, Language], known: KnownPeople) -> Article:
    """The Article of ``document``: its detected language and its claim record. Both are built
    without validation, which would only confirm what the code guarantees: the record holds the
    models the extractors made; the article the validated document's values, a line of its text
    and a language code (the document's, or a data file's: loading sorts those, and stops at one
    that is no ``str``)."""
    code = detect_language(document.text, languages, document.language)
    article = ArticleText(document, languages.get(code) or neutral_language(), tuple(languages.values()))
    published = publication_date(article)
    record = trusted(ClaimRecord, {
        "publication_date": published,
        "event_date": with_duration(article, event_date(article, published)),
        "location": location(article),
        "participants": participants(article, known),
        "agreed_actions": agreed_actions(article),
        "memorandum": memorandum(article),
        "countries": meeting_countries(article),
    }, _RECORD_FIELDS)
    return trusted(Article, {
        "id": document.id,
        "path": document.path,
        "language": code,
        "outlet": document.outlet,
        "title": document.title or _first_line(article),
        "url": document.url,
        "record": record,
        "wording": sketch(article.body),
    }, _ARTICLE_FIELDS)


def _first_line(article: ArticleText) -> str | None:
    """The article's headline when metadata gives none: its first line of prose (four words or
    more, so that a header such as " date 2025-03-04 Politique" or a rubric is passed over).
    The first line of prose is near the top and often a whole paragraph: the body is read line
    by line rather than split whole, words are counted up to the fourth, and digits at C speed."""
    body, start = article.body, 0
    while start <= len(body):
        end = body.find("\n", start)
        end = len(body) if end < 0 else end
        line = body[start:end].strip().strip("*#_ ").strip()
        if len(line.split(None, 3)) >= 4 and sum(map(str.isdigit, line)) < len(line) // 4:
            return line[:200]
        start = end + 1
    return None
