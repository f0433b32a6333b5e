"""A plan the config names must be there: a run that read no plan would pass the gate."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import RunCli, WriteFiles

PLAN = "events:\n  signup_completed: {description: A user signed up.}\n"


def _missing(path: Path) -> None:
    pass


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _folder(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (_missing, "does not exist"),
        (_dangling, "is a symbolic link to 'nowhere.yaml', which does not exist"),
        (_folder, "is a directory"),
        (_fifo, "is not a regular file (a FIFO, a socket or a device)"),
    ],
)
@pytest.mark.parametrize("command", ["lint", "check", "validate", "budget", "export"])
def test_a_configured_plan_that_cannot_be_read_is_a_usage_error(
    write: WriteFiles, run: RunCli, make: Callable[[Path], None], what: str, command: str
) -> None:
    root = write(**{"evdict.yaml": "plan: [growth.yaml]\n", "empty.ndjson": ""})
    make(root / "growth.yaml")
    result = run(command, *(["empty.ndjson"] if command == "validate" else []))
    assert result.exit_code == 2
    assert result.stderr == (
        f"evdict: error: evdict.yaml: plan file growth.yaml {what}: the plan cannot be read\n"
    )
    assert result.stdout == ""


def test_a_configured_glob_matching_nothing_is_a_usage_error(
    write: WriteFiles, run: RunCli
) -> None:
    write(**{"evdict.yaml": 'plan: ["tp/**/*.yaml", "api/*.yml"]\n'})
    result = run("lint")
    assert result.exit_code == 2
    assert result.stderr == (
        "evdict: error: evdict.yaml: no plan file matches `plan: [tp/**/*.yaml, api/*.yml]`\n"
    )


def test_a_named_file_may_be_missing_when_the_others_hold_the_plan(
    write: WriteFiles, run: RunCli
) -> None:
    # `evdict init` writes this config and the plan under tracking-plan/ only.
    write(
        **{
            "evdict.yaml": 'plan: [events.yaml, "tracking-plan/**/*.yaml"]\n',
            "tracking-plan/events.yaml": PLAN,
        }
    )
    assert run("lint", "--select", "EV0").exit_code == 0


def test_a_folder_in_place_of_a_named_file_is_refused_even_beside_others(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"evdict.yaml": "plan: [a.yaml, b.yaml]\n", "a.yaml": PLAN})
    (root / "b.yaml").mkdir()
    result = run("lint")
    assert result.exit_code == 2
    assert "plan file b.yaml is a directory" in result.stderr


def test_without_a_configured_plan_a_missing_plan_is_a_note(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": "sdks: [segment]\n"})
    result = run("lint")
    assert result.exit_code == 0
    assert result.output.startswith("note: no plan files found")


def test_a_missing_plan_as_the_user_runs_it(write: WriteFiles) -> None:
    write(**{"evdict.yaml": "plan: [growth.yaml]\n"})
    done = subprocess.run(
        [sys.executable, "-m", "evdict", "check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith("evdict: error: evdict.yaml: plan file growth.yaml does not")
    assert done.stdout == ""  # no summary that could read as a pass
