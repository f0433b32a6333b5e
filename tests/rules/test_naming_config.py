"""A naming convention that cannot be applied is a usage error (exit 2), not a crash."""

from __future__ import annotations

import pytest

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
            "evdict.yaml: naming.properties.regex is required with `case: regex`",
        ),
        (
            "budget: {max: 40}\n",
            ("scan",),
            "evdict.yaml: budget.min (50, the default) is above budget.max (40)",
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
