"""``evdict rename OLD NEW`` end to end: the plan, Python and TypeScript call sites,
constants and enum members, refusals, --dry-run, --force, and all or nothing."""

from __future__ import annotations

import stat
import textwrap
from pathlib import Path
from typing import Any

import pytest

import evdict.commands.rename
import evdict.transaction
from evdict.commands.rename import FileChange, Rename, prepare_rename, write_rename
from evdict.config import load_config
from evdict.transaction import WriteError
from tests.conftest import RunCli, WriteFiles, fail_at_swap

PLAN = """\
# yaml-language-server: $schema=./plan.schema.json
events:
  # Signing up.
  signup_completed:            # the first event
    description: A user finished signing up.
    status: active             # planned | active | deprecated

    properties:
      plan: {type: string, enum: [free, pro]}
  report_exported:
    description: A report was exported.
    deprecated: {since: "2026-09", replaced_by: signup_completed}

funnels:
  activation:
    steps:
      - signup_completed       # step one
      - {event: report_exported, within: 7d}
"""

PYTHON = {
    "evdict.yaml": "plan: [events.yaml]\n",
    "events.yaml": PLAN,
    "app/__init__.py": "",
    "app/names.py": """\
        \"\"\"Event names.\"\"\"
        import enum

        SIGNUP = "signup_completed"  # keep this comment


        class Events(str, enum.Enum):
            SIGNUP = 'signup_completed'
            EXPORT = "report_exported"
        """,
    "app/views.py": """\
        import analytics
        from app.names import SIGNUP, Events


        def signup(user):
            analytics.track(user.id, "signup_completed", {"plan": "pro"})  # literal
            analytics.track(user.id, SIGNUP)
            analytics.track(user.id, Events.SIGNUP.value)
            analytics.track(
                user.id,
                ("signup_"
                 "completed"),
            )
            analytics.track(user.id, "report_exported")
            print("signup_completed")  # not a tracking call: left alone
        """,
}

TYPESCRIPT = {
    "evdict.yaml": "plan: [events.yaml]\n",
    "events.yaml": PLAN,
    "web/events.ts": """\
        // The names, once.
        export const EVENTS = {
          SIGNUP: "signup_completed", // comment kept
          EXPORT: "report_exported",
        } as const;

        export enum Tracked {
          Signup = 'signup_completed',
        }
        """,
    "web/app.tsx": """\
        import { EVENTS, Tracked } from "./events";
        import posthog from "posthog-js";

        export function Button(): JSX.Element {
          posthog.capture(`signup_completed`, { plan: "pro" });
          posthog.capture(EVENTS.SIGNUP);
          posthog.capture(Tracked.Signup);
          return <button title="é">signup_completed</button>;
        }
        """,
}


def read(root: Path, name: str) -> str:
    return (root / name).read_text(encoding="utf-8")


def dedented(files: dict[str, str], name: str) -> str:
    return textwrap.dedent(files[name]).lstrip("\n")


RENAMED_PLAN = (
    PLAN.replace("  signup_completed:            #", "  user_signed_up:              #")
    .replace(
        "deprecated\n\n    properties:",
        "deprecated\n\n    renamed_from: [signup_completed]\n    properties:",
    )
    .replace("replaced_by: signup_completed}", "replaced_by: user_signed_up}")
    .replace("- signup_completed       #", "- user_signed_up         #")
)


def test_python_call_sites_constants_enum_values_and_the_plan(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**PYTHON)
    result = run("rename", "signup_completed", "user_signed_up")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "rewrote events.yaml",
        "rewrote app/names.py",
        "rewrote app/views.py",
        "`signup_completed` -> `user_signed_up`: 4 call site(s), 3 file(s)",
    ]
    assert read(root, "events.yaml") == RENAMED_PLAN
    assert read(root, "app/names.py") == dedented(PYTHON, "app/names.py").replace(
        '"signup_completed"', '"user_signed_up"'
    ).replace("'signup_completed'", "'user_signed_up'")
    assert read(root, "app/views.py") == dedented(PYTHON, "app/views.py").replace(
        'user.id, "signup_completed"', 'user.id, "user_signed_up"'
    ).replace('("signup_"\n         "completed")', '("user_signed_up")')
    # The project now checks clean of the old name: the code tracks the new one.
    check = run("scan", "--format", "json")
    assert "signup_completed" not in check.stdout


def test_typescript_literals_object_constants_and_enums(write: WriteFiles, run: RunCli) -> None:
    root = write(**TYPESCRIPT)
    result = run("rename", "signup_completed", "user_signed_up")
    assert result.exit_code == 0, result.output
    assert "3 call site(s), 3 file(s)" in result.stdout
    assert read(root, "events.yaml") == RENAMED_PLAN
    assert read(root, "web/events.ts") == dedented(TYPESCRIPT, "web/events.ts").replace(
        "signup_completed", "user_signed_up"
    )
    assert read(root, "web/app.tsx") == dedented(TYPESCRIPT, "web/app.tsx").replace(
        "`signup_completed`", "`user_signed_up`"
    )


