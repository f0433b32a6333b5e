"""Decorators that send what the functions they decorate return (Haystack's
``@send_telemetry``)::

    def send_telemetry(func):
        def send_telemetry_wrapper(*args, **kwargs):
            output = func(*args, **kwargs)
            if output:
                telemetry.send_event(*output)
        return send_telemetry_wrapper

    @send_telemetry
    def tutorial_running(tutorial_id):
        return "Tutorial", {"tutorial.id": tutorial_id}

The decorator's own call relays (its name is whatever a decorated function returns): it
is no tracking call. Each ``return NAME, PROPERTIES`` of a function it decorates is one,
its items read as the relay's spread arguments (a value made elsewhere, ``return
result``, is one with its name unknown).
"""

from __future__ import annotations

from collections.abc import Iterator

from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    CallSite,
    Expr,
    FunctionDef,
    Items,
    Literal,
    Ref,
    Starred,
    Str,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import VFunc
from evdict.scanner.resolve.values import Evaluator


def relaying_decorator(module: Module, site: CallSite) -> FunctionDef | None:
    """The decorator whose inner function ``site`` is in, when the call spreads a local
    bound to a call of the decorator's function parameter (``telemetry.send_event(*output)``
    after ``output = func(*args, **kwargs)``); None for any other call."""
    spread = next((arg.value for arg in site.call.args if isinstance(arg, Starred)), None)
    if not (isinstance(spread, Ref) and len(spread.path) == 1):
        return None
    bound = module.names(site.scope).get(spread.path[0], [])
    if len(bound) != 1 or not isinstance(bound[0], Binding):
        return None
    made = bound[0].value
    if not (isinstance(made, Call) and len(made.callee) == 1):
        return None
    decorator = module.functions.get(site.scope.rpartition(".")[0])
    if site.scope not in module.functions or decorator is None:
        return None
    return decorator if made.callee[0] in decorator.params else None


def decorated_returns(
    values: Evaluator, module: Module, decorator: FunctionDef, relay: Call
) -> Iterator[tuple[Module, CallSite]]:
    """Each ``return NAME, PROPERTIES`` of a function ``decorator`` decorates, as the
    relay's call with those items as its arguments, in the function's scope."""
    key = (module.name, decorator.qualname)
    for owner in values.modules.values():
        for func in owner.facts.functions:
            parent = func.qualname.rpartition(".")[0]
            if not any(
                isinstance(found := values.path_value(owner, parent, path), VFunc)
                and (found.module, found.qualname) == key
                for path in func.decorators
            ):
                continue
            for returned in owner.names(func.qualname).get(RETURNED, []):
                if not isinstance(returned, Binding):
                    continue
                args = _arguments(returned.value)
                if args is not None:
                    call = Call(relay.callee, args, (), (), returned.value.pos)
                    yield owner, CallSite(call, func.qualname)


def _arguments(value: Expr) -> tuple[Expr, ...] | None:
    """What a ``return`` hands the relay: a tuple's items; a value made elsewhere
    (``return result``) as the spread it is, so the call is reported with its name unknown;
    None for a literal that is no tuple (``return None``: nothing is sent)."""
    if isinstance(value, Items):
        return value.items
    if isinstance(value, Literal):
        if not isinstance(value.value, list):
            return None
        return tuple(
            Str(item, value.pos) if isinstance(item, str) else Literal(item, value.pos)
            for item in value.value
        )
    return (Starred(value, value.pos),)
