"""Files evdict creates get the usual permissions (0666 less the umask: 0644 under 022),
not the 0600 of a temporary file; a file it replaces keeps its mode."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RunCli, WriteFiles

PLAN = "events:\n  report_exported:\n    description: A report was exported.\n"


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_export_reports_and_baselines_are_0644(
    in_tmp: Path, run: RunCli, umask_022: None
) -> None:
    assert run("init").exit_code == 0
    (in_tmp / "tracking-plan/events.yaml").write_text(PLAN, encoding="utf-8")
    assert run("export", "-o", "plan.schema.json").exit_code == 0
    assert run("lint", "-o", "report.txt").exit_code in (0, 1)
    assert run("lint", "--baseline", "baseline.json", "--update-baseline").exit_code == 0
    created = [
        "evdict.yaml",
        "tracking-plan/events.yaml",
        "plan.schema.json",
        "report.txt",
        "baseline.json",
    ]
    assert {name: oct(mode(in_tmp / name)) for name in created} == dict.fromkeys(created, "0o644")


def test_a_replaced_file_keeps_its_mode(write: WriteFiles, run: RunCli, umask_022: None) -> None:
    root = write(**{"events.yaml": PLAN, "out.json": "old\n", "report.txt": "old\n"})
    (root / "out.json").chmod(0o600)
    (root / "report.txt").chmod(0o664)
    assert run("export", "-o", "out.json").exit_code == 0
    assert run("lint", "-o", "report.txt").exit_code in (0, 1)
    assert (mode(root / "out.json"), mode(root / "report.txt")) == (0o600, 0o664)
    assert (root / "out.json").read_text(encoding="utf-8").startswith("{")


def test_init_follows_the_umask_of_the_process(tmp_path: Path) -> None:
    subprocess.run(
        ["sh", "-c", f'umask 027 && exec "{sys.executable}" -m evdict init'],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    assert mode(tmp_path / "evdict.yaml") == 0o640
    assert mode(tmp_path / "tracking-plan/events.yaml") == 0o640
    assert mode(tmp_path / "tracking-plan") == 0o750
