"""Users' patterns (config naming regexes, plan property patterns) are matched by RE2:
a pattern that backtracks catastrophically in ``re`` finishes at once, and syntax RE2
does not have is an error with its file and line. Globs that cannot be used are too."""

from __future__ import annotations

import json

import pytest

from evdict.linear_regex import UnsupportedPattern, compile_linear
from tests.conftest import RunCli, WriteFiles

# Each of these takes minutes or more in `re` against HOSTILE.
BACKTRACKING = ["(a+)+$", "^(a|a)*$", "(a*)*b", "^(([a-z])+.)+[A-Z]([a-z])+$"]
HOSTILE = "a" * 50_000 + "!"


@pytest.mark.parametrize("pattern", BACKTRACKING)
def test_a_backtracking_pattern_finishes_on_a_hostile_text(pattern: str) -> None:
    assert compile_linear(pattern).search(HOSTILE) is None


def test_a_pattern_is_searched_not_matched_in_full_as_json_schema_means() -> None:
    assert compile_linear("[0-9]+").search("rep_42") is not None
    assert compile_linear("^[0-9]+$").search("rep_42") is None
    assert compile_linear("[0-9]+").fullmatch("rep_42") is None


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a)\1", r"invalid escape sequence: \1 (patterns are matched by RE2)"),
        ("(?=a)", "invalid perl operator: (?= (patterns are matched by RE2)"),
        ("([", "missing ]: [ (patterns are matched by RE2)"),
    ],
)
def test_syntax_re2_does_not_have_is_refused_with_its_reason(pattern: str, reason: str) -> None:
    with pytest.raises(UnsupportedPattern) as refused:
        compile_linear(pattern)
    assert str(refused.value) == reason


def test_a_backtracking_naming_regex_finishes_on_a_hostile_event_name(
    write: WriteFiles, run: RunCli
) -> None:
    name = "a" * 100 + "!"  # 2**100 steps for `re`
    write(
        **{
            "evdict.yaml": "naming:\n  events:\n    case: regex\n    regex: '(a+)+$'\n",
            "tracking-plan/plan.yaml": f"events:\n  {name}:\n    description: Hostile.\n",
        }
    )
    result = run("lint", "--select", "EV101", "--format", "json")
    found = json.loads(result.output)["diagnostics"]
    assert [(d["code"], d["line"]) for d in found] == [("EV101", 2)]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            "naming:\n  events:\n    case: regex\n    regex: '(a)\\1'\n",
            "evdict: error: evdict.yaml:4:5: naming.events.regex is not a valid regular "
            "expression: invalid escape sequence: \\1 (patterns are matched by RE2)\n",
        ),
        (
            "naming:\n  properties:\n    case: regex\n    regex: '(?<=x)y'\n",
            "evdict: error: evdict.yaml:4:5: naming.properties.regex is not a valid regular "
            "expression: invalid perl operator: (?<= (patterns are matched by RE2)\n",
        ),
        (
            "sources:\n  include:\n    - '**/*.py'\n    - '[z-a].py'\n",
            "evdict: error: evdict.yaml:4:7: sources.include: '[z-a].py' is not a usable glob: "
            "bad character range z-a at position 10\n",
        ),
        (
            "sources:\n  exclude:\n    - 'a\\'\n",
            "evdict: error: evdict.yaml:3:7: sources.exclude: 'a\\\\' is not a usable glob: "
            "Invalid git pattern: 'a\\\\'\n",
        ),
        (  # read as discovery reads it: ``{}`` expands to nothing, leaving ``!``
            "sources:\n  include:\n    - '!{}'\n",
            "evdict: error: evdict.yaml:3:7: sources.include: '!{}' is not a usable glob: "
            "Invalid git pattern: '!'\n",
        ),
    ],
)
def test_a_config_pattern_that_cannot_be_used_exits_2_with_its_line(
    write: WriteFiles, run: RunCli, config: str, expected: str
) -> None:
    write(**{"evdict.yaml": config})
    result = run("scan")
    assert (result.exit_code, result.output) == (2, expected)


def test_a_pyproject_regex_that_cannot_be_used_names_its_line(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"pyproject.toml": '[tool.evdict.naming.events]\ncase = "regex"\nregex = "(?=a)"\n'})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output.startswith(
        "evdict: error: pyproject.toml:3:1: [tool.evdict] naming.events.regex is not a valid regular "
        "expression: invalid perl operator: (?="
    )


PLAN = """\
events:
  code_entered:
    description: A code was entered.
    properties:
      code: {type: string, pattern: "(a+)+$", description: The code.}
      ref: {type: string, pattern: "(a)\\\\1", description: A reference.}
      tags: {type: array, items: {type: string, pattern: "(?=x)"}, description: Tags.}
"""


def test_a_plan_pattern_re2_cannot_use_is_ev002_at_its_line(write: WriteFiles, run: RunCli) -> None:
    write(**{"tracking-plan/plan.yaml": PLAN})
    result = run("lint", "--select", "EV002")
    assert result.output.splitlines()[:2] == [
        "tracking-plan/plan.yaml:6:36: EV002 [error] `pattern` '(a)\\\\1' cannot be used: "
        "invalid escape sequence: \\1 (patterns are matched by RE2)",
        "tracking-plan/plan.yaml:7:58: EV002 [error] `pattern` '(?=x)' cannot be used: "
        "invalid perl operator: (?= (patterns are matched by RE2)",
    ]
    assert result.exit_code == 1


def test_validate_checks_a_hostile_value_against_a_backtracking_pattern(
    write: WriteFiles, run: RunCli
) -> None:
    payloads = [
        {"event": "code_entered", "properties": {"code": HOSTILE}},
        {"event": "code_entered", "properties": {"code": "xaaa"}},  # searched: fits
    ]
    write(
        **{
            "tracking-plan/plan.yaml": PLAN,
            "export.ndjson": "".join(json.dumps(p) + "\n" for p in payloads),
        }
    )
    # EV6: the payloads' findings (the plan's EV002 on its other patterns are reported too)
    result = run("validate", "export.ndjson", "--format", "json", "--select", "EV6")
    found = json.loads(result.output)["diagnostics"]
    assert [(d["code"], d["line"], d["message"][-30:]) for d in found] == [
        ("EV605", 1, "aaaa!' does not match '(a+)+$'")
    ]
