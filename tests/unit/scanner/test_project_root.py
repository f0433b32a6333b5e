"""With no config, a file given alone is scanned as part of its project (the git
repository, else the working directory): a monorepo's workspace packages and tsconfig
paths resolve as from the repository's root, which is how pre-commit runs a hook."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evdict.config import load_config, project_root
from tests.conftest import RunCli, WriteFiles

MONOREPO = {
    "package.json": '{"name": "acme", "private": true, "workspaces": ["apps/*", "packages/*"]}',
    "packages/telemetry/package.json": """
        {"name": "@acme/telemetry", "main": "src/index.ts",
         "dependencies": {"posthog-node": "^4.0.0"}}
        """,
    "packages/telemetry/src/index.ts": """
        import { PostHog } from "posthog-node";

        const client = new PostHog("phc_key");

        export function track(event: string, properties?: Record<string, unknown>): void {
          client.capture({ distinctId: "server", event, properties });
        }
        """,
    "apps/web/package.json": '{"name": "web", "dependencies": {"@acme/telemetry": "*"}}',
    "apps/web/tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./src/*"]}}}',
    "apps/web/src/lib/events.ts": """
        export const EVENTS = { signup: "signup_completed" } as const;
        """,
    "apps/web/src/signup.ts": """
        import { track } from "@acme/telemetry";
        import { EVENTS } from "@/lib/events";

        export function finish(): void {
          track(EVENTS.signup, { plan: "pro" });
        }
        """,
}
APP_FILE = "apps/web/src/signup.ts"
FOUND = "apps/web/src/signup.ts:5:3: signup_completed [inferred track] plan\n"


@pytest.fixture
def monorepo(write: WriteFiles) -> Path:
    root = write(**MONOREPO)
    (root / ".git").mkdir()
    return root


def test_no_config_roots_at_the_git_repository(monorepo: Path) -> None:
    assert project_root(monorepo / "apps/web/src") == monorepo
    assert load_config(start=monorepo / "apps/web/src").root == monorepo


def test_a_git_file_marks_the_repository_too(write: WriteFiles) -> None:
    # In a worktree or a submodule ``.git`` is a file naming the real git folder.
    root = write(**{"sub/a.py": "", ".git": "gitdir: /elsewhere/.git/worktrees/x\n"})
    assert project_root(root / "sub") == root


@pytest.mark.parametrize(
    ("files", "start", "expected"),
    [
        # nothing marks a project: the folder given, not the working directory
        ({"sub/a.py": ""}, "sub", "sub"),
        # a manifest in the working directory roots what is under it
        ({"package.json": "{}", "sub/a.js": ""}, "sub", "."),
        ({"pyproject.toml": "", "src/app/a.py": ""}, "src/app", "."),
        # the outermost manifest: a monorepo's root, not its package's
        (
            {"package.json": "{}", "apps/web/package.json": "{}", "apps/web/a.ts": ""},
            "apps/web",
            ".",
        ),
        # a folder of projects: the project given, not its siblings
        ({"one/package.json": "{}", "two/package.json": "{}"}, "one", "one"),
        # Python packages: above the outermost one, so `import pkg.sub` resolves
        ({"pkg/__init__.py": "", "pkg/sub/__init__.py": "", "pkg/sub/a.py": ""}, "pkg/sub", "."),
        ({"tools/pkg/__init__.py": "", "tools/pkg/a.py": ""}, "tools/pkg", "tools"),
    ],
)
def test_outside_a_repository(
    write: WriteFiles, files: dict[str, str], start: str, expected: str
) -> None:
    root = write(**files)
    assert project_root(root / start) == (root / expected).resolve()


def test_a_project_in_a_folder_of_projects_is_scanned_alone(write: WriteFiles) -> None:
    # The sibling's wrapper would make `track_it` a tracking call if it were read.
    root = write(
        **{
            "one/requirements.txt": "posthog\n",
            "one/app.py": """
                from lib import track_it

                track_it("report_opened")
                """,
            "two/requirements.txt": "posthog\n",
            "two/lib.py": """
                import posthog

                def track_it(name):
                    posthog.capture(name)
                """,
        }
    )
    done = _evdict(root, "scan", "one")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "note: requirements.txt lists posthog but no tracking call was proven: `evdict scan"
        " --suggest-config` lists the calls that look like ones\n"
        "0 tracking calls (0 events) in 1 file.\n"
    )


def test_a_config_found_from_the_working_directory_serves_paths_without_one(
    write: WriteFiles, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = write(**{"evdict.yaml": "plan: [plan.yaml]\n"})
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert load_config(start=elsewhere).path == root / "evdict.yaml"


def test_a_file_given_alone_is_read_with_its_workspace(monorepo: Path, run: RunCli) -> None:
    result = run("scan", APP_FILE, "--no-cache")
    assert result.output == FOUND + "1 tracking call (1 event) in 1 file.\n"


def test_check_of_changed_files_finds_their_calls_as_pre_commit_runs_it(
    monorepo: Path, run: RunCli
) -> None:
    (monorepo / "apps/web/src/other.ts").write_text("export const x = 1;\n", encoding="utf-8")
    result = run("check", APP_FILE, "apps/web/src/other.ts", "--no-cache", "--format", "json", "-q")
    report = json.loads(result.output)
    assert report["summary"]["tracking_calls"] == 1
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in report["diagnostics"]] == [
        ("EV601", APP_FILE, 5, 9)
    ]


def _evdict(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evdict", *args, "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_as_a_subprocess_from_the_repository_root(monorepo: Path) -> None:
    done = _evdict(monorepo, "scan", APP_FILE)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == FOUND + "1 tracking call (1 event) in 1 file.\n"


def test_as_a_subprocess_from_a_subfolder_paths_are_shown_from_there(monorepo: Path) -> None:
    done = _evdict(monorepo / "apps/web", "scan", "src/signup.ts")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "src/signup.ts:5:3: signup_completed [inferred track] plan\n"
        "1 tracking call (1 event) in 1 file.\n"
    )
