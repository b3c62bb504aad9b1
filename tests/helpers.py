"""Small builders shared by the tests: an ArticleText from a string, the seeds' paths."""

from __future__ import annotations

from pathlib import Path

from checker.extract.text import ArticleText
from checker.lang import load_languages
from checker.models import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LANGUAGES = load_languages()


def article(text: str, lang: str = "fr", published: str | None = None, id: str = "t") -> ArticleText:
    document = Document(id=id, path=f"{id}.txt", text=text, published=published)
    return ArticleText(document, LANGUAGES[lang], tuple(LANGUAGES.values()))


def seed(prefix: str) -> ArticleText:
    """The seed whose file name starts with ``prefix`` (000 to 004), as an ArticleText."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lang = "ar" if prefix == "004" else "fr"
    return article(path.read_text(encoding="utf-8"), lang, id=path.stem)
