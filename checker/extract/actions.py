"""Actions the sides agreed or decided on, under canonical labels shared across languages.

Only what was agreed counts: an action phrase is kept when its sentence carries an agreement cue
("il a été convenu", "تم الاتفاق"), or when it continues the sentence before such a cue (a
communiqué often lists the agreed fields in the next sentence: "ويشمل هذا الإطار..."). A sentence
that only discusses ("il a été question de", "ناقش") contributes nothing.
"""

from __future__ import annotations

from checker.extract.text import ArticleText
from checker.models import AgreedAction


def _agreed_sentences(article: ArticleText) -> list[tuple[int, int]]:
    agreement = article.lang.table("agreement_cues")
    discussion = article.lang.table("discussion_cues")
    scopes, previous_agreed = [], False
    for start, end in article.sentences:
        agreed = agreement.search(article.body, start, end) is not None
        continued = previous_agreed and discussion.search(article.body, start, end) is None
        if agreed or continued:
            scopes.append((start, end))
        previous_agreed = agreed
    return scopes


def agreed_actions(article: ArticleText) -> tuple[AgreedAction, ...]:
    """One AgreedAction per label, with the first phrase that states it as evidence."""
    actions: dict[str, AgreedAction] = {}
    table = article.lang.table("actions")
    for start, end in _agreed_sentences(article):
        for entry, match in table.finditer(article.body, start, end):
            if entry.label not in actions:
                span = article.span(match.start(), match.end())
                actions[entry.label] = AgreedAction(action=entry.label, text=span.text, evidence=(span,))
    return tuple(sorted(actions.values(), key=lambda a: a.action))
