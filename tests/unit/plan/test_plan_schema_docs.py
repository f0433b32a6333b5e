"""The plan schema documents itself: editors show a property's description on hover and
offer its examples, so every property has a description and every example is valid."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import REPO

SCHEMA: dict[str, Any] = json.loads((REPO / "schemas" / "plan.schema.json").read_text("utf-8"))


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (dotted path, subschema) of a key the plan may write."""
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            where = f"{path}.{name}".lstrip(".")
            yield where, sub
            yield from _properties(sub, where)
        for key, sub in node.items():
            if key not in ("properties", "examples"):
                yield from _properties(sub, f"{path}.{key}".lstrip("."))
    elif isinstance(node, list):
        for sub in node:
            yield from _properties(sub, path)


PROPERTIES = dict(_properties(SCHEMA))


def test_the_walk_finds_every_section() -> None:
    assert {"events", "$defs.event.description", "$defs.funnel.steps"} <= set(PROPERTIES)
    assert len(PROPERTIES) > 40


@pytest.mark.parametrize("path", sorted(PROPERTIES))
def test_every_property_has_a_description(path: str) -> None:
    description = PROPERTIES[path].get("description")
    assert isinstance(description, str) and len(description) > 10, path


@pytest.mark.parametrize(
    "path", sorted(path for path, sub in PROPERTIES.items() if "examples" in sub)
)
def test_every_example_is_valid_where_it_is_offered(path: str) -> None:
    sub = PROPERTIES[path]
    validator = Draft202012Validator({**sub, "$defs": SCHEMA["$defs"]})
    for example in sub["examples"]:
        validator.validate(example)


def test_the_schema_is_valid_and_examples_are_offered_for_most_values() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    with_examples = [path for path, sub in PROPERTIES.items() if "examples" in sub]
    assert len(with_examples) >= len(PROPERTIES) // 2
