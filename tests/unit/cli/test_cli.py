from __future__ import annotations

import json
import subprocess
import sys

import pytest

from evdict._version import __version__
from tests.conftest import RunCli, WriteFiles

CLEAN = """
events:
  signup_completed:
    description: A new user finished the signup form.
    category: activation
    owner: team-growth
"""


def test_version(run: RunCli) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"evdict {__version__}\n"


def test_version_as_subprocess_module() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "--version"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0
    assert completed.stdout.strip() == f"evdict {__version__}"


def test_lint_clean_plan_exits_0(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": CLEAN})
    result = run("lint", "--ignore", "EV502")
    assert result.exit_code == 0
    assert result.output == "1 event in 1 file: all checks passed\n"


def test_lint_error_exits_1_with_located_finding(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": CLEAN + "    status: gone\n"})
    result = run("lint", "--ignore", "EV502")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "events.yaml:6:13: EV002 [error] events.signup_completed.status: 'gone' is not one of planned, active, deprecated",
        "1 event in 1 file: 1 error",
    ]


def test_warnings_alone_exit_0(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": "events:\n  signup_completed:\n    description: A new user finished the signup form.\n"
        }
    )
    result = run("lint")
    assert result.exit_code == 0
    assert "EV402 [warning] event `signup_completed` has no owner" in result.output


def test_select_and_ignore(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": "events:\n  signup_completed: {}\n"})
    only_owner = run("lint", "--select", "EV402")
    assert [line.split(" ")[1] for line in only_owner.output.splitlines()[:-1]] == ["EV402"]
    without_docs = run("lint", "--ignore", "EV4,EV502")
    assert without_docs.output == "1 event in 1 file: all checks passed\n"


def test_bad_select_is_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": CLEAN})
    result = run("lint", "--select", "XYZ")
    assert result.exit_code == 2
    assert "'XYZ' is not a rule code or prefix" in result.output


def test_bad_config_is_exit_2_with_file_and_line(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": CLEAN, "evdict.yaml": "plan: [events.yaml]\nbudget:\n  maximum: 3\n"})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: evdict.yaml:3:3: budget.maximum: unknown key `maximum` "
        "(expected one of: hard_max, max, min, per_category, per_interaction, per_owner, properties_per_event)\n"
    )


def test_config_yaml_syntax_error_is_exit_2(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": CLEAN, "evdict.yaml": "plan: [events.yaml\n"})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output.startswith("evdict: error: evdict.yaml:2:1: EV001 ")


def test_pyproject_config_is_found_walking_up(write: WriteFiles, run: RunCli) -> None:
    root = write(
        **{
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.evdict]\nplan = ["plan/*.yaml"]\ncategories = ["core"]\n',
            "plan/main.yaml": CLEAN.replace("activation", "core"),
            "src/app/README": "",
        }
    )
    import os

    os.chdir(root / "src" / "app")
    result = run("lint", "--ignore", "EV502")
    assert result.exit_code == 0, result.output
    assert result.output == "1 event in 1 file: all checks passed\n"


def test_pyproject_bad_config_points_at_key_line(write: WriteFiles, run: RunCli) -> None:
    write(**{"pyproject.toml": '[project]\nname = "x"\n\n[tool.evdict]\ncategories = "core"\n'})
    result = run("lint")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: pyproject.toml:5:1: [tool.evdict] categories: expected array, got string 'core'\n"
    )


def test_explicit_missing_config_is_exit_2(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": CLEAN})
    result = run("lint", "--config", "nope.yaml")
    assert result.exit_code == 2
    assert "config file not found: nope.yaml" in result.output


def test_rule_prints_its_documentation(run: RunCli) -> None:
    result = run("rule", "EV402")
    assert result.exit_code == 0
    assert result.output.startswith(
        "# EV402 missing-owner\n\nDefault severity: warning\n\n## What it does\n"
    )
    assert "## Fix" in result.output


def test_rule_unknown_code_is_usage_error(run: RunCli) -> None:
    result = run("rule", "EV999")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: unknown rule 'EV999': a code (EV401) or a name (see `evdict rule --all`)\n"
    )


def test_rule_all_lists_every_rule(run: RunCli) -> None:
    lines = run("rule", "--all").output.splitlines()
    assert lines[0].startswith("EV001  yaml-syntax")
    assert any(line.startswith("EV901  unused-suppression") for line in lines)


def test_json_report_shape(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": "events:\n  signup_completed: {description: A new user signed up., category: activation}\n"
        }
    )
    report = json.loads(run("lint", "--format", "json", "--ignore", "EV502").output)
    assert report["version"] == 1
    assert report["summary"] == {
        "files": 1,
        "errors": 0,
        "warnings": 1,
        "infos": 0,
        "baseline_matched": 0,
        "baseline_fixed": 0,
        "baseline_recorded": None,
        "events": 1,
        "tracking_calls": None,
    }
    assert report["diagnostics"] == [
        {
            "code": "EV402",
            "name": "missing-owner",
            "severity": "warning",
            "message": "event `signup_completed` has no owner",
            "path": "events.yaml",
            "line": 2,
            "column": 3,
            "end_line": None,
            "end_column": None,
            "suggestion": None,
            "entry": "events.signup_completed",
        }
    ]


