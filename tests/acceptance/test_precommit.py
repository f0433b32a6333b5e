"""The ``evdict-check`` hook, installed by pre-commit from this repository.

``pre-commit try-repo`` installs the repository's HEAD commit, or, when the working tree
has uncommitted changes to tracked files, a temporary commit of them (untracked files
left out). Several people share this working tree, so the test installs from a clean
clone of HEAD: what it checks is exactly what is committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO

TIMEOUT = 900


def _run(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.slow
def test_evdict_check_hook_runs_from_this_repository(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
    }
    env.update(
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
    )
    source = tmp_path / "evdict"
    subprocess.run(["git", "clone", "-q", str(REPO), str(source)], check=True, timeout=TIMEOUT)

    project = tmp_path / "project"
    project.mkdir()
    (project / "evdict.yaml").write_text("plan: [events.yaml]\n", encoding="utf-8")
    (project / "events.yaml").write_text(
        textwrap.dedent(
            """
            events:
              signup_completed:
                description: A new user finished signing up.
                category: activation
                owner: team-growth
            """
        ),
        encoding="utf-8",
    )
    (project / "app.py").write_text(
        'import analytics\n\nanalytics.track(uid, "signup_complete")\n', encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    pre_commit = Path(sys.executable).parent / "pre-commit"

    failing = _run(
        pre_commit, "try-repo", source, "evdict-check", "--all-files", cwd=project, env=env
    )
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert (
        "app.py:3:22: EV601 [error] event `signup_complete` is not declared in the plan"
        in failing.stdout
    )

    (project / "app.py").write_text(
        'import analytics\n\nanalytics.track(uid, "signup_completed")\n', encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    passing = _run(
        pre_commit, "try-repo", source, "evdict-check", "--all-files", cwd=project, env=env
    )
    assert passing.returncode == 0, passing.stdout + passing.stderr
