"""The agreement instrument an article names (memorandum, protocol, convention...) and its status.

The kind comes from the language's ``instruments`` table, so "mémorandum d'entente" and
"مذكرة تفاهم" compare equal; the term is kept as written. The status is read in the sentence of
each mention from the ``statuses`` table, where a future or a negation outweighs a bare
"signature": "accélérer la signature d'un protocole" is still to be signed.
"""

from __future__ import annotations

from collections import Counter

from checker.extract.text import ArticleText
from checker.models import Memorandum, Span

# When cues of several statuses stand in one sentence, the first of this order wins.
STATUS_PRECEDENCE = ("to_be_signed", "under_discussion", "signed")
# An instrument named with no status cue at all is taken as under discussion: it is on the
# table, and nothing says it was signed or scheduled.
STATUS_WITHOUT_CUE = "under_discussion"


def _status_in(article: ArticleText, start: int, end: int) -> tuple[str, Span] | None:
    found = {}
    for entry, match in article.lang.table("statuses").search_each(article.body, start, end):
        if entry.label not in found:  # the first cue of a status is its evidence
            found[entry.label] = article.span(match.start(), match.end())
    for status in STATUS_PRECEDENCE:
        if status in found:
            return status, found[status]
    return None


def memorandum(article: ArticleText) -> Memorandum:
    """The main instrument of the article: the kind it names most often (first on a tie)."""
    mentions = [
        (entry.label, match) for entry, match in article.lang.table("instruments").finditer(article.body)
    ]
    if not mentions:
        return Memorandum()
    counts = Counter(kind for kind, _ in mentions)
    kind = max(counts, key=lambda k: (counts[k], -next(i for i, (c, _) in enumerate(mentions) if c == k)))
    chosen = [match for k, match in mentions if k == kind]
    evidence = [article.span(chosen[0].start(), chosen[0].end())]
    status, read = None, set()
    for match in chosen:
        sentence = article.sentence_at(match.start())
        if sentence in read:
            continue  # each sentence is read once, however many mentions it holds
        read.add(sentence)
        found = _status_in(article, *sentence)
        if found:
            status, cue = found
            evidence.append(cue)
            if match is not chosen[0]:
                evidence.append(article.span(match.start(), match.end()))
            break
    return Memorandum(
        term=chosen[0].group(),
        kind=kind,
        status=status or STATUS_WITHOUT_CUE,
        evidence=tuple(sorted(set(evidence), key=lambda s: (s.start, s.end))),
    )
