"""EV901: a suppression that suppresses nothing."""

from __future__ import annotations

from collections.abc import Iterator

from evdict.diagnostics import Diagnostic
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, register


@register
class UnusedSuppression(Rule):
    """
    ## What it does
    Reports an `ignore: [CODE]` on a plan entry, or an `evdict: ignore[CODE]`
    comment in code, that matched no finding in this run.

    ## Why is this bad
    Stale suppressions hide the next real problem of that kind on the same entry
    or line, and make readers believe there is something to excuse.

    ## Example
    ```yaml
    events:
      report_exported:
        owner: team-reporting
        ignore: [EV402]     # the event has an owner: nothing to suppress
    ```

    ## Fix
    Remove the code from the `ignore` list (or the comment).
    """

    code = "EV901"
    name = "unused-suppression"
    title = "A suppression that suppresses nothing"
    scope = "meta"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        # The checker fills these in once every other rule has run and suppressions applied.
        for unused in ctx.unused_suppressions:
            yield self.diagnostic(unused.message, unused.location, entry=unused.entry)
