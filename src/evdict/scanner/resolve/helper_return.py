"""A request body built by a helper of the same module, read as what the helper returns.

Products posting an analytics API with no SDK build the JSON in a small function and
post its result (taho-extension's PostHog capture)::

    function createPayload(id: string, eventName: string, payload?: object): string {
      return JSON.stringify({distinct_id: id, event: eventName, properties: {$lib: LIB, ...payload}})
    }
    fetch(POSTHOG_URL, {method: "POST", body: createPayload(id, eventName, payload)})

The body is the returned expression with each parameter written as the call's argument
(``event: eventName`` of the request above), so a preset reading ``body.event`` reads it
as if written at the call. Read so only when it is exact: the helper is a function of
the module returning one expression, every parameter it reads is passed (no spread, no
default), and it reads no local of its own, which would mean something else at the call.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from evdict.scanner.model import RETURNED, Binding, Call, Expr, Item, Param, Ref, Starred
from evdict.scanner.resolve.project import Module


class _NotExact(Exception):
    """The returned expression reads something the call site cannot stand for."""


def helper_return(module: Module, value: Expr) -> Expr | None:
    """What ``value``, a call of a plain function of ``module``, returns with its
    parameters bound to the call's arguments; None for anything else."""
    if not (isinstance(value, Call) and len(value.callee) == 1) or value.keywords:
        return None
    func = module.functions.get(value.callee[0])
    if func is None or func.kind != "function" or func.class_name is not None:
        return None
    returns = module.names(func.qualname).get(RETURNED, [])
    if len(returns) != 1 or not isinstance(returns[0], Binding):
        return None
    if any(isinstance(arg, Starred) for arg in value.args) or value.spreads:
        return None
    bound = dict(zip(func.params, value.args, strict=False))
    unpassed = set(func.params[len(value.args) :])
    own = set(module.names(func.qualname)) - set(func.params) - {RETURNED}
    try:
        written: Expr = _written(returns[0].value, bound, unpassed | own)
    except _NotExact:
        return None
    return written


def _written(node: Any, bound: dict[str, Expr], unknown: set[str]) -> Any:
    """``node`` with every read of a parameter in ``bound`` written as its argument;
    :class:`_NotExact` when it reads a name of ``unknown``."""
    if isinstance(node, (Ref, Item, Param)):
        path = (node.name,) if isinstance(node, Param) else _path(node)
        head = path[0]
        if head in unknown:
            raise _NotExact(head)
        if head not in bound:
            return node
        argument = bound[head]
        if len(path) == 1 and isinstance(node, (Ref, Param)):
            return argument
        if not isinstance(argument, Ref):  # ``payload.x`` of an argument that is no name
            raise _NotExact(head)
        rest = argument.path + path[1:]
        if isinstance(node, Item):
            return replace(node, base=rest)
        if isinstance(node, Ref):
            return replace(node, path=rest)
        raise _NotExact(head)
    if isinstance(node, tuple):
        return tuple(_written(item, bound, unknown) for item in node)
    if is_dataclass(node) and not isinstance(node, type):
        changes = {
            field.name: _written(getattr(node, field.name), bound, unknown)
            for field in fields(node)
            if field.name != "pos"
        }
        return replace(node, **changes)
    return node


def _path(node: Ref | Item) -> tuple[str, ...]:
    return node.path if isinstance(node, Ref) else node.base
