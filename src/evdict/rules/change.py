"""EV701: a plan change that breaks the data's consumers (reported by ``evdict diff``)."""

from __future__ import annotations

from collections.abc import Iterator

from evdict.diagnostics import Diagnostic, Severity
from evdict.plan.changes import Impact
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, register


@register
class BreakingChange(Rule):
    """
    ## What it does
    Reports, in `evdict diff`, each change between two versions of the plan that
    breaks what was built on the old one: an event removed without a deprecation
    period or renamed without `renamed_from`, a property removed, a required
    property added, a type narrowed or changed, an enum value removed, a
    constraint tightened (minimum raised, maximum or maxLength lowered, a pattern
    added or changed, `required` turned on), a funnel removed, a funnel step
    added, removed or moved, or a step's time window (`within`) changed.

    ## Why is this bad
    Dashboards, funnels and warehouse models query events by name and property.
    Payloads that were valid yesterday fail validation today, and charts silently
    drop to zero when an event vanishes. A funnel redefined in place makes this
    month's conversion rate incomparable with last month's. Breaking changes need a
    migration plan, not a surprise in review.

    ## Example
    ```yaml
    events:
      contact_enriched:
        properties:
          source: {type: string, enum: [linkedin, api]}   # 'sheet' removed
    ```

    ## Fix
    Make the change additive (add the new value or property, keep the old one),
    deprecate an event (`status: deprecated`, `deprecated: {since: ...}`) for the
    configured period (`diff.deprecation_period_days`, 90 by default) before
    removing it, record renames with `renamed_from`, define a changed funnel as a
    new funnel beside the old one, or accept the break deliberately with
    `evdict diff --fail-on none`.
    """

    code = "EV701"
    name = "breaking-change"
    title = "A plan change that breaks what was built on the old plan"
    severity = Severity.ERROR
    scope = "diff"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        """One finding per breaking change, where the change is written."""
        for change in ctx.changes:
            if change.impact is Impact.BREAKING:
                yield self.diagnostic(
                    change.message,
                    change.location,
                    entry=change.entry,
                    suggestion=change.suggestion,
                )
