"""The seeds' JSON report, reviewed in the diff: any change to what the checker says shows here.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 python -m pytest tests/test_seeds_golden.py``
and read the diff of ``tests/golden/seeds.json`` before committing it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli import main
from tests.helpers import SEEDS

GOLDEN = SEEDS.parent / "tests" / "golden" / "seeds.json"
SEED_FILES = sorted(p.name for p in SEEDS.iterdir())


def run_json(args: list[str]) -> str:
    out = io.StringIO()
    with contextlib.chdir(SEEDS.parent), contextlib.redirect_stdout(out):
        main([*args, "--format", "json", "--fail-on", "never"])
    return out.getvalue()


def test_seed_report_matches_golden(seed_report_json):
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(seed_report_json, encoding="utf-8")
    assert seed_report_json == GOLDEN.read_text(encoding="utf-8")


def findings_by_rule(report: dict) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in report["findings"]:
        found.setdefault(finding["rule"], set()).update(finding["outliers"])
    return found


def test_seed_findings_the_foundation_promises(seed_report_json):
    report = json.loads(seed_report_json)
    groups = sorted(sorted(e["articles"]) for e in report["events"])
    ids = sorted(a["id"] for a in report["articles"])
    by_prefix = {i[:3]: i for i in ids}
    assert groups == sorted([[by_prefix["000"], by_prefix["001"], by_prefix["004"]],
                             [by_prefix["002"]], [by_prefix["003"]]])
    found = findings_by_rule(report)
    assert found["instrument-term"] == {by_prefix["000"]}
    assert found["participant-name"] >= {by_prefix["000"]}
    assert found["date-missing"] == {by_prefix[p] for p in ("000", "002", "003", "004")}
    for finding in report["findings"]:
        assert finding["evidence"], finding
        for span in finding["evidence"]:
            text = (SEEDS / next(f for f in SEED_FILES if f.startswith(span["article"]))).read_text("utf-8")
            assert text[span["start"]:span["end"]] == span["text"]


@settings(max_examples=5, deadline=None)
@given(st.randoms(use_true_random=False))
def test_report_does_not_depend_on_file_order(seed_report_json, rnd: random.Random):
    order = SEED_FILES[:]
    rnd.shuffle(order)
    assert run_json([f"seeds/{name}" for name in order]) == seed_report_json
