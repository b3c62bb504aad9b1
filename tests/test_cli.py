"""The ``check`` command through ``checker.cli.main(argv)``: listing and explaining rules, exit
statuses, output files, configuration, baselines and error handling.

The reading/extraction pipeline is replaced by a fake returning hand-made analyses, so these
tests pin the command's own behaviour; one end-to-end test runs the real pipeline on the seeds.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import types

import pytest

from checker import cli
from checker.cli import main
from checker.config import Config
from checker.report.progress import Progress
from checker.rules import rules
from tests.test_rules import make_analysis

MISMATCH = {"e1": {"a": {"location": {"value": "Lyon"}, "event_date": {"value": "2024-03-12", "basis": "explicit"}},
                   "b": {"location": {"value": "Nice"}, "event_date": {"value": "2024-03-12", "basis": "explicit"}}}}
WARNING_ONLY = {"e1": {"w1": {"event_date": {"value": "2024-03-12", "basis": "explicit"}},
                       "w2": {"event_date": {"weekday": "tuesday", "basis": "relative-only"}}}}
CLEAN = {"e1": {"a": {"event_date": {"value": "2024-03-12", "basis": "explicit"}}}}


def _module(name: str, monkeypatch) -> types.ModuleType:
    """The real module when it imports, else a stand-in registered for this test only."""
    try:
        return __import__(name, fromlist=["_"])
    except ImportError:
        stand_in = types.ModuleType(name)
        monkeypatch.setitem(sys.modules, name, stand_in)
        return stand_in


@pytest.fixture
def pipeline(monkeypatch, tmp_path):
    """Replace ``checker.pipeline.analyse``; ``pipeline.result`` is what it returns (or raises),
    ``pipeline.calls`` records its arguments. Runs in an empty folder with no configuration."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKER_DEBUG", raising=False)
    read = _module("checker.read", monkeypatch)
    if not hasattr(read, "PathNotFound"):
        class PathNotFound(Exception):
            def __init__(self, path):
                super().__init__(f"check: no such file or folder: {path}")
                self.path = path

        monkeypatch.setattr(read, "PathNotFound", PathNotFound, raising=False)
    # The formats that quote around a span read the articles again: there are none on disk here.
    monkeypatch.setattr(cli, "article_texts", lambda paths: {})
    module = _module("checker.pipeline", monkeypatch)
    state = types.SimpleNamespace(result=make_analysis(MISMATCH), calls=[], jobs=[], PathNotFound=read.PathNotFound)

    def analyse(paths, language_paths=(), jobs=1):
        state.calls.append((list(paths), list(language_paths)))
        state.jobs.append(jobs)
        if isinstance(state.result, BaseException):
            raise state.result
        return state.result

    monkeypatch.setattr(module, "analyse", analyse, raising=False)
    return state


def lines(text: str) -> list[str]:
    return text.splitlines()


# ---------------------------------------------------------------------------------------------
# --list-rules and --explain


def test_list_rules_shows_id_severity_and_summary(capsys):
    assert main(["--list-rules"]) == 0
    out = lines(capsys.readouterr().out)
    assert [line.split()[0] for line in out] == sorted(rules())
    assert out[0].split()[:2] == ["action-commitment", "warning"]
    assert out[1].split()[:2] == ["action-missing", "info"]
    assert any(line.split()[:2] == ["location-mismatch", "error"] and "different places" in line for line in out)


