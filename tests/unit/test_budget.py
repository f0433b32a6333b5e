"""The budget computation (:mod:`evdict.budget`): rows, limits, statuses, tracked counts."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from evdict.budget import BudgetRow, BudgetTable, Group, Limits, Status, compute_budget
from evdict.config import Config
from evdict.diagnostics import Severity
from evdict.errors import ConfigError
from evdict.plan.load import merge, parse_document
from evdict.plan.model import Plan

PLAN = """
events:
  signup_completed: {category: activation, owner: team-growth}
  user_invited: {category: activation, owner: team-growth, status: planned}
  report_exported: {category: adoption, owner: team-reporting}
  report_shared: {category: adoption, interaction: programmatic}
  table_row_hovered: {category: mystery, owner: team-reporting, interaction: passive}
  report_downloaded:
    category: adoption
    owner: team-reporting
    status: deprecated
    deprecated: {replaced_by: report_exported}
"""


def make_plan(text: str = PLAN) -> Plan:
    return merge([parse_document(textwrap.dedent(text).lstrip(), "events.yaml")])


def make_config(**budget: Any) -> Config:
    return Config.from_data({"budget": budget}, Path.cwd())


def row(table: BudgetTable, group: Group, name: str | None) -> BudgetRow:
    found = table.row(group, name)
    assert found is not None, (group, name)
    return found


def counts(rows: Any) -> list[tuple[str, int]]:
    return [(each.label, each.count) for each in rows]


def test_rows_count_active_events_and_keep_deprecated_apart() -> None:
    table = compute_budget(make_plan(), make_config())
    assert counts(table.rows) == [
        ("total (active)", 5),
        ("deprecated", 1),
        ("planned", 1),
        ("category: activation", 2),
        ("category: adoption", 2),
        ("category: retention", 0),
        ("category: friction", 0),
        ("category: mystery", 1),
        ("interaction: active", 3),
        ("interaction: passive", 1),
        ("interaction: programmatic", 1),
        ("owner: team-growth", 2),
        ("owner: team-reporting", 2),
        ("owner: (none)", 1),
    ]
    assert row(table, Group.STATUS, "deprecated").events == ("report_downloaded",)
    assert row(table, Group.OWNER, None).events == ("report_shared",)
    assert table.files == 1


def test_defaults_come_from_the_spec() -> None:
    table = compute_budget(make_plan(), make_config())
    total = table.total
    assert (total.min, total.max, total.hard_max) == (50, 150, 200)
    assert total.status is Status.UNDER_MIN
    assert row(table, Group.INTERACTION, "passive").max == 10
    assert row(table, Group.INTERACTION, "active").max is None
    assert table.limits.properties_per_event == 25
    assert row(table, Group.STATUS, "deprecated").status is Status.OK


@pytest.mark.parametrize(
    ("budget", "status", "severity", "exit_code"),
    [
        ({"min": 5, "max": 5, "hard_max": 6}, Status.OK, None, 0),
        ({"min": 6, "max": 8, "hard_max": 9}, Status.UNDER_MIN, Severity.WARNING, 0),
        ({"min": 0, "max": 4, "hard_max": 5}, Status.OVER_MAX, Severity.WARNING, 0),
        ({"min": 0, "max": 3, "hard_max": 4}, Status.OVER_HARD_MAX, Severity.ERROR, 1),
    ],
)
def test_total_status_severity_and_exit_code(
    budget: dict[str, int], status: Status, severity: Severity | None, exit_code: int
) -> None:
    table = compute_budget(make_plan(), make_config(**budget))
    assert table.total.status is status
    assert status.severity is severity
    assert table.worst_status is status
    assert table.exit_code == exit_code


def test_group_budgets_are_maxima_and_configured_names_get_rows() -> None:
    table = compute_budget(
        make_plan(),
        make_config(
            per_category={"adoption": 1},
            per_owner={"team-growth": 2, "team-billing": 3},
            per_interaction={"programmatic": 0, "passive": 1},
        ),
    )
    adoption = row(table, Group.CATEGORY, "adoption")
    assert (adoption.max, adoption.status) == (1, Status.OVER_MAX)
    assert row(table, Group.OWNER, "team-growth").status is Status.OK
    billing = row(table, Group.OWNER, "team-billing")
    assert (billing.count, billing.max) == (0, 3)
    assert row(table, Group.INTERACTION, "programmatic").status is Status.OVER_MAX
    assert row(table, Group.INTERACTION, "passive").status is Status.OK
    assert table.exit_code == 0  # group budgets never reach error level


def test_without_tracked_rows_have_no_tracked_count() -> None:
    table = compute_budget(make_plan(), make_config())
    assert table.tracked is False
    assert {each.tracked for each in table.rows} == {None}
    assert table.total.to_dict()["tracked"] is None


def test_tracked_counts_events_with_at_least_one_call_site() -> None:
    tracked = {
        "signup_completed": 3,
        "report_exported": 1,
        "report_downloaded": 2,
        "user_invited": 0,
    }
    table = compute_budget(make_plan(), make_config(), tracked)
    assert table.tracked is True
    by_label = {each.label: each.tracked for each in table.rows}
    assert by_label["total (active)"] == 2
    assert by_label["deprecated"] == 1
    assert by_label["planned"] == 0
    assert by_label["category: activation"] == 1
    assert by_label["owner: team-reporting"] == 1
    assert by_label["category: retention"] == 0


def test_row_json_shape() -> None:
    table = compute_budget(make_plan(), make_config(per_category={"adoption": 1}))
    assert row(table, Group.CATEGORY, "adoption").to_dict() == {
        "group": "category",
        "name": "adoption",
        "count": 2,
        "tracked": None,
        "min": None,
        "max": 1,
        "hard_max": None,
        "status": "over_max",
    }
    assert row(table, Group.OWNER, None).to_dict()["name"] is None


@pytest.mark.parametrize(
    ("budget", "message"),
    [
        ({"max": 40}, "budget.min (50, the default) is above budget.max (40)"),
        ({"min": 10, "max": 300}, "budget.max (300) is above budget.hard_max (200, the default)"),
        ({"min": 10, "max": 20, "hard_max": 15}, "budget.max (20) is above budget.hard_max (15)"),
    ],
)
def test_contradictory_bounds_are_a_config_error(budget: dict[str, int], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Limits.from_section(budget, "evdict.yaml")
    assert str(raised.value) == f"evdict.yaml: {message}"


def test_limits_fill_defaults_under_configured_values() -> None:
    limits = make_config(min=1, per_interaction={"active": 4}).budget
    assert (limits.min, limits.max, limits.hard_max) == (1, 150, 200)
    assert dict(limits.per_interaction) == {"passive": 10, "active": 4}
