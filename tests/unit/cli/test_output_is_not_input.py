"""``--output`` naming a file the run reads is refused before anything is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli, WriteFiles

PLAN = "events:\n  signup_completed: {description: A user signed up.}\n"


@pytest.fixture
def project(write: WriteFiles) -> Path:
    return write(
        **{
            "evdict.yaml": "plan: [tracking-plan/growth.yaml]\n",
            "tracking-plan/growth.yaml": PLAN,
            "app/track.py": "analytics.track('signup_completed')\n",
            "payloads.ndjson": '{"event": "signup_completed", "properties": {}}\n',
            "link.yaml": "",
        }
    )


def _unchanged(project: Path) -> None:
    assert (project / "tracking-plan/growth.yaml").read_text(encoding="utf-8") == PLAN
    assert (project / "evdict.yaml").read_text(encoding="utf-8").startswith("plan:")
    assert (project / "app/track.py").read_text(encoding="utf-8").startswith("analytics")


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("lint", "-o", "tracking-plan/growth.yaml"), "a plan file"),
        (("check", "-o", "evdict.yaml"), "the config file"),
        (("check", "--format", "json", "-o", "app/track.py"), "a source file the scan reads"),
        (("export", "-o", "tracking-plan/growth.yaml"), "a plan file"),
        (("budget", "-o", "evdict.yaml"), "the config file"),
        (("scan", "-o", "app/track.py"), "a source file the scan reads"),
        (("validate", "payloads.ndjson", "-o", "payloads.ndjson"), "an input given on the"),
        (("validate", "payloads.ndjson", "-o", "tracking-plan/growth.yaml"), "a plan file"),
    ],
)
def test_an_output_that_is_an_input_is_refused(
    project: Path, run: RunCli, args: tuple[str, ...], what: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    output = args[args.index("-o") + 1]
    assert result.stderr.startswith(f"evdict: error: --output {output} is {what}")
    assert result.stderr.endswith("evdict never writes over a file it reads; choose another path\n")
    _unchanged(project)
    assert "signup_completed" in (project / "payloads.ndjson").read_text(encoding="utf-8")


def test_a_link_to_the_plan_is_the_plan(project: Path, run: RunCli) -> None:
    (project / "link.yaml").unlink()
    (project / "link.yaml").symlink_to(project / "tracking-plan/growth.yaml")
    result = run("lint", "-o", "link.yaml")
    assert result.exit_code == 2
    assert "--output link.yaml is a plan file" in result.stderr
    _unchanged(project)


def test_a_new_or_unrelated_output_is_written(project: Path, run: RunCli) -> None:
    assert run("lint", "-o", "report.txt").exit_code == 0
    report = (project / "report.txt").read_text(encoding="utf-8")
    assert report.endswith("1 event in 1 file: 3 warnings\n")
    assert run("lint", "-o", "report.txt").exit_code == 0  # an old report is replaced


def test_the_plan_as_output_as_the_user_runs_it(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "evdict", "lint", "-o", "tracking-plan/growth.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("evdict: error: --output tracking-plan/growth.yaml is a plan")
    _unchanged(project)
