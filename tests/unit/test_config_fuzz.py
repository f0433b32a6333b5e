"""The config loader on arbitrary input: a config or a clear usage error (exit 2), never
a traceback; what loads can be used to discover sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.config import Config, load_config
from evdict.errors import UsageError
from evdict.linear_regex import UnsupportedPattern, compile_linear
from evdict.scanner.discover import discover

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
GLOB_CHARS = st.text(alphabet="ab*?[]!\\/{},.-^ ", max_size=12)
REGEX_CHARS = st.text(alphabet="ab()[]{}*+?|\\^$.=<!:P1-,dw ", max_size=16)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**9), st.text(max_size=10), GLOB_CHARS
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
CONFIG_SHAPED = st.fixed_dictionaries(
    {},
    optional={
        "plan": st.one_of(GLOB_CHARS, st.lists(GLOB_CHARS, max_size=3)),
        "sources": st.fixed_dictionaries(
            {},
            optional={
                "include": st.lists(GLOB_CHARS, max_size=3),
                "exclude": st.lists(GLOB_CHARS, max_size=3),
                "max_file_size": st.integers(-1, 10**7),
            },
        ),
        "naming": st.fixed_dictionaries(
            {},
            optional={
                "events": st.fixed_dictionaries(
                    {"case": st.sampled_from(["regex", "snake_case", "any"])},
                    optional={"regex": REGEX_CHARS, "tense": VALUES, "category": VALUES},
                ),
                "properties": st.fixed_dictionaries(
                    {"case": st.just("regex")}, optional={"regex": REGEX_CHARS}
                ),
            },
        ),
        "rules": st.dictionaries(st.sampled_from(["select", "ignore", "severity"]), VALUES),
        "duplicates": VALUES,
        "budget": VALUES,
    },
)


def _load(directory: Path, name: str, content: bytes) -> Config | None:
    path = directory / name
    path.write_bytes(content)
    try:
        return load_config(path)
    except UsageError as error:
        assert str(error)  # a message to print, with exit code 2
        return None


@FUZZ
@given(text=st.text(max_size=200))
def test_arbitrary_yaml_text(tmp_path: Path, text: str) -> None:
    _load(tmp_path, "evdict.yaml", text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_arbitrary_pyproject_bytes(tmp_path: Path, raw: bytes) -> None:
    _load(tmp_path, "pyproject.toml", b"[tool.evdict]\n" + raw)


@FUZZ
@given(data=CONFIG_SHAPED)
def test_config_shaped_data_loads_or_is_refused_and_what_loads_discovers(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    config = _load(tmp_path, "evdict.yaml", json.dumps(data).encode())  # JSON is YAML
    if config is not None:
        (tmp_path / "app.py").write_text("x = 1\n", encoding="utf-8")
        discover(config)


@settings(max_examples=300, deadline=None)
@given(pattern=REGEX_CHARS, text=st.text(max_size=40))
def test_any_pattern_compiles_or_is_refused_and_matches_any_text(pattern: str, text: str) -> None:
    try:
        compiled = compile_linear(pattern)
    except UnsupportedPattern as refused:
        assert str(refused).endswith("(patterns are matched by RE2)")
        return
    compiled.search(text)
    compiled.fullmatch(text)


@settings(max_examples=200, deadline=None)
@given(pattern=REGEX_CHARS, value=st.one_of(st.text(max_size=40), st.integers(), st.none()))
def test_a_plan_pattern_judges_any_value_without_crashing(pattern: str, value: object) -> None:
    from evdict.plan.model import Origin, Property
    from evdict.rules.code import schema_problem
    from evdict.yamlsource import YamlDocument

    origin = Origin(YamlDocument("plan.yaml", {}), ("properties", "code"))
    prop = Property("code", {"type": "string", "pattern": pattern}, origin)
    problem = schema_problem(prop, value)
    assert problem is None or isinstance(problem, str)
