"""Event counts held against the configured budgets: one computation for every consumer.

The budget rules (EV501, EV502), ``evdict budget``, the docs site and ``evdict diff``
all read the same :class:`BudgetTable`, so a count means the same thing everywhere.

What counts: the *active* events are every event that is not deprecated (``planned``
events count: they are about to be tracked). Deprecated events are counted in a row
of their own and never against a budget. Category, interaction and owner rows count
active events only.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evdict.config import Config
from evdict.diagnostics import Severity
from evdict.settings import Limits

if TYPE_CHECKING:
    from evdict.plan.model import Event, Plan

INTERACTIONS = ("active", "passive", "programmatic")


class Group(enum.Enum):
    """What a row counts; rows are keyed by (group, name)."""

    TOTAL = "total"
    STATUS = "status"
    CATEGORY = "category"
    INTERACTION = "interaction"
    OWNER = "owner"


class Status(enum.Enum):
    """Where a count stands against its budget."""

    OK = "ok"
    UNDER_MIN = "under_min"
    OVER_MAX = "over_max"
    OVER_HARD_MAX = "over_hard_max"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def severity(self) -> Severity | None:
        if self is Status.OVER_HARD_MAX:
            return Severity.ERROR
        if self is Status.OK:
            return None
        return Severity.WARNING


PROBLEMS = (Status.OVER_HARD_MAX, Status.OVER_MAX, Status.UNDER_MIN)
"""The statuses that are off budget, worst first."""


@dataclass(frozen=True)
class BudgetRow:
    """One count against its budget. ``name`` is None for events that lack the key
    (no category, no owner). ``tracked`` is set only when code was scanned."""

    group: Group
    name: str | None
    events: tuple[str, ...]
    min: int | None = None
    max: int | None = None
    hard_max: int | None = None
    tracked: int | None = None

    @property
    def count(self) -> int:
        return len(self.events)

    @property
    def status(self) -> Status:
        if self.hard_max is not None and self.count > self.hard_max:
            return Status.OVER_HARD_MAX
        if self.max is not None and self.count > self.max:
            return Status.OVER_MAX
        if self.min is not None and self.count < self.min:
            return Status.UNDER_MIN
        return Status.OK

    @property
    def label(self) -> str:
        """How a person reads the row: ``total``, ``deprecated``, ``category: adoption``."""
        if self.group is Group.TOTAL:
            return f"total ({self.name})"
        if self.group is Group.STATUS:
            return f"{self.name}"
        return f"{self.group.value}: {self.name if self.name is not None else '(none)'}"

    def to_dict(self) -> dict[str, object]:
        """The row's shape in the versioned JSON budget report."""
        return {
            "group": self.group.value,
            "name": self.name,
            "count": self.count,
            "tracked": self.tracked,
            "min": self.min,
            "max": self.max,
            "hard_max": self.hard_max,
            "status": self.status.value,
        }


@dataclass(frozen=True)
class BudgetTable:
    rows: tuple[BudgetRow, ...]
    limits: Limits
    tracked: bool = False
    files: int = 0
    notes: tuple[str, ...] = ()

    @property
    def total(self) -> BudgetRow:
        return self.rows[0]

    @property
    def worst_status(self) -> Status:
        """The most severe row status (over hard max, then over max, under min, ok)."""
        statuses = {row.status for row in self.rows}
        return next((status for status in PROBLEMS if status in statuses), Status.OK)

    @property
    def exit_code(self) -> int:
        """1 when a row is over its hard max (error level), else 0."""
        return 1 if self.worst_status.severity is Severity.ERROR else 0

    def row(self, group: Group, name: str | None) -> BudgetRow | None:
        return next((row for row in self.rows if row.group is group and row.name == name), None)


def compute_budget(
    plan: Plan, config: Config, tracked: Mapping[str, int] | None = None
) -> BudgetTable:
    """Count the plan's events against ``config``'s budgets.

    ``tracked`` maps an event name to its number of call sites in code; when given,
    each row also says how many of its events are tracked at least once.
    """
    limits = config.budget
    active = [event for event in plan.events.values() if event.status != "deprecated"]

    def row(group: Group, name: str | None, events: Iterable[Event], **bounds: int) -> BudgetRow:
        names = tuple(event.name for event in events)
        count_tracked = (
            sum(1 for event in names if tracked.get(event, 0) > 0) if tracked is not None else None
        )
        return BudgetRow(group, name, names, tracked=count_tracked, **bounds)

    rows = [
        row(
            Group.TOTAL, "active", active, min=limits.min, max=limits.max, hard_max=limits.hard_max
        ),
        row(Group.STATUS, "deprecated", _with(plan.events.values(), "status", "deprecated")),
        row(Group.STATUS, "planned", _with(active, "status", "planned")),
    ]
    for group, attribute, known, budgets in (
        (Group.CATEGORY, "category", config.categories, limits.per_category),
        (Group.INTERACTION, "interaction", INTERACTIONS, limits.per_interaction),
        (Group.OWNER, "owner", (), limits.per_owner),
    ):
        for name in _row_names(active, attribute, known, budgets):
            bounds = {"max": budgets[name]} if name is not None and name in budgets else {}
            rows.append(row(group, name, _with(active, attribute, name), **bounds))
    return BudgetTable(tuple(rows), limits, tracked=tracked is not None, files=len(plan.documents))


def _with(events: Iterable[Event], attribute: str, value: str | None) -> list[Event]:
    return [event for event in events if _value(event, attribute) == value]


def _value(event: Event, attribute: str) -> str | None:
    value: str | None = getattr(event, attribute)
    return (value.strip() or None) if value is not None else None


def _row_names(
    events: list[Event], attribute: str, known: Iterable[str], budgets: Mapping[str, int]
) -> list[str | None]:
    """Known names first (in config order), then the others sorted, then "none"."""
    names: dict[str, None] = dict.fromkeys(known)
    found = {_value(event, attribute) for event in events}
    names.update(dict.fromkeys(sorted(name for name in {*found, *budgets} if name is not None)))
    ordered: list[str | None] = list(names)
    if None in found:
        ordered.append(None)
    return ordered
