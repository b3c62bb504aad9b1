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

from checker.extract.text import ArticleText
from checker.models import AgreedAction, Commitment, trusted

_ACTION_FIELDS = set(AgreedAction.model_fields)  # every field is given (see ``trusted``)


def _commitments(article: ArticleText) -> dict[int, Commitment]:
    """The sentences (by index) that say what the sides did, each with the commitment it states."""
    agreement = article.sentences_with("agreement_cues")
    discussion = article.sentences_with("discussion_cues")
    scopes: dict[int, Commitment] = {}
    for i in agreement | discussion | {i + 1 for i in agreement}:
        if i in agreement or (i - 1 in agreement and i not in discussion):
            scopes[i] = "agreed"
        elif i in discussion:
            scopes[i] = "discussed"
    return scopes


def agreed_actions(article: ArticleText) -> tuple[AgreedAction, ...]:
    """One AgreedAction per label, with the first phrase that states it as evidence; where an
    article both discusses and agrees on a field, the agreement is what it reports. Built without
    validation, which would only confirm what the code guarantees: the label is a table entry's
    (a ``str``), the text a Span's, the commitment one of ``_commitments``'."""
    scopes = _commitments(article)
    actions: dict[str, AgreedAction] = {}
    for sentence, entry, start, end in article.matches_by_sentence("actions"):
        commitment = scopes.get(sentence)
        if commitment is None:
            continue
        known = actions.get(entry.label)
        if known is None or (known.commitment == "discussed" and commitment == "agreed"):
            span = article.span(start, end)
            actions[entry.label] = trusted(AgreedAction, {
                "action": entry.label, "text": span.text, "evidence": (span,), "commitment": commitment,
            }, _ACTION_FIELDS)
    return tuple(sorted(actions.values(), key=lambda a: a.action))
