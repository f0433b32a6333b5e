"""A crash is a bug, never an exit code a CI reads as findings (1) or usage (2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import evdict.checker
from evdict.cli.common import INTERNAL_ERROR
from tests.conftest import RunCli, WriteFiles

REPORT = (
    "This is a bug in evdict {version}, not a finding. Please report it at "
    "https://github.com/evdict/evdict/issues with the command you ran and the traceback above.\n"
)


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("injected failure")


def test_a_crash_exits_with_the_internal_error_code(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evdict._version import __version__

    write(**{"events.yaml": "events: {}\n"})
    monkeypatch.setattr(evdict.checker, "run_rules", _boom)
    result = run("lint")
    assert INTERNAL_ERROR == 70
    assert result.exit_code == INTERNAL_ERROR
    assert result.stdout == ""
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert result.stderr.endswith(
        "evdict: internal error: RuntimeError: injected failure\n"
        + REPORT.format(version=__version__)
    )


def test_usage_errors_and_click_errors_keep_their_codes(write: WriteFiles, run: RunCli) -> None:
    assert run("lint", "--no-such-option").exit_code == 2
    assert run("lint", "--config", "missing.yaml").exit_code == 2


def test_a_crash_as_the_user_sees_it(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text("events: {}\n", encoding="utf-8")
    inject = (
        "import sys, evdict.checker\n"
        "def boom(*a, **k): raise MemoryError('injected')\n"
        "evdict.checker.run_rules = boom\n"
        "sys.argv = ['evdict', 'check']\n"
        "from evdict.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", inject], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == INTERNAL_ERROR
    assert "evdict: internal error: MemoryError: injected\nThis is a bug" in done.stderr


@pytest.mark.parametrize(
    "args", [("lint",), ("lint", "--format", "sarif"), ("rule", "EV001"), ("export",)]
)
def test_a_full_disk_on_stdout_is_a_clear_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "events.yaml").write_text("events:\n  a_b: {}\n", encoding="utf-8")
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "evdict", *args],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == (
        "evdict: error: cannot write to standard output: No space left on device\n"
    )
