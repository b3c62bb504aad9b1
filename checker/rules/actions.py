"""Rules on the fields of cooperation the sides took up: which ones, and how firmly."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from checker.models import AgreedAction, Article
from checker.rules.helpers import consensus, evidence, fallback_evidence, listed, outliers, witnesses
from checker.rules.registry import register
from checker.rules.view import EventView, Issue, gathered, per_event

Reports = dict[str, tuple[Article, list[AgreedAction]]]
Given = list[tuple[list[Article], list[AgreedAction]]]


@per_event
def actions(view: EventView) -> dict[str, Given]:
    """Every action of the event (by label, in label order): the articles that report it, as
    groups of articles that give one record (``records``), each with that record's entries of
    the label (in record order). Read once per event for both rules."""
    return gathered(view, attrgetter("agreed_actions"), attrgetter("action"))


def _by_article(groups: Given) -> Reports:
    """Each article that reports the action, in id order, with its entries of it."""
    return dict(sorted((article.id, (article, entries)) for articles, entries in groups for article in articles))


@register("action-missing", "info", "agreed_actions")
def action_missing(view: EventView) -> Iterator[Issue]:
    """An agreed action reported by some articles is absent from another.

    Checks, in an event of two articles or more, each action (by canonical label, such as
    joint_training or intelligence_sharing, whether agreed or discussed) that at least one
    article reports: every article that does not report it gets one finding, quoting a few of
    the articles that do (three for each wording). The consensus is the action's label; the
    outlier is the silent article. Information only: reports often shorten a list of
    commitments.

    Why: what the sides agreed to do is the substance of the meeting; a reader of the silent
    article does not learn of that commitment.

    French:  "les deux parties sont convenues d'organiser des formations conjointes" in one
             article; another lists the other commitments but not the training.
    Arabic:  "اتفق الجانبان على تنظيم دورات تكوينية مشتركة" in one article only.
    """
    if len(view) < 2:
        return
    for label, groups in actions(view).items():
        if sum(len(articles) for articles, _ in groups) == len(view):
            continue  # no article is silent: nothing to quote (most actions of most events)
        reports = _by_article(groups)
        texts = {article_id: {action.text for action in entries} for article_id, (_, entries) in reports.items()}
        # The same witnesses for every silent article: chosen and quoted once.
        given = witnesses({a: " / ".join(sorted(t)) for a, t in texts.items()})
        reporting = [reports[a] for a in given]
        spans = evidence(
            (a.id, s.evidence) for a, entries in reporting for s in entries
        ) or fallback_evidence([a for a, _ in reporting])
        reported_by = listed(texts, given)
        for article in view.articles:
            if article.id in texts:
                continue
            values = {**given, article.id: None}
            yield Issue(
                articles=list(values),
                message=f"{article.id} does not report the action {label}, "
                f"reported by {reported_by}",
                values=values, evidence=spans, consensus=label, outliers=[article.id],
                subject=f"{label} @ {article.id}",
            )


@register("action-commitment", "warning", "agreed_actions.commitment")
def action_commitment(view: EventView) -> Iterator[Issue]:
    """Articles disagree on whether an action was agreed or only discussed.

    Checks, for each action (by canonical label) that two articles or more of an event report,
    that they report it with one commitment: ``agreed`` (the sides agreed, decided, committed)
    or ``discussed`` (a subject of the talks). The consensus is the commitment most of them
    give; the outliers are the others. Articles that do not report the action at all are left
    to action-missing.

    Why: talks about intelligence sharing are not an agreement to share intelligence; a report
    that turns one into the other overstates (or understates) what the meeting achieved.

    French:  "les entretiens ont porté sur l'échange de renseignements" in one article, "les
             deux parties ont convenu de renforcer l'échange de renseignements" in another.
    Arabic:  "ناقش الطرفان تبادل المعلومات" against "اتفق الطرفان على تبادل المعلومات".
    """
    for label, groups in actions(view).items():
        if len({entries[-1].commitment for _, entries in groups}) < 2:
            continue  # one commitment for all (most actions): no need to look at each article
        reports = _by_article(groups)
        # An article that gives the action twice is taken at its last word on it.
        values = {article_id: entries[-1].commitment for article_id, (_, entries) in reports.items()}
        if len(set(values.values())) < 2:
            continue
        agreed = consensus(values.values())
        said = "; ".join(
            f"{commitment}: {', '.join(sorted(i for i, c in values.items() if c == commitment))}"
            for commitment in sorted(set(values.values()))
        )
        reporting = [article for article, _ in reports.values()]
        spans = evidence((a.id, entries[-1].evidence) for a, entries in reports.values()) or fallback_evidence(reporting)
        yield Issue(
            articles=list(values), message=f"{label} is reported as {said}", values=values,
            evidence=spans, consensus=agreed, outliers=outliers(values, agreed), subject=label,
        )