def test_no_plan_files_is_noted(in_tmp: object, run: RunCli) -> None:
    result = run("lint")
    assert result.exit_code == 0
    assert "note: no plan files found" in result.output


def test_severity_override_from_config_makes_it_fail(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": "events:\n  signup_completed: {description: A new user signed up., category: activation}\n",
            "evdict.yaml": "rules:\n  severity: {EV402: error}\n",
        }
    )
    result = run("lint")
    assert result.exit_code == 1
    assert "EV402 [error]" in result.output


def test_subprocess_lint_exit_code(write: WriteFiles) -> None:
    write(**{"events.yaml": "events: [\n"})
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "lint"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1
    assert completed.stdout.startswith("events.yaml:2:1: EV001 [error] ")
    assert "Traceback" not in completed.stderr


def test_public_api_is_lazy_and_complete() -> None:
    code = (
        "import sys, evdict; assert 'jsonschema' not in sys.modules; "
        "missing = [n for n in evdict.__all__ if not hasattr(evdict, n)]; print(missing)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"


def test_quiet_prints_findings_alone(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "events.yaml": "events:\n  signup_completed: {description: A new user signed up., category: activation}\n"
        }
    )
    result = run("lint", "--quiet", "--select", "EV402")
    assert (
        result.output == "events.yaml:2:3: EV402 [warning] event `signup_completed` has no owner\n"
    )


@pytest.mark.parametrize("command", ["check", "lint", "budget", "export", "scan"])
def test_an_output_that_cannot_be_written_is_a_usage_error(
    write: WriteFiles, run: RunCli, command: str
) -> None:
    write(**{"events.yaml": "events:\n  signup_completed: {}\n", "taken": "a file\n"})
    result = run(command, "-o", "taken/report.out")
    assert result.exit_code == 2
    assert result.output.startswith("evdict: error: cannot write taken/report.out: ")


def test_a_lone_surrogate_in_scanned_code_is_reported_escaped(write: WriteFiles) -> None:
    root = write(
        **{
            "events.yaml": "events:\n  signup: {}\n",
            "app.py": 'import analytics\nanalytics.track(uid, "sign\\ud800up")\n',
        }
    )
    for _ in range(2):  # cold, then from the cache
        done = subprocess.run(
            [sys.executable, "-m", "evdict", "check", "-q", "--select", "EV601"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert done.stdout == (
            "app.py:2:22: EV601 [error] event `sign\\ud800up` is not declared in the plan "
            "(did you mean `signup`?)\n"
        )
