"""The HTML review page in a real headless browser (Debian's chromium, driven over the Chrome
DevTools protocol): it loads without a console error and without any network request, every
event is there, the rule and severity filters hide what they should, hostile article text stays
text, and a screenshot of the seeds' page is kept in test-artifacts/ for a person to look at.

Without chromium the test is skipped on a developer's machine, and fails under CI (CI=true),
where .ci/install-browser has installed it.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from checker.cli import main
from checker.report import Context, build_report, render
from checker.rules import check
from tests.helpers import ROOT
from tests.test_rules import make_analysis

ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
         "--remote-debugging-port=0", "--window-size=1400,1000")
TIMEOUT = 30


def _require(what: str, available: bool) -> None:
    if not available:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{what} is required under CI (run .ci/install-browser)")
        pytest.skip(f"{what} is not installed")


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    _require("chromium", found is not None)
    return found


class Page:
    """One browser tab over the DevTools protocol: commands in, events collected."""

    def __init__(self, url: str) -> None:
        import websocket

        self.socket = websocket.create_connection(url, timeout=TIMEOUT, suppress_origin=True)
        self.events: list[dict] = []
        self.last_id = 0

    def send(self, method: str, **params) -> dict:
        self.last_id += 1
        self.socket.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for event in self.events:
                if event.get("method") == method:
                    self.events.remove(event)
                    return event
            self.events.append(json.loads(self.socket.recv()))
        raise TimeoutError(method)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and log errors seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"])[:300])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(json.dumps(params.get("args"))[:300])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        self.socket.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless chromium with a fresh profile; yields a function opening a file in a new tab."""
    binary = _chromium()
    try:
        import websocket  # noqa: F401
    except ImportError:
        _require("websocket-client", False)
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        port = _devtools_port(process)
        pages = []

        def open_page(path: Path) -> Page:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                target = json.load(response)
            page = Page(target["webSocketDebuggerUrl"])
            pages.append(page)
            for domain in ("Page", "Runtime", "Log", "Network"):
                page.send(f"{domain}.enable")
            page.send("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
            page.send("Page.navigate", url=path.resolve().as_uri())
            page.wait_for("Page.loadEventFired")
            return page

        yield open_page
        for page in pages:
            page.close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _devtools_port(process: subprocess.Popen) -> int:
    """The port chromium chose, from the ``DevTools listening on ws://...`` line on stderr."""
    deadline = time.monotonic() + TIMEOUT
    seen = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        match = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
        if match:
            return int(match.group(1))
    raise RuntimeError("chromium did not start:\n" + "".join(seen[-20:]))


def _seed_page() -> tuple[Path, dict]:
    """The seeds' review page written by the command (from the repository root), and their JSON."""
    ARTIFACTS.mkdir(exist_ok=True)
    page, data = ARTIFACTS / "seeds.html", ARTIFACTS / "seeds.json"
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(io.StringIO()):
        main(["seeds/", "--fail-on", "never", "--format", "html", "--output", str(page),
              "--report", f"json:{data}"])
    return page, json.loads(data.read_text(encoding="utf-8"))


VISIBLE = "Array.from(document.querySelectorAll('li.finding')).filter(e => e.offsetParent !== null)"


def test_seed_page_in_a_browser(browser):
    path, report = _seed_page()
    page = browser(path)
    assert page.errors() == []
    assert page.requests() == [path.resolve().as_uri()]  # nothing fetched but the page itself

    shot = page.send("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                     clip={**_content_size(page), "x": 0, "y": 0, "scale": 1})
    (ARTIFACTS / "seeds-review.png").write_bytes(base64.b64decode(shot["data"]))

    events = page.evaluate("Array.from(document.querySelectorAll('section[data-event]')).map(s => s.id)")
    assert events == [e["id"] for e in report["events"]]
    rows = page.evaluate("document.querySelectorAll('tr[data-article]').length")
    assert rows == len(report["articles"])
    assert page.evaluate(f"{VISIBLE}.length") == len(report["findings"])
    rtl = page.evaluate("Array.from(document.querySelectorAll('td[lang=ar]'))"
                        ".map(td => getComputedStyle(td).direction)")
    assert rtl and set(rtl) == {"rtl"}

    rule = report["findings"][0]["rule"]
    page.evaluate(f"document.querySelector('input[data-kind=rule][value=\"{rule}\"]').click()")
    shown = page.evaluate(f"{VISIBLE}.map(e => e.dataset.rule)")
    assert rule not in shown and len(shown) == sum(f["rule"] != rule for f in report["findings"])
    assert page.evaluate("document.getElementById('shown-count').textContent") == str(len(shown))
    departing = page.evaluate("Array.from(document.querySelectorAll('td.departs')).map(td => td.dataset.findings)")
    hidden = {f["fingerprint"] for f in report["findings"] if f["rule"] == rule}
    assert all(set(cell.split()) - hidden for cell in departing)

    page.evaluate("document.querySelector('input[data-kind=severity][value=\"warning\"]').click()")
    assert page.evaluate(f"{VISIBLE}.map(e => e.dataset.severity)") == [
        f["severity"] for f in report["findings"] if f["rule"] != rule and f["severity"] != "warning"]
    assert page.errors() == []


def _content_size(page: Page) -> dict:
    metrics = page.send("Page.getLayoutMetrics")["cssContentSize"]
    return {"width": metrics["width"], "height": metrics["height"]}


def test_hostile_article_text_stays_text_in_a_browser(browser, tmp_path):
    hostile = '<img src=x onerror="console.error(1)"><script>console.error(2)</script>'
    analysis = make_analysis({"e1": {"a": {"location": {"value": hostile}}, "b": {"location": {"value": "Nice"}}}})
    findings = check(analysis.articles, analysis.events)
    report = build_report(analysis.articles, analysis.events, findings)
    path = tmp_path / "hostile.html"
    path.write_text(render(report, "html", Context()), encoding="utf-8")
    page = browser(path)
    assert page.errors() == []
    assert page.evaluate("document.querySelectorAll('img, main script').length") == 0
    assert hostile in page.evaluate("document.querySelector('td[data-column=place]').textContent")