def test_dry_run_prints_diffs_and_writes_nothing(write: WriteFiles, run: RunCli) -> None:
    root = write(**PYTHON)
    before = {name: read(root, name) for name in ("events.yaml", "app/names.py", "app/views.py")}
    result = run("rename", "signup_completed", "user_signed_up", "--dry-run")
    assert result.exit_code == 0, result.output
    assert {name: read(root, name) for name in before} == before
    diff = result.stdout
    assert diff.startswith("--- a/events.yaml\n+++ b/events.yaml\n")
    assert "--- a/app/names.py\n+++ b/app/names.py\n" in diff
    assert '-SIGNUP = "signup_completed"  # keep this comment\n' in diff
    assert '+SIGNUP = "user_signed_up"  # keep this comment\n' in diff
    assert "+    renamed_from: [signup_completed]\n" in diff
    assert "(dry run: nothing written)" in result.stderr


def test_refusals(write: WriteFiles, run: RunCli) -> None:
    write(**PYTHON)
    taken = run("rename", "signup_completed", "report_exported")
    assert taken.exit_code == 2
    assert "event `report_exported` already exists (events.yaml:10)" in taken.stderr
    missing = run("rename", "signup_complete", "user_signed_up")
    assert missing.exit_code == 2
    assert (
        "event `signup_complete` is not declared in the plan (did you mean `signup_completed`?)"
        in missing.stderr
    )
    same = run("rename", "signup_completed", "signup_completed")
    assert same.exit_code == 2


def test_a_former_name_is_taken(write: WriteFiles, run: RunCli) -> None:
    write(**{**PYTHON, "events.yaml": PLAN.replace("    status: active", "    renamed_from: [a]")})
    result = run("rename", "report_exported", "a")
    assert result.exit_code == 2
    assert "`a` is a former name of event `signup_completed`" in result.stderr


DYNAMIC = {
    **PYTHON,
    "app/dynamic.py": """\
        import analytics
        from app.names import SIGNUP


        def track(user, step, flag):
            analytics.track(user.id, f"signup_{step}")
            analytics.track(user.id, f"report_{step}")  # cannot be signup_completed
            analytics.track(user.id, SIGNUP + "")
        """,
}


def test_dynamic_sites_that_may_be_old_refuse_the_rename(write: WriteFiles, run: RunCli) -> None:
    root = write(**DYNAMIC)
    result = run("rename", "signup_completed", "user_signed_up")
    assert result.exit_code == 2
    assert result.stderr == (
        "evdict: error: 2 call site(s) may track `signup_completed` under a name evdict cannot"
        " rewrite; rename them by hand, or pass --force to rename the rest:\n"
        "  app/dynamic.py:6:30: a dynamic name, an f-string starting with 'signup_'\n"
        "  app/dynamic.py:8:30: `signup_completed` is built there, not written as one literal\n"
    )
    assert read(root, "events.yaml") == PLAN


def test_force_renames_the_rest_and_lists_them(write: WriteFiles, run: RunCli) -> None:
    root = write(**DYNAMIC)
    result = run("rename", "signup_completed", "user_signed_up", "--force")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: not renamed, may track `signup_completed`: app/dynamic.py:6:30: a dynamic"
        " name, an f-string starting with 'signup_'",
        "warning: not renamed, may track `signup_completed`: app/dynamic.py:8:30:"
        " `signup_completed` is built there, not written as one literal",
    ]
    assert read(root, "events.yaml") == RENAMED_PLAN
    assert read(root, "app/dynamic.py") == dedented(DYNAMIC, "app/dynamic.py")


