"""Plan files at a revision are the ones the working-tree loader would find."""

from __future__ import annotations

from pathlib import Path

import pytest

from evdict.globs import glob_regex
from evdict.plan.git import Repository, load_plan_at, match_plan_files
from evdict.plan.load import find_plan_files
from tests.unit.commands.diff.conftest import GitRepo


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("events.yaml", "events.yaml", True),
        ("events.yaml", "sub/events.yaml", False),
        ("*.yaml", "a.yaml", True),
        ("*.yaml", "sub/a.yaml", False),
        ("tracking-plan/**/*.yaml", "tracking-plan/a.yaml", True),
        ("tracking-plan/**/*.yaml", "tracking-plan/x/y/a.yaml", True),
        ("tracking-plan/**/*.yaml", "tracking-plan.yaml", False),
        ("tracking-plan/**/*.yaml", "other/tracking-plan/a.yaml", False),
        ("**/*.yaml", "a.yaml", True),
        ("plan/?.yaml", "plan/a.yaml", True),
        ("plan/?.yaml", "plan/ab.yaml", False),
        ("plan/[ab].yaml", "plan/b.yaml", True),
        ("plan/[!ab].yaml", "plan/b.yaml", False),
        ("plan/[!ab].yaml", "plan/c.yaml", True),
        ("./events.yaml", "events.yaml", True),
        ("a+b(1).yaml", "a+b(1).yaml", True),
        ("tracking-plan/**/**/*.yaml", "tracking-plan/x/a.yaml", True),
        ("tracking-plan/**/**/*.yaml", "tracking-plan.yaml", False),
    ],
)
def test_glob_semantics(pattern: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(pattern).match(path)) is matches


def test_repeated_double_stars_read_as_one() -> None:
    # Each `**` would multiply the backtracking over deep paths: `**/**` is `**`.
    assert glob_regex("a/**/**/**/*.yaml").pattern == glob_regex("a/**/*.yaml").pattern


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("packages/**", "packages", True),
        ("packages/**", "packages/a/b", True),
        ("packages/*", "packages", False),
        ("./packages/*", "packages/a", True),
        ("packages/[ab]*", "packages/beta", True),
    ],
)
def test_a_workspace_glob_names_its_folder_too(pattern: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(pattern, folder=True).match(path)) is matches


def test_a_plan_glob_names_only_what_is_under_its_folder() -> None:
    assert not glob_regex("packages/**").match("packages")


def test_same_files_in_the_same_order_as_the_working_tree(repo: GitRepo) -> None:
    names = ["events.yaml", "tp/b.yaml", "tp/a-b.yaml", "tp/a/b.yaml", "tp/z/y/x.yaml", "x.txt"]
    repo.commit(**dict.fromkeys(names, "events: {}\n"))
    patterns = ("tp/**/*.yaml", "events.yaml", "tp/a/*.yaml")
    on_disk = [p.relative_to(repo.root).as_posix() for p in find_plan_files(repo.root, patterns)]
    in_git = match_plan_files(Repository.find(repo.root).files_at("HEAD"), "", patterns)
    assert in_git == on_disk


def test_load_plan_at_a_revision_without_checkout(repo: GitRepo) -> None:
    first = repo.commit(**{"plan/events.yaml": "events:\n  a_done: {}\n"})
    repo.commit(**{"plan/events.yaml": "events:\n  b_done: {}\n"})
    git = Repository.find(repo.root / "plan")
    loaded = load_plan_at(git, first, repo.root / "plan", ("*.yaml",), "plan")
    assert list(loaded.plan.events) == ["a_done"]
    assert loaded.plan.events["a_done"].origin.location().path == "plan/events.yaml"
    assert loaded.files == ("plan/events.yaml",)
    assert (repo.root / "plan/events.yaml").read_text(encoding="utf-8") == "events:\n  b_done: {}\n"


def test_repository_root_is_found_from_below(repo: GitRepo) -> None:
    (repo.root / "deep/er").mkdir(parents=True)
    assert Repository.find(repo.root / "deep/er").root == Path(
        repo.git("rev-parse", "--show-toplevel")
    )
