"""For generated plans (names in every case style, keywords, names that collide once
converted): the Python compiles, every function and parameter maps back to exactly one
plan name, and every collision is reported instead of emitted."""

from __future__ import annotations

import ast
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.codegen.clients import Client
from evdict.codegen.command import render
from evdict.codegen.naming import python_name
from evdict.names.case import CASE_STYLES, to_case
from evdict.plan.load import merge, parse_document

WORDS = st.sampled_from(
    [
        "class",
        "default",
        "delete",
        "import",
        "match",
        "type",
        "user",
        "id",
        "signup",
        "3d",
        "api",
        "none",
    ]
)
NAMES = st.builds(to_case, st.lists(WORDS, min_size=1, max_size=3), st.sampled_from(CASE_STYLES))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(NAMES, st.lists(NAMES, max_size=5, unique=True), min_size=1, max_size=6))
def test_generated_python_compiles_and_names_map_back(events: dict[str, list[str]]) -> None:
    plan_text = "events:\n" + "".join(
        f"  {json.dumps(event)}:\n    properties:\n"
        + "".join(f"      {json.dumps(prop)}: {{type: string}}\n" for prop in props)
        + ("      {}\n" if not props else "")
        for event, props in events.items()
    )
    plan_text = plan_text.replace("    properties:\n      {}\n", "    properties: {}\n")
    plan = merge([parse_document(plan_text, "plan.yaml")])
    text, errors = render(plan, "python", Client("wrapper", "acme", "track"), ["plan.yaml"])
    tree = ast.parse(compile(text, "events.py", "exec", ast.PyCF_ONLY_AST))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    by_function: dict[str, list[str]] = {}
    for event in events:
        by_function.setdefault("track_" + python_name(event), []).append(event)
    expected_errors = 0
    for function, names in by_function.items():
        # the first in the plan's order keeps the name; the others are reported
        emitted = min(names)
        expected_errors += len(names) - 1
        call = functions[function].body[-1]
        assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
        assert ast.literal_eval(call.value.args[0]) == emitted
        by_param: dict[str, list[str]] = {}
        for prop in events[emitted]:
            by_param.setdefault(python_name(prop), []).append(prop)
        expected_errors += sum(len(props) - 1 for props in by_param.values())
        params = [arg.arg for arg in functions[function].args.kwonlyargs]
        assert sorted(params) == sorted(by_param)
        sent = [
            key.value
            for node in ast.walk(call.value)
            if isinstance(node, ast.Dict)
            for key in node.keys
            if isinstance(key, ast.Constant)
        ]
        assert sorted(sent) == sorted(min(props) for props in by_param.values())
    assert len(errors) == expected_errors
    assert len(functions) == len(by_function)
