"""The published JSON Schemas are current, and the seeds' JSON report validates against them."""

from __future__ import annotations

import json

import jsonschema

from checker import schemas
from tests.helpers import ROOT


def test_schemas_are_current():
    for name, model in schemas.SCHEMAS.items():
        on_disk = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert on_disk == schemas.render(model), f"schemas/{name} is stale: run python -m checker.schemas"


def test_seed_report_validates(seed_report_json):
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(seed_report_json))


def test_claim_record_schema_accepts_every_seed_record(seed_report_json):
    schema = json.loads((ROOT / "schemas" / "claim-record.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for article in json.loads(seed_report_json)["articles"]:
        validator.validate(article["record"])
