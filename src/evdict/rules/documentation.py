"""EV4xx: every event says what it means, who owns it, where it belongs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from evdict.diagnostics import Diagnostic
from evdict.plan.model import Event
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, register

_PLACEHOLDERS = frozenset(
    {"todo", "tbd", "tba", "fixme", "n/a", "na", "none", "-", "...", "xxx", "description"}
)
_MIN_DESCRIPTION_WORDS = 3


def is_trivial_description(text: str | None, name: str) -> bool:
    """No description, a placeholder, fewer than three words, or the name restated."""
    if not text or not text.strip():
        return True
    words = re.findall(r"[A-Za-z0-9]+", text.lower())
    if " ".join(words) in _PLACEHOLDERS or text.strip().lower() in _PLACEHOLDERS:
        return True
    if len(words) < _MIN_DESCRIPTION_WORDS:
        return True
    name_words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).lower())
    return words == name_words


@register
class MissingDescription(Rule):
    """
    ## What it does
    Reports an event or property without a description, or with one that says
    nothing: a placeholder (`TODO`, `TBD`), fewer than three words, or the name
    restated (`report_exported: Report exported`). A property that reuses a shared
    definition inherits its description, and is judged at the shared definition
    (once, not again for each event that reuses it) unless it writes its own.

    ## Why is this bad
    A name is not a definition. Without a description nobody knows when the event
    fires, so analysts guess and dashboards disagree.

    ## Example
    ```yaml
    events:
      report_exported:
        description: TODO
    ```

    ## Fix
    Say exactly when it fires and what it means:
    `description: A report was downloaded as CSV or PDF from the report page.`
    """

    code = "EV401"
    name = "missing-description"
    title = "An event or property without a useful description"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for event in ctx.plan.events.values():
            if is_trivial_description(event.description, event.name):
                yield self.diagnostic(
                    f"event `{event.name}` has {_what_is_missing(event.description)}",
                    event.origin.location(),
                    entry=f"events.{event.name}",
                )
        for owner, prop in ctx.plan.all_properties():
            if prop.is_reuse and (prop.base is None or "description" not in prop.spec):
                continue  # EV004 reports the missing definition; the shared one is judged
            if is_trivial_description(prop.description, prop.name):
                where = f"of event `{owner.name}` " if owner else "(shared) "
                entry = (
                    f"events.{owner.name}.properties.{prop.name}"
                    if owner
                    else f"properties.{prop.name}"
                )
                yield self.diagnostic(
                    f"property `{prop.name}` {where}has {_what_is_missing(prop.description)}",
                    prop.origin.location(),
                    entry=entry,
                )


def _what_is_missing(description: str | None) -> str:
    return (
        "no description"
        if not description or not description.strip()
        else f"a trivial description {description.strip()!r}"
    )


@register
class MissingOwner(Rule):
    """
    ## What it does
    Reports an event without an `owner`.

    ## Why is this bad
    An event nobody owns is never fixed, never deprecated and never explained:
    when it breaks, there is no one to ask.

    ## Example
    ```yaml
    events:
      workflow_created:
        description: A user saved a new workflow.
    ```

    ## Fix
    Name the owning team: `owner: team-workflows`.
    """

    code = "EV402"
    name = "missing-owner"
    title = "An event without an owner"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for event in ctx.plan.events.values():
            if not (event.owner or "").strip():
                yield self.diagnostic(
                    f"event `{event.name}` has no owner",
                    event.origin.location(),
                    entry=f"events.{event.name}",
                )


@register
class MissingCategory(Rule):
    """
    ## What it does
    Reports an event without a `category`, or whose category is not one of the
    configured `categories` (default: activation, adoption, retention, friction).

    ## Why is this bad
    Categories are how a dictionary is read and budgeted: an event outside them
    is invisible in every per-category view, and a misspelt category is a new one.

    ## Example
    ```yaml
    events:
      report_shared:
        category: retension
    ```

    ## Fix
    Use one of the configured categories, or add the category to `categories` in
    the config.
    """

    code = "EV403"
    name = "missing-category"
    title = "An event without a category, or with an unknown one"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        allowed = ctx.config.categories
        for event in ctx.plan.events.values():
            category = event.category
            if not category:
                yield self.diagnostic(
                    f"event `{event.name}` has no category (one of: {', '.join(allowed)})",
                    event.origin.location(),
                    entry=f"events.{event.name}",
                )
            elif category not in allowed:
                yield self.diagnostic(
                    f"event `{event.name}` has category '{category}', which is not one of: {', '.join(allowed)}",
                    event.origin.location("category", key=False),
                    entry=f"events.{event.name}",
                )


@register
class PassiveInteraction(Rule):
    """
    ## What it does
    Counts events declared `interaction: passive` (scrolls, hovers, pointer
    moves, impressions) and reports each one beyond the allowance,
    `budget.per_interaction.passive` (default 10).

    ## Why is this bad
    Passive events fire far more often than deliberate actions: they dominate
    volume and cost while rarely answering a product question.

    ## Example
    ```yaml
    events:
      table_row_hovered: {interaction: passive}
      sidebar_scrolled: {interaction: passive}
      # ... eleven more
    ```

    ## Fix
    Drop the passive events nobody analyses, sample them, or raise the allowance
    deliberately in the config.
    """

    code = "EV404"
    name = "passive-interaction"
    title = "More passive events than the budget allows"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:

        allowance = ctx.config.budget.per_interaction["passive"]
        passive = [event for event in ctx.plan.events.values() if event.interaction == "passive"]
        for event in passive[allowance:]:
            yield self.diagnostic(
                f"event `{event.name}` is passive, beyond the allowance of {allowance} passive events "
                f"({len(passive)} declared)",
                event.origin.location("interaction", key=False),
                entry=f"events.{event.name}",
            )


@register
class DeprecatedWithoutReplacement(Rule):
    """
    ## What it does
    Reports a deprecated event that names neither a `replaced_by` event nor a
    `reason`.

    ## Why is this bad
    Engineers who meet the deprecated event in code cannot tell what to track
    instead, and analysts cannot stitch old and new data together.

    ## Example
    ```yaml
    events:
      enrichment_done:
        status: deprecated
    ```

    ## Fix
    ```yaml
        deprecated: {since: "2026-09", replaced_by: contact_enriched}
    ```
    or, when nothing replaces it, `deprecated: {reason: "The feature was removed."}`.
    """

    code = "EV405"
    name = "deprecated-without-replacement"
    title = "A deprecated event naming neither a replacement nor a reason"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for event in ctx.plan.events.values():
            if event.status == "deprecated" and not _explained(event):
                yield self.diagnostic(
                    f"event `{event.name}` is deprecated with neither `replaced_by` nor `reason`",
                    event.origin.location("status" if "status" in event.spec else "deprecated"),
                    entry=f"events.{event.name}",
                )


def _explained(event: Event) -> bool:
    reason = event.deprecated.get("reason")
    return bool(event.replaced_by) or (isinstance(reason, str) and bool(reason.strip()))
