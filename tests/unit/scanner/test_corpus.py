"""The fixture corpus: realistic call shapes, each project with its exact inventory.

``fixtures/python/<case>/`` is a project (with its ``evdict.yaml`` when it needs one);
``expected.txt`` beside it lists every call found, one a line::

    path:line:col: event @event_line:event_col kind:via [name=value,...] partial

A dynamic name is written ``<possible names|what is known>``; a property with a
literal value shows it (``=repr``), one a wrapper adds shows ``(via wrapper)``;
``partial`` marks properties that are not all visible. Then the files that could not
be scanned (``cannot scan:``) and the inferred wrappers (``wrapper name path:line``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evdict.config import Config, load_config
from evdict.scanner.engine import scan_project
from evdict.scanner.model import Inventory, TrackingCall

CORPUS = Path(__file__).parent / "fixtures" / "python"
CASES = sorted(path.name for path in CORPUS.iterdir() if (path / "expected.txt").exists())


def describe_call(call: TrackingCall) -> str:
    if call.event is not None:
        event = call.event
    else:
        detail = call.dynamic.detail if call.dynamic else "?"
        event = f"<{','.join(call.events)}|{detail}>"
    props = ",".join(
        prop.name
        + (f"={prop.value!r}" if prop.has_value else "")
        + (f"(via {prop.via})" if prop.via else "")
        for prop in call.properties
    )
    line, column = call.pos[:2]
    where = f"@{call.event_pos[0]}:{call.event_pos[1]}"
    partial = "" if call.complete else " partial"
    return f"{call.path}:{line}:{column}: {event} {where} {call.kind}:{call.via} [{props}]{partial}"


def describe(inventory: Inventory) -> list[str]:
    lines = [describe_call(call) for call in inventory.calls]
    lines += [
        f"{problem.path}:{problem.pos[0]}:{problem.pos[1]}: cannot scan: {problem.message}"
        for problem in inventory.problems
    ]
    lines += [
        f"wrapper {wrapper.name} {wrapper.path}:{wrapper.pos[0]} event={wrapper.event_param}"
        for wrapper in inventory.wrappers
    ]
    return lines


def scan_case(name: str, monkeypatch: pytest.MonkeyPatch) -> Inventory:
    root = CORPUS / name
    monkeypatch.chdir(root)
    config_file = root / "evdict.yaml"
    config = load_config(config_file) if config_file.exists() else Config(root=root.resolve())
    return scan_project(config, use_cache=False)


@pytest.mark.parametrize("case", CASES)
def test_inventory_is_exact(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert describe(scan_case(case, monkeypatch)) == expected


def test_every_case_has_its_expectations() -> None:
    assert set(CASES) == {
        "acmepkg",
        "bound_alias",
        "call_result",
        "celery",
        "client_attribute",
        "collector",
        "client_factory",
        "dataclass_properties",
        "decorator_factories",
        "decorator_factory_config",
        "decorator_names",
        "decorator_returns",
        "decorator_telemetry",
        "di_abstract_pair",
        "di_ambiguous",
        "di_attribute",
        "di_doubles",
        "di_param",
        "dict_copies",
        "dict_props",
        "errors",
        "event_actions",
        "event_classes",
        "event_objects",
        "evidence",
        "evidence_no_sdk",
        "event_lookup",
        "exits",
        "forwarded_calls",
        "ga4_measurement_protocol",
        "loaded_by_name",
        "local_choice",
        "module_dicts",
        "names",
        "negatives",
        "posthog_capture_api",
        "prefixed",
        "presets",
        "protocol_structural",
        "realworld",
        "realworld2",
        "realworld3",
        "returned_body",
        "schema_property",
        "wrappers",
    }
