"""No rule, and no step between grouping and rules, does quadratic work inside one large event.

A desk sees summits reported by hundreds of outlets. Work is counted, not timed (timings vary
with the machine): the number of Python function calls a rule makes on an event of 100
articles and on one of 500. Linear work grows five times, n log n a little more; work over
every pair of articles would grow twenty-five times.

The summit is built so that every rule has findings to make: values drift, each in a share of
the reports, and one report in five leaves out the date, a participant and an action. The rules
that report an omission give one finding per silent report; each quotes a few witnesses of each
value the others give, not all of them, so their output too grows with the event, not with its
square.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from checker.models import Article, Event
from checker.reconcile import complete_partial_dates
from checker.rules import check, rules
from tests.test_rules import make_analysis

SMALL, LARGE = 100, 500
LIMIT = 8.0  # growth from SMALL to LARGE: 5 for linear work, 25 for quadratic

_DAYS = ("2024-03-11", "2024-03-12", "2024-03-12", "2024-03-12")
_SPELLINGS = ("Karim Benali", "Karim Benali", "Karim Benaly")
_ROLES = ("minister", "minister", "director")
_PLACES = ("Lyon", "Lyon", "Marseille")
_KINDS = ("memorandum_of_understanding", "memorandum_of_understanding", "protocol_of_agreement")
_ACTIONS = ("joint_training",)


_SILENT = 5  # one report in this many leaves out the date, a participant and an action


def _record(i: int) -> dict:
    """The i-th report of one summit: a few values drift, each in a share of the reports, and
    one report in ``_SILENT`` leaves some out."""
    silent = i % _SILENT == _SILENT - 1
    people = [{"name": _SPELLINGS[i % len(_SPELLINGS)], "canonical": "Karim Benali", "role": _ROLES[i % len(_ROLES)]}]
    return {
        "event_date": {"weekday": "tuesday", "basis": "relative-only"} if silent
        else {"value": _DAYS[i % len(_DAYS)], "basis": "explicit"},
        "location": {"value": _PLACES[i % len(_PLACES)]},
        "participants": people if silent else [*people, {"name": "Claire Dubois", "canonical": "Claire Dubois", "role": "director"}],
        "agreed_actions": [] if silent else [{"action": _ACTIONS[i % len(_ACTIONS)]}],
        "memorandum": {"kind": _KINDS[i % len(_KINDS)], "term": "mémorandum", "status": "signed"},
    }


def _summit(size: int) -> tuple[tuple[Article, ...], tuple[Event, ...]]:
    analysis = make_analysis({"summit": {f"a{i:04d}": _record(i) for i in range(size)}})
    return analysis.articles, analysis.events


def calls(work: Callable[[], object]) -> int:
    """How many Python functions ``work`` calls."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def growth(work: Callable[[tuple[Article, ...], tuple[Event, ...]], object]) -> float:
    small, large = _summit(SMALL), _summit(LARGE)
    return calls(lambda: work(*large)) / calls(lambda: work(*small))


@pytest.mark.parametrize("rule", sorted(rules()))
def test_a_rule_does_linear_work_in_a_large_event(rule):
    assert check(*_summit(SMALL), select={rule}) is not None
    assert growth(lambda articles, events: check(articles, events, select={rule})) < LIMIT


def test_the_summit_gives_findings_of_most_rules():
    fired = {f.rule for f in check(*_summit(SMALL))}
    assert {"date-mismatch", "location-mismatch", "participant-name", "participant-role", "instrument-term",
            "date-missing", "participant-missing", "action-missing"} <= fired


@pytest.mark.parametrize("rule", ["date-missing", "participant-missing", "action-missing"])
def test_the_quotes_of_omissions_grow_with_the_event_not_its_square(rule):
    def quotes(size: int) -> int:
        return sum(len(f.evidence) for f in check(*_summit(size), select={rule}))

    small, large = quotes(SMALL), quotes(LARGE)
    assert small > 0
    assert large / small < LIMIT


def test_completing_partial_dates_does_linear_work_in_a_large_event():
    def partial(articles: tuple[Article, ...]) -> tuple[Article, ...]:
        """Every other report gives a day and month without a year."""
        out = []
        for i, article in enumerate(articles):
            if i % 2:
                claim = article.record.event_date.model_copy(
                    update={"value": None, "year": None, "month": 3, "day": 12, "basis": "partial"})
                article = article.model_copy(update={"record": article.record.model_copy(update={"event_date": claim})})
            out.append(article)
        return tuple(out)

    assert growth(lambda articles, events: complete_partial_dates(partial(articles), events)) < LIMIT
