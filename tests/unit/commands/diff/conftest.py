"""Real temporary git repositories holding versions of a plan."""

from __future__ import annotations

import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest


class GitRepo:
    """A git work tree in a temporary folder (the test's working directory)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def git(self, *args: str) -> str:
        completed = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True
        )
        return completed.stdout.strip()

    def write(self, **files: str) -> None:
        """Write dedented files (names are paths relative to the repository root)."""
        for name, content in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")

    def commit(self, message: str = "plan change", **files: str) -> str:
        """Write ``files``, commit everything, return the commit id."""
        self.write(**files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def short(self, revision: str = "HEAD") -> str:
        return self.git("rev-parse", "--short=7", revision)


@pytest.fixture
def repo(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GitRepo]:
    """An empty repository on branch ``main``, isolated from the user's git config."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(in_tmp / ".no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repository = GitRepo(in_tmp)
    repository.git("init", "-q", "-b", "main")
    repository.git("config", "user.name", "Test Author")
    repository.git("config", "user.email", "author@example.com")
    repository.git("config", "commit.gpgsign", "false")
    yield repository
