"""Reports: the JSON report has the contract's shape and identical bytes for identical input; the
text report quotes the evidence and ends with the summary; files are replaced atomically."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from checker.baseline import BaselineEntry
from checker.models import Skipped
from checker.report import FORMATS, Context, build_report, render, render_statistics, write_atomic
from checker.rules import check
from tests.test_rules import make_analysis

EVENTS = {
    "e1": {
        "a1": {"location": {"value": "Lyon"}, "event_date": {"value": "2024-03-12", "basis": "explicit"},
               "participants": [{"name": "Claire Dubois", "canonical": "Claire Dubois", "role": "minister"}],
               "agreed_actions": [{"action": "joint_training"}]},
        "a2": {"location": {"value": "Marseille"}, "event_date": {"value": "2024-03-12", "basis": "explicit"},
               "_language": "ar",
               "participants": [{"name": "كلير دوبوا", "canonical": "Claire Dubois", "role": "minister"}],
               "agreed_actions": [{"action": "joint_training", "text": "تكوين مشترك"}]},
        "a3": {"location": {"value": "Lyon"}, "event_date": {"weekday": "tuesday", "basis": "relative-only"}},
    },
    "e2": {"b1": {"location": {"value": "Nice"}, "event_date": {"value": "2024-05-02", "basis": "explicit"}}},
}
SKIPPED = (Skipped(path="in/zz.bin", reason="binary file"), Skipped(path="in/aa.txt", reason="empty file"))


def report_of(events=EVENTS, skipped=SKIPPED, reverse: bool = False):
    analysis = make_analysis(events, skipped)
    articles, evs, skips = analysis.articles, analysis.events, analysis.skipped
    if reverse:
        articles, evs, skips = articles[::-1], evs[::-1], skips[::-1]
    findings = check(articles, evs)
    return build_report(articles, evs, findings[::-1] if reverse else findings, skips)


def test_json_report_has_the_contract_shape():
    data = json.loads(render(report_of(), "json"))
    assert list(data) == ["schema_version", "tool", "articles", "events", "findings", "skipped"]
    assert data["schema_version"] == 1 and set(data["tool"]) == {"name", "version"}
    assert [a["id"] for a in data["articles"]] == ["a1", "a2", "a3", "b1"]
    assert set(data["articles"][0]) == {"id", "path", "language", "outlet", "title", "url", "record"}
    assert set(data["articles"][0]["record"]) == {
        "publication_date", "event_date", "location", "participants", "agreed_actions", "memorandum",
        "countries"}
    assert data["events"][0] == {"id": "e1", "articles": ["a1", "a2", "a3"], "date": None, "title": "meeting e1"}
    assert data["skipped"] == [{"path": "in/aa.txt", "reason": "empty file"},
                               {"path": "in/zz.bin", "reason": "binary file"}]
    finding_keys = ["rule", "severity", "event", "articles", "field", "message", "values", "consensus",
                    "outliers", "evidence", "fingerprint"]
    assert data["findings"] and all(list(f) == finding_keys for f in data["findings"])
    mismatch = next(f for f in data["findings"] if f["rule"] == "location-mismatch")
    assert mismatch["values"] == {"a1": "Lyon", "a2": "Marseille", "a3": "Lyon"}
    assert (mismatch["consensus"], mismatch["outliers"], mismatch["severity"]) == ("Lyon", ["a2"], "error")
    assert mismatch["evidence"][0] == {"start": 200, "end": 204, "line": 2, "text": "Lyon", "article": "a1"}
    assert all(len(f["fingerprint"]) == 16 for f in data["findings"])


def test_json_report_validates_against_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent.parent / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(render(report_of(), "json")))


def test_json_keeps_non_ascii_and_ends_with_a_newline():
    text = render(report_of(), "json")
    assert "كلير دوبوا" in text and text.endswith("}\n") and "\\u" not in text


def test_json_is_the_bytes_json_dumps_gives_even_for_awkward_characters():
    awkward = "quote \" back \\ tab \t nl \n bell \x07 del \x7f nbsp \u00a0 ls \u2028 emoji 🙂 « é » ي"
    skipped = (*SKIPPED, Skipped(path=f"in/{awkward}.txt", reason=awkward))
    report = report_of(skipped=skipped)
    expected = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    assert render(report, "json") == expected


def test_reports_are_byte_identical_whatever_the_input_order():
    for format in FORMATS:
        assert render(report_of(), format) == render(report_of(reverse=True), format), format


def test_text_report_quotes_evidence_and_ends_with_the_summary():
    hidden = report_of().findings[0]
    text = render(report_of(), "text", Context(baseline="b.json", suppressed=(hidden,)))
    lines = text.splitlines()
    assert lines[0] == "== event e1 · date unknown · meeting e1 =="
    assert "articles: a1, a2, a3" in lines
    assert "error location-mismatch [location]: the event is placed differently: Lyon: a1, a3; Marseille: a2" in lines
    assert "  a2 (line 2): «Marseille»" in lines
    assert "  consensus: Lyon · outliers: a2" in lines
    assert "  in/zz.bin: binary file" in lines and "skipped:" in lines
    assert "no findings" in lines  # event e2 has none
    assert lines[-2] == "1 finding hidden by the baseline"
    assert lines[-1] == "4 findings: 1 error, 2 warnings, 1 info in 1 of 2 events (4 articles, 2 skipped)"


def test_text_report_lists_stale_baseline_entries_for_pruning():
    stale = (BaselineEntry("00aa", "location-mismatch", "e9", "the event is placed differently: Paris: x"),
             BaselineEntry("00bb"))
    lines = render(report_of(), "text", Context(baseline="known.json", stale=stale)).splitlines()
    at = lines.index("2 baseline entries in known.json match no finding any more (prune with --write-baseline):")
    assert lines[at + 1:at + 3] == ["  00aa location-mismatch e9: the event is placed differently: Paris: x",
                                    "  00bb ? -:"]
    assert not any("hidden by the baseline" in line for line in lines)


def test_text_report_colours_only_when_asked():
    plain = render(report_of(), "text")
    coloured = render(report_of(), "text", colour=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31merror\x1b[0m location-mismatch" in coloured
    assert "\x1b[33mwarning\x1b[0m" in coloured
    assert re.sub("\x1b\\[[0-9;]*m", "", coloured) == plain


def test_statistics_count_findings_per_rule():
    report = report_of()
    text = render_statistics(report, "text")
    counts = {}
    for finding in report.findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    lines = text.splitlines()
    assert lines[-1].startswith(f"{len(report.findings)} findings:")
    rows = [line.split() for line in lines[:-1]]
    assert {row[1]: int(row[0]) for row in rows} == counts
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    data = json.loads(render_statistics(report, "json"))
    assert {row["rule"]: row["count"] for row in data} == counts
    assert all(row["count"] == row["error"] + row["warning"] + row["info"] for row in data)


def test_text_report_shortens_long_quotes_onto_one_line():
    long_place = "Lyon\n" + "x" * 400
    events = {"e1": {"a": {"location": {"value": long_place}}, "b": {"location": {"value": "Nice"}}}}
    text = render(report_of(events, ()), "text")
    quoted = next(line for line in text.splitlines() if line.startswith("  a (line"))
    assert quoted.startswith("  a (line 1): «Lyon xxx") and quoted.endswith("…»")
    assert len(quoted) < 270


def test_summary_of_an_empty_run():
    text = render(build_report([], [], []), "text")
    assert text == "0 findings: 0 errors, 0 warnings, 0 info in 0 of 0 events (0 articles, 0 skipped)\n"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        render(report_of(), "yaml")


def test_write_atomic_replaces_the_file(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "نص جديد\n")
    assert target.read_text(encoding="utf-8") == "نص جديد\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_atomic_gives_a_new_file_the_umask_permissions_and_keeps_an_old_files(tmp_path):
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(mask)
    kept = tmp_path / "kept.txt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o600)
    write_atomic(kept, "new")
    assert kept.stat().st_mode & 0o777 == 0o600


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("good report", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(target, "half")
    assert target.read_text(encoding="utf-8") == "good report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
