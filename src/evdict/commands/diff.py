"""``evdict diff``: the plan at two git revisions compared, with the budget and the
personal data the change brings in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from evdict.budget import BudgetRow, compute_budget
from evdict.checker import Selection, load_plan, run_rules
from evdict.config import Config, load_config
from evdict.diagnostics import Diagnostic
from evdict.errors import DiffError
from evdict.pii.names import NameClassifier
from evdict.plan.changes import Change, Impact, Kind
from evdict.plan.compare import compare
from evdict.plan.git import Repository, load_plan_at
from evdict.plan.model import Event, Plan, Property
from evdict.rules.context import RuleContext


@dataclass(frozen=True)
class PiiAddition:
    """A property that enters the plan carrying personal data."""

    event: str
    prop: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"event": self.event, "property": self.prop, "reason": self.reason}


@dataclass(frozen=True)
class Side:
    """One end of a comparison: a commit, or the working tree (``commit`` None)."""

    commit: str | None
    label: str

    def to_dict(self) -> dict[str, str | None]:
        return {"revision": self.commit, "label": self.label}


@dataclass(frozen=True)
class PlanDiff:
    base: Side
    head: Side
    changes: tuple[Change, ...]
    # The "total (active)" budget rows of both plans.
    budget_before: BudgetRow
    budget_after: BudgetRow
    new_pii: tuple[PiiAddition, ...] = ()
    # EV701 findings for the breaking changes (added by the API, which owns the rules).
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    def count(self, impact: Impact) -> int:
        return sum(1 for change in self.changes if change.impact is impact)

    def fails(self, fail_on: str) -> bool:
        """``--fail-on``: ``breaking`` (any breaking change), ``any`` (any change), ``none``."""
        if fail_on == "any":
            return bool(self.changes)
        if fail_on == "breaking":
            return self.count(Impact.BREAKING) > 0
        return False

    def summary_line(self) -> str:
        total = len(self.changes)
        if not total:
            return "No plan changes."
        counts = ", ".join(f"{self.count(impact)} {impact.value}" for impact in Impact)
        return f"Found {total} change{'s' if total != 1 else ''}: {counts}."


def new_pii(changes: Iterable[Change], head: Plan, names: NameClassifier) -> list[PiiAddition]:
    """Properties the changes bring in (added ones, and those of added events) that declare
    personal data (``pii`` other than ``none``) or, undeclared, have a personal-data name."""
    added: list[tuple[Event, Property]] = []
    for change in changes:
        if change.event is None:
            continue
        if change.kind is Kind.EVENT_ADDED:
            event = head.events[change.event]
            added.extend((event, prop) for prop in event.properties.values())
        elif change.kind in (Kind.PROPERTY_ADDED, Kind.REQUIRED_PROPERTY_ADDED) and change.prop:
            event = head.events[change.event]
            added.append((event, event.properties[change.prop]))
    found = []
    for event, prop in added:
        if prop.pii is not None:
            if prop.pii != "none":
                found.append(PiiAddition(event.name, prop.name, f"pii: {prop.pii}"))
            continue
        match = names.classify(
            prop.name, type=prop.type, description=prop.description, event=event.name
        )
        if match is not None:
            found.append(
                PiiAddition(event.name, prop.name, f"no pii declared, looks like {match.label}")
            )
    return found


def diff_revisions(
    config: Config,
    base: str | None,
    head: str | None,
    *,
    load_working_tree: Callable[[Config], Plan],
    today: date | None = None,
) -> PlanDiff:
    """The plan at ``base`` (default: the merge-base of HEAD with the default branch)
    against ``head`` (default: the working tree), read with git, never checked out."""
    repo = Repository.find(config.root)
    base_side = _base_side(repo, config, base)
    head_side = Side(repo.resolve(head), head) if head else Side(None, "working tree")
    base_side = Side(base_side.commit, _labelled(base_side))
    head_side = Side(head_side.commit, _labelled(head_side))
    base_plan = _plan_at(repo, base_side, config, load_working_tree)
    head_plan = _plan_at(repo, head_side, config, load_working_tree)
    period = config.diff.deprecation_period_days
    changes = compare(base_plan, head_plan, period_days=period, today=today or date.today())
    return PlanDiff(
        base_side,
        head_side,
        tuple(changes),
        compute_budget(base_plan, config).total,
        compute_budget(head_plan, config).total,
        tuple(
            new_pii(
                changes, head_plan, NameClassifier(config.pii.extra_names, config.pii.safe_names)
            )
        ),
    )


def _base_side(repo: Repository, config: Config, base: str | None) -> Side:
    if base:
        return Side(repo.resolve(base), base)
    branch = repo.default_branch(config.diff.default_branch)
    repo.resolve("HEAD")
    repo.resolve(branch)
    return Side(repo.merge_base("HEAD", branch), f"merge-base with {branch}")


def _labelled(side: Side) -> str:
    if side.commit is None:
        return side.label
    short = side.commit[:7]
    return short if side.label.startswith(short[:7]) else f"{short} ({side.label})"


def _plan_at(
    repo: Repository, side: Side, config: Config, load_working_tree: Callable[[Config], Plan]
) -> Plan:
    if side.commit is None:
        plan = load_working_tree(config)
    else:
        shown_root = config.relative(config.root)
        plan = load_plan_at(repo, side.commit, config.root, config.plan, shown_root).plan
    for problem in plan.problems:
        if problem.kind == "syntax":
            where = problem.location
            raise DiffError(
                f"the plan at {side.label} does not parse: "
                f"{where.path}:{where.line}:{where.column}: {problem.message}"
            )
    return plan


def diff(
    config: Config | None = None,
    base: str | None = None,
    head: str | None = None,
    *,
    today: date | None = None,
) -> PlanDiff:
    """The plan at git revision ``base`` against ``head`` (default: the merge-base with the
    default branch against the working tree), every change classified, EV701 for breaking ones."""
    config = config or load_config()
    result = diff_revisions(config, base, head, load_working_tree=load_plan, today=today)
    context = RuleContext(config, Plan(), changes=result.changes)
    findings = run_rules(context, Selection.build(config.rules), ("diff",))
    return replace(result, diagnostics=tuple(findings))
