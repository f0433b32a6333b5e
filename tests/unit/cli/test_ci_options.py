"""What a CI pipeline and a terminal expect of a linter: --statistics, --exit-zero,
--fail-on, --color (NO_COLOR, FORCE_COLOR, a real terminal), the GitLab format, `rule`
by name, the baseline's count."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli, WriteFiles

# Two warnings (EV402 twice), one error (EV002): exit 1 by default.
PLAN = """\
events:
  signup_completed:
    description: A visitor finished the signup form.
    category: activation
  checkout_started:
    description: A customer opened the checkout.
    category: activation
  plan_upgraded:
    description: A workspace moved to a higher plan.
    category: activation
    owner: team-billing
    status: gone
"""
CONFIG = "rules:\n  select: [EV002, EV402]\n"


@pytest.fixture
def project(write: WriteFiles) -> Path:
    return write(**{"evdict.yaml": CONFIG, "events.yaml": PLAN})


def test_statistics_counts_per_rule_most_first(project: Path, run: RunCli) -> None:
    result = run("lint", "--statistics")
    assert result.exit_code == 1
    assert result.output == (
        "2  EV402  missing-owner [warning]\n"
        "1  EV002  schema-violation [error]\n"
        "3 events in 1 file: 1 error, 2 warnings\n"
    )


def test_statistics_is_a_text_report(project: Path, run: RunCli) -> None:
    result = run("lint", "--statistics", "--format", "json")
    assert result.exit_code == 2
    assert result.output == "evdict: error: --statistics is a text report: drop --format\n"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ((), 1),
        (("--exit-zero",), 0),
        (("--fail-on", "never"), 0),
        (("--fail-on", "error", "--ignore", "EV002"), 0),
        (("--fail-on", "warning", "--ignore", "EV002"), 1),
        (("--exit-zero", "--fail-on", "warning"), 0),
    ],
)
def test_exit_code_follows_the_threshold(
    project: Path, run: RunCli, options: tuple[str, ...], code: int
) -> None:
    assert run("lint", *options).exit_code == code


def test_exit_zero_keeps_usage_errors_at_2(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": "categories: core\n"})
    assert run("lint", "--exit-zero").exit_code == 2


def test_color_always_and_never(project: Path, run: RunCli) -> None:
    coloured = run("lint", "--color", "always").output
    assert "\x1b[31m\x1b[1mEV002\x1b[0m" in coloured
    assert "\x1b[" not in run("lint", "--color", "never").output
    assert "\x1b[" not in run("lint").output, "auto: the runner is no terminal"


def test_force_color_colours_a_pipe(
    project: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("lint").output
    assert "\x1b[" not in run("lint", "--color", "never").output


def _on_a_terminal(project: Path, env: dict[str, str], *args: str) -> str:
    """Run evdict as a subprocess whose standard output is a pseudo-terminal."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "evdict", "lint", *args],
        cwd=project,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={**environment, **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends (EIO on Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 1
    return b"".join(chunks).decode()


def test_a_terminal_is_coloured_unless_no_color(project: Path) -> None:
    assert "\x1b[31m\x1b[1mEV002\x1b[0m" in _on_a_terminal(project, {})
    plain = _on_a_terminal(project, {"NO_COLOR": "1"})
    assert "EV002 [error]" in plain
    assert "\x1b[" not in plain
    assert "\x1b[" in _on_a_terminal(project, {"NO_COLOR": "1"}, "--color", "always")


def test_gitlab_code_quality(project: Path, run: RunCli) -> None:
    result = run("lint", "--format", "gitlab")
    assert result.exit_code == 1
    issues = json.loads(result.output)
    assert [issue["check_name"] for issue in issues] == [
        "EV402 missing-owner",
        "EV402 missing-owner",
        "EV002 schema-violation",
    ]
    assert issues[2] == {
        "description": "events.plan_upgraded.status: 'gone' is not one of planned, active, "
        "deprecated",
        "check_name": "EV002 schema-violation",
        "fingerprint": issues[2]["fingerprint"],
        "severity": "major",
        "location": {
            "path": "events.yaml",
            "positions": {"begin": {"line": 12, "column": 13}, "end": {"line": 12, "column": 13}},
        },
    }
    assert issues[0]["severity"] == "minor"
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 3
    assert all(len(value) == 32 for value in fingerprints)
    assert json.loads(run("lint", "--format", "gitlab").output) == issues, "stable"


def test_rule_by_name_or_code(run: RunCli) -> None:
    by_name = run("rule", "missing-owner")
    assert by_name.exit_code == 0
    assert by_name.output == run("rule", "ev402").output
    assert by_name.output.startswith("# EV402 missing-owner\n")


def test_a_misspelt_rule_name_gets_the_name_meant(run: RunCli) -> None:
    result = run("rule", "missing-ownr")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: unknown rule 'missing-ownr': did you mean `missing-owner`? "
        "a code (EV401) or a name (see `evdict rule --all`)\n"
    )


def test_rule_all_wraps_to_the_terminal(run: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("rule", "--all").output.splitlines()
    assert max(len(line) for line in lines) < 80
    assert lines[0].startswith("EV001  yaml-syntax ")
    first_rule = [lines[0]] + [line for line in lines[1:4] if line.startswith(" ")]
    assert len(first_rule) > 1, "the summary goes on, indented under itself"
    indent = len(first_rule[1]) - len(first_rule[1].lstrip())
    assert first_rule[0][indent - 1] == " " and first_rule[0][indent] != " "


def test_update_baseline_says_how_many_it_recorded(project: Path, run: RunCli) -> None:
    result = run("lint", "--baseline", "b.json", "--update-baseline")
    assert result.exit_code == 0
    assert result.output == "3 events in 1 file: 3 findings recorded in the baseline\n"
    command = ["lint", "--baseline", "b.json", "--update-baseline", "--format", "json"]
    quiet = subprocess.run(
        [sys.executable, "-m", "evdict", *command],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert quiet.returncode == 0
    assert quiet.stderr == "evdict: recorded 3 findings in b.json\n"
    assert json.loads(quiet.stdout)["summary"]["baseline_recorded"] == 3


def test_budget_and_diff_take_color_too(
    project: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" in run("budget", "--color", "always").output
    assert "\x1b[" not in run("budget").output
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("budget").output
    assert "\x1b[" not in run("budget", "--color", "never").output
    assert "--color [auto|always|never]" in run("diff", "--help").output
