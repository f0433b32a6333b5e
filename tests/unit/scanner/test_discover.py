"""Which files are sources: globs with braces, .gitignore at every level, limits, links."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from evdict.config import Config, expand_braces
from evdict.scanner.discover import Globs, discover


def make(root: Path, *names: str, content: str = "x = 1\n") -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def found(config: Config) -> list[str]:
    return [source.rel for source in discover(config).files]


def test_braces_expand_in_every_combination() -> None:
    assert expand_braces("**/*.{js,ts}") == ["**/*.js", "**/*.ts"]
    assert expand_braces("{src,lib}/**/*.{py,pyi}") == [
        "src/**/*.py",
        "src/**/*.pyi",
        "lib/**/*.py",
        "lib/**/*.pyi",
    ]
    assert expand_braces("plain.py") == ["plain.py"]


@pytest.mark.parametrize(
    ("globs", "path", "matches"),
    [
        (["**/*.py"], "a.py", True),
        (["**/*.py"], "deep/er/a.py", True),
        (["src/*.py"], "src/a.py", True),
        (["src/*.py"], "lib/src/a.py", False),
        (["**/node_modules/**"], "web/node_modules/", True),
        (["**/*.py", "!**/test_*.py"], "pkg/test_a.py", False),
        (["**/*.py", "!**/test_*.py"], "pkg/a.py", True),
        ([], "a.py", False),
    ],
)
def test_globs_use_gitignore_semantics(globs: list[str], path: str, matches: bool) -> None:
    assert Globs(globs).matches(path) is matches


def test_include_exclude_and_default_excludes(tmp_path: Path) -> None:
    make(
        tmp_path,
        "app/a.py",
        "app/b.txt",
        "web/index.ts",
        "web/node_modules/lib/index.js",
        "web/dist/bundle.min.js",
        ".venv/lib/site.py",
        "scripts/tool.py",
    )
    assert found(Config(root=tmp_path)) == ["app/a.py", "scripts/tool.py", "web/index.ts"]
    config = Config(root=tmp_path, include=("app/**/*.py", "**/*.{ts,tsx}"), exclude=())
    assert found(config) == ["app/a.py", "web/index.ts"]


def test_build_output_is_not_scanned_but_a_folder_so_named_inside_src_is(tmp_path: Path) -> None:
    make(
        tmp_path,
        "cli/build/cli.js",
        "cli/dist/index.js",
        "cli/src/commands/build/index.ts",
        "cli/src/features/dist/index.ts",
        "cli/src/commands/build/__tests__/index.ts",
        "cli/src/commands/build/index.test.ts",
        "cli/node_modules/pkg/src/build/index.js",
        "build/lib/pkg/src/build/mod.py",
        "src/pkg/build/steps.py",
    )
    assert found(Config(root=tmp_path)) == [
        "cli/src/commands/build/index.ts",
        "cli/src/features/dist/index.ts",
        "src/pkg/build/steps.py",
    ]
    # An exclude of one's own means what it says.
    assert found(Config(root=tmp_path, exclude=("**/build/**",))) == [
        "cli/dist/index.js",
        "cli/src/features/dist/index.ts",
    ]


def test_tests_mocks_and_stories_are_not_scanned_by_default(tmp_path: Path) -> None:
    make(
        tmp_path,
        "app/views.py",
        "app/contest.py",
        "app/latest_test_run.py",
        "tests/test_views.py",
        "app/test/helpers.py",
        "app/conftest.py",
        "app/views_test.py",
        "web/src/button.tsx",
        "web/src/button.test.tsx",
        "web/src/button.spec.ts",
        "web/src/button.stories.tsx",
        "web/src/__tests__/button.tsx",
        "web/src/__mocks__/posthog.ts",
        "web/src/testimonials.tsx",
    )
    make(tmp_path, "app/views_test.py", content="def test_index():\n    assert True\n")
    assert found(Config(root=tmp_path)) == [
        "app/contest.py",
        "app/latest_test_run.py",
        "app/views.py",
        "web/src/button.tsx",
        "web/src/testimonials.tsx",
    ]
    assert len(found(Config(root=tmp_path, exclude=()))) == 14


@pytest.mark.parametrize(
    "sign",
    [
        "def test_index():\n    pass\n",
        "async def test_index():\n    pass\n",
        "class TestIndex:\n    pass\n",
        "class Views(unittest.TestCase):\n    def test_index(self):\n        pass\n",
        "import pytest\n",
        "from unittest import mock\n",
        "from mock import patch\n",
        "from hypothesis import given\n",
    ],
)
def test_a_module_named_like_a_test_is_one_when_it_defines_or_imports_one(
    tmp_path: Path, sign: str
) -> None:
    make(tmp_path, "app/views_test.py", "app/test_views.py", content=sign)
    make(tmp_path, "app/views.py")
    assert found(Config(root=tmp_path)) == ["app/views.py"]


def test_a_product_module_named_like_a_test_is_scanned_unless_the_excludes_are_yours(
    tmp_path: Path,
) -> None:
    # giskard's registry/giskard_test.py: ``class GiskardTest``, tracked on execute
    product = (
        "class GiskardTest:\n    def execute(self):\n        analytics.track('test:execute')\n"
    )
    make(tmp_path, "registry/giskard_test.py", "core/test_result.py", content=product)
    make(tmp_path, "registry/latest_test.py", content="")
    assert found(Config(root=tmp_path)) == [
        "core/test_result.py",
        "registry/giskard_test.py",
        "registry/latest_test.py",
    ]
    assert found(Config(root=tmp_path, exclude=("**/*_test.py",))) == ["core/test_result.py"]


def test_a_module_named_like_a_test_too_large_to_scan_stays_excluded(tmp_path: Path) -> None:
    make(tmp_path, "app/load_test.py", content="x = 1\n" * 100)
    assert found(Config(root=tmp_path, max_file_size=50)) == []
    assert discover(Config(root=tmp_path, max_file_size=50)).too_large == []


def test_gitignore_files_at_every_level_and_above_the_root(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("generated/\n*.gen.py\n", encoding="utf-8")
    project = tmp_path / "project"
    make(
        project,
        "a.py",
        "b.gen.py",
        "generated/c.py",
        "pkg/d.py",
        "pkg/local.py",
        "pkg/keep.gen.py",
    )
    (project / "pkg" / ".gitignore").write_text("local.py\n!keep.gen.py\n", encoding="utf-8")
    (tmp_path / ".git" / "info" / "exclude").write_text("project/a.py\n", encoding="utf-8")
    assert found(Config(root=project)) == ["pkg/d.py", "pkg/keep.gen.py"]
    unfiltered = Config(root=project, respect_gitignore=False)
    assert len(found(unfiltered)) == 6


def test_a_gitignore_line_git_cannot_read_is_skipped_as_git_does(tmp_path: Path) -> None:
    """`!`, `\\` and `[z-a]` are lines git skips; `[[]` (a set in a set) makes Python's re
    warn. The other lines still apply, and the scan does not fail over the file."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("[z-a]\n!\n\\\ngenerated/\n[[]x.py\n", encoding="utf-8")
    make(tmp_path, "a.py", "[x.py", "generated/c.py")
    assert found(Config(root=tmp_path)) == ["a.py"]


def test_large_files_are_skipped_and_counted(tmp_path: Path) -> None:
    make(tmp_path, "small.py")
    make(tmp_path, "bundle.js", content="x" * 2000)
    result = discover(Config(root=tmp_path, max_file_size=1000))
    assert [source.rel for source in result.files] == ["small.py"]
    assert [source.rel for source in result.too_large] == ["bundle.js"]


def test_symlinks_are_followed_and_loops_noted(tmp_path: Path) -> None:
    make(tmp_path, "real/a.py", "other/b.py")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "other").symlink_to(tmp_path / "other")
    (tmp_path / "dangling.py").symlink_to(tmp_path / "missing.py")
    result = discover(Config(root=tmp_path))
    assert [source.rel for source in result.files] == ["other/b.py", "real/a.py", "real/other/b.py"]
    assert [note.split(":")[0] for note in result.notes] == [
        f"cannot read {tmp_path / 'dangling.py'}",
        f"symlink loop at {tmp_path / 'real' / 'loop'}",
    ]


def test_an_unreadable_directory_is_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "ok.py", "secret/a.py")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if path.endswith("secret"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = discover(Config(root=tmp_path))
    assert [source.rel for source in result.files] == ["ok.py"]
    assert result.notes == [f"cannot read directory {tmp_path / 'secret'}: Permission denied"]
