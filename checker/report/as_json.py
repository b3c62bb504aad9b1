"""The JSON report: exactly the outside contract's shape, byte-identical for identical input."""

from __future__ import annotations

import json

from checker.models import Report


def render_json(report: Report) -> str:
    """The report as JSON text (UTF-8 characters kept, two-space indent, trailing newline)."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
