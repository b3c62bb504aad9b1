"""Rules on the fields of cooperation the sides took up: which ones, and how firmly."""

from __future__ import annotations

from collections.abc import Iterator

from checker.rules.helpers import consensus, evidence, fallback_evidence, listed, outliers, witnesses
from checker.rules.registry import register
from checker.rules.view import EventView, Issue


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
    reported: dict[str, dict[str, set[str]]] = {}
    for article in view.articles:
        for action in article.record.agreed_actions:
            reported.setdefault(action.action, {}).setdefault(article.id, set()).add(action.text)
    for label, texts in sorted(reported.items()):
        if len(texts) == len(view):
            continue  # no article is silent: nothing to quote (most actions of most events)
        # The same witnesses for every silent article: chosen and quoted once.
        given = witnesses({a: " / ".join(sorted(t)) for a, t in texts.items()})
        reporting = [a for a in view.articles if a.id in given]
        spans = evidence(
            (a.id, s.evidence) for a in reporting for s in a.record.agreed_actions if s.action == label
        ) or fallback_evidence(reporting)
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
    by_label: dict[str, dict[str, tuple]] = {}
    for article in view.articles:
        for action in article.record.agreed_actions:
            by_label.setdefault(action.action, {})[article.id] = (article, action)
    for label, reports in sorted(by_label.items()):
        values = {article_id: action.commitment for article_id, (_, action) in reports.items()}
        if len(set(values.values())) < 2:
            continue
        agreed = consensus(values.values())
        said = "; ".join(
            f"{commitment}: {', '.join(sorted(i for i, c in values.items() if c == commitment))}"
            for commitment in sorted(set(values.values()))
        )
        reporting = [article for article, _ in reports.values()]
        spans = evidence((a.id, action.evidence) for a, action in reports.values()) or fallback_evidence(reporting)
        yield Issue(
            articles=list(values), message=f"{label} is reported as {said}", values=values,
            evidence=spans, consensus=agreed, outliers=outliers(values, agreed), subject=label,
        )
