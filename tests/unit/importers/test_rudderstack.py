"""``rudderstack``: rudder-cli's tracking plans as code (fixtures after RudderStack's docs
and rudder-iac's own test projects), references across files, bad input, fuzzing."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands.import_plan import render_plan
from evdict.importers.registry import read_plan
from evdict.plan.load import parse_document

HERE = Path(__file__).resolve().parent
NOTES = [
    "fixtures/rudderstack: mixed spec versions (fixtures/rudderstack/categories.yaml uses "
    "rudder/v1; fixtures/rudderstack/legacy/catalog.yaml uses rudder/0.1): all read alike",
    "fixtures/rudderstack/events.yaml:18:7: an event of type 'identify', not track: not imported",
    "fixtures/rudderstack/events.yaml:22:7: unknown category '#category:wishlist': not kept",
    "fixtures/rudderstack/legacy/tracking-plan.yaml:19:11: unknown property "
    "'#/properties/other-group/plan_tier': skipped",
    "fixtures/rudderstack/tracking-plan.yaml:21:7: unplanned properties are allowed: not kept "
    "(a plan lists its properties)",
    "fixtures/rudderstack/tracking-plan.yaml:33:7: variants (properties by a discriminator's "
    "value) are not kept",
    "fixtures/rudderstack/properties.yaml:26:9: 'multiple_of' is not kept (a plan property has "
    "no multiple_of)",
    "fixtures/rudderstack/custom-types.yaml:21:7: the custom type's own properties are not "
    "kept: a plan property holds none",
    "fixtures/rudderstack/tracking-plan.yaml:29:11: the nested properties ('#property:city') "
    "are not kept: a plan property holds none",
    "fixtures/rudderstack/tracking-plan.yaml:32:11: unknown property '#property:gift_wrap': "
    "skipped",
    "fixtures/rudderstack/tracking-plan.yaml:44:7: unknown event '#event:order_refunded': skipped",
]


@pytest.fixture(autouse=True)
def in_fixtures() -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(HERE)
    try:
        yield
    finally:
        os.chdir(previous)


def test_the_project_gives_the_expected_plan_and_notes() -> None:
    imported = read_plan("rudderstack", [Path("fixtures/rudderstack")])
    text = render_plan(imported.events)
    assert text == (HERE / "fixtures/rudderstack.expected.yaml").read_text(encoding="utf-8")
    assert [str(note) for note in imported.notes] == NOTES
    assert imported.files_read == 9
    document, problems = parse_document(text, "events.yaml")
    assert problems == []
    assert document.data == {"events": imported.events}


def test_names_are_kept_exactly() -> None:
    imported = read_plan("rudderstack", [Path("fixtures/rudderstack")])
    assert list(imported.events) == [
        "Product Viewed",
        "Order Completed",
        "Cart Viewed ",
        "Signup Completed",
    ]


def test_a_yaml_tag_never_builds_an_object(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(
        "version: rudder/v1\nkind: events\nmetadata: {name: e}\nspec:\n  events:\n"
        "    - id: a\n      name: A\n      event_type: track\n"
        "      description: !!python/object/apply:os.system [echo]\n",
        encoding="utf-8",
    )
    imported = read_plan("rudderstack", [path])
    assert list(imported.events) == ["A"]
    assert [str(note) for note in imported.notes] == [
        f"{path.as_posix()}:9:20: unsupported YAML tag '!!python/object/apply:os.system' "
        "(a plan holds plain values only)"
    ]


def test_bad_files_are_notes_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("version: rudder/v1\nkind: events\nspec: [\n", "utf-8")
    (tmp_path / "b.yaml").write_text("version: rudder/v2\nkind: events\nspec: {}\n", "utf-8")
    (tmp_path / "c.yml").write_text(
        "version: rudder/v1\nkind: events\nmetadata: {name: e}\nspec:\n  properties: []\n",
        "utf-8",
    )
    (tmp_path / "d.yaml").write_text(
        "version: rudder/v1\nkind: source\nspec: {}\n---\n", encoding="utf-8"
    )
    (tmp_path / "e.yaml").write_text(
        "version: rudder/v1\nkind: tp\nmetadata: {name: p}\nspec:\n  id: p\n  rules:\n"
        "    - type: event_rule\n      id: r\n      event: '#event:nope'\n"
        "    - type: identify_rule\n",
        encoding="utf-8",
    )
    (tmp_path / "f.yaml").write_text(
        "version: rudder/v1\nkind: events\nmetadata: {name: e}\nspec:\n  events:\n"
        "    - {id: x, name: '', event_type: track}\n    - {id: y, name: Y}\n"
        "    - {id: y, name: Z}\n    - {name: W, owner: me}\n",
        encoding="utf-8",
    )
    imported = read_plan("rudderstack", [tmp_path])
    assert list(imported.events) == ["Y", "W"]
    root = tmp_path.as_posix()
    notes = [str(note) for note in imported.notes]
    assert notes[0].startswith(f"{root}/a.yaml:4:1: ")
    assert notes[1:] == [
        f"{root}/b.yaml:1:1: not a RudderStack spec (version 'rudder/v2'): skipped",
        f"{root}/c.yml:4:1: a file of kind 'events' without `spec.events` (it holds 'properties'): skipped",
        f"{root}/d.yaml:2:1: kind 'source' is not part of a tracking plan: skipped",
        f"{root}/e.yaml:2:1: kind 'tp' under version 'rudder/v1': read all the same",
        f"{root}/f.yaml:8:8: event id 'y' is defined again: the first is kept",
        f"{root}/f.yaml:9:7: no `id` on this event: it cannot be referenced",
        f"{root}/f.yaml:6:7: an event without a name (a plan name has a character): skipped",
        f"{root}/f.yaml:9:17: 'owner' is not kept (a plan event has no owner)",
        f"{root}/e.yaml:9:7: unknown event '#event:nope': skipped",
        f"{root}/e.yaml:10:7: not an event_rule: skipped",
    ]


_KEYS = st.sampled_from(
    [
        "id",
        "name",
        "type",
        "types",
        "event",
        "property",
        "properties",
        "config",
        "rules",
        "category",
        "event_type",
        "$ref",
        "required",
        "item_type",
        "variants",
        "enum",
        "",
    ]
)
_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=5)
    | st.sampled_from(
        [
            "#event:a",
            "#property:a",
            "#custom-type:a",
            "#category:a",
            "track",
            "#/properties/g/a",
            "string,null",
            "array",
        ]
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_KEYS, children, max_size=4),
    max_leaves=25,
)
_KIND = (
    st.sampled_from(["events", "properties", "categories", "custom-types", "tracking-plan", "tp"])
    | _VALUES
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_KIND, _VALUES), min_size=1, max_size=5))
def test_any_project_imports_without_raising(files: list[tuple[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for index, (kind, spec) in enumerate(files):
            version = "rudder/0.1" if index % 2 else "rudder/v1"
            document = {"version": version, "kind": kind, "metadata": {"name": "g"}}
            document["spec"] = {
                "events": spec,
                "properties": spec,
                "rules": spec,
                "id": "a",
                "categories": spec,
                "types": spec,
            }
            (Path(folder) / f"{index}.yaml").write_text(json.dumps(document), encoding="utf-8")
        imported = read_plan("rudderstack", [Path(folder)])
        _, problems = parse_document(render_plan(imported.events), "events.yaml")
        assert all(problem.kind == "schema" for problem in problems), problems
