"""``evdict import`` as a user runs it: what it writes, prints and refuses."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import RunCli, WriteFiles

PLAN = {
    "rules": [
        {
            "type": "TRACK",
            "key": "signup_completed",
            "version": 1,
            "labels": [
                {"key": "category", "value": "activation"},
                {"key": "owner", "value": "growth"},
            ],
            "jsonSchema": {
                "description": "A visitor finished the signup form and has an account.",
                "type": "object",
                "properties": {
                    "plan_tier": {
                        "type": "string",
                        "enum": ["free", "pro"],
                        "description": "Tier the workspace is on.",
                    }
                },
                "required": ["plan_tier"],
            },
        },
        {
            "type": "TRACK",
            "key": "report_exported",
            "version": 1,
            "labels": [{"key": "category", "value": "../adoption"}],
            "jsonSchema": {"description": "A report was downloaded as a file.", "properties": {}},
        },
        {"type": "TRACK", "key": "", "version": 1},
    ]
}
EXPECTED = """\
# Imported by `evdict import segment-protocols` from plan.json
events:
  signup_completed:
    description: A visitor finished the signup form and has an account.
    category: activation
    owner: growth
    properties:
      plan_tier:
        type: string
        enum: ["free", "pro"]
        description: Tier the workspace is on.
        required: true
  report_exported:
    description: A report was downloaded as a file.
    category: "../adoption"
"""


def test_import_writes_the_plan_prints_notes_and_lints(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"plan.json": json.dumps(PLAN)})
    result = run("import", "segment-protocols", "plan.json", "--out", "plan")
    assert result.exit_code == 0, result.output
    assert (root / "plan" / "events.yaml").read_text(encoding="utf-8") == EXPECTED
    lines = result.output.splitlines()
    assert lines[:4] == [
        "note: plan.json#/rules/2: an empty event name (a plan name has a character): skipped",
        "wrote plan/events.yaml (2 event(s))",
        "imported 2 event(s) from 1 file(s); 1 note(s)",
        "lint of the imported plan:",
    ]
    assert any("EV403" in line and "'../adoption'" in line for line in lines)


def test_an_empty_event_name_is_a_note(write: WriteFiles, run: RunCli) -> None:
    write(**{"plan.json": json.dumps({"rules": [{"key": "", "type": "TRACK"}]})})
    result = run("import", "segment-protocols", "plan.json")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "note: plan.json#/rules/0: an empty event name (a plan name has a character): skipped"
    )


def test_split_by_category_stays_inside_the_folder(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"plan.json": json.dumps(PLAN)})
    result = run("import", "segment-protocols", "plan.json", "--out", "plan", "--split", "category")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "plan").iterdir()) == ["activation.yaml", "adoption.yaml"]
    assert sorted(p.name for p in root.iterdir()) == ["plan", "plan.json"]


def test_an_existing_plan_is_replaced_only_with_force(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"plan.json": json.dumps(PLAN), "plan/events.yaml": "events: {}\n"})
    refused = run("import", "segment-protocols", "plan.json", "--out", "plan")
    assert refused.exit_code == 2
    assert "plan/events.yaml already exists (use --force to replace it)" in refused.output
    assert (root / "plan" / "events.yaml").read_text(encoding="utf-8") == "events: {}\n"
    forced = run("import", "segment-protocols", "plan.json", "--out", "plan", "--force")
    assert forced.exit_code == 0
    assert (root / "plan" / "events.yaml").read_text(encoding="utf-8") == EXPECTED


def test_a_symlinked_plan_file_is_not_written_through(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"plan.json": json.dumps(PLAN), "elsewhere.yaml": "kept\n"})
    (root / "plan").mkdir()
    (root / "plan" / "events.yaml").symlink_to(root / "elsewhere.yaml")
    result = run("import", "segment-protocols", "plan.json", "--out", "plan", "--force")
    assert result.exit_code == 2
    assert "plan/events.yaml is a symlink: not written through" in result.output
    assert (root / "elsewhere.yaml").read_text(encoding="utf-8") == "kept\n"


def test_nothing_read_exits_1_and_writes_nothing(write: WriteFiles) -> None:
    root = write(**{"broken.json": '{"rules": [],}'})
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "import", "segment-protocols", "broken.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout == (
        "note: broken.json:1:14: invalid JSON (Expecting property name enclosed in double "
        "quotes): skipped\n"
    )
    assert completed.stderr == "evdict: no event read from 0 file(s)\n"
    assert not (root / "tracking-plan").exists()


def test_an_unknown_format_is_a_usage_error(run: RunCli, write: WriteFiles) -> None:
    write(**{"plan.json": "{}"})
    result = run("import", "tealium", "plan.json")
    assert result.exit_code == 2
    assert "'tealium' is not one of" in result.output


def test_the_lint_uses_the_project_config(write: WriteFiles, run: RunCli) -> None:
    write(
        **{"plan.json": json.dumps(PLAN), "evdict.yaml": "categories: [activation, ../adoption]\n"}
    )
    result = run("import", "segment-protocols", "plan.json", "--out", "plan")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-4:] == [
        "lint of the imported plan:",
        "plan/events.yaml:2:1: EV502 [warning] 2 active events, under the minimum of 50",
        "plan/events.yaml:13:3: EV402 [warning] event `report_exported` has no owner",
        "2 events in 1 file: 2 warnings",
    ]


def test_a_symlinked_output_folder_is_refused(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"plan.json": json.dumps(PLAN)})
    (root / "real").mkdir()
    (root / "plan").symlink_to(root / "real")
    result = run("import", "segment-protocols", "plan.json", "--out", "plan")
    assert result.exit_code == 2
    assert "plan is a symlink or not a folder: the plan is not written there" in result.output
    assert list((root / "real").iterdir()) == []


def test_split_by_owner(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"plan.json": json.dumps(PLAN)})
    result = run("import", "segment-protocols", "plan.json", "--out", "plan", "--split", "owner")
    assert result.exit_code == 0, result.output
    assert "wrote plan/growth.yaml (1 event(s))" in result.output.splitlines()
    assert "wrote plan/no-owner.yaml (1 event(s))" in result.output.splitlines()
    assert "  report_exported:" in (root / "plan" / "no-owner.yaml").read_text(encoding="utf-8")


def test_help_lists_every_format(run: RunCli) -> None:
    result = run("import", "--help")
    assert result.exit_code == 0
    for name in ("segment-protocols", "jsonschema", "iglu", "glean", "weaver", "avo", "amplitude"):
        assert f"\n    {name} " in result.output
