"""The events a decorator call names (a preset's :class:`~evdict.scanner.presets.DecoratorName`):
ploomber-core's ``@telemetry.log_call("connect")`` sends ``{package_name}-connect-success``
or ``-error`` for each call of the function below it (``{package_name}-{group}-connect-...``
with ``group="G"``), ``package_name`` given where the
client is built (``telemetry = Telemetry(key, package_name="jupysql", version=...)``, often
in another module) and the action, left out, the decorated function's name.

The name is read as the choice it is, one option per suffix, each a concatenation that
event resolution folds like any other; a part that cannot be read stays a placeholder, so
the call is reported with a dynamic name rather than a guessed one.
"""

from __future__ import annotations

from evdict.scanner.model import (
    Binding,
    Call,
    CallSite,
    Choice,
    ClassDef,
    Concat,
    Expr,
    FunctionDef,
    Import,
    Literal,
    Ref,
    Str,
)
from evdict.scanner.presets import DecoratorName
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import VStr
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import MISSING, UNKNOWN, Arg, Sentinel, slot_value

_MAX_HOPS = 8
"""Imports followed from the decorator to the client's construction (re-exports)."""


def decorated_event(
    values: Evaluator, module: Module, site: CallSite, naming: DecoratorName, action: Arg
) -> Arg:
    """The names ``site``'s decorator call gives each call of its function: a choice of
    ``{prefix}-{action}{suffix}``."""
    pos = site.call.pos
    prefix = _client_argument(values, module, site.scope, site.call.callee[:-1], naming)
    if action is MISSING:
        decorated = _decorated(module, site.scope, site.call)
        if decorated is None:
            return MISSING  # not a decorator: no function to name the action after
        action = Str(decorated.qualname.rpartition(".")[2], pos)
    if isinstance(action, Sentinel):
        return action
    group = slot_value(site.call, naming.group) if naming.group else MISSING
    if isinstance(group, Literal) and group.value is None:
        group = MISSING  # ``group=None``: the default, no group
    if group is UNKNOWN:
        return UNKNOWN
    grouped = () if isinstance(group, Sentinel) else (Str("-", pos), group)
    options = tuple(
        Concat((prefix, *grouped, Str("-", pos), action, Str(suffix, pos)), pos)
        for suffix in naming.suffixes
    )
    return Choice(options, pos)


def _client_argument(
    values: Evaluator,
    module: Module,
    scope: str,
    receiver: tuple[str, ...],
    naming: DecoratorName,
) -> Expr:
    """The argument at ``naming.prefix`` of the call that built the receiver, as text;
    a placeholder when the construction or the argument cannot be read."""
    unread = Ref((f"<the client's {naming.prefix.describe()}>",), (1, 1, 1, 1))
    found = _construction(values, module, scope, receiver) if len(receiver) == 1 else None
    if found is None:
        return unread
    owner, owner_scope, call = found
    value = slot_value(call, naming.prefix)
    if isinstance(value, Sentinel):
        return unread
    text = values.expr_value(owner, owner_scope, value)
    return Str(text.value, value.pos) if isinstance(text, VStr) else unread


def _construction(
    values: Evaluator, module: Module, scope: str, receiver: tuple[str, ...]
) -> tuple[Module, str, Call] | None:
    """The call a name is bound to once (``telemetry = Telemetry(...)``), through the
    imports of it (``from app.telemetry import telemetry``): its module, scope and call."""
    name = receiver[0]
    for _ in range(_MAX_HOPS):
        bound = next(
            (
                (current, found)
                for current in module.scope_chain(scope)
                if (found := module.names(current).get(name))
            ),
            None,
        )
        if bound is None or len(bound[1]) != 1:
            return None
        current, (definition,) = bound
        if isinstance(definition, Binding):
            value = definition.value
            return (module, current, value) if isinstance(value, Call) else None
        if not isinstance(definition, Import) or definition.name is None:
            return None
        project = values.project.imported_module(module, definition)
        if project is None or project not in values.modules:
            return None
        module, scope, name = values.modules[project], "", definition.name
    return None


def _decorated(module: Module, scope: str, call: Call) -> FunctionDef | ClassDef | None:
    """The function or class ``call`` decorates: the next one defined in its scope, whose
    ``def``/``class`` is one column left of the decorator call (after its ``@``)."""
    line, column = call.pos[0], call.pos[1]
    defined: tuple[FunctionDef | ClassDef, ...] = (*module.facts.functions, *module.facts.classes)
    below = [
        (each.pos, each)
        for each in defined
        if each.qualname.rpartition(".")[0] == scope and each.pos[0] > line
    ]
    if not below:
        return None
    pos, nearest = min(below, key=lambda found: found[0])
    return nearest if pos[1] == column - 1 else None
