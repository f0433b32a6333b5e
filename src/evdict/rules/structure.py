"""EV0xx: the plan must parse, fit the schema, define each name once and refer to real names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from evdict.diagnostics import Diagnostic, Location, Severity
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, register


class _LoadProblemRule(Rule):
    """Reports the loader's problems of one kind."""

    kind = ""

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for problem in ctx.plan.problems:
            if problem.kind == self.kind:
                yield self.diagnostic(problem.message, problem.location, entry=problem.entry)


@register
class YamlSyntax(_LoadProblemRule):
    """
    ## What it does
    Reports a plan file that cannot be read as YAML: a syntax error, a file that
    is not UTF-8, an unreadable file, or a tag that would construct an object.

    ## Why is this bad
    A plan that does not parse governs nothing: every other check is blind to it.

    ## Example
    ```yaml
    events:
      signup_completed: {description: "Signed up"
    ```

    ## Fix
    Correct the YAML at the reported line (close the brace, fix the indentation).
    """

    code = "EV001"
    name = "yaml-syntax"
    title = "A plan file that cannot be read as YAML"
    severity = Severity.ERROR
    kind = "syntax"


@register
class SchemaViolation(_LoadProblemRule):
    """
    ## What it does
    Validates every plan file against the plan's JSON Schema and reports each
    key or value that does not fit, naming the key and the expected shape.

    ## Why is this bad
    A misspelt key (`desciption`) or a wrong type (`type: str`) is silently
    ignored by people and tools alike; the schema catches it where it is written.

    ## Example
    ```yaml
    events:
      signup_completed:
        properties:
          plan: {type: str}
    ```

    ## Fix
    Use the keys and values the schema allows (`type: string`). Editors
    autocomplete them with `# yaml-language-server: $schema=.../plan.schema.json`.
    """

    code = "EV002"
    name = "schema-violation"
    title = "A plan entry that does not fit the plan's JSON Schema"
    severity = Severity.ERROR
    kind = "schema"


@register
class DuplicateDefinition(_LoadProblemRule):
    """
    ## What it does
    Reports a key written twice in one mapping, and an event, shared property
    or funnel defined in two plan files.

    ## Why is this bad
    Only one definition wins, silently: the other's description, owner or
    properties are lost, and two teams believe different things about one event.

    ## Example
    ```yaml
    # growth.yaml
    events:
      signup_completed: {owner: team-growth}
    # billing.yaml
    events:
      signup_completed: {owner: team-billing}
    ```

    ## Fix
    Keep one definition and merge what the other said into it.
    """

    code = "EV003"
    name = "duplicate-definition"
    title = "A key, event, property or funnel defined twice"
    severity = Severity.ERROR
    kind = "duplicate"


@register
class UnknownReference(Rule):
    """
    ## What it does
    Reports a name that refers to nothing declared: an event property that reuses
    a shared property that does not exist, a funnel step that is not an event,
    and a `replaced_by` that names no event.

    ## Why is this bad
    A dangling reference is a typo or a leftover of a rename: the funnel cannot
    be built, the replacement cannot be followed, the property has no definition.

    ## Example
    ```yaml
    events:
      report_exported:
        properties:
          workspce_id: {required: true}   # no shared property of that name
    ```

    ## Fix
    Correct the name, declare the shared property or event, or give the event
    property its own `type`.
    """

    code = "EV004"
    name = "unknown-reference"
    title = "A reference to an event or property that is not declared"
    severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        plan = ctx.plan
        for event, prop in plan.event_properties():
            if prop.is_reuse and prop.base is None:
                yield self._unknown(
                    f"property `{prop.name}` of event `{event.name}` has no type and reuses no "
                    "shared property of that name",
                    prop.origin.location(),
                    f"events.{event.name}.properties.{prop.name}",
                    _closest(prop.name, plan.properties),
                )
        for event in plan.events.values():
            target = event.replaced_by
            if target is not None and target not in plan.events:
                yield self._unknown(
                    f"event `{event.name}` is replaced by `{target}`, which is not declared",
                    event.origin.location("deprecated", "replaced_by", key=False),
                    f"events.{event.name}",
                    _closest(target, plan.events),
                )
        for funnel in plan.funnels.values():
            for step in funnel.steps:
                if step.event not in plan.events:
                    yield self._unknown(
                        f"funnel `{funnel.name}` has a step `{step.event}` that is not a declared event",
                        step.origin.location(key=False),
                        f"funnels.{funnel.name}",
                        _closest(step.event, plan.events),
                    )

    def _unknown(
        self, message: str, location: Location, entry: str, suggestion: str | None
    ) -> Diagnostic:
        hint = f" (did you mean `{suggestion}`?)" if suggestion else ""
        return self.diagnostic(message + hint, location, entry=entry, suggestion=suggestion)


def _closest(name: str, candidates: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(name, list(candidates), n=1)
    return matches[0] if matches else None
