"""The plan as it was at a git revision, read with git itself (no checkout).

``evdict diff`` compares two plans; one or both live in history. Files are
listed with ``git ls-tree`` and read in one ``git cat-file --batch`` process, so
the working tree and the index are never touched.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from evdict.errors import GitError, GitMissing
from evdict.globs import glob_regex
from evdict.plan.load import merge, parse_document
from evdict.plan.model import Plan

_DEFAULT_BRANCHES = ("main", "master")


@dataclass(frozen=True)
class Repository:
    """A git work tree, addressed by its top-level directory."""

    root: Path

    @classmethod
    def find(cls, start: Path) -> Repository:
        try:
            top = _git(start, "rev-parse", "--show-toplevel")
        except GitMissing:
            raise
        except GitError as exc:
            raise GitError(f"not a git repository: {start}") from exc
        return cls(Path(top.decode().strip()))

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        return _git(self.root, *args, stdin=stdin)

    def resolve(self, revision: str) -> str:
        """The full commit id of ``revision``, or :class:`GitError` naming it."""
        try:
            output = self.run(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
            )
        except GitError as exc:
            raise GitError(f"unknown revision '{revision}'") from exc
        return output.decode().strip()

    def has_revision(self, revision: str) -> bool:
        try:
            self.resolve(revision)
        except GitError:
            return False
        return True

    def default_branch(self, configured: str | None = None) -> str:
        """``configured``, else what ``origin/HEAD`` points at, else ``main`` or ``master``."""
        if configured:
            return configured
        try:
            remote_head = self.run("symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
        except GitError:
            remote_head = b""
        if remote_head.strip():
            return remote_head.decode().strip()
        for branch in _DEFAULT_BRANCHES:
            if self.has_revision(branch):
                return branch
        raise GitError(
            "cannot find the default branch (no origin/HEAD, main or master): "
            "pass BASE or set diff.default_branch in the config"
        )

    def merge_base(self, first: str, second: str) -> str:
        try:
            return self.run("merge-base", first, second).decode().strip()
        except GitError as exc:
            raise GitError(
                f"'{first}' and '{second}' have no common ancestor "
                "(in a shallow clone, fetch the history: git fetch --unshallow)"
            ) from exc

    def files_at(self, commit: str) -> list[str]:
        """Every file path (relative to the repository root) in ``commit``'s tree."""
        output = self.run("ls-tree", "-r", "--name-only", "-z", "--full-tree", commit)
        return [name for name in output.decode("utf-8", "surrogateescape").split("\0") if name]

    def read_files(self, commit: str, paths: Sequence[str]) -> dict[str, bytes]:
        """The contents of ``paths`` at ``commit``, read by one ``git cat-file`` process."""
        if not paths:
            return {}
        request = "".join(f"{commit}:{path}\n" for path in paths).encode("utf-8", "surrogateescape")
        output = self.run("cat-file", "--batch", stdin=request)
        contents: dict[str, bytes] = {}
        position = 0
        for path in paths:
            header_end = output.index(b"\n", position)
            header = output[position:header_end].split()
            if len(header) != 3:
                raise GitError(f"cannot read {path} at {commit[:12]}")
            size = int(header[2])
            start = header_end + 1
            contents[path] = output[start : start + size]
            position = start + size + 1
        return contents


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as exc:
        raise GitMissing("git is not installed (or not on PATH)") from exc
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip()
        raise GitError(message or f"git {args[0]} failed")
    return completed.stdout


def match_plan_files(tree_paths: Sequence[str], prefix: str, patterns: Sequence[str]) -> list[str]:
    """The tree paths under ``prefix`` matching ``patterns``, in the working-tree loader's order
    (pattern by pattern, each pattern's matches sorted, each file once)."""
    under = [path for path in tree_paths if not prefix or path.startswith(prefix + "/")]
    relative = {path: path[len(prefix) + 1 :] if prefix else path for path in under}
    found: dict[str, None] = {}
    for pattern in patterns:
        regex = glob_regex(pattern)
        matches = [path for path, rel in relative.items() if regex.match(rel)]
        for path in sorted(matches, key=lambda name: PurePosixPath(name).parts):
            found.setdefault(path, None)
    return list(found)


@dataclass(frozen=True)
class PlanAtRevision:
    plan: Plan
    files: tuple[str, ...]


def load_plan_at(
    repo: Repository, commit: str, root: Path, patterns: Sequence[str], shown_root: str
) -> PlanAtRevision:
    """Load and merge the plan files of ``commit`` that the config's globs name.

    ``root`` is the config's directory (globs are relative to it); file names in
    the plan's locations are ``shown_root`` joined with the path under ``root``,
    as the working-tree plan shows them.
    """
    prefix = root.resolve().relative_to(repo.root.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix
    paths = match_plan_files(repo.files_at(commit), prefix, patterns)
    contents = repo.read_files(commit, paths)
    documents = []
    for path in paths:
        rel = path[len(prefix) + 1 :] if prefix else path
        shown = str(PurePosixPath(shown_root) / rel) if shown_root not in ("", ".") else rel
        try:
            text = contents[path].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GitError(f"{shown} at {commit[:12]} is not UTF-8 text") from exc
        documents.append(parse_document(text.removeprefix("\ufeff"), shown))
    return PlanAtRevision(merge(documents), tuple(paths))
