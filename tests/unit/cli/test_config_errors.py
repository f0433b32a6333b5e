"""A config's mistakes come all at once, each at its file:line:col, the ones the schema
cannot see (budget bounds out of order) among them, a misspelt key with the key meant."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import RunCli, WriteFiles

MISTAKES = """\
wrapers: []
categries: [adoption]
budget:
  min: 300
  max: 100
naming:
  events:
    case: 3
rules:
  selct: [EV4]
"""


def test_every_mistake_at_once_with_its_position(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": MISTAKES})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: evdict.yaml:1:1: wrapers: unknown key `wrapers` "
        "(did you mean `wrappers`?)\n"
        "evdict: error: evdict.yaml:2:1: categries: unknown key `categries` "
        "(did you mean `categories`?)\n"
        "evdict: error: evdict.yaml:4:3: budget.min (300) is above budget.max (100)\n"
        "evdict: error: evdict.yaml:8:11: naming.events.case: 3 is not one of snake_case, "
        "camelCase, PascalCase, Title Case, Sentence case, kebab-case, dot.case, regex, any\n"
        "evdict: error: evdict.yaml:10:3: rules.selct: unknown key `selct` "
        "(did you mean `select`?)\n"
    )


def test_a_list_of_case_styles_is_checked_item_by_item(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "evdict.yaml": (
                "naming:\n  events:\n    case: [snake_case]\n"
                "  properties:\n    case: [camelCase, camelCase, regex]\n"
            )
        }
    )
    result = run("lint")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: evdict.yaml:3:11: naming.events.case: must list at least 2\n"
        "evdict: error: evdict.yaml:5:11: naming.properties.case: lists a value twice\n"
        "evdict: error: evdict.yaml:5:34: naming.properties.case.2: 'regex' is not one of "
        "snake_case, camelCase, PascalCase, Title Case, Sentence case, kebab-case, dot.case\n"
    )


def test_a_key_nothing_resembles_lists_the_keys_allowed(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": "budget:\n  zzz: 1\n"})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output.startswith(
        "evdict: error: evdict.yaml:2:3: budget.zzz: unknown key `zzz` (expected one of: "
        "hard_max, max, min, "
    )


def test_a_bound_against_a_default_is_shown_at_the_key_written(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"evdict.yaml": "categories: [adoption]\nbudget:\n  max: 400\n"})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: evdict.yaml:3:3: budget.max (400) is above "
        "budget.hard_max (200, the default)\n"
    )


def test_pyproject_mistakes_at_once(write: WriteFiles, run: RunCli) -> None:
    write(**{"pyproject.toml": "[tool.evdict]\nwrapers = []\n\n[tool.evdict.budget]\nmax = 10\n"})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: pyproject.toml:2:1: [tool.evdict] wrapers: unknown key `wrapers` "
        "(did you mean `wrappers`?)\n"
        "evdict: error: pyproject.toml:5:1: [tool.evdict] budget.min (50, the default) is "
        "above budget.max (10)\n"
    )


def test_a_setting_missing_its_partner_is_located(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": "naming:\n  events:\n    case: regex\n"})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: evdict.yaml:3:5: naming.events.regex is required with `case: regex`\n"
    )


def test_as_a_subprocess_on_stderr(write: WriteFiles) -> None:
    root = write(**{"evdict.yaml": MISTAKES})
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert len(completed.stderr.splitlines()) == 5
    assert all(
        line.startswith("evdict: error: evdict.yaml:") for line in completed.stderr.splitlines()
    )