def test_list_rules_as_json(capsys):
    assert main(["--list-rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == sorted(rules())
    assert listed[1] == {"id": "action-missing", "severity": "info", "field": "agreed_actions",
                         "summary": rules()["action-missing"].summary}


@pytest.mark.parametrize("rule_id", sorted(rules()))
def test_every_rule_explains_what_why_and_shows_french_and_arabic(rule_id):
    text = rules()[rule_id].explanation
    assert text.split("\n\n")[1].startswith("Checks"), "what it checks"
    assert "\nWhy: " in text, "why it matters"
    french = re.search(r"^French: (.+)$", text, re.M)
    arabic = re.search(r"^Arabic: (.+)$", text, re.M)
    assert french and arabic
    assert re.search("[\u0600-\u06ff]", arabic.group(1)), "the Arabic example is in Arabic script"


def test_explain_as_json(capsys):
    assert main(["--explain", "location-mismatch", "--format", "json"]) == 0
    described = json.loads(capsys.readouterr().out)
    assert described["id"] == "location-mismatch" and described["severity"] == "error"
    assert described["explanation"] == rules()["location-mismatch"].explanation


@pytest.mark.parametrize("rule_id", sorted(rules()))
def test_explain_prints_the_docstring(capsys, rule_id):
    assert main(["--explain", rule_id]) == 0
    out = capsys.readouterr().out
    assert rules()[rule_id].explanation in out and out.startswith(rule_id)


def test_explain_unknown_rule_is_a_usage_error(capsys):
    assert main(["--explain", "no-such-rule"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "check: unknown rule 'no-such-rule' (see check --list-rules)\n"


# ---------------------------------------------------------------------------------------------
# Reports and exit statuses


@pytest.mark.parametrize(("events", "flags", "status"), [
    (MISMATCH, [], 1),
    (MISMATCH, ["--fail-on", "never"], 0),
    (WARNING_ONLY, [], 0),
    (WARNING_ONLY, ["--fail-on", "warning"], 1),
    (WARNING_ONLY, ["--fail-on", "info"], 1),
    (CLEAN, ["--fail-on", "info"], 0),
])
def test_exit_status_follows_fail_on(pipeline, capsys, events, flags, status):
    pipeline.result = make_analysis(events)
    assert main(["in", *flags]) == status
    assert pipeline.calls == [(["in"], [])]
    assert capsys.readouterr().out.splitlines()[-1].startswith(("1 finding", "2 findings", "0 findings", "3 findings"))


def test_extraction_uses_every_core_available_unless_told(pipeline, monkeypatch):
    monkeypatch.setattr("checker.parallel.available_cores", lambda: 3)
    assert main(["in", "--fail-on", "never", "-q"]) == 0
    assert main(["in", "--fail-on", "never", "-q", "--jobs", "1"]) == 0
    assert pipeline.jobs == [3, 1]


def test_text_report_on_stdout(pipeline, capsys):
    assert main(["in"]) == 1
    out = capsys.readouterr().out
    assert "error location-mismatch [location]: the event is placed differently: Lyon: a; Nice: b" in out
    assert "  b (line 2): «Nice»" in out
    assert out.endswith("1 finding: 1 error, 0 warnings, 0 info in 1 of 1 event (2 articles, 0 skipped)\n")


def test_json_report_on_stdout(pipeline, capsys):
    assert main(["in", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"]] == ["location-mismatch"]
    assert [a["id"] for a in data["articles"]] == ["a", "b"]


def test_output_file_is_written_instead_of_stdout(pipeline, capsys, tmp_path):
    assert main(["in", "--format", "json"]) == 1
    printed = capsys.readouterr().out
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    target.write_text("previous", encoding="utf-8")
    assert main(["in", "--format", "json", "--output", str(target)]) == 1
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == printed
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_output_into_a_missing_folder_is_one_line(pipeline, capsys, tmp_path):
    assert main(["in", "--output", str(tmp_path / "nowhere" / "r.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("check: cannot write ") and err.count("\n") == 1


def test_missing_path_is_one_clear_line(pipeline, capsys):
    pipeline.result = pipeline.PathNotFound("nope/")
    assert main(["nope/"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "check: no such file or folder: nope/\n" and captured.out == ""


def test_no_readable_article_is_a_usage_error(pipeline, capsys):
    from checker.models import Skipped

    skipped = (Skipped(path="in/x.bin", reason="binary file"),)
    pipeline.result = types.SimpleNamespace(articles=(), events=(), skipped=skipped)
    assert main(["in"]) == 2
    err = lines(capsys.readouterr().err)
    assert err == ["check: no readable article in in", "check: skipped in/x.bin: binary file"]


def test_unexpected_error_is_one_line_without_traceback(pipeline, capsys):
    pipeline.result = RuntimeError("boom")
    assert main(["in"]) == 2
    assert capsys.readouterr().err == "check: internal error: RuntimeError: boom\n"


def test_checker_debug_shows_the_traceback(pipeline, capsys, monkeypatch):
    monkeypatch.setenv("CHECKER_DEBUG", "1")
    pipeline.result = RuntimeError("boom")
    assert main(["in"]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and err.endswith("check: internal error: RuntimeError: boom\n")


@pytest.mark.parametrize("argv", [[], ["in", "--format", "yaml"], ["in", "--fail-on", "sometimes"],
                                  ["in", "--select", "no-such-rule"], ["in", "--ignore", "date-missing,bogus"]])
def test_usage_errors_exit_2(pipeline, capsys, argv):
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_select_and_ignore_flags(pipeline, capsys):
    pipeline.result = make_analysis({**MISMATCH, **{"e2": WARNING_ONLY["e1"]}})
    assert main(["in", "--select", "date-missing", "--format", "json"]) == 0
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"date-missing"}
    assert main(["in", "--ignore", "location-mismatch,date-missing", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_several_reports_in_one_run(pipeline, capsys, tmp_path):
    assert main(["in", "--format", "json"]) == 1
    as_json = capsys.readouterr().out
    reports = {fmt: tmp_path / f"r.{fmt}" for fmt in ("json", "markdown", "html", "sarif", "github")}
    argv = ["in", *(f"--report={fmt}:{path}" for fmt, path in reports.items())]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out.endswith("1 finding: 1 error, 0 warnings, 0 info in 1 of 1 event (2 articles, 0 skipped)\n")
    assert reports["json"].read_text(encoding="utf-8") == as_json
    assert json.loads(reports["sarif"].read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert reports["markdown"].read_text(encoding="utf-8").startswith("## check: 1 finding (1 error,")
    assert reports["github"].read_text(encoding="utf-8").startswith("::error file=")
    assert reports["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in reports.values())


@pytest.mark.parametrize(("argv", "message"), [
    (["in", "--report", "yaml:r.yaml"], "unknown format 'yaml'"),
    (["in", "--report", "json"], "expected FORMAT:FILE"),
    (["in", "--report", "json:"], "expected FORMAT:FILE"),
    (["in", "--output", "r.json", "--report", "json:r.json"], "the same file is named by two reports"),
    (["in", "--report", "json:r.json", "--report", "sarif:./r.json"], "the same file is named by two reports"),
])
def test_bad_report_targets_exit_2(pipeline, capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert pipeline.calls == []


def test_quiet_prints_nothing_but_keeps_status_and_files(pipeline, capsys, tmp_path):
    assert main(["in", "--quiet"]) == 1
    assert capsys.readouterr() == ("", "")
    assert main(["in", "-q", "--output", str(tmp_path / "r.txt"), "--report", f"json:{tmp_path / 'r.json'}"]) == 1
    assert capsys.readouterr() == ("", "")
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("== event e1")
    assert main(["in", "-q", "--write-baseline", str(tmp_path / "b.json")]) == 0
    assert capsys.readouterr() == ("", "")


def test_statistics_count_per_rule(pipeline, capsys):
    pipeline.result = make_analysis({**MISMATCH, "e2": WARNING_ONLY["e1"],
                                     "e3": {"x": {"event_date": {"value": "2024-03-12", "basis": "explicit"}},
                                            "y": {}}})
    assert main(["in", "--statistics"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "2  date-missing       2 warnings",
        "1  location-mismatch  1 error",
        "3 findings: 1 error, 2 warnings, 0 info in 3 of 3 events (6 articles, 0 skipped)",
    ]
    assert main(["in", "--statistics", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)[0] == {"rule": "date-missing", "count": 2, "error": 0,
                                                     "warning": 2, "info": 0}


class _Terminal:
    """A stream that says it is a terminal and keeps what is written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.lock = threading.Lock()

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        with self.lock:
            self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        with self.lock:
            return "".join(self.parts)


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False), ("", True)])
def test_colour_only_on_a_terminal_and_never_with_no_color(pipeline, capsys, monkeypatch, no_color, coloured):
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    terminal, captured = _Terminal(), sys.stdout
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["in"]) == 1
    assert ("\x1b[1;31merror\x1b[0m" in terminal.text()) is coloured
    monkeypatch.setattr(sys, "stdout", captured)
    assert main(["in"]) == 1
    assert "\x1b[" not in capsys.readouterr().out  # not a terminal: never


def test_progress_bar_draws_after_the_delay_and_erases_itself():
    terminal = _Terminal()
    stages = ("reading", "checking", "writing")
    with Progress(stages, terminal, enabled=True, delay=0.0, interval=0.005) as progress:
        progress.stage("checking")
        for _ in range(400):
            if "1/3 checking" in terminal.text():
                break
            threading.Event().wait(0.005)
    text = terminal.text()
    assert re.search(r"\r\[#{6}-{14}\] 1/3 checking \d+\.\d s\x1b\[K", text)
    assert text.endswith("\r\x1b[K")


def test_progress_bar_is_silent_when_disabled_or_quick():
    for enabled, delay in ((False, 0.0), (True, 60.0)):
        terminal = _Terminal()
        with Progress(("a", "b"), terminal, enabled=enabled, delay=delay, interval=0.005) as progress:
            progress.stage("b")
            threading.Event().wait(0.05)
        assert terminal.text() == ""


# ---------------------------------------------------------------------------------------------
# Configuration


def write_pyproject(folder, body: str) -> None:
    (folder / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.checker]\n{body}\n", encoding="utf-8")


def test_pyproject_is_found_upwards_and_applied(pipeline, capsys, tmp_path, monkeypatch):
    write_pyproject(tmp_path, 'select = ["location-mismatch"]\nseverity = { location-mismatch = "warning" }\n'
                              'fail-on = "warning"')
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "sub" / "deeper")
    assert main(["in", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("location-mismatch", "warning")]
    assert main(["in", "--fail-on", "error"]) == 0  # the flag overrides the file


def test_config_file_with_top_level_keys_and_relative_paths(pipeline, capsys, tmp_path):
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "extra.toml").write_text("[language]\ncode = 'fr'\n", encoding="utf-8")
    (conf / "checker.toml").write_text('language-data = ["extra.toml"]\nfail-on = "never"\nignore = ["date-missing"]\n',
                                       encoding="utf-8")
    assert main(["in", "--config", str(conf / "checker.toml")]) == 0
    assert pipeline.calls == [(["in"], [str(conf / "extra.toml")])]


@pytest.mark.parametrize(("body", "named"), [
    ("colour = 'red'", "'colour'"),
    ("select = ['no-such-rule']", "select"),
    ("ignore = 'date-missing'", "ignore"),
    ("severity = { date-missing = 'fatal' }", "severity.date-missing"),
    ("severity = { no-such-rule = 'info' }", "severity"),
    ("fail-on = 'sometimes'", "fail-on"),
    ("language-data = ['missing.toml']", "language-data"),
    ("baseline = 3", "baseline"),
    ("per-path-ignores = 3", "per-path-ignores"),
    ("per-path-ignores = { '*.txt' = ['bogus'] }", "per-path-ignores.'*.txt'"),
    ("per-path-ignores = { '*.txt' = 'date-missing' }", "per-path-ignores.'*.txt'"),
])
def test_bad_configuration_names_the_key(pipeline, capsys, tmp_path, body, named):
    write_pyproject(tmp_path, body)
    assert main(["in"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("check: ") and named in err and err.count("\n") == 1
    assert pipeline.calls == []


def test_unreadable_config_file(pipeline, capsys, tmp_path):
    (tmp_path / "bad.toml").write_text("select = [", encoding="utf-8")
    assert main(["in", "--config", str(tmp_path / "bad.toml")]) == 2
    assert "not valid TOML" in capsys.readouterr().err
    assert main(["in", "--config", str(tmp_path / "absent.toml")]) == 2
    assert "cannot read config" in capsys.readouterr().err


THREE_PLACES = {"e1": {"a": {"location": {"value": "Lyon"}}, "b": {"location": {"value": "Lyon"}},
                       "c": {"location": {"value": "Nice"}}}}


@pytest.mark.parametrize(("ignores", "shown"), [
    ('{ "c.txt" = ["location-mismatch"] }', False),  # the outlier's file
    ('{ "*.txt" = ["location-mismatch"] }', False),
    ('{ "a.txt" = ["location-mismatch"] }', True),  # not the article that drifted
    ('{ "c.txt" = ["date-missing"] }', True),  # another rule
])
def test_per_path_ignores_hide_findings_blaming_those_files(pipeline, capsys, tmp_path, ignores, shown):
    pipeline.result = make_analysis(THREE_PLACES)
    write_pyproject(tmp_path, f"per-path-ignores = {ignores}")
    assert main(["in", "--format", "json", "--select", "location-mismatch"]) == int(shown)
    assert len(json.loads(capsys.readouterr().out)["findings"]) == int(shown)


def test_per_path_globs_are_relative_to_the_configuration_file(tmp_path, monkeypatch):
    (tmp_path / "news" / "deep").mkdir(parents=True)
    config = Config(per_path_ignores=(("news/*.txt", ("location-mismatch",)), ("wire.md", ("date-missing",))),
                    source=str(tmp_path / "pyproject.toml"))
    monkeypatch.chdir(tmp_path / "news")
    assert config.ignored_at("location-mismatch", "deep/a.txt")  # news/deep/a.txt from the file's folder
    assert not config.ignored_at("location-mismatch", "deep/a.md")
    assert not config.ignored_at("date-missing", "deep/a.txt")
    assert config.ignored_at("date-missing", "deep/wire.md")  # a glob without "/" matches the file name
    assert not config.ignored_at("location-mismatch", str(tmp_path.parent / "elsewhere" / "a.txt"))


# ---------------------------------------------------------------------------------------------
# Baselines


def test_baseline_round_trip(pipeline, capsys, tmp_path):
    pipeline.result = make_analysis({**MISMATCH, **{"e2": WARNING_ONLY["e1"]}})
    baseline = tmp_path / "baseline.json"
    assert main(["in", "--write-baseline", str(baseline)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"check: wrote 2 fingerprints to {baseline}\n"
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert [e["fingerprint"] for e in data["fingerprints"]] == sorted(e["fingerprint"] for e in data["fingerprints"])
    assert {e["rule"] for e in data["fingerprints"]} == {"location-mismatch", "date-missing"}
    assert set(data["fingerprints"][0]) == {"fingerprint", "rule", "event", "message"}

    assert main(["in", "--baseline", str(baseline)]) == 0
    out = lines(capsys.readouterr().out)
    assert out[-2:] == ["2 findings hidden by the baseline",
                        "0 findings: 0 errors, 0 warnings, 0 info in 0 of 2 events (4 articles, 0 skipped)"]

    # A new contradiction is reported although the old ones stay hidden.
    changed = {"e1": {**MISMATCH["e1"], "c": {"location": {"value": "Paris"},
                                               "event_date": {"value": "2024-03-12", "basis": "explicit"}}}}
    pipeline.result = make_analysis({**changed, **{"e2": WARNING_ONLY["e1"]}})
    assert main(["in", "--baseline", str(baseline), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["event"]) for f in findings] == [("location-mismatch", "e1")]


def test_stale_baseline_entries_are_listed_for_pruning(pipeline, capsys, tmp_path):
    pipeline.result = make_analysis({**MISMATCH, "e2": WARNING_ONLY["e1"]})
    assert main(["in", "--write-baseline", "known.json"]) == 0
    entries = {e["rule"]: e for e in json.loads((tmp_path / "known.json").read_text(encoding="utf-8"))["fingerprints"]}
    pipeline.result = make_analysis({"e1": MISMATCH["e1"]})  # the date-missing finding is gone
    capsys.readouterr()
    assert main(["in", "--baseline", "known.json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    stale = entries["date-missing"]
    assert lines[-4:-1] == [
        "1 finding hidden by the baseline",
        "1 baseline entry in known.json matches no finding any more (prune with --write-baseline):",
        f"  {stale['fingerprint']} date-missing {stale['event']}: {stale['message']}",
    ]
    # An entry of a rule that did not run is not called stale: nothing was looked for.
    assert main(["in", "--baseline", "known.json", "--select", "location-mismatch"]) == 0
    assert "no finding any more" not in capsys.readouterr().out


def test_sarif_keeps_what_the_baseline_hides(pipeline, capsys, tmp_path):
    pipeline.result = make_analysis({**MISMATCH, "e2": WARNING_ONLY["e1"]})
    assert main(["in", "--write-baseline", "known.json", "--select", "location-mismatch"]) == 0
    assert main(["in", "--baseline", "known.json", "--format", "sarif"]) == 0
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"], "suppressions" in r) for r in results] == [
        ("location-mismatch", "unchanged", True), ("date-missing", "new", False)]


def test_baseline_from_configuration(pipeline, capsys, tmp_path):
    assert main(["in", "--write-baseline", "known.json"]) == 0
    write_pyproject(tmp_path, 'baseline = "known.json"')
    assert main(["in"]) == 0
    assert "1 finding hidden by the baseline" in capsys.readouterr().out


@pytest.mark.parametrize("content", [None, "not json", '{"schema_version": 2, "fingerprints": []}',
                                     '{"schema_version": 1, "fingerprints": [1]}'])
def test_bad_baseline_is_a_usage_error(pipeline, capsys, tmp_path, content):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["in", "--baseline", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("check: ") and str(path) in err


# ---------------------------------------------------------------------------------------------
# End to end, once the pipeline is in place


def test_seeds_end_to_end(capsys, monkeypatch):
    pytest.importorskip("checker.pipeline", reason="the pipeline is not complete yet")
    from tests.helpers import SEEDS

    monkeypatch.chdir(SEEDS.parent)
    status = main(["seeds", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert status == (1 if any(f["severity"] == "error" for f in data["findings"]) else 0)
    assert len(data["articles"]) == 5 and data["skipped"] == []
    assert main(["seeds", "--format", "json"]) == status
    assert json.loads(capsys.readouterr().out) == data
