"""Rule on what the sides agreed to do."""

from __future__ import annotations

from collections.abc import Iterator

from checker.rules.helpers import evidence, fallback_evidence
from checker.rules.registry import register
from checker.rules.view import EventView, Issue


@register("action-missing", "info", "agreed_actions")
def action_missing(view: EventView) -> Iterator[Issue]:
    """An agreed action reported by some articles is absent from another.

    Checks, in an event of two articles or more, each agreed action (by canonical label, such as
    joint_training or intelligence_sharing) that at least one article reports: every article
    that does not report it gets one finding, quoting the articles that do. The consensus is
    the action's label; the outlier is the silent article. Information only: reports often
    shorten a list of commitments.

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
        reporting = [a for a in view.articles if a.id in texts]
        spans = evidence(
            (a.id, s.evidence) for a in reporting for s in a.record.agreed_actions if s.action == label
        ) or fallback_evidence(reporting)
        given = {a: " / ".join(sorted(t)) for a, t in texts.items()}
        reported_by = ", ".join(sorted(texts))
        for article in view.articles:
            if article.id in texts:
                continue
            values = {**given, article.id: None}
            yield Issue(
                articles=list(values),
                message=f"{article.id} does not report the agreed action {label}, "
                f"reported by {reported_by}",
                values=values, evidence=spans, consensus=label, outliers=[article.id],
                subject=f"{label} @ {article.id}",
            )
