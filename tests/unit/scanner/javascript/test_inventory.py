"""The JS/TS fixture projects scan to exactly the inventory in ``expected.yaml``.

Each fixture folder under ``tests/scan/fixtures/js`` is scanned as a project of its
own (default config: every preset, wrapper inference on; its ``evdict.yaml`` if any). A call renders as one line::

    LINE:COL EVENTS [KIND VIA] PROPERTIES

``EVENTS`` is the event name (``a | b`` for a choice), followed by ``dynamic KIND:
DETAIL`` when the name is not one static string; ``PROPERTIES`` are the names the
call sends, ``(partial)`` when a spread or a variable hides some. Files with no call
are absent; ``problems`` lists EV608 findings and ``wrappers`` the inferred wrappers
(``NAME(EVENT_PARAMETER)``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from evdict.config import Config, load_config
from evdict.scanner import engine
from evdict.scanner.engine import scan_project
from evdict.scanner.model import Inventory, TrackingCall

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "js"
EXPECTED: dict[str, Any] = YAML(typ="safe").load((FIXTURES / "expected.yaml").read_text())


def render(call: TrackingCall) -> str:
    line, column = call.pos[:2]
    events = " | ".join(call.events)
    if call.dynamic is not None:
        events = f"{events} dynamic {call.dynamic.kind}: {call.dynamic.detail}".strip()
    parts = [f"{line}:{column}", events, f"[{call.kind} {call.via}]"]
    parts.append(", ".join(prop.name for prop in call.properties))
    parts.append("" if call.complete else "(partial)")
    return " ".join(part for part in parts if part)


def inventory_of(root: Path) -> dict[str, Any]:
    config_file = root / "evdict.yaml"  # what a team declares (wrappers) where it needs to
    config = load_config(config_file) if config_file.exists() else Config.from_data({}, root)
    inventory: Inventory = scan_project(config, use_cache=False, jobs=1)

    def rel(path: str) -> str:
        return Path(path).resolve().relative_to(root).as_posix()

    calls: dict[str, list[str]] = {}
    for call in inventory.calls:
        calls.setdefault(rel(call.path), []).append(render(call))
    result: dict[str, Any] = {"calls": calls}
    if inventory.problems:
        result["problems"] = [
            f"{rel(p.path)}:{p.pos[0]}:{p.pos[1]} {p.message}" for p in inventory.problems
        ]
    if inventory.wrappers:
        result["wrappers"] = sorted(f"{w.name}({w.event_param})" for w in inventory.wrappers)
    return result


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_fixture_inventory(project: str) -> None:
    expected = EXPECTED[project]
    assert inventory_of(FIXTURES / project) == {
        "calls": expected.get("calls") or {},
        **{key: expected[key] for key in ("problems", "wrappers") if key in expected},
    }


def test_every_fixture_project_has_expectations() -> None:
    projects = {path.name for path in FIXTURES.iterdir() if path.is_dir()}
    assert projects == set(EXPECTED)


def test_worker_processes_give_the_same_inventory(monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config.from_data({}, FIXTURES / "app")
    alone = scan_project(config, use_cache=False, jobs=1)
    monkeypatch.setattr(engine, "POOL_MIN_BYTES", 0)
    assert scan_project(config, use_cache=False, jobs=2) == alone


def test_a_warm_scan_from_the_cache_gives_the_same_inventory(tmp_path: Path) -> None:
    config = Config.from_data({"cache_dir": str(tmp_path / "cache")}, FIXTURES / "app")
    cold = scan_project(config, jobs=1)
    assert scan_project(config, jobs=1) == cold


def test_calls_through_an_injected_interface_are_proven_through_its_implementation() -> None:
    """The right reason: no call of di_interface rests on evidence (a constructor's
    parameter property is no browser global), and the interface's method is a wrapper
    because its Segment writer sends through analytics-node."""
    inventory = scan_project(
        Config.from_data({}, FIXTURES / "di_interface"), use_cache=False, jobs=1
    )
    assert [(call.via, call.evidence) for call in inventory.calls] == [
        ("IAnalyticsWriter.track", None)
    ] * 6
    wrapper = next(w for w in inventory.wrappers if w.name == "IAnalyticsWriter.track")
    assert [(Path(link.path).name, link.pos[0], link.text) for link in wrapper.chain] == [
        (
            "writers.ts",
            26,
            "IAnalyticsWriter.track is abstract; implementations that send: "
            "SegmentAnalyticsWriter.track (segment)",
        ),
        (
            "writers.ts",
            27,
            "SegmentAnalyticsWriter.track passes parameter 'msg'['event'] as the event of "
            "segment analytics-node().track",
        ),
    ]
