"""Baselines: record today's findings by fingerprint, then hide exactly those on later runs, so
CI fails only on what is new (as ruff's and sqlfluff's baselines do).

A fingerprint is derived from content (rule, event, field, subject, normalised values), never
from offsets or file order, so a baseline keeps matching while the articles stay the same. A
baseline entry that matches nothing any more is reported as stale, so the file can be pruned
instead of silently hiding tomorrow's finding that happens to share an old fingerprint.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from checker.models import Finding
from checker.report.output import write_atomic

BASELINE_VERSION = 1


class BaselineError(ValueError):
    """A baseline file cannot be read or is not a baseline; the message names the file."""


@dataclass(frozen=True)
class BaselineEntry:
    """One recorded finding: its fingerprint, and what it was, for a person pruning the file."""

    fingerprint: str
    rule: str | None = None
    event: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class BaselineOutcome:
    """What applying a baseline did: the findings still shown, those it hid (SARIF keeps them,
    marked as suppressed), and its entries that matched no finding of a rule that ran."""

    path: str
    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    stale: tuple[BaselineEntry, ...]


def dump_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file's text: one entry per distinct fingerprint, sorted."""
    entries: dict[str, dict] = {}
    for f in sorted(findings, key=lambda f: (f.fingerprint, f.rule, f.event or "", f.message)):
        entries.setdefault(
            f.fingerprint, {"fingerprint": f.fingerprint, "rule": f.rule, "event": f.event, "message": f.message}
        )
    payload = {"schema_version": BASELINE_VERSION, "fingerprints": list(entries.values())}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str | Path, findings: Iterable[Finding]) -> int:
    """Write the baseline of ``findings`` to ``path`` atomically; return how many it holds."""
    text = dump_baseline(findings)
    write_atomic(path, text)
    return len(json.loads(text)["fingerprints"])


def _optional_string(entry: dict, key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def load_baseline(path: str | Path) -> tuple[BaselineEntry, ...]:
    """The entries a baseline file lists, in fingerprint order."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"no such baseline file: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("schema_version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a baseline (schema_version {BASELINE_VERSION} expected)")
    entries = data.get("fingerprints")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise BaselineError(f"{path}: 'fingerprints' must be a list of objects with a 'fingerprint'")
    unique = {
        e["fingerprint"]: BaselineEntry(
            e["fingerprint"], _optional_string(e, "rule"), _optional_string(e, "event"), _optional_string(e, "message")
        )
        for e in entries
    }
    return tuple(unique[f] for f in sorted(unique))


def apply_baseline(
    findings: Iterable[Finding], entries: Iterable[BaselineEntry], path: str, not_run: Collection[str] = ()
) -> BaselineOutcome:
    """Split ``findings`` into those the baseline at ``path`` lists and the others.

    An entry that matches no finding is stale, unless its rule is in ``not_run`` (deselected in
    this run: its findings were not looked for, so nothing can be said about the entry).
    """
    findings = tuple(findings)
    entries = tuple(entries)
    known = {e.fingerprint for e in entries}
    seen = {f.fingerprint for f in findings}
    return BaselineOutcome(
        path=path,
        kept=tuple(f for f in findings if f.fingerprint not in known),
        suppressed=tuple(f for f in findings if f.fingerprint in known),
        stale=tuple(e for e in entries if e.fingerprint not in seen and e.rule not in not_run),
    )