def test_nothing_is_written_when_one_file_would_not_parse(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(**PYTHON)
    before = {name: read(root, name) for name in ("events.yaml", "app/names.py", "app/views.py")}
    real = evdict.commands.rename.reparse_problem

    def views_break(change: FileChange) -> str | None:
        return "app/views.py would not parse" if change.shown == "app/views.py" else real(change)

    monkeypatch.setattr(evdict.commands.rename, "reparse_problem", views_break)
    result = run("rename", "signup_completed", "user_signed_up")
    assert result.exit_code == 2
    assert "nothing was written: app/views.py would not parse" in result.stderr
    assert {name: read(root, name) for name in before} == before


def test_a_failed_write_puts_back_what_was_written(
    write: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(**PYTHON)
    before = {name: read(root, name) for name in ("events.yaml", "app/names.py", "app/views.py")}
    rename = prepare_rename(load_config(), "signup_completed", "user_signed_up")
    fail_at_swap(monkeypatch, 3, OSError(28, "No space left on device"))
    with pytest.raises(
        WriteError,
        match=r"^cannot write app/views.py \(No space left on device\): "
        r"nothing was changed \(2 file\(s\) put back\)$",
    ):
        write_rename(rename)
    assert {name: read(root, name) for name in before} == before
    assert not list(root.rglob("*.tmp"))


def test_a_file_changed_since_the_scan_is_not_overwritten(write: WriteFiles, run: RunCli) -> None:
    root = write(**PYTHON)
    rename = prepare_rename(load_config(), "signup_completed", "user_signed_up")
    (root / "app/views.py").write_text("# edited meanwhile\n", encoding="utf-8")
    with pytest.raises(
        WriteError,
        match=r"^cannot write app/views\.py \(it changed since it was read\): nothing was changed$",
    ):
        write_rename(rename)
    assert read(root, "events.yaml") == PLAN


def test_a_target_that_became_a_folder_stops_the_rename(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between planning and writing, app/views.py turns into a folder: exit 2 with the
    reason, and not one file changed."""
    root = write(**PYTHON)
    real = evdict.commands.rename.prepare_rename

    def then_a_folder(*args: Any, **kwargs: Any) -> Rename:
        planned = real(*args, **kwargs)
        (root / "app/views.py").unlink()
        (root / "app/views.py").mkdir()
        return planned

    monkeypatch.setattr(evdict.commands.rename, "prepare_rename", then_a_folder)
    before = {name: read(root, name) for name in ("events.yaml", "app/names.py")}
    result = run("rename", "signup_completed", "user_signed_up")
    assert result.exit_code == 2
    assert result.stderr == (
        "evdict: error: cannot write app/views.py (it is not a regular file): nothing was changed\n"
    )
    assert {name: read(root, name) for name in before} == before
    assert (root / "app/views.py").is_dir()


def test_file_modes_are_kept(write: WriteFiles, run: RunCli) -> None:
    root = write(**PYTHON)
    (root / "app/names.py").chmod(0o640)
    (root / "events.yaml").chmod(0o600)
    assert run("rename", "signup_completed", "user_signed_up").exit_code == 0
    assert stat.S_IMODE((root / "app/names.py").stat().st_mode) == 0o640
    assert stat.S_IMODE((root / "events.yaml").stat().st_mode) == 0o600
    assert not list(root.glob("app/.*.tmp"))


def test_references_in_other_plan_files(write: WriteFiles, run: RunCli) -> None:
    root = write(
        **{
            "evdict.yaml": 'plan: ["tracking-plan/*.yaml"]\n',
            "tracking-plan/growth.yaml": "events:\n  signup_completed: {owner: growth}\n",
            "tracking-plan/funnels.yaml": "funnels:\n  f:\n    steps: [signup_completed]\n",
        }
    )
    result = run("rename", "signup_completed", "user_signed_up")
    assert result.exit_code == 0, result.output
    assert read(root, "tracking-plan/growth.yaml") == (
        "events:\n  user_signed_up: {owner: growth, renamed_from: [signup_completed]}\n"
    )
    assert (
        read(root, "tracking-plan/funnels.yaml") == "funnels:\n  f:\n    steps: [user_signed_up]\n"
    )


def test_a_plan_file_that_does_not_load_stops_the_rename(write: WriteFiles, run: RunCli) -> None:
    write(
        **{
            "evdict.yaml": 'plan: ["plan/*.yaml"]\n',
            "plan/a.yaml": "events:\n  signup_completed: {}\n",
            "plan/b.yaml": "funnels: [\n",
        }
    )
    result = run("rename", "signup_completed", "user_signed_up")
    assert result.exit_code == 2
    assert "plan/b.yaml does not load: fix it first" in result.stderr


def test_a_name_in_a_dict_registry_is_renamed_where_it_is_written(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(
        **{
            "events.yaml": "events:\n  user_signed_up: {}\n",
            "app/events.py": 'EVENTS = {"signup": "user_signed_up"}\n',
            "app/views.py": (
                "import analytics\n\nfrom app.events import EVENTS\n\n"
                'analytics.track(uid, EVENTS["signup"])\n'
            ),
        }
    )
    result = run("rename", "user_signed_up", "signup_completed")
    assert result.exit_code == 0, result.output
    assert (root / "app/events.py").read_text(encoding="utf-8") == (
        'EVENTS = {"signup": "signup_completed"}\n'
    )
    assert 'EVENTS["signup"]' in (root / "app/views.py").read_text(encoding="utf-8")


def test_crlf_and_a_bom_are_kept_byte_for_byte(write: WriteFiles, run: RunCli) -> None:
    def windows(text: str, final_break: bool = True) -> bytes:
        text = text if final_break else text.rstrip("\n")
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()

    root = write(
        **{
            "events.yaml": windows(PLAN),
            "app/views.py": windows(dedented(PYTHON, "app/views.py"), final_break=False),
            "app/names.py": windows(dedented(PYTHON, "app/names.py")),
            "app/__init__.py": "",
        }
    )
    result = run("rename", "signup_completed", "user_signed_up")
    assert result.exit_code == 0, result.output
    assert (root / "events.yaml").read_bytes() == windows(RENAMED_PLAN)
    assert (root / "app/names.py").read_bytes() == windows(
        dedented(PYTHON, "app/names.py").replace("signup_completed", "user_signed_up")
    )
    assert (root / "app/views.py").read_bytes() == windows(
        dedented(PYTHON, "app/views.py")
        .replace('user.id, "signup_completed"', 'user.id, "user_signed_up"')
        .replace('("signup_"\n         "completed")', '("user_signed_up")'),
        final_break=False,
    )
