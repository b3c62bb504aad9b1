"""The rules, driven by data: each file of rule_cases/ holds tiny claim records per article for
one event and the findings expected of one rule (positive and negative cases).

The builders here (``make_article``, ``make_event``, ``make_analysis``) are shared with the
report and CLI tests.
"""

from __future__ import annotations

import json
import types
from itertools import count
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.models import Article, ClaimRecord, DateClaim, Event, Span
from checker.rules import check, rules
from checker.rules.dates import consistent, describe, facts
from checker.rules.helpers import consensus, fingerprint, outliers

CASES_DIR = Path(__file__).parent / "rule_cases"
CONTRACT_RULES = {
    "date-missing", "date-mismatch", "instrument-term", "memorandum-status", "participant-name",
    "participant-missing", "participant-role", "action-missing", "location-mismatch",
}
# Rules the project adds to the contract's (adding is allowed; renaming is not).
ADDED_RULES = {"action-commitment"}


def _quote(holder: dict, text: str | None, lines: count) -> None:
    """Give ``holder`` one quote of ``text`` unless it has evidence already or nothing to quote."""
    if text and "evidence" not in holder:
        line = next(lines)
        holder["evidence"] = [{"start": 100 * line, "end": 100 * line + len(text), "line": line, "text": text}]


def fill_evidence(record: dict) -> dict:
    """A copy of ``record`` where every stated value has a quote, as extraction gives one."""
    record = json.loads(json.dumps(record))
    lines = count(1)
    for name in ("publication_date", "event_date"):
        claim = record.get(name)
        if claim:
            partial = f"{claim.get('day', '')}/{claim.get('month', '')}" if claim.get("day") else None
            _quote(claim, claim.get("value") or claim.get("weekday") or partial, lines)
    if record.get("location"):
        _quote(record["location"], record["location"].get("value"), lines)
    for participant in record.get("participants", []):
        _quote(participant, participant["name"], lines)
    for action in record.get("agreed_actions", []):
        action.setdefault("text", action["action"].replace("_", " "))
        _quote(action, action["text"], lines)
    memo = record.get("memorandum")
    if memo:
        _quote(memo, memo.get("term"), lines)
    return record


def make_article(article_id: str, record: dict, fill: bool = True) -> Article:
    record = dict(record)
    language = record.pop("_language", "fr")
    record = fill_evidence(record) if fill else record
    return Article(
        id=article_id, path=f"{article_id}.txt", language=language, record=ClaimRecord.model_validate(record),
    )


def make_event(article_ids, event_id: str = "e1", date: str | None = None) -> Event:
    return Event(id=event_id, articles=tuple(sorted(article_ids)), date=date, title=f"meeting {event_id}")


def make_analysis(events: dict[str, dict[str, dict]], skipped=()) -> types.SimpleNamespace:
    """What ``checker.pipeline.analyse`` returns, from ``{event id: {article id: record}}``."""
    articles = [make_article(a, r) for records in events.values() for a, r in records.items()]
    assert len({a.id for a in articles}) == len(articles), "article ids must be unique across events"
    return types.SimpleNamespace(
        articles=tuple(sorted(articles, key=lambda a: a.id)),
        events=tuple(make_event(records, e) for e, records in sorted(events.items())),
        skipped=tuple(skipped),
    )


