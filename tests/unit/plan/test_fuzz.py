"""Whatever a plan file holds, loading it yields findings, never an exception.

Three kinds of input: arbitrary text and bytes, text built from YAML's own tokens
(so that it often parses, and often almost parses), and plan-shaped data dumped
by ruamel.yaml, which must also come back exactly as it was dumped.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from evdict import schema
from evdict.api import Options, lint
from evdict.config import load_config
from evdict.plan.load import parse_document, read_document
from evdict.plan.model import LoadProblem
from evdict.result import CheckResult
from evdict.yamlsource import YamlDocument, load_yaml

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_TOKENS = [
    *["events:", "properties:", "funnels:", "steps:", "type:", "enum:", "ignore:"],
    *["signup_completed", "report_exported", "description", "owner", "status: gone"],
    *["\n", "\n  ", "\n    ", "  ", "- ", ": ", ":", ", ", "{", "}", "[", "]", "? "],
    *["&a ", "*a", "&b ", "*b", "<<: ", "<<", "!!python/object:os.system ", "!foo ", "! "],
    *["!!str ", "!!int ", "!!map ", "!!binary ", "---\n", "...\n", "%YAML 1.1\n"],
    *["%TAG !e! tag:example.com,2000:\n", "!e!x ", "'", '"', "''", "# comment", "|\n", ">-\n"],
    *["\t", "\r\n", "\r", "\ufeff", "\x00", "\x85", "~", "null", "true", "yes", "1e3", "0x1F"],
    *["0o17", ".inf", "-.nan", "2026-09-01", "1_000", "7d", "[EV4]", "é", "\u2028", "\\"],
]
yamlish = st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["string", "str", "7d", "EV4", "<<", "=", "2026-09-01", "0o17", "yes"])
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
names = st.text(max_size=12) | st.sampled_from(
    ["signup_completed", "workspace_id", "", "billing:plan_upgraded", "[Layout] - Create", ":"]
)
codes = st.lists(st.sampled_from(["EV4", "EV401", "EV9", "EV901", "EV", "XX1"]), max_size=2)
property_spec = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(["string", "integer", "str", ["string", "null"], []]) | values,
        "description": st.text(max_size=30) | values,
        "required": st.booleans() | values,
        "enum": st.lists(scalars, max_size=3) | values,
        "pii": st.sampled_from(["none", "hashed", "secret"]),
        "minimum": st.integers() | values,
        "ignore": codes | values,
        "bogus": values,
    },
)
event_spec = st.fixed_dictionaries(
    {},
    optional={
        "description": st.text(max_size=30) | values,
        "owner": st.text(max_size=10) | values,
        "category": st.sampled_from(["activation", "retention", "other"]) | values,
        "status": st.sampled_from(["active", "deprecated", "gone"]) | values,
        "interaction": st.sampled_from(["active", "passive", "hover"]),
        "properties": st.dictionaries(names, property_spec | values, max_size=3) | values,
        "deprecated": st.fixed_dictionaries({}, optional={"replaced_by": names, "since": names})
        | values,
        "renamed_from": st.lists(names, max_size=2) | values,
        "ignore": codes | values,
        "bogus": values,
    },
)
step = names | st.fixed_dictionaries(
    {"event": names}, optional={"within": st.sampled_from(["7d", "1 week", "30d"]) | values}
)
funnel_spec = st.fixed_dictionaries(
    {}, optional={"steps": st.lists(step | values, max_size=3) | values, "description": values}
)
plans = (
    st.fixed_dictionaries(
        {},
        optional={
            "properties": st.dictionaries(names, property_spec | values, max_size=3),
            "events": st.dictionaries(names, event_spec | values, max_size=4),
            "funnels": st.dictionaries(names, funnel_spec | values, max_size=2),
            "bogus": values,
        },
    )
    | values
)


def dump(data: Any) -> str:
    out: list[str] = []
    yaml = YAML(typ="safe")
    yaml.dump(data, _Collect(out))
    return "".join(out)


class _Collect:
    def __init__(self, out: list[str]) -> None:
        self.out = out

    def write(self, text: str | bytes) -> None:
        self.out.append(text.decode() if isinstance(text, bytes) else text)


def assert_findings_only(document: YamlDocument, problems: list[LoadProblem]) -> None:
    assert isinstance(document, YamlDocument)
    for problem in problems:
        assert problem.kind in ("syntax", "schema", "duplicate")
        assert problem.message
        assert problem.location.line >= 1
        assert problem.location.column >= 1
    assert all(isinstance(span, tuple) and len(span) == 6 for span in document.spans.values())


def same(left: Any, right: Any) -> bool:
    """Equality where ``1 == 1.0`` does not hide a type change (key order aside: the
    safe dumper sorts keys)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    return bool(left == right)


@FUZZ
@given(text=st.text())
def test_arbitrary_text(text: str) -> None:
    assert_findings_only(*parse_document(text, "events.yaml"))


@FUZZ
@given(raw=st.binary())
def test_arbitrary_bytes(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.yaml"
        path.write_bytes(raw)
        assert_findings_only(*read_document(path, "events.yaml"))


@FUZZ
@given(text=yamlish)
def test_text_made_of_yaml_tokens(text: str) -> None:
    assert_findings_only(*parse_document(text, "events.yaml"))


@FUZZ
@given(data=plans)
def test_plan_shaped_data_comes_back_as_dumped(data: Any) -> None:
    text = dump(data)
    document, problems = parse_document(text, "events.yaml")
    assert_findings_only(document, problems)
    assert [p for p in problems if p.kind != "schema"] == []
    assert same(document.data, data), text


@FUZZ
@given(data=plans)
def test_fast_schema_check_agrees_with_jsonschema_alone(data: Any) -> None:
    document = load_yaml(dump(data), "events.yaml")
    fast = list(schema.check_document(document, schema.PLAN_SCHEMA))
    with mock.patch.object(schema, "suspect_part", lambda data, name: data):
        slow = list(schema.check_document(document, schema.PLAN_SCHEMA))
    assert fast == slow


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=plans, junk=yamlish)
def test_lint_returns_a_result(data: Any, junk: str) -> None:
    previous = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "tracking-plan").mkdir()
        (root / "tracking-plan" / "plan.yaml").write_text(dump(data), encoding="utf-8")
        (root / "tracking-plan" / "junk.yaml").write_text(junk, encoding="utf-8")
        os.chdir(root)
        try:
            result = lint(Options(use_cache=False), load_config(start=root))
        finally:
            os.chdir(previous)
    assert isinstance(result, CheckResult)
    assert result.files_checked == 2
