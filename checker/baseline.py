"""Baselines: record today's findings by fingerprint, then hide exactly those on later runs, so
CI fails only on what is new (as ruff's and sqlfluff's baselines do).

A fingerprint is derived from content (rule, event, field, subject, values), never from
offsets or file order, so a baseline keeps matching while the articles stay the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from checker.models import Finding
from checker.report.output import write_atomic

BASELINE_VERSION = 1


class BaselineError(ValueError):
    """A baseline file cannot be read or is not a baseline; the message names the file."""


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


def load_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints a baseline file lists."""
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
    return frozenset(e["fingerprint"] for e in entries)


def apply_baseline(findings: Iterable[Finding], known: frozenset[str]) -> tuple[tuple[Finding, ...], int]:
    """The findings the baseline does not list, and how many it hid."""
    findings = tuple(findings)
    kept = tuple(f for f in findings if f.fingerprint not in known)
    return kept, len(findings) - len(kept)
