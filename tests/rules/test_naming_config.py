"""A naming convention that cannot be applied is a usage error (exit 2), not a crash."""

from __future__ import annotations

import re

import pytest

from evdict.errors import ConfigError
from evdict.settings import CategoryPrefix, NameRules
from tests.conftest import RunCli, WriteFiles

PLAN = """
events:
  order_completed: {description: An order was paid for in full.}
"""


@pytest.mark.parametrize(
    ("naming", "message"),
    [
        (
            "{events: {case: regex, regex: '(unclosed'}}",
            "naming.events.regex is not a valid regular expression",
        ),
        ("{properties: {case: regex}}", "naming.properties.regex is required with `case: regex`"),
    ],
)
def test_unusable_regex_is_a_usage_error(
    write: WriteFiles, run: RunCli, naming: str, message: str
) -> None:
    write(**{"events.yaml": PLAN, "evdict.yaml": f"naming: {naming}\n"})
    result = run("lint", "--select", "EV1")
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize(
    ("config", "command", "message"),
    [
        (
            "naming: {properties: {case: regex}}\n",
            ("lint", "--select", "EV4"),
            "evdict.yaml:1:23: naming.properties.regex is required with `case: regex`",
        ),
        (
            "budget: {max: 40}\n",
            ("scan",),
            "evdict.yaml:1:10: budget.min (50, the default) is above budget.max (40)",
        ),
    ],
)
def test_config_sections_are_checked_when_loaded_whatever_runs(
    write: WriteFiles, run: RunCli, config: str, command: tuple[str, ...], message: str
) -> None:
    # Checked when the config is read, not when a rule of the family runs: a mistake is
    # found even by a command or selection that does not use the section.
    write(**{"events.yaml": PLAN, "evdict.yaml": config})
    result = run(*command)
    assert result.exit_code == 2
    assert result.output == f"evdict: error: {message}\n"


@pytest.mark.parametrize(
    ("naming", "message"),
    [
        ("{events: {tense: future}}", "naming.events.tense"),
        ("{events: {category: {separator: '-'}}}", "naming.events.category.separator"),
        ("{events: {category: {values: []}}}", "naming.events.category.values"),
        ("{events: {category: {required: maybe}}}", "naming.events.category.required"),
        ('{events: {suffix: "!!"}}', "evdict.yaml:1:27: naming.events.suffix: '!!' does not match"),
    ],
)
def test_a_convention_that_cannot_be_applied_names_the_config(
    write: WriteFiles, run: RunCli, naming: str, message: str
) -> None:
    write(**{"events.yaml": PLAN, "evdict.yaml": f"naming: {naming}\n"})
    result = run("lint", "--select", "EV1")
    assert result.exit_code == 2
    assert result.output.startswith("evdict: error: evdict.yaml")
    assert message in result.output


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"tense": "future"}, "naming.events.tense must be one of past, present, any"),
        ({"grammar": "verb_last"}, "naming.events.grammar must be one of"),
        ({"category": {"separator": "-"}}, "naming.events.category.separator must be one of"),
        ({"category": {"values": []}}, "naming.events.category.values must be a non-empty"),
        ({"category": {"required": "yes"}}, "naming.events.category.required must be true"),
        ({"category": ":"}, "naming.events.category must be a mapping"),
        ({"suffix": "_"}, "naming.events.suffix must be a word names end with, such as Event"),
        ({"suffix": 3}, "naming.events.suffix must be a word names end with"),
    ],
)
def test_convention_checked_when_the_section_is_read(
    section: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        NameRules.from_section(section, "events", "evdict.yaml")
    assert "evdict.yaml" in str(raised.value)


def test_convention_defaults() -> None:
    rules = NameRules.from_section({}, "events", None)
    assert (rules.grammar, rules.tense, rules.action_tense, rules.category) == (
        "object_action",
        None,
        "past",
        None,
    )
    assert (
        NameRules.from_section({"grammar": "action_object"}, "events", None).action_tense == "any"
    )
    category = NameRules.from_section(
        {"tense": "present", "category": {"separator": ".", "values": ["billing"]}}, "events", None
    ).category
    assert category == CategoryPrefix(".", ("billing",), False)
    assert category.split("billing.checkout_start") == ("billing", "checkout_start")
    assert category.split("checkout_start") == (None, "checkout_start")
    assert category.split(".checkout") == (None, ".checkout")
