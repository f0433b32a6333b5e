"""EV6xx: the code against the plan. Rules read the scan inventory (:mod:`evdict.scanner.model`);
the personal-data findings at call sites (EV301-EV303) are in :mod:`evdict.rules.pii`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from evdict.diagnostics import Diagnostic, Location, Severity
from evdict.linear_regex import compile_linear
from evdict.plan.model import Plan, Property
from evdict.rules.context import RuleContext, call_location
from evdict.rules.nearest import NearestNames, closest
from evdict.rules.registry import Rule, register

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator


def _did_you_mean(names: list[str]) -> str:
    if not names:
        return ""
    return " (did you mean " + " or ".join(f"`{name}`" for name in names) + "?)"


def _renames(plan: Plan) -> dict[str, str]:
    return {old: event.name for event in plan.events.values() for old in event.renamed_from}


@register
class UndeclaredEvent(Rule):
    """
    ## What it does
    Reports a tracking call whose event the plan does not declare, with the closest
    declared names. An event tracked under a name the plan lists in another event's
    `renamed_from` is reported with its new name.

    ## Why is this bad
    An event the plan does not know has no owner, no description and no agreed
    properties: it lands in the analytics tool as a typo or a shadow event that
    nobody can interpret, and dashboards built on the real name miss it.

    ## Example
    ```python
    analytics.track(user.id, "signup_complete", {"plan_tier": "free"})
    # the plan declares signup_completed
    ```

    ## Fix
    Use the declared name (`signup_completed`), or declare the new event in the plan.
    """

    code = "EV601"
    judges_payloads = True
    name = "undeclared-event"
    title = "A tracking call of an event the plan does not declare"
    severity = Severity.ERROR
    scope = "code"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        finding = self.finder(ctx.plan, ctx.nearest_events)
        for call in ctx.calls():
            for name in call.events:
                if name not in ctx.plan.events:
                    yield finding(name, call_location(call.path, call.event_pos))

    def finder(
        self, plan: Plan, nearest: NearestNames | None = None
    ) -> Callable[[str, Location], Diagnostic]:
        """The finding on an event ``plan`` does not declare, tracked at a location: for
        :meth:`check`, and for ``evdict validate``, which words it from a finding group's
        event and line without judging its payload again."""
        renames = _renames(plan)
        # Built once, not once per undeclared name; bounded in ``evdict validate``.
        nearest = nearest or NearestNames(list(plan.events))

        def finding(name: str, where: Location) -> Diagnostic:
            new = renames.get(name)
            if new is not None:
                return self.diagnostic(
                    f"event `{name}` was renamed to `{new}`: track `{new}`", where, suggestion=new
                )
            near = nearest.near(name)
            return self.diagnostic(
                f"event `{name}` is not declared in the plan{_did_you_mean(near)}",
                where,
                suggestion=near[0] if near else None,
            )

        return finding


@register
class UnusedEvent(Rule):
    """
    ## What it does
    Reports an active event of the plan that no scanned code tracks. Only on a scan
    of the whole project (never when `evdict check` is given a few PATHS), and an
    event tracked under a former name (`renamed_from`) counts as tracked. Events with
    `status: planned` or `deprecated` are not reported.

    ## Why is this bad
    The plan promises data that never arrives: analysts build on an event that does
    not exist, and the dictionary drifts from the product.

    ## Example
    ```yaml
    events:
      report_shared: {status: active}   # no code sends report_shared
    ```

    ## Fix
    Track the event where it happens, mark it `status: planned` until it ships, or
    remove it from the plan. A call whose name is computed (EV606) can hide it: make
    the name static.
    """

    code = "EV602"
    name = "unused-event"
    title = "A declared event that no code tracks"
    severity = Severity.WARNING
    scope = "project"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        inventory = ctx.inventory
        if inventory is None or not (ctx.full_scan and inventory.full_scan):
            return
        tracked = inventory.tracked_events()
        renames = _renames(ctx.plan)
        tracked |= {renames[name] for name in tracked if name in renames}
        for event in ctx.plan.events.values():
            if event.status != "active" or event.name in tracked:
                continue
            yield self.diagnostic(
                f"event `{event.name}` is declared active but no code tracks it",
                event.origin.location(),
                entry=f"events.{event.name}",
            )


@register
class UndeclaredProperty(Rule):
    """
    ## What it does
    Reports a property sent with a declared event that the event does not declare,
    with the closest declared property names. Properties a wrapper adds are reported
    at the call, naming the wrapper.

    ## Why is this bad
    Undeclared properties are undocumented data: nobody reviewed their meaning, type
    or personal-data risk, and a typo (`worksapce_id`) silently splits a property in two.

    ## Example
    ```python
    posthog.capture("report_exported", distinct_id=uid, properties={"fromat": "csv"})
    ```

    ## Fix
    Correct the name, or declare the property on the event in the plan.
    """

    code = "EV603"
    judges_payloads = True
    name = "undeclared-property"
    title = "A property sent that the event does not declare"
    severity = Severity.WARNING
    scope = "code"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for call, event in ctx.declared_calls():
            declared = event.properties
            names: list[str] | None = None  # listed once a call, not once a property sent
            for prop in call.properties:
                if prop.name in declared:
                    continue
                if names is None:
                    names = list(declared)
                near = closest(prop.name, names)
                added = f" (added by {prop.via})" if prop.via else ""
                yield self.diagnostic(
                    f"property `{prop.name}` is not declared for event `{event.name}`"
                    f"{added}{_did_you_mean(near)}",
                    call_location(call.path, prop.pos),
                    entry=f"events.{event.name}",
                    suggestion=near[0] if near else None,
                )


@register
class MissingRequiredProperty(Rule):
    """
    ## What it does
    Reports a tracking call that omits properties its event declares
    `required: true`. Only where every property sent is visible: a spread
    (`**props`), a variable or a properties object built elsewhere makes the set
    partial, and nothing is reported.

    ## Why is this bad
    Required properties are what the event's analyses group and filter by; an event
    without them is counted but cannot be broken down, and funnels split silently.

    ## Example
    ```python
    analytics.track(user.id, "report_exported", {"export_format": "csv"})
    # report_exported requires workspace_id and report_id
    ```

    ## Fix
    Send the required properties, or make them optional in the plan if they truly are.
    """

    code = "EV604"
    judges_payloads = True
    name = "missing-required-property"
    title = "A tracking call missing a required property"
    severity = Severity.ERROR
    scope = "code"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for call, event in ctx.declared_calls():
            if not call.complete:
                continue
            sent = {prop.name for prop in call.properties}
            missing = [
                name
                for name, prop in event.properties.items()
                if prop.required and name not in sent
            ]
            if not missing:
                continue
            plural = "properties" if len(missing) > 1 else "property"
            names = ", ".join(f"`{name}`" for name in missing)
            yield self.diagnostic(
                f"event `{event.name}` is missing required {plural} {names}",
                call_location(call.path, call.pos),
                entry=f"events.{event.name}",
            )


@cache
def _validator(schema_json: str) -> Validator:
    from jsonschema import Draft202012Validator, validators  # 65 ms: only to explain a failure

    linear = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": _linear_pattern}
    )
    return linear(json.loads(schema_json))  # type: ignore[no-any-return]


def _linear_pattern(
    validator: Validator, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """jsonschema's own `pattern` keyword (a search, not a full match), matched by RE2 so
    a hostile value cannot make a pattern such as `(a+)+$` backtrack for minutes. A
    pattern RE2 refuses raises: the plan's EV002 reports it."""
    from jsonschema import ValidationError  # imported by _validator already

    if validator.is_type(instance, "string") and compile_linear(pattern).search(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _fast_validator(schema_json: str) -> Any:
    import jsonschema_rs  # 24 ms: only when a call sends a literal value to check

    return jsonschema_rs.validator_for(json.loads(schema_json))


def schema_key(prop: Property) -> str:
    """The property's JSON Schema as canonical JSON: what its validators are cached by."""
    return json.dumps(prop.json_schema(), sort_keys=True, default=str)


def schema_problem(prop: Property, value: Any) -> str | None:
    """Why ``value`` breaks the property's schema, or None (also when the schema itself
    cannot be used: that is the plan rules' business)."""
    return value_problem(schema_key(prop), value)


def value_problem(schema_json: str, value: Any) -> str | None:
    """:func:`schema_problem` for a schema given by its :func:`schema_key`. jsonschema-rs
    tells whether the value fits; jsonschema (slow to import) explains only the values
    that do not."""
    try:
        if _fast_validator(schema_json).is_valid(value):
            return None
    except (ValueError, TypeError, OverflowError):
        pass  # a schema or value jsonschema-rs refuses: let jsonschema judge it
    from jsonschema.exceptions import SchemaError  # as above

    try:
        error = next(iter(_validator(schema_json).iter_errors(value)), None)
    except (SchemaError, re.error, TypeError, ValueError):
        return None
    return error.message if error is not None else None


@register
class PropertyValueMismatch(Rule):
    """
    ## What it does
    Checks each literal property value in a tracking call (a string, number, boolean,
    null or list written in the call, or a constant it names) against the property's
    schema in the plan: type, enum, const, pattern, minimum/maximum, items.

    ## Why is this bad
    A value outside the schema is a value no dashboard expects: `"CSV"` next to
    `"csv"` splits a breakdown, a string where a number is declared breaks sums.

    ## Example
    ```python
    track_event("report_exported", {"export_format": "excel"})
    # export_format: {enum: [csv, xlsx, pdf, json]}
    ```

    ## Fix
    Send a value the schema allows, or widen the schema in the plan.
    """

    code = "EV605"
    judges_payloads = True
    name = "property-value-mismatch"
    title = "A property value that breaks the property's schema"
    severity = Severity.ERROR
    scope = "code"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        # Each declared property's schema_key once a check, not once a value sent (the
        # plan's properties outlive the check, so their ids stay theirs).
        keys: dict[int, str] = {}
        for call, event in ctx.declared_calls():
            for prop in call.properties:
                declared = event.properties.get(prop.name)
                if declared is None or not prop.has_value:
                    continue
                key = keys.get(id(declared))
                if key is None:
                    key = keys[id(declared)] = schema_key(declared)
                problem = value_problem(key, prop.value)
                if problem is None:
                    continue
                yield self.diagnostic(
                    f"value of property `{prop.name}` of event `{event.name}` breaks its "
                    f"schema: {problem}",
                    call_location(call.path, prop.value_pos or prop.pos),
                    entry=f"events.{event.name}.properties.{prop.name}",
                )


@register
class DynamicEventName(Rule):
    """
    ## What it does
    Reports a tracking call whose event name cannot be resolved statically: an
    f-string, a concatenation, a variable or parameter, a call, or a choice between
    names (`"a" if x else "b"`), once per call with what is known (the literal
    prefix, the possible names). Literals, module and class constants (also imported
    from another module), enum members and `typing.Final` names are static.

    ## Why is this bad
    A computed name cannot be checked against the plan, and names built at run time
    multiply events without anyone deciding it (`report_{format}_exported`).

    ## Example
    ```python
    analytics.track(user.id, f"report_{fmt}_exported")
    ```

    ## Fix
    Use one static name and put the variable part in a property
    (`report_exported` with `export_format`); or a constant per event.
    """

    code = "EV606"
    name = "dynamic-event-name"
    title = "A tracking call whose event name is not known statically"
    severity = Severity.WARNING
    scope = "code"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for call in ctx.calls():
            if call.dynamic is None:
                continue
            yield self.diagnostic(
                f"event name cannot be resolved statically: {call.dynamic.detail}",
                call_location(call.path, call.event_pos),
            )


@register
class DeprecatedEventTracked(Rule):
    """
    ## What it does
    Reports a tracking call of an event the plan marks deprecated, naming its
    replacement (`deprecated.replaced_by`) when there is one.

    ## Why is this bad
    A deprecated event is on its way out: data sent to it is split from the
    replacement's, and dashboards that moved on miss it.

    ## Example
    ```python
    analytics.track(uid, "bulk_lookup_completed", props)
    # deprecated: {replaced_by: enrichment_run_completed}
    ```

    ## Fix
    Track the replacement instead, then remove the call.
    """

    code = "EV607"
    judges_payloads = True
    name = "deprecated-event-tracked"
    title = "A tracking call of a deprecated event"
    severity = Severity.WARNING
    scope = "code"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for call, event in ctx.declared_calls():
            if event.status != "deprecated":
                continue
            replacement = event.replaced_by
            since = event.deprecated.get("since")
            text = f"event `{event.name}` is deprecated"
            if since:
                text += f" since {since}"
            if replacement:
                text += f": track `{replacement}` instead"
            yield self.diagnostic(
                text,
                call_location(call.path, call.event_pos),
                entry=f"events.{event.name}",
                suggestion=replacement,
            )


@register
class GeneratedFunctionBypassed(Rule):
    """
    ## What it does
    Reports a raw SDK or wrapper call of a declared event when the project has a module
    `evdict codegen` wrote with a function for that event, naming the function to call.
    Opt-in: select it by its code (`--select EV609`, or `rules.select: [ALL, EV609]`).

    ## Why is this bad
    A team that generates tracking code wants every call to go through it: the generated
    function checks names, property types and required properties when the code is
    type-checked, while a raw call is only checked when evdict runs, and it drifts when
    the plan changes and the generated module is regenerated.

    ## Example
    ```python
    analytics.track(user_id, "signup_completed", {"plan_tier": "free"})
    # app/tracking.py, written by `evdict codegen python`, has track_signup_completed
    ```

    ## Fix
    Call the generated function (`track_signup_completed(user_id=..., plan_tier="free")`).
    """

    code = "EV609"
    name = "generated-function-bypassed"
    title = "A raw tracking call of an event with a generated function (opt-in)"
    severity = Severity.WARNING
    scope = "code"
    opt_in = True

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        if ctx.inventory is None:
            return
        functions = ctx.inventory.generated_functions()
        if not functions:
            return
        for call, event in ctx.declared_calls():
            function = functions.get(event.name)
            if call.generated or function is None:
                continue
            yield self.diagnostic(
                f"event `{event.name}` is tracked by a {call.via} call, not its generated"
                f" function: call `{function}` instead",
                call_location(call.path, call.pos),
                entry=f"events.{event.name}",
                suggestion=function,
            )


@register
class SourceParseError(Rule):
    """
    ## What it does
    Reports a source file the scan could not read: a syntax error, text that is not
    in its declared encoding, a file that cannot be opened. The scan goes on with
    the other files.

    ## Why is this bad
    The tracking calls of a file that does not parse are not checked at all: they
    could all be wrong and the check would still pass. (In JavaScript and TypeScript
    the calls outside the broken part are still read and checked.)

    ## Example
    ```python
    def track_signup(user:
        analytics.track(user.id, "signup_completed")
    ```

    ## Fix
    Fix the syntax (the file probably fails to import as well), or exclude the file
    from `sources` if it is not meant to be Python. Python files are read with the
    grammar of the Python that runs evdict: code written for a newer Python (type
    parameter lists, `type X = ...`, nested quotes in f-strings) needs evdict
    installed on that Python.

    EV608 is an error, so a file whose calls go unchecked fails the check. Where an
    unreadable file is known and accepted, lower it in the config
    (`rules: {severity: {EV608: warning}}`) or silence the file with
    `# evdict: file-ignore[EV608]`. A JavaScript or TypeScript file that is not
    UTF-8 is read as Latin-1, so its calls are still checked, and reported.
    """

    code = "EV608"
    name = "source-parse-error"
    title = "A source file the scan could not read"
    # An error: calls that are not checked could all be wrong; `rules.severity` can
    # lower it where a file is known to be unreadable.
    severity = Severity.ERROR
    scope = "code"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        inventory = ctx.inventory
        if inventory is None:
            return
        read = {call.path for call in inventory.calls}
        for problem in inventory.problems:
            consequence = (
                "its other tracking calls are still checked"
                if problem.path in read
                else "its tracking calls are not checked"
            )
            yield self.diagnostic(
                f"{problem.message}; {consequence}", call_location(problem.path, problem.pos)
            )
