"""``import(export(plan)) == plan``: over generated plans, for every format both write
and read, with what each format holds (category, owner and deprecation only travel in
Protocols rules' labels and ``deprecatedAt``; JSON Schema and Iglu mark a deprecation
only; Iglu names are letters, digits, ``_`` and ``-``, and its schemas are Draft 4;
a Weaver attribute holds a scalar type, an array of one or an enum, a description,
examples and whether it is required, and an event its description, a stability tag and
its deprecation's replacement and reason)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands.export import ExportFormat, export_plan
from evdict.commands.export_iglu import iglu_registry
from evdict.commands.export_weaver import weaver_registry
from evdict.commands.import_plan import render_plan
from evdict.importers.registry import read_plan
from evdict.plan.load import merge, parse_document
from evdict.plan.model import Plan

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


def _plan(events: dict[str, dict[str, Any]]) -> Plan:
    plan = merge([parse_document(render_plan(events), "events.yaml")])
    assert plan.problems == []
    return plan


def _round_trip(events: dict[str, dict[str, Any]], fmt: ExportFormat) -> dict[str, Any]:
    plan = _plan(events)
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


def _read_folder(fmt: str, files: dict[str, bytes]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / name).write_bytes(data)
        imported = read_plan(fmt, [Path(folder)])
    assert imported.notes == []
    return imported.events


@st.composite
def iglu_properties(draw: st.DrawFn) -> dict[str, Any]:
    """A property with Draft 2020-12's words that Draft 4 says otherwise."""
    spec = draw(properties())
    if "enum" not in spec and draw(st.booleans()):
        spec["const"] = draw(_TEXT)
    if draw(st.booleans()):
        spec["exclusiveMinimum"] = draw(st.integers(-1000, 1000))
    return spec


@st.composite
def iglu_plans(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    events: dict[str, dict[str, Any]] = {}
    for name in draw(
        st.lists(
            st.text("abcXYZ_0129-", min_size=1, max_size=16), min_size=1, max_size=4, unique=True
        )
    ):
        spec: dict[str, Any] = {}
        if draw(st.booleans()):
            spec["description"] = draw(_TEXT)
        if draw(st.booleans()):
            spec["status"] = "deprecated"
        props = draw(st.dictionaries(_NAMES, iglu_properties(), max_size=3))
        if props:
            spec["properties"] = props
        events[name] = spec
    return events


def _iglu_holds(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """What an Iglu schema gives back: a ``const`` is a one-value enum; of an exclusive
    and an inclusive minimum the stricter alone; the schema's Iglu URI as a tag."""
    held = dict(spec)
    properties = {}
    for prop_name, prop in spec.get("properties", {}).items():
        prop = dict(prop)
        if "const" in prop:
            prop["enum"] = [prop.pop("const")]
        if "exclusiveMinimum" in prop and "minimum" in prop:
            stricter = (
                "minimum" if prop["minimum"] > prop["exclusiveMinimum"] else "exclusiveMinimum"
            )
            del prop["exclusiveMinimum" if stricter == "minimum" else "minimum"]
        properties[prop_name] = prop
    if properties:
        held["properties"] = properties
    held["tags"] = [f"iglu:com.example/{name}/jsonschema/1-0-0"]
    return held


@settings(max_examples=60, deadline=None)
@given(iglu_plans())
def test_iglu_round_trip(events: dict[str, dict[str, Any]]) -> None:
    files, notes = iglu_registry(_plan(events), "com.example")
    assert notes == []
    imported = _read_folder("iglu", files)
    assert imported == {name: _iglu_holds(name, spec) for name, spec in events.items()}


_SCALAR_TYPES = st.sampled_from(["string", "integer", "number", "boolean"])
_ATTRIBUTE_TYPES = st.one_of(
    _SCALAR_TYPES.map(lambda kind: {"type": kind}),
    _SCALAR_TYPES.map(lambda kind: {"type": "array", "items": {"type": kind}}),
    st.lists(_TEXT, min_size=1, max_size=3, unique=True).map(
        lambda values: {"type": "string", "enum": values}
    ),
    st.lists(st.integers(-5, 500), min_size=1, max_size=3, unique=True).map(
        lambda values: {"type": "integer", "enum": values}
    ),
)


@st.composite
def weaver_plans(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """Events whose properties of one name have one type (a Weaver attribute), each use
    with its own description, examples and requirement."""
    pool = draw(st.dictionaries(_NAMES, _ATTRIBUTE_TYPES, min_size=1, max_size=4))
    events: dict[str, dict[str, Any]] = {}
    for name in draw(st.lists(_NAMES, min_size=1, max_size=4, unique=True)):
        spec: dict[str, Any] = {}
        if draw(st.booleans()):
            spec["description"] = draw(_TEXT)
        if draw(st.booleans()):
            deprecated = {}
            if draw(st.booleans()):
                deprecated["replaced_by"] = draw(_NAMES)
            if not deprecated or draw(st.booleans()):
                deprecated["reason"] = draw(_TEXT)
            if draw(st.booleans()):
                deprecated["since"] = "2026-03"
            spec["deprecated"] = deprecated
        props = {}
        for prop_name in draw(st.lists(st.sampled_from(sorted(pool)), max_size=3, unique=True)):
            prop = dict(pool[prop_name])
            if draw(st.booleans()):
                prop["description"] = draw(_TEXT)
            if draw(st.booleans()):
                prop["examples"] = draw(st.lists(st.integers() | _TEXT, min_size=1, max_size=2))
            if draw(st.booleans()):
                prop["required"] = True
            props[prop_name] = prop
        if props:
            spec["properties"] = props
        events[name] = spec
    return events


def _weaver_holds(spec: dict[str, Any]) -> dict[str, Any]:
    """What a Weaver event gives back: descriptions trimmed (brief), the stability tag,
    a deprecation's replacement and reason (its kind when it has none), no date."""
    held: dict[str, Any] = {}
    if spec.get("description", "").strip():
        held["description"] = spec["description"].strip()
    held["tags"] = ["stability:development"]
    if "deprecated" in spec:
        deprecated = spec["deprecated"]
        replaced_by = deprecated.get("replaced_by")
        held["deprecated"] = {
            **({"replaced_by": replaced_by} if replaced_by else {}),
            "reason": deprecated.get("reason", "").strip()
            or ("renamed" if replaced_by else "obsoleted"),
        }
    properties = {}
    for name, prop in spec.get("properties", {}).items():
        prop = dict(prop)
        if prop.get("description", "").strip():
            prop["description"] = prop["description"].strip()
        else:
            prop.pop("description", None)
        properties[name] = prop
    if properties:
        held["properties"] = properties
    return held


@settings(max_examples=60, deadline=None)
@given(weaver_plans())
def test_weaver_round_trip(events: dict[str, dict[str, Any]]) -> None:
    files, notes = weaver_registry(_plan(events))
    assert notes == []
    imported = _read_folder("weaver", files)
    assert imported == {name: _weaver_holds(spec) for name, spec in events.items()}
