"""Each format read from fixtures written from the vendors' documentation: the plan it
gives (byte for byte, in fixtures/*.expected.yaml) and every note, with its location."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from evdict.commands.import_plan import render_plan
from evdict.importers.registry import read_plan
from evdict.plan.load import parse_document

HERE = Path(__file__).resolve().parent

CASES = {
    "segment public API": (
        "segment-protocols",
        "fixtures/segment/public-api-rules.json",
        "fixtures/segment/public-api-rules.expected.yaml",
        [
            "fixtures/segment/public-api-rules.json#/data/rules/0: an older version of "
            "'Order Completed': not imported",
            "fixtures/segment/public-api-rules.json#/data/rules/1/jsonSchema/properties/properties"
            "/properties/coupon/default: 'default' is not kept (a plan property has no default)",
            "fixtures/segment/public-api-rules.json#/data/rules/1/jsonSchema/properties/properties"
            "/properties/shipping/properties: the nested object's own properties ('method') are "
            "not kept: a plan property holds no sub-properties",
            "fixtures/segment/public-api-rules.json#/data/rules/3: 'identify' is a rule of type "
            "IDENTIFY, not an event: not imported",
        ],
    ),
    "typewriter legacy plan.json": (
        "segment-protocols",
        "fixtures/segment/typewriter-legacy-plan.json",
        "fixtures/segment/typewriter-legacy-plan.expected.yaml",
        [
            "fixtures/segment/typewriter-legacy-plan.json#/rules/events/0/rules/properties"
            "/properties/properties/referrer/$ref: unknown $ref '#/definitions/url': the property "
            "is kept untyped",
            "fixtures/segment/typewriter-legacy-plan.json#/rules/identify: identify rules are not "
            "events: not imported",
        ],
    ),
    "typewriter plan.json": (
        "segment-protocols",
        "fixtures/segment/typewriter-plan.json",
        "fixtures/segment/typewriter-plan.expected.yaml",
        [],
    ),
    "json schema folder": (
        "jsonschema",
        "fixtures/jsonschema",
        "fixtures/jsonschema.expected.yaml",
        [
            "fixtures/jsonschema/broken.json:5:3: invalid JSON (Expecting property name enclosed "
            "in double quotes): skipped",
            "fixtures/jsonschema/checkout_started.json#/title: title 'Checkout started' is not "
            "kept (the event is named by its name)",
            "fixtures/jsonschema/checkout_started.json#/properties/: an empty property name "
            "(a plan name has a character): skipped",
            "fixtures/jsonschema/search_performed.json#/properties/referrer/$ref: unknown $ref "
            "'https://schemas.example.com/common.json#/url': the property is kept untyped",
            "fixtures/jsonschema: mixed JSON Schema dialects (fixtures/jsonschema/"
            "checkout_started.json uses https://json-schema.org/draft/2020-12/schema; "
            "fixtures/jsonschema/search_performed.json uses "
            "http://json-schema.org/draft-07/schema#): all read alike",
        ],
    ),
    "iglu registry": (
        "iglu",
        "fixtures/iglu",
        "fixtures/iglu.expected.yaml",
        [
            "fixtures/iglu/schemas/com.acme/checkout_step/jsonschema/2-0-0#/self/version: "
            "version '1-0-0' disagrees with the path ('2-0-0'): the path is used",
            "fixtures/iglu/schemas/com.acme/page_ping/jsonschema/1-0-0:4:84: invalid JSON "
            "(Expecting property name enclosed in double quotes): skipped",
            "fixtures/iglu: 1 older schema version(s) not imported (the newest of each schema is)",
        ],
    ),
    "glean metrics.yaml (anchors, merge keys)": (
        "glean",
        "fixtures/glean",
        "fixtures/glean.expected.yaml",
        [
            "fixtures/glean/metrics.yaml:25:9: not kept (one owner): telemetry-alerts@example.com",
            "fixtures/glean/metrics.yaml:29:3: a 'counter' metric, not an event: not imported",
            "fixtures/glean/metrics.yaml:42:5: not kept (one owner): telemetry-alerts@example.com",
            "fixtures/glean/metrics.yaml:53:5: 'lifetime' is not kept (a plan event has no lifetime)",
        ],
    ),
    "weaver registry (definition/1 and version 2)": (
        "weaver",
        "fixtures/weaver",
        "fixtures/weaver.expected.yaml",
        [
            "fixtures/weaver/v1/events.yaml:15:9: requirement level {'conditionally_required': "
            "'If the screen is known.'} is not kept (optional)",
            "fixtures/weaver/v1/events.yaml:18:9: requirement level 'opt_in' is not kept "
            "(optional)",
            "fixtures/weaver/v1/registry.yaml:44:9: a deprecated attribute: not marked "
            "(a plan property has no deprecation)",
            "fixtures/weaver/v1/events.yaml:31:9: unknown attribute 'app.store.region': "
            "kept untyped",
            "fixtures/weaver/v2/model.yaml:18:5: type 'template[string]' has no JSON type: "
            "kept untyped",
        ],
    ),
    "avo: Export API JSON, Snowplow schemas, tracking plan CSV": (
        "avo",
        "fixtures/avo",
        "fixtures/avo.expected.yaml",
        [
            "fixtures/avo/tracking-plan.csv:1: column(s) 'Event Name Mapping: Mixpanel' not kept "
            "(a plan has none)",
            "fixtures/avo/tracking-plan.csv:2: the description of bundle 'A/B Testing Properties' "
            "is not kept",
            "fixtures/avo/tracking-plan.csv:4: stakeholder(s) ['Checkout Team'] not kept "
            "(one owner)",
            "fixtures/avo/tracking-plan.csv:5: value 'one' is not of type integer: kept as text",
            "fixtures/avo/tracking-plan.csv:6: user property 'Account Id' is not kept "
            "(not the event's)",
            "fixtures/avo/tracking-plan.csv:8: value type 'integer' is not one of string, int, "
            "float, bool, object, any: kept untyped",
            "fixtures/avo/tracking-plan.csv:8: Is Property Required? 'maybe' is neither True nor "
            "False: read as False",
            "fixtures/avo/tracking-plan.csv:9: a property without a Property Name: skipped",
            "fixtures/avo/export.json#/events/0/actions: actions ['skipLogEvent', 'page'] not "
            "kept (how Avo sends the event)",
            "fixtures/avo/export.json#/events/1/categories: categories ['Order'] not kept "
            "(a plan event has one)",
            "fixtures/avo/export.json#/events/1/stakeholderDomains: stakeholder(s) ['Finance'] "
            "not kept (a plan event has one owner)",
            "fixtures/avo/export.json#/events/1/triggers: 1 trigger(s) not kept",
            "fixtures/avo/export.json#/events/1/rules/properties/userProperties: userProperties "
            "('user_email_address') not kept: a plan event holds the event's own properties",
            "fixtures/avo/export.json#/events/1/rules/properties/properties/properties"
            "/checkout_channel/nameMapping: name mappings are not kept (a plan has one name)",
            "fixtures/avo/export.json#/events/2: variant 'Mobile' of 'checkout_completed' is not "
            "imported (a plan has no event variants)",
            "fixtures/avo/export.json#/events/3/categories/0: category 'gone' is not in the "
            "plan's `categories`: not kept",
            "fixtures/avo/export.json#/events/3/customFields: 'customFields' is not kept "
            "(a plan event has no customFields)",
            "fixtures/avo/export.json#/events/3/rules/properties/properties/properties"
            "/utm_source/default: 'default' is not kept (a plan property has no default)",
            "fixtures/avo/export.json#/metrics: 1 metrics not kept (an evdict plan has no metrics)",
            "fixtures/avo/snowplow-schemas.json#/contextSchemas: 1 context schema(s) not kept "
            "(not events)",
        ],
    ),
    "amplitude: events CSV export (property groups)": (
        "amplitude",
        "fixtures/amplitude",
        "fixtures/amplitude.expected.yaml",
        [
            "fixtures/amplitude/events.csv:1: column(s) 'Event first seen', 'Event last seen' "
            "not kept (a plan has none)",
            "fixtures/amplitude/events.csv:7: unique items is not kept (a plan property has none)",
            "fixtures/amplitude/events.csv:9: display name 'Checkout done' is not kept "
            "(a plan has none)",
            "fixtures/amplitude/events.csv:9: Event Activity 'Inactive' is not kept "
            "(a plan has no activity flag)",
            "fixtures/amplitude/events.csv:9: Action 'Ignore' (unexpected, blocked, deleted or "
            "to remove in Amplitude) is not kept: imported as defined",
            "fixtures/amplitude/events.csv:10: Number Property Value Min 'zero' is not a "
            "number: not kept",
            "fixtures/amplitude/events.csv:10: hidden in charts: not kept",
            "fixtures/amplitude/events.csv:11: an empty property name (a plan name has a "
            "character): skipped",
            "fixtures/amplitude/events.csv:12: value type 'date' is not one of string, number, "
            "boolean, any, enum, const: kept untyped",
        ],
    ),
    "amplitude: Taxonomy API JSON, ampli.json": (
        "amplitude",
        "fixtures/amplitude-taxonomy",
        "fixtures/amplitude-taxonomy.expected.yaml",
        [
            "fixtures/amplitude-taxonomy/ampli.json: the Ampli CLI's settings (ampli.json) name "
            "a workspace and branch, not events: skipped (export the plan as CSV)",
            "fixtures/amplitude-taxonomy/event-properties.json#/data/2/classifications: "
            "classification(s) ['REVENUE'] not kept",
            "fixtures/amplitude-taxonomy/event-properties.json#/data/2/is_hidden: hidden from "
            "chart dropdowns: not kept",
            "fixtures/amplitude-taxonomy/event-properties.json#/data/4: 'Referrer' is a shared "
            "property of no event: not imported",
            "fixtures/amplitude-taxonomy/event-types.json#/data/1/display_name: display name "
            "'User Conversion' is not kept (a plan has none)",
            "fixtures/amplitude-taxonomy/event-types.json#/data/1/is_active: is_active false is "
            "not kept",
            "fixtures/amplitude-taxonomy/event-types.json#/data/1/is_hidden_from_pathfinder: "
            "'is_hidden_from_pathfinder' is not kept",
        ],
    ),
}


@pytest.fixture(autouse=True)
def in_fixtures() -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(HERE)
    try:
        yield
    finally:
        os.chdir(previous)


@pytest.mark.parametrize("case", CASES)
def test_fixture_gives_the_expected_plan_and_notes(case: str) -> None:
    fmt, source, expected, notes = CASES[case]
    imported = read_plan(fmt, [Path(source)])
    text = render_plan(imported.events)
    assert text == (HERE / expected).read_text(encoding="utf-8")
    assert [str(note) for note in imported.notes] == notes
    document, problems = parse_document(text, "events.yaml")
    assert problems == []
    assert document.data == {"events": imported.events}


def test_names_are_kept_exactly() -> None:
    imported = read_plan("segment-protocols", [Path("fixtures/segment/public-api-rules.json")])
    assert list(imported.events) == ["Order Completed", "Cart Viewed "]


def test_a_missing_source_is_a_note() -> None:
    imported = read_plan("jsonschema", [Path("fixtures/nowhere")])
    assert [str(note) for note in imported.notes] == ["fixtures/nowhere: no such file or folder"]
    assert imported.events == {}


def test_glean_yaml_never_builds_objects(tmp_path: Path) -> None:
    metrics = tmp_path / "metrics.yaml"
    metrics.write_text(
        "ui:\n  opened:\n    type: event\n    description: !!python/object:os.system x\n",
        encoding="utf-8",
    )
    imported = read_plan("glean", [metrics])
    assert imported.events == {"ui.opened": {"description": "x"}}
    assert [str(note) for note in imported.notes] == [
        f"{metrics.as_posix()}:4:18: unsupported YAML tag '!!python/object:os.system' "
        "(a plan holds plain values only)"
    ]


def test_draft_4_exclusive_bounds_read_as_the_plan_writes_them(tmp_path: Path) -> None:
    """Iglu's schemas are Draft 4: ``exclusiveMinimum: true`` makes ``minimum`` exclusive,
    ``false`` says nothing (read as Draft 2020-12's numbers, never as a boolean)."""
    (tmp_path / "paid.json").write_text(
        '{"type": "object", "properties": {'
        '"total": {"type": "number", "minimum": 0, "exclusiveMinimum": true,'
        ' "maximum": 10, "exclusiveMaximum": false}}}',
        encoding="utf-8",
    )
    imported = read_plan("jsonschema", [tmp_path / "paid.json"])
    assert imported.events == {
        "paid": {"properties": {"total": {"type": "number", "exclusiveMinimum": 0, "maximum": 10}}}
    }
    assert imported.notes == []
