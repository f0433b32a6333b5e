"""``evdict diff``: output formats, exit codes, revision defaults and errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import RunCli
from tests.unit.commands.diff.conftest import GitRepo

BASE = """
events:
  contact_enriched:
    description: A contact row was enriched.
    owner: team-a
    properties:
      source: {type: string, enum: [linkedin, sheet, api]}
  lead_imported:
    description: Leads were imported from a file.
"""

HEAD = """
events:
  contact_enriched:
    description: A contact row was enriched.
    owner: team-b
    properties:
      source: {type: string, enum: [linkedin, api]}
      email: {type: string, pii: hashed}
  lead_imported:
    description: Leads were imported from a file.
  report_exported:
    description: A report was downloaded.
"""

CONFIG = "budget: {min: 0, max: 2, hard_max: 5}\n"


@pytest.fixture
def changed(repo: GitRepo) -> GitRepo:
    """Base plan committed on main; the working tree holds the head plan."""
    repo.commit(**{"evdict.yaml": CONFIG, "events.yaml": BASE})
    repo.write(**{"events.yaml": HEAD})
    return repo


def test_text_output_is_exact(changed: GitRepo, run: RunCli) -> None:
    result = run("diff")
    assert result.exit_code == 1
    assert result.output == (
        f"Plan changes: {changed.short()} (merge-base with main) -> working tree\n"
        "\n"
        "kind                event/property/funnel    before -> after              classification\n"
        "enum-value-removed  contact_enriched.source  enum: 'sheet' -> (none)      breaking\n"
        "property-added      contact_enriched.email                                non-breaking\n"
        "event-added         report_exported                                       non-breaking\n"
        "metadata-changed    contact_enriched         owner: 'team-a' -> 'team-b'  metadata\n"
        "\n"
        "events.yaml:6:30: EV701 [error] property `contact_enriched.source` enum value removed: "
        "enum: 'sheet' -> (none)\n"
        "Budget: 2 -> 3 events, over max by 1\n"
        "New PII properties: contact_enriched.email (pii: hashed)\n"
        "Found 4 changes: 1 breaking, 2 non-breaking, 1 metadata.\n"
    )


def test_json_shape(changed: GitRepo, run: RunCli) -> None:
    result = run("diff", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert set(report) == {
        "version",
        "tool",
        "base",
        "head",
        "summary",
        "changes",
        "budget",
        "new_pii",
        "diagnostics",
    }
    assert report["version"] == 1
    assert report["base"] == {
        "revision": changed.git("rev-parse", "HEAD"),
        "label": f"{changed.short()} (merge-base with main)",
    }
    assert report["head"] == {"revision": None, "label": "working tree"}
    assert report["summary"] == {"changes": 4, "breaking": 1, "non_breaking": 2, "metadata": 1}
    assert report["changes"][0] == {
        "kind": "enum-value-removed",
        "classification": "breaking",
        "event": "contact_enriched",
        "property": "source",
        "funnel": None,
        "field": "enum",
        "before": "sheet",
        "after": None,
        "note": None,
        "message": "property `contact_enriched.source` enum value removed: enum: 'sheet' -> (none)",
        "entry": "events.contact_enriched.properties.source",
        "path": "events.yaml",
        "line": 6,
        "column": 30,
    }
    assert [change["kind"] for change in report["changes"]] == [
        "enum-value-removed",
        "property-added",
        "event-added",
        "metadata-changed",
    ]
    assert report["budget"]["before"]["count"] == 2
    assert report["budget"]["after"]["count"] == 3
    assert report["budget"]["after"]["status"] == "over_max"
    assert report["new_pii"] == [
        {"event": "contact_enriched", "property": "email", "reason": "pii: hashed"}
    ]
    assert [(d["code"], d["severity"], d["line"]) for d in report["diagnostics"]] == [
        ("EV701", "error", 6)
    ]


def test_markdown_summary(changed: GitRepo, run: RunCli) -> None:
    result = run("diff", "--format", "markdown")
    assert result.exit_code == 1
    assert result.output == (
        "### Tracking plan changes\n"
        "\n"
        f"{changed.short()} (merge-base with main) → working tree: "
        "4 changes (**1 breaking**, 2 non-breaking, 1 metadata)\n"
        "\n"
        "| Kind | Event / property / funnel | Before → after | Classification |\n"
        "|---|---|---|---|\n"
        "| enum-value-removed | `contact_enriched.source` | enum: 'sheet' → (none) | **breaking** |\n"
        "| property-added | `contact_enriched.email` |  | non-breaking |\n"
        "| event-added | `report_exported` |  | non-breaking |\n"
        "| metadata-changed | `contact_enriched` | owner: 'team-a' → 'team-b' | metadata |\n"
        "\n"
        "**Budget:** 2 → 3 events, over max by 1\n"
        "\n"
        "**New PII properties:** `contact_enriched.email` (pii: hashed)\n"
    )


def test_markdown_escapes_plan_text(repo: GitRepo, run: RunCli) -> None:
    repo.commit(**{"events.yaml": "events:\n  a_done: {description: old}\n"})
    repo.write(**{"events.yaml": "events:\n  a_done: {description: 'x | <b>y</b>'}\n"})
    output = run("diff", "--format", "markdown").output
    assert "'x \\| &lt;b&gt;y&lt;/b&gt;'" in output


@pytest.mark.parametrize(
    ("head", "fail_on", "exit_code"),
    [
        (HEAD, "breaking", 1),
        (HEAD, "none", 0),
        (HEAD, "any", 1),
        (BASE.replace("team-a", "team-c"), "breaking", 0),
        (BASE.replace("team-a", "team-c"), "any", 1),
        (BASE, "any", 0),
    ],
)
def test_fail_on(repo: GitRepo, run: RunCli, head: str, fail_on: str, exit_code: int) -> None:
    repo.commit(**{"events.yaml": BASE})
    repo.write(**{"events.yaml": head})
    assert run("diff", "--fail-on", fail_on).exit_code == exit_code


def test_no_changes(repo: GitRepo, run: RunCli) -> None:
    repo.commit(**{"events.yaml": BASE})
    result = run("diff")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "No plan changes."


def test_default_base_is_the_merge_base_not_the_branch_tip(repo: GitRepo, run: RunCli) -> None:
    fork = repo.commit(**{"events.yaml": "events:\n  a_done: {}\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(**{"events.yaml": "events:\n  a_done: {}\n  feature_done: {}\n"})
    repo.git("checkout", "-q", "main")
    repo.commit(**{"events.yaml": "events:\n  a_done: {}\n  main_done: {}\n"})
    repo.git("checkout", "-q", "feature")
    repo.write(**{"events.yaml": "events:\n  a_done: {}\n  feature_done: {}\n  wip_done: {}\n"})
    report = json.loads(run("diff", "--format", "json").output)
    assert report["base"]["revision"] == fork
    # main's own addition after the fork is not shown as a removal.
    assert [(c["kind"], c["event"]) for c in report["changes"]] == [
        ("event-added", "feature_done"),
        ("event-added", "wip_done"),
    ]


def test_default_branch_from_config_and_from_origin_head(repo: GitRepo, run: RunCli) -> None:
    trunk = repo.commit(**{"events.yaml": "events:\n  a_done: {}\n"})
    repo.git("branch", "-m", "main", "trunk")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(**{"events.yaml": "events:\n  a_done: {}\n  b_done: {}\n"})
    failed = run("diff")
    assert failed.exit_code == 2
    assert "cannot find the default branch" in failed.output
    repo.git("update-ref", "refs/remotes/origin/trunk", trunk)
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")
    report = json.loads(run("diff", "--format", "json").output)
    assert report["base"]["label"] == f"{trunk[:7]} (merge-base with origin/trunk)"
    repo.write(**{"evdict.yaml": "diff: {default_branch: trunk}\n"})
    report = json.loads(run("diff", "--format", "json").output)
    assert report["base"]["label"] == f"{trunk[:7]} (merge-base with trunk)"


def test_two_revisions(repo: GitRepo, run: RunCli) -> None:
    first = repo.commit(**{"events.yaml": "events:\n  a_done: {}\n"})
    second = repo.commit(**{"events.yaml": "events:\n  a_done: {}\n  b_done: {}\n"})
    repo.write(**{"events.yaml": "events: {}\n"})  # the working tree is not read
    report = json.loads(run("diff", first, "HEAD", "--format", "json").output)
    assert report["head"] == {"revision": second, "label": f"{second[:7]} (HEAD)"}
    assert [(c["kind"], c["event"]) for c in report["changes"]] == [("event-added", "b_done")]
    reverse = json.loads(run("diff", second, first, "--format", "json").output)
    assert [(c["kind"], c["event"]) for c in reverse["changes"]] == [("event-removed", "b_done")]


def test_plan_files_matched_by_globs_below_the_config(repo: GitRepo, run: RunCli) -> None:
    config = 'plan: ["tracking-plan/**/*.yaml"]\n'
    repo.commit(
        **{
            "app/evdict.yaml": config,
            "app/tracking-plan/core.yaml": "events:\n  a_done: {}\n",
            "app/tracking-plan/teams/growth.yaml": "events:\n  b_done: {}\n",
            "app/tracking-plan/notes.txt": "events:\n  not_plan: {}\n",
            "other/tracking-plan/x.yaml": "events:\n  elsewhere_done: {}\n",
        }
    )
    repo.write(**{"app/tracking-plan/teams/growth.yaml": "events:\n  c_done: {}\n"})
    import os

    os.chdir(repo.root / "app")
    report = json.loads(run("diff", "HEAD", "--format", "json").output)
    assert [(c["kind"], c["event"], c["path"]) for c in report["changes"]] == [
        ("event-removed", "b_done", "tracking-plan/teams/growth.yaml"),
        ("event-added", "c_done", "tracking-plan/teams/growth.yaml"),
    ]


@pytest.mark.parametrize("revision", ["xyz", "HEAD~5"])
def test_unknown_revision_is_exit_2(repo: GitRepo, run: RunCli, revision: str) -> None:
    repo.commit(**{"events.yaml": BASE})
    result = run("diff", revision)
    assert result.exit_code == 2
    assert result.output == f"evdict: error: unknown revision '{revision}'\n"


def test_not_a_git_repository_is_exit_2(in_tmp: object, run: RunCli) -> None:
    result = run("diff")
    assert result.exit_code == 2
    assert result.output.startswith("evdict: error: not a git repository: ")


def test_git_missing_is_exit_2(repo: GitRepo, run: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit(**{"events.yaml": BASE})
    monkeypatch.setenv("PATH", str(repo.root / "no-bin-here"))
    result = run("diff", "HEAD")
    assert result.exit_code == 2
    assert result.output == "evdict: error: git is not installed (or not on PATH)\n"


def test_unparsable_plan_at_a_side_is_exit_2(repo: GitRepo, run: RunCli) -> None:
    repo.commit(**{"events.yaml": "events: [\n"})
    repo.write(**{"events.yaml": BASE})
    result = run("diff", "HEAD")
    assert result.exit_code == 2
    assert result.output.startswith(
        f"evdict: error: the plan at {repo.short()} (HEAD) does not parse: events.yaml:2:1: "
    )


def test_output_file(changed: GitRepo, run: RunCli) -> None:
    result = run("diff", "--format", "markdown", "--output", "summary.md", "--fail-on", "none")
    assert result.exit_code == 0
    assert result.output == ""
    assert (changed.root / "summary.md").read_text(encoding="utf-8").startswith("### Tracking")


def test_subprocess_exit_code(changed: GitRepo) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "diff"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr


def test_new_pii_properties(repo: GitRepo, run: RunCli) -> None:
    repo.commit(
        **{"events.yaml": "events:\n  signup_done:\n    properties:\n      email: {type: string}\n"}
    )
    repo.write(
        **{
            "events.yaml": """
            events:
              signup_completed:
                renamed_from: [signup_done]
                properties:
                  email: {type: string}
              contact_created:
                properties:
                  email: {type: string}
                  phone: {type: string, pii: none}
                  ip_address: {type: string, pii: redacted}
                  plan: {type: string}
            """
        }
    )
    report = json.loads(run("diff", "HEAD", "--format", "json").output)
    # The renamed event's email is not new; a declared `pii: none` is taken at its word.
    assert report["new_pii"] == [
        {
            "event": "contact_created",
            "property": "email",
            "reason": "no pii declared, looks like contact: email address",
        },
        {"event": "contact_created", "property": "ip_address", "reason": "pii: redacted"},
    ]


def test_unrelated_histories_are_exit_2(repo: GitRepo, run: RunCli) -> None:
    repo.commit(**{"events.yaml": BASE})
    repo.git("checkout", "-q", "--orphan", "other")
    repo.commit(**{"events.yaml": HEAD})
    result = run("diff")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: 'HEAD' and 'main' have no common ancestor "
        "(in a shallow clone, fetch the history: git fetch --unshallow)\n"
    )
