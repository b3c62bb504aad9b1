"""The ``check`` command through ``checker.cli.main(argv)``: listing and explaining rules, exit
statuses, output files, configuration, baselines and error handling.

The reading/extraction pipeline is replaced by a fake returning hand-made analyses, so these
tests pin the command's own behaviour; one end-to-end test runs the real pipeline on the seeds.
"""

from __future__ import annotations

import json
import sys
import types

import pytest

from checker.cli import main
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
    module = _module("checker.pipeline", monkeypatch)
    state = types.SimpleNamespace(result=make_analysis(MISMATCH), calls=[], PathNotFound=read.PathNotFound)

    def analyse(paths, language_paths=()):
        state.calls.append((list(paths), list(language_paths)))
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
    assert out[0].split()[:2] == ["action-missing", "info"]
    assert any(line.split()[:2] == ["location-mismatch", "error"] and "different places" in line for line in out)


def test_list_rules_as_json(capsys):
    assert main(["--list-rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == sorted(rules())
    assert listed[0] == {"id": "action-missing", "severity": "info", "field": "agreed_actions",
                         "summary": rules()["action-missing"].summary}


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
