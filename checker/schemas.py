"""JSON Schemas of the claim record and the report, generated from the pydantic models.

``python -m checker.schemas`` rewrites ``schemas/``; a test fails when the files there are stale,
so the published schemas can never drift from the code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checker.models import ClaimRecord, Report

SCHEMAS = {"claim-record.schema.json": ClaimRecord, "report.schema.json": Report}


def render(model: type) -> str:
    schema = model.model_json_schema(mode="serialization")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (folder / name).write_text(render(model), encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas"))
