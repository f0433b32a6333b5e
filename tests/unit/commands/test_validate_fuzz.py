"""Fuzzing ``validate``'s default engine (DuckDB) on arbitrary lines, and a JSON array of
arbitrary elements: it never crashes and agrees with the reference (``--engine python``)
line for line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.api import load_plan
from evdict.commands.validate_formats import split_array
from evdict.config import Config
from evdict.plan.model import Plan
from tests.unit.commands.test_validate import EXPORT_LINES, JSON_VALUES
from tests.unit.commands.test_validate_duckdb import RICH_PLAN, assert_agree, both

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def rich_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, Plan]:
    root: Path = tmp_path_factory.mktemp("plan")
    (root / "events.yaml").write_text(RICH_PLAN, encoding="utf-8")
    config = Config.from_data({}, root)
    return config, load_plan(config, use_cache=False)


@FUZZ
@given(lines=st.lists(EXPORT_LINES, max_size=6))
def test_arbitrary_lines_never_crash_duckdb_and_both_engines_agree(
    rich_plan: tuple[Config, Plan], lines: list[bytes]
) -> None:
    config, plan = rich_plan
    python, duck = both(config, plan, b"\n".join(lines) + b"\n")
    assert_agree(python, duck)


@FUZZ
@given(values=st.lists(JSON_VALUES, max_size=6), indent=st.sampled_from([None, 1]))
def test_an_array_of_arbitrary_elements_is_judged_as_its_lines(
    rich_plan: tuple[Config, Plan], values: list[object], indent: int | None
) -> None:
    config, plan = rich_plan
    out = io.BytesIO()
    array = json.dumps(values, indent=indent).encode()
    split_array(io.BufferedReader(io.BytesIO(array)), out, "export.json")  # type: ignore[arg-type]
    lines = b"".join(json.dumps(value).encode() + b"\n" for value in values)
    python, duck = both(config, plan, out.getvalue())
    reference, _ = both(config, plan, lines)
    assert_agree(python, duck)
    assert [d.code for d in duck.diagnostics] == [d.code for d in reference.diagnostics]
    assert duck.payloads == reference.payloads
