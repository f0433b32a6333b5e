"""``import(export(plan)) == plan``: over generated plans, for every format both write
and read, with what each format holds (category, owner and deprecation only travel in
Protocols rules' labels and ``deprecatedAt``; JSON Schema marks a deprecation only)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands.export import ExportFormat, export_plan
from evdict.commands.import_plan import render_plan
from evdict.importers.registry import read_plan
from evdict.plan.load import merge, parse_document

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=24,
)
_NAMES = st.text("abcXYZ_. 0129-/", min_size=1, max_size=16)
_TYPES = st.sampled_from(["string", "integer", "number", "boolean", "array", "object", "null"])


@st.composite
def properties(draw: st.DrawFn) -> dict[str, Any]:
    spec: dict[str, Any] = {}
    types = draw(st.lists(_TYPES, min_size=1, max_size=3, unique=True))
    spec["type"] = types[0] if len(types) == 1 else types
    if draw(st.booleans()):
        spec["description"] = draw(_TEXT)
    if draw(st.booleans()):
        spec["enum"] = draw(st.lists(_TEXT, min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        spec["examples"] = draw(st.lists(st.integers() | _TEXT, min_size=1, max_size=2))
    if draw(st.booleans()):
        spec["minimum"] = draw(st.integers(-1000, 1000))
    if draw(st.booleans()):
        spec["required"] = True
    return spec


@st.composite
def plans(draw: st.DrawFn, fmt: ExportFormat) -> dict[str, dict[str, Any]]:
    events: dict[str, dict[str, Any]] = {}
    for name in draw(st.lists(_NAMES, min_size=1, max_size=4, unique=True)):
        spec: dict[str, Any] = {}
        if draw(st.booleans()):
            spec["description"] = draw(_TEXT)
        if fmt == "segment-protocols":
            for key in ("category", "owner"):
                if draw(st.booleans()):
                    spec[key] = draw(_TEXT)
            if draw(st.booleans()):
                spec["deprecated"] = {"since": draw(st.sampled_from(["2026-03", "2025-11-30"]))}
        if fmt == "jsonschema" and draw(st.booleans()):
            spec["status"] = "deprecated"
        props = draw(st.dictionaries(_NAMES, properties(), max_size=3))
        if props:
            spec["properties"] = props
        events[name] = spec
    return events


def _round_trip(events: dict[str, dict[str, Any]], fmt: ExportFormat) -> dict[str, Any]:
    plan = merge([parse_document(render_plan(events), "events.yaml")])
    assert plan.problems == []
    document = export_plan(plan, fmt, "Tracking plan")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        imported = read_plan("jsonschema" if fmt == "jsonschema" else "segment-protocols", [path])
    assert imported.notes == []
    return imported.events


@settings(max_examples=60, deadline=None)
@given(plans("segment-protocols"))
def test_segment_protocols_round_trip(events: dict[str, dict[str, Any]]) -> None:
    assert _round_trip(events, "segment-protocols") == events


@settings(max_examples=60, deadline=None)
@given(plans("segment"))
def test_segment_config_api_round_trip(events: dict[str, dict[str, Any]]) -> None:
    assert _round_trip(events, "segment") == events


@settings(max_examples=60, deadline=None)
@given(plans("jsonschema"))
def test_json_schema_round_trip(events: dict[str, dict[str, Any]]) -> None:
    assert _round_trip(events, "jsonschema") == events
