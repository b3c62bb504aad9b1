"""Fields of cooperation the sides took up, under canonical labels shared across languages.

An action phrase ("l'échange de renseignements", "تبادل الخبرات") counts only in a sentence that
says what the sides did about it, and the sentence says how firmly:

- ``agreed``: the sentence carries an agreement cue ("il a été convenu", "تم الاتفاق", "agreed
  to"), or continues the sentence before such a cue (a communiqué often lists the agreed fields
  in the next sentence: "ويشمل هذا الإطار...") without turning to discussion;
- ``discussed``: the sentence carries a discussion cue ("les entretiens ont porté sur", "تناولت
  المباحثات", "focused on", "repasar") and no agreement cue.

A phrase in any other sentence (background on the two countries' relations, a quote about an
earlier visit) contributes nothing. Findings can then tell a report that turns talks into an
agreement from one that keeps them talks.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.extract.text import ArticleText
from checker.models import AgreedAction, Commitment


def _scopes(article: ArticleText) -> Iterator[tuple[int, int, Commitment]]:
    """The sentences that say what the sides did, each with the commitment it states."""
    agreement = article.lang.table("agreement_cues")
    discussion = article.lang.table("discussion_cues")
    previous_agreed = False
    for start, end in article.sentences:
        agreed = agreement.search(article.body, start, end) is not None
        discussed = discussion.search(article.body, start, end) is not None
        if agreed or (previous_agreed and not discussed):
            yield start, end, "agreed"
        elif discussed:
            yield start, end, "discussed"
        previous_agreed = agreed


def agreed_actions(article: ArticleText) -> tuple[AgreedAction, ...]:
    """One AgreedAction per label, with the first phrase that states it as evidence; where an
    article both discusses and agrees on a field, the agreement is what it reports."""
    actions: dict[str, AgreedAction] = {}
    table = article.lang.table("actions")
    for start, end, commitment in _scopes(article):
        for entry, match in table.finditer(article.body, start, end):
            known = actions.get(entry.label)
            if known is None or (known.commitment == "discussed" and commitment == "agreed"):
                span = article.span(match.start(), match.end())
                actions[entry.label] = AgreedAction(
                    action=entry.label, text=span.text, evidence=(span,), commitment=commitment,
                )
    return tuple(sorted(actions.values(), key=lambda a: a.action))
