"""How a run of the command line ends: its exit code, its whole report and the ``atexit``
handlers, without the interpreter's teardown (``evdict.cli.exit_now``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# A plan of many findings: a report larger than any stream buffer.
EVENTS = "".join(f"  Event Number {index}: {{}}\n" for index in range(2_000))


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``evdict ARGS`` in ``tmp_path``, with an atexit handler that leaves a file behind."""
    program = (
        "import atexit, pathlib, sys\n"
        "atexit.register(pathlib.Path('handled').write_text, 'yes')\n"
        f"sys.argv = ['evdict', *{list(args)!r}]\n"
        "from evdict.cli import main\n"
        "main()\n"
    )
    # Buffered as a user's run is (the test runner's environment may say unbuffered).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", program],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [(("lint", "--format", "json"), 1), (("lint", "--exit-zero", "--format", "json"), 0)],
)
def test_a_run_ends_with_its_code_its_whole_report_and_its_atexit_handlers(
    tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    (tmp_path / "events.yaml").write_text("events:\n" + EVENTS, encoding="utf-8")
    done = _run(tmp_path, *args)
    assert done.returncode == code
    assert done.stdout.count('"code": "EV') >= 2_000
    assert done.stdout.endswith("}\n")
    assert (tmp_path / "handled").read_text(encoding="utf-8") == "yes"


def test_a_usage_error_ends_with_code_2_and_its_message(tmp_path: Path) -> None:
    done = _run(tmp_path, "lint", "--config", "missing.yaml")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("evdict: error: ")
    assert (tmp_path / "handled").read_text(encoding="utf-8") == "yes"
