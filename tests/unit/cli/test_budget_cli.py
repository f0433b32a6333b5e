"""``evdict budget`` and the budget renderers; the issue's acceptance plans through ``evdict lint``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from evdict.budget import compute_budget
from evdict.config import Config, load_config
from evdict.plan.load import merge, parse_document
from evdict.report.budget import BAR_CELLS, MARKER, OVERFLOW, bar, render
from tests.conftest import RunCli, WriteFiles

PLAN = """
events:
  signup_completed: {category: activation, owner: team-growth}
  user_invited: {category: activation, owner: team-growth, status: planned}
  report_exported: {category: adoption, owner: team-reporting}
  report_shared: {category: adoption, owner: team-reporting}
  report_downloaded:
    category: adoption
    status: deprecated
    deprecated: {replaced_by: report_exported}
"""
CONFIG = """
budget: {min: 2, max: 3, hard_max: 5, per_category: {adoption: 1}}
categories: [activation, adoption]
"""


def generated_plan(count: int) -> str:
    """A well-documented plan of ``count`` events spread over the default categories."""
    categories = ("activation", "adoption", "retention", "friction")
    lines = ["events:"]
    for index in range(count):
        lines += [
            f"  feature_{index:03d}_used:",
            f"    description: The user used feature number {index} of the product.",
            f"    category: {categories[index % len(categories)]}",
            "    owner: team-product",
        ]
    return "\n".join(lines) + "\n"


def test_text_table_has_a_bar_per_row_and_a_marker_at_max(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "evdict.yaml": CONFIG})
    result = run("budget")
    assert result.exit_code == 0
    full = "█" * 8
    assert result.output.splitlines() == [
        "name                       count  min  max  hard max  status",
        f"total (active)                 4    2    3         5  over max  {full * 3}│{full}",
        f"deprecated                     1                      ok        {full}",
        f"planned                        1                      ok        {full}",
        f"category: activation           2                      ok        {full * 2}",
        f"category: adoption             2         1            over max  {full * 3}│{'█' * 7}»",
        f"interaction: active            4                      ok        {full * 4}",
        f"interaction: passive           0        10            ok        {' ' * 24}│",
        "interaction: programmatic      0                      ok",
        f"owner: team-growth             2                      ok        {full * 2}",
        f"owner: team-reporting          2                      ok        {full * 2}",
        "Budgets: 2 over max (1 file).",
    ]
    assert "\x1b[" not in result.output  # no colour off a terminal


def test_over_hard_max_exits_1(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "evdict.yaml": "budget: {min: 0, max: 2, hard_max: 3}\n"})
    result = run("budget")
    assert result.exit_code == 1
    assert "total (active)" in result.output and "over hard max" in result.output
    assert result.output.endswith("Budgets: 1 over hard max (1 file).\n")


def test_json_is_versioned_rows(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "evdict.yaml": CONFIG})
    result = run("budget", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["version"] == 1
    assert document["summary"] == {"files": 1, "errors": 0, "warnings": 2}
    assert document["notes"] == []
    assert document["rows"][0] == {
        "group": "total",
        "name": "active",
        "count": 4,
        "tracked": None,
        "min": 2,
        "max": 3,
        "hard_max": 5,
        "status": "over_max",
    }
    assert [(row["group"], row["name"]) for row in document["rows"]][1:4] == [
        ("status", "deprecated"),
        ("status", "planned"),
        ("category", "activation"),
    ]


def test_markdown_table(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": PLAN, "evdict.yaml": CONFIG})
    lines = run("budget", "--format", "markdown").output.splitlines()
    assert lines[:3] == [
        "| name | count | min | max | hard max | status |",
        "|---|--:|--:|--:|--:|---|",
        "| total (active) | 4 | 2 | 3 | 5 | **over max** |",
    ]
    assert "| owner: team-growth | 2 |  |  |  | ok |" in lines
    assert lines[-1] == "Budgets: 2 over max (1 file)."


def test_output_file(write: WriteFiles, run: RunCli) -> None:
    root = write(**{"events.yaml": PLAN, "evdict.yaml": CONFIG})
    result = run("budget", "--format", "json", "--output", "budget.json")
    assert result.output == ""
    assert json.loads((root / "budget.json").read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "budget: {max: 40}\n",
            "evdict: error: evdict.yaml:1:10: budget.min (50, the default) is above budget.max (40)\n",
        ),
        (
            "budget:\n  per_interaction: {hovers: 3}\n",
            "evdict: error: evdict.yaml:2:20: budget.per_interaction: 'hovers' is not one of "
            "active, passive, programmatic\n",
        ),
    ],
)
def test_bad_budget_config_exits_2(
    write: WriteFiles, run: RunCli, config: str, message: str
) -> None:
    write(**{"events.yaml": PLAN, "evdict.yaml": config})
    for command in ("budget", "lint"):
        result = run(command)
        assert (result.exit_code, result.output) == (2, message)


def test_no_plan_files_is_noted(in_tmp: object, run: RunCli) -> None:
    result = run("budget")
    assert result.exit_code == 0
    assert "note: no plan files found" in result.output
    assert result.output.endswith("Budgets: 1 under min (0 files).\n")


def test_tracked_column_and_colour_from_the_library(write: WriteFiles) -> None:
    root = write(**{"events.yaml": PLAN, "evdict.yaml": CONFIG})
    config = load_config(root / "evdict.yaml")
    plan = merge([parse_document(PLAN.lstrip(), "events.yaml")])
    table = compute_budget(plan, config, tracked={"signup_completed": 2, "report_downloaded": 1})
    out = io.StringIO()
    render(table, out, "text")
    lines = out.getvalue().splitlines()
    assert lines[0] == "name                       count  tracked  min  max  hard max  status"
    assert lines[1].startswith(
        "total (active)                 4        1    2    3         5  over max"
    )
    assert lines[2].startswith("deprecated                     1        1")
    markdown = io.StringIO()
    render(table, markdown, "markdown")
    assert "| total (active) | 4 | 1 | 2 | 3 | 5 | **over max** |" in markdown.getvalue()
    coloured = io.StringIO()
    render(table, coloured, "text", color=True)
    assert "\x1b[33m" in coloured.getvalue()  # over max in yellow


@pytest.mark.parametrize(
    ("count", "scale", "marker", "expected"),
    [
        (0, 10, True, " " * 24 + MARKER + " " * 8),
        (10, 10, True, "█" * 24 + MARKER + " " * 8),
        (1, 24, False, "█" + " " * 31 + " "),
        (1, 48, True, "▌" + " " * 23 + MARKER + " " * 8),
        (40, 30, True, "█" * 24 + MARKER + "█" * 8),
        (41, 30, True, "█" * 24 + MARKER + "█" * 7 + OVERFLOW),
        (500, 150, False, "█" * 31 + OVERFLOW + " "),
    ],
)
def test_bar_is_fixed_width(count: int, scale: int, marker: bool, expected: str) -> None:
    drawn = bar(count, scale, marker=marker)
    assert drawn == expected
    assert len(drawn) == BAR_CELLS + 1


def test_unknown_format_is_rejected() -> None:
    table = compute_budget(merge([]), Config(root=Path.cwd()))
    with pytest.raises(ValueError, match="unknown budget format 'sarif'"):
        render(table, io.StringIO(), "sarif")


# The acceptance: generated plans of 500, 30 and 120 events.


def test_500_events_fail_the_budget(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": generated_plan(500)})
    result = run("lint")
    assert result.exit_code == 1
    assert (
        "events.yaml:1:1: EV501 [error] 500 active events, over the hard max of 200 (budget 150)"
        in result.output.splitlines()
    )
    assert run("budget").exit_code == 1


def test_30_events_warn_under_instrumented(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": generated_plan(30)})
    result = run("lint", "--select", "EV5")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "events.yaml:1:1: EV502 [warning] 30 active events, under the minimum of 50",
        "30 events in 1 file: 1 warning",
    ]
    assert run("budget").exit_code == 0


def test_120_events_pass(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": generated_plan(120)})
    result = run("lint", "--select", "EV5")
    assert (result.exit_code, result.output) == (0, "120 events in 1 file: all checks passed\n")
    budget = run("budget")
    assert budget.exit_code == 0
    assert budget.output.endswith("All budgets met (1 file).\n")


def test_budget_as_a_real_subprocess(write: WriteFiles) -> None:
    write(**{"events.yaml": generated_plan(201)})
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "budget", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    rows = json.loads(completed.stdout)["rows"]
    assert rows[0]["count"] == 201 and rows[0]["status"] == "over_hard_max"
    assert completed.stderr == ""
