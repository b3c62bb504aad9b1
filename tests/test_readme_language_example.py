"""The README's "Adding a language" example works as printed: a data file, no code."""

from __future__ import annotations

import re

from checker.pipeline import analyse
from tests.helpers import ROOT


def readme_toml_block(after: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(after):]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)


def test_the_portuguese_example_adds_a_language(tmp_path):
    data = tmp_path / "pt.toml"
    data.write_text(readme_toml_block("For Portuguese, say"), encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(
        "O ministro recebeu ontem em Lisboa o seu homólogo, com quem assinou um memorando de "
        "entendimento para a cooperação em matéria de segurança, no dia 4 de março de 2025.",
        encoding="utf-8",
    )
    found = analyse([str(article)], [str(data)]).articles[0]
    assert found.language == "pt"
    assert found.record.event_date.value == "2025-03-04"
    assert found.record.memorandum.kind == "memorandum_of_understanding"