def _cases():
    for path in sorted(CASES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


def _matches(finding, expected: dict) -> bool:
    for key, want in expected.items():
        if key == "message_contains":
            if not all(part in finding.message for part in want):
                return False
        elif key == "evidence":
            if [[e.article, e.text] for e in finding.evidence] != want:
                return False
        elif key in ("articles", "outliers"):
            if list(getattr(finding, key)) != want:
                return False
        elif getattr(finding, key) != want:
            return False
    return True


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(rule, case):
    articles = [make_article(a, r, fill=case.get("fill", True)) for a, r in case["articles"].items()]
    findings = check(articles, [make_event(case["articles"])], select=[rule])
    unmatched = list(findings)
    for expected in case["expected"]:
        match = next((f for f in unmatched if _matches(f, expected)), None)
        assert match is not None, f"no finding matches {expected}; got {[f.model_dump() for f in findings]}"
        unmatched.remove(match)
    assert not unmatched, f"unexpected findings: {[f.model_dump() for f in unmatched]}"
    assert all(f.rule == rule and f.event == "e1" and f.evidence for f in findings)


def test_every_rule_has_cases_both_ways():
    positive, negative = set(), set()
    for param in _cases():
        rule, case = param.values
        (positive if case["expected"] else negative).add(rule)
    assert positive == negative == CONTRACT_RULES | ADDED_RULES


def test_registry_holds_the_contract_rules_with_explanations():
    assert set(rules()) == CONTRACT_RULES | ADDED_RULES
    for rule in rules().values():
        assert rule.severity in ("error", "warning", "info")
        assert rule.summary and rule.field
        assert "French:" in rule.explanation and "Arabic:" in rule.explanation, rule.id
        assert "Why:" in rule.explanation, rule.id


def test_select_and_severity_override():
    articles = [make_article("a", {"location": {"value": "Lyon"}}), make_article("b", {"location": {"value": "Nice"}})]
    event = make_event(["a", "b"])
    assert check(articles, [event], select=["date-missing"]) and not any(
        f.rule == "location-mismatch" for f in check(articles, [event], select=["date-missing"])
    )
    (finding,) = check(articles, [event], select=["location-mismatch"], severity={"location-mismatch": "info"})
    assert finding.severity == "info"


def test_config_severity_overrides_a_case_severity():
    signed = {"memorandum": {"term": "accord", "kind": "agreement", "status": "signed"}}
    later = {"memorandum": {"term": "accord", "kind": "agreement", "status": "to_be_signed"}}
    articles = [make_article("a", signed), make_article("b", later)]
    (default,) = check(articles, [make_event(["a", "b"])], select=["memorandum-status"])
    (overridden,) = check(
        articles, [make_event(["a", "b"])], select=["memorandum-status"], severity={"memorandum-status": "info"}
    )
    assert (default.severity, overridden.severity) == ("error", "info")


def test_no_finding_without_evidence():
    bare = [make_article("a", {"location": {"value": "Lyon"}}, fill=False),
            make_article("b", {"location": {"value": "Nice"}}, fill=False)]
    assert check(bare, [make_event(["a", "b"])]) == ()


def test_fingerprint_ignores_offsets_and_order_but_not_values():
    def findings(nice_line: int, place: str = "Nice"):
        b = {"location": {"value": place, "evidence": [
            {"start": 10 * nice_line, "end": 10 * nice_line + len(place), "line": nice_line, "text": place}]}}
        articles = [make_article("b", b), make_article("a", {"location": {"value": "Lyon"}})]
        return check(articles, [make_event(["b", "a"])], select=["location-mismatch"])

    (first,), (moved,), (other,) = findings(3), findings(9), findings(3, "Paris")
    assert first.fingerprint == moved.fingerprint
    assert first.evidence != moved.evidence
    assert first.fingerprint != other.fingerprint
    assert len(first.fingerprint) == 16 and int(first.fingerprint, 16) >= 0


def test_fingerprint_components():
    base = fingerprint("r", "e", "f", "s", ["x", "y"])
    assert base == fingerprint("r", "e", "f", "s", ["Y ", "x", "x"])
    assert len({base, fingerprint("q", "e", "f", "s", ["x", "y"]), fingerprint("r", "d", "f", "s", ["x", "y"]),
                fingerprint("r", "e", "g", "s", ["x", "y"]), fingerprint("r", "e", "f", "t", ["x", "y"]),
                fingerprint("r", "e", "f", "s", ["x", None])}) == 6


def test_consensus_is_a_unique_plurality():
    assert consensus(["Lyon", "lyon", "Nice"]) == "Lyon"
    assert consensus(["lyon", "Lyon", "lyon", "Nice"]) == "lyon"
    assert consensus(["Lyon", "Nice"]) is None
    assert consensus([None, None, "Nice"]) == "Nice"
    assert consensus([None]) is None
    assert consensus(["Lyon", "Nice"], prefer="NICE") == "Nice"
    assert consensus(["Lyon", "Nice"], prefer="Paris") is None
    assert consensus(["Lyon", "Lyon", "Nice"], prefer="Nice") == "Lyon"
    assert outliers({"a": "Lyon", "b": "LYON", "c": "Nice", "d": None}, "Lyon") == ("c", "d")
    assert outliers({"a": "Lyon", "b": "Nice"}, None) == ()


def test_date_helpers():
    tuesday = DateClaim(value="2024-03-12", basis="explicit")
    assert describe(DateClaim(basis="none")) is None
    assert describe(DateClaim(month=3, year=2024, basis="partial")) == "03-2024 (partial)"
    assert describe(DateClaim(value="2024-03-13", year=2024, month=3, day=13, basis="publication-date")) == (
        "2024-03-13 (publication-date)")
    assert describe(DateClaim(weekday="friday", month=3, day=15, basis="partial")) == "friday 15-03 (partial)"
    assert facts(DateClaim(value="2024-03-12", basis="publication-date")) is None
    assert facts(DateClaim(basis="relative-only")) is None
    assert consistent([facts(tuesday), facts(DateClaim(weekday="tuesday", basis="relative-only"))])
    assert not consistent([facts(DateClaim(year=2024, month=2, day=30, basis="partial"))])
    assert not consistent([facts(DateClaim(day=30, month=2, year=2023, weekday="monday", basis="partial")),
                           facts(tuesday)])


# --------------------------------------------------------------------------------------------
# Order independence: findings must not depend on the order of the articles of an event.

_people = st.sampled_from([
    ("Claire Dubois", "Claire Dubois"), ("Claire Dubuis", "Claire Dubois"), ("Dubois", "Claire Dubois"),
    ("كلير دوبوا", "Claire Dubois"), ("Karim Benali", "Karim Benali"), ("Karim Ben Ali", "Karim Benali"),
])
_records = st.fixed_dictionaries({
    "event_date": st.sampled_from([
        {"value": "2024-03-12", "basis": "explicit"}, {"value": "2024-03-11", "basis": "explicit"},
        {"weekday": "tuesday", "basis": "relative-only"}, {"day": 11, "month": 3, "basis": "partial"},
        {"basis": "none"},
    ]),
    "location": st.sampled_from([{}, {"value": "Lyon"}, {"value": "Nice"}, {"value": "lyon"}]),
    "participants": st.lists(
        st.tuples(_people, st.sampled_from([None, "director", "minister"])).map(
            lambda p: {"name": p[0][0], "canonical": p[0][1], "role": p[1]}
        ),
        max_size=3,
    ),
    "agreed_actions": st.lists(
        st.sampled_from(["joint_training", "intelligence_sharing", "technical_assistance"]).map(
            lambda a: {"action": a}
        ),
        max_size=2,
    ),
    "memorandum": st.sampled_from([
        {}, {"term": "accord", "kind": "agreement", "status": "signed"},
        {"term": "protocole d'accord", "kind": "protocol_of_agreement", "status": "to_be_signed"},
    ]),
})


@settings(max_examples=60, deadline=None)
@given(records=st.lists(_records, min_size=1, max_size=4), order=st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_article_order(records, order):
    from checker.report import build_report, render

    articles = [make_article(f"a{i}", r) for i, r in enumerate(records)]
    shuffled = list(articles)
    order.shuffle(shuffled)
    ids = [a.id for a in shuffled]
    event_in_order = make_event([a.id for a in articles])
    event_shuffled = Event(id="e1", articles=tuple(ids), title=event_in_order.title)
    first = check(articles, [event_in_order])
    second = check(shuffled, [event_shuffled])
    assert first == second
    reports = [render(build_report(a, [e], f), "json") for a, e, f in
               ((articles, event_in_order, first), (shuffled, event_shuffled, second))]
    assert reports[0] == reports[1]


@settings(max_examples=60, deadline=None)
@given(records=st.lists(_records, min_size=1, max_size=3),
       copies=st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=8))
def test_findings_do_not_depend_on_copies_sharing_one_record(records, copies):
    """Copies of one report hold one record object (the records are unpacked keeping equal
    values once), and the rules read each record once for all its copies: the findings are
    those of the same articles each with a record of its own."""
    originals = [make_article(f"r{i}", r).record for i, r in enumerate(records)]
    shared = [Article(id=f"a{i}", path=f"a{i}.txt", language="fr", record=originals[c % len(originals)])
              for i, c in enumerate(copies)]
    apart = [a.model_copy(update={"record": ClaimRecord.model_validate(a.record.model_dump())}) for a in shared]
    assert len({id(a.record) for a in shared}) <= len(originals)
    assert len({id(a.record) for a in apart}) == len(apart)
    event = make_event([a.id for a in shared])
    assert check(shared, [event]) == check(apart, [event])


def test_spans_in_fixtures_are_valid_models():
    article = make_article("a", {"location": {"value": "Lyon"}})
    assert article.record.location.evidence == (Span(start=100, end=104, line=1, text="Lyon"),)
