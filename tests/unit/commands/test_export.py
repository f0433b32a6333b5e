"""``evdict export``: the plan as JSON Schema and as a Segment Protocols plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from tests.conftest import EXAMPLES, RunCli, WriteFiles

PLAN = """\
properties:
  plan_tier: {type: string, enum: [free, pro], description: Tier of the workspace.}
events:
  report_exported:
    description: A report was downloaded as a file.
    properties:
      plan_tier: {required: true}
      format: {type: string, enum: [csv, xlsx], examples: [csv], pii: none}
  legacy_export_done:
    description: The old export job finished.
    deprecated: {since: "2026-01", replaced_by: report_exported}
"""


def test_json_schema_document(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    result = run("export")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$defs"] == {
        "legacy_export_done": {
            "title": "legacy_export_done",
            "description": "The old export job finished.",
            "deprecated": True,
            "type": "object",
            "properties": {},
            "required": [],
            "additionalProperties": False,
        },
        "report_exported": {
            "title": "report_exported",
            "description": "A report was downloaded as a file.",
            "type": "object",
            "properties": {
                "plan_tier": {
                    "description": "Tier of the workspace.",
                    "type": "string",
                    "enum": ["free", "pro"],
                },
                "format": {"examples": ["csv"], "type": "string", "enum": ["csv", "xlsx"]},
            },
            "required": ["plan_tier"],
            "additionalProperties": False,
        },
    }
    schema = {**document, "$ref": "#/$defs/report_exported"}
    validator = Draft202012Validator(schema)
    assert validator.is_valid({"plan_tier": "pro", "format": "csv"})
    assert not validator.is_valid({"format": "csv"})
    assert not validator.is_valid({"plan_tier": "pro", "email": "a@b.io"})


def test_segment_protocols_plan(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN})
    document = json.loads(run("export", "--format", "segment").output)
    assert [event["name"] for event in document["rules"]["events"]] == [
        "legacy_export_done",
        "report_exported",
    ]
    rule = document["rules"]["events"][1]
    assert rule["description"] == "A report was downloaded as a file."
    assert rule["rules"]["required"] == ["properties"]
    validator = Draft7Validator(rule["rules"])
    assert validator.is_valid({"properties": {"plan_tier": "free"}, "context": {"ip": "x"}})
    assert not validator.is_valid({"properties": {"plan_tier": "gold"}})


def test_segment_public_api_rules(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": PLAN.replace(
                "    description: The old", "    owner: data\n    description: The old"
            )
        }
    )
    result = run("export", "--format", "segment-protocols")
    assert result.exit_code == 0
    first, second = json.loads(result.output)["rules"]
    assert {key: value for key, value in first.items() if key != "jsonSchema"} == {
        "type": "TRACK",
        "key": "legacy_export_done",
        "version": 1,
        "labels": {"owner": "data"},
        "deprecatedAt": "2026-01",
    }
    assert first["jsonSchema"]["description"] == "The old export job finished."
    assert second["key"] == "report_exported" and "labels" not in second
    validator = Draft7Validator(second["jsonSchema"])
    assert validator.is_valid({"properties": {"plan_tier": "free"}})
    assert not validator.is_valid({"properties": {"plan_tier": "gold"}})


@pytest.mark.parametrize("fmt", ["jsonschema", "segment"])
def test_the_example_exports_valid_schemas(run: RunCli, fmt: str) -> None:
    config = str(EXAMPLES / "acme-enrich" / "evdict.yaml")
    document = json.loads(run("export", "--config", config, "--format", fmt).output)
    if fmt == "jsonschema":
        Draft202012Validator.check_schema(document)
        assert len(document["$defs"]) == 83
    else:
        for event in document["rules"]["events"]:
            Draft7Validator.check_schema(event["rules"])
        assert len(document["rules"]["events"]) == 83


def test_output_file_is_written(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"events.yaml": PLAN})
    result = run("export", "-o", "plan.schema.json")
    assert result.exit_code == 0
    assert result.output == ""
    saved = json.loads((root / "plan.schema.json").read_text(encoding="utf-8"))
    assert set(saved["$defs"]) == {"legacy_export_done", "report_exported"}


def test_a_broken_plan_is_not_exported(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  report_exported:\n    properties:\n      n: {type: str}\n"})
    result = run("export")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "events.yaml:4:17: EV002 [error] events.report_exported.properties.n.type: 'str' is "
        "not one of string, integer, number, boolean, array, object, null\n"
        "1 event in 1 file: 1 error\n"
    )


def test_infinity_in_the_plan_is_not_exported_as_invalid_json(
    write: WriteFiles, run: RunCli
) -> None:
    write(
        **{
            "events.yaml": "events:\n  order_completed:\n    description: An order.\n"
            "    properties:\n      total: {type: number, description: Total., maximum: .inf}\n"
        }
    )
    result = run("export", "-o", "plan.json")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "events.yaml:5:59: EV002 [error] events.order_completed.properties.total.maximum: "
        ".inf is not a JSON number (JSON has no infinity or NaN)\n"
    )
    assert not Path("plan.json").exists()
