"""EV5xx: the plan stays within its event-count budgets (counted by :mod:`evdict.budget`)."""

from __future__ import annotations

from collections.abc import Iterator

from evdict.budget import BudgetRow, Group, Status, compute_budget
from evdict.diagnostics import Diagnostic, Location, Severity
from evdict.plan.model import Plan
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, register


def events_key_location(plan: Plan, events: tuple[str, ...]) -> Location | None:
    """The ``events:`` key of the first plan file holding one of ``events``.

    With no such file (an empty group), the first file with an ``events:`` key,
    else the top of the first file; None when there is no plan file at all.
    """
    files = {plan.events[name].origin.file for name in events if name in plan.events}
    with_events = [
        doc for doc in plan.documents if isinstance(doc.data, dict) and "events" in doc.data
    ]
    document = next((doc for doc in with_events if doc.path in files), None)
    document = document or next(iter(with_events), None)
    if document is None:
        return Location(plan.documents[0].path) if plan.documents else None
    line, column = document.locate(("events",), key=True)
    return Location(document.path, line, column)


@register
class BudgetExceeded(Rule):
    """
    ## What it does
    Counts the plan's active events (every event not deprecated; planned ones
    count) and reports a total over `budget.max` as a warning and over
    `budget.hard_max` as an error (defaults 150 and 200). Also warns about a
    category, owner or interaction kind over its own limit in
    `budget.per_category`, `budget.per_owner` or `budget.per_interaction`
    (passive events are EV404's job). Deprecated events count apart, never
    against a budget. `evdict budget` shows every count.

    ## Why is this bad
    Every event costs money downstream and attention upstream: past a couple of
    hundred, nobody knows what the events mean, duplicates creep in and
    dashboards disagree.

    ## Example
    ```yaml
    # evdict.yaml
    budget: {max: 150, hard_max: 200, per_category: {adoption: 40}}
    # events.yaml declares 153 active events, 41 of them in adoption
    ```

    ## Fix
    Deprecate or merge events nobody analyses (a property often replaces a family
    of events), or raise the budget deliberately in the config.
    """

    code = "EV501"
    name = "budget-exceeded"
    title = "More active events than a budget allows"
    severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        table = compute_budget(ctx.plan, ctx.config)
        for row in table.rows:
            if row.status not in (Status.OVER_MAX, Status.OVER_HARD_MAX):
                continue
            if row.group is Group.INTERACTION and row.name == "passive":
                continue  # EV404 reports each passive event beyond its allowance
            location = events_key_location(ctx.plan, row.events)
            if location is None:
                continue
            diagnostic = self.diagnostic(_over_message(row), location)
            if row.status is Status.OVER_HARD_MAX:
                diagnostic = diagnostic.with_severity(Severity.ERROR)
            yield diagnostic


def _over_message(row: BudgetRow) -> str:
    if row.group is not Group.TOTAL:
        counted = _count(row.count, "event")
        return f"{row.group.value} `{row.name}` has {counted}, over its budget of {row.max}"
    counted = _count(row.count, "active event")
    if row.status is Status.OVER_HARD_MAX:
        return f"{counted}, over the hard max of {row.hard_max} (budget {row.max})"
    return f"{counted}, over the budget of {row.max} (hard max {row.hard_max})"


def _count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 event``, ``2 events``."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


@register
class UnderInstrumented(Rule):
    """
    ## What it does
    Reports a plan with fewer active events than `budget.min` (default 50).
    When a plan file does not parse, its events cannot be counted: the message
    says how many files were left out, so the finding is read as provisional.

    ## Why is this bad
    A product tracked through a handful of events cannot answer the basic
    questions (who activates, what is adopted, where users get stuck): the plan
    is missing the moments that matter.

    ## Example
    ```yaml
    # evdict.yaml: budget: {min: 50}
    # events.yaml declares 30 active events
    ```

    ## Fix
    Plan the missing moments of each category (activation, adoption, retention,
    friction), or lower `budget.min` for a small product.
    """

    code = "EV502"
    name = "under-instrumented"
    title = "Fewer active events than the minimum"
    severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        unreadable = {p.location.path for p in ctx.plan.problems if p.kind == "syntax"}
        total = compute_budget(ctx.plan, ctx.config).total
        location = events_key_location(ctx.plan, total.events)
        if unreadable and not total.count:
            return  # nothing could be counted: EV001 is the whole story
        if total.status is Status.UNDER_MIN and location is not None:
            caveat = (
                f" ({_count(len(unreadable), 'plan file')} not counted: EV001)"
                if unreadable
                else ""
            )
            yield self.diagnostic(
                f"{_count(total.count, 'active event')}, under the minimum of {total.min}{caveat}",
                location,
            )


@register
class TooManyProperties(Rule):
    """
    ## What it does
    Reports an active event with more properties than
    `budget.properties_per_event` (default 25). Properties reused from the shared
    dictionary count like the event's own.

    ## Why is this bad
    An event with dozens of properties is usually several events in one, or a
    dump of the application state: it is hard to document, to validate and to
    query, and it tends to leak personal data.

    ## Example
    ```yaml
    events:
      report_exported:
        properties: {format: ..., page_count: ..., ... 26 more}
    ```

    ## Fix
    Split the event by what the user did, move context that every event shares
    into the SDK's context or user traits, and drop what nobody queries.
    """

    code = "EV503"
    name = "too-many-properties"
    title = "An event with more properties than the limit"
    severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        limit = ctx.config.budget.properties_per_event
        for event in ctx.plan.active_events:
            if len(event.properties) > limit:
                yield self.diagnostic(
                    f"event `{event.name}` has {_count(len(event.properties), 'property', 'properties')}, "
                    f"over the limit of {limit}",
                    event.origin.location(),
                    entry=f"events.{event.name}",
                )
