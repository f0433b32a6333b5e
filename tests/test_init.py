"""``evdict init``: a commented config and an empty plan that lint clean."""

from __future__ import annotations

import json
from pathlib import Path

from evdict.config import (
    DEFAULT_CATEGORIES,
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    DEFAULT_PLAN,
    load_config,
)
from tests.conftest import REPO, RunCli, WriteFiles


def test_init_writes_config_and_plan(in_tmp: Path, run: RunCli) -> None:
    result = run("init")
    assert result.exit_code == 0
    assert result.output == (
        "created evdict.yaml\n"
        "created tracking-plan/events.yaml\n"
        "next: describe your events in tracking-plan/events.yaml, then run `evdict lint`\n"
    )
    config = load_config(in_tmp / "evdict.yaml")  # validated by the config schema
    assert config.plan == DEFAULT_PLAN
    assert config.include == DEFAULT_INCLUDE
    assert config.exclude == DEFAULT_EXCLUDE
    assert config.categories == DEFAULT_CATEGORIES
    assert config.budget == {"min": 50, "max": 150, "hard_max": 200}
    assert config.diff == {"deprecation_period_days": 90}


def test_scaffold_lints_clean(in_tmp: Path, run: RunCli) -> None:
    run("init")
    result = run("lint")
    assert result.exit_code == 0
    # An empty plan is only under its budget's minimum; the schema accepts it.
    assert result.output == (
        "tracking-plan/events.yaml:10:1: EV502 [warning] 0 active events, under the minimum of 50\n"
        "Found 1 warning in 1 file.\n"
    )


def test_files_point_editors_at_their_schemas(in_tmp: Path, run: RunCli) -> None:
    run("init")
    for written, schema in [
        ("evdict.yaml", "config.schema.json"),
        ("tracking-plan/events.yaml", "plan.schema.json"),
    ]:
        first_line = (in_tmp / written).read_text(encoding="utf-8").splitlines()[0]
        schema_id = json.loads((REPO / "schemas" / schema).read_text(encoding="utf-8"))["$id"]
        assert first_line == f"# yaml-language-server: $schema={schema_id}"


def test_the_commented_example_is_a_clean_event(in_tmp: Path, run: RunCli) -> None:
    run("init")
    plan = in_tmp / "tracking-plan" / "events.yaml"
    example = plan.read_text(encoding="utf-8").split("# An example to copy", 1)[1]
    lines = example.splitlines()[2:]
    assert all(line.startswith("#") for line in lines)
    plan.write_text("\n".join(line[2:] for line in lines) + "\n", encoding="utf-8")
    result = run("lint", "--ignore", "EV502")
    assert result.output == "All checks passed (1 file).\n"


def test_existing_files_are_not_overwritten(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"evdict.yaml": "plan: [mine.yaml]\n"})
    result = run("init")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: evdict.yaml already exists (use --force to overwrite)\n"
    )
    assert (root / "evdict.yaml").read_text(encoding="utf-8") == "plan: [mine.yaml]\n"
    assert not (root / "tracking-plan").exists()


def test_another_config_file_blocks_init(write: WriteFiles, run: RunCli) -> None:
    write(**{".evdict.yaml": "plan: [mine.yaml]\n", "tracking-plan/events.yaml": "events: {}\n"})
    result = run("init")
    assert result.exit_code == 2
    assert result.output == (
        "evdict: error: tracking-plan/events.yaml, .evdict.yaml already exist "
        "(use --force to overwrite)\n"
    )


def test_force_overwrites(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"evdict.yaml": "plan: [mine.yaml]\n"})
    result = run("init", "--force")
    assert result.exit_code == 0
    assert (root / "evdict.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")
