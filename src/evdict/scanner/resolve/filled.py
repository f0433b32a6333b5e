"""An array local a call hands a wrapper sending each of its objects as one event, read
from every write to it before the call, in order (typebot's ``const events = [];
events.push({name: "User created", ...}); await trackEvents(events)``).

The local must be bound once (``const``, or a ``let`` never bound again), before the
call, to an array literal (``[]`` or objects) or to what a project function returns
(``const events = await parseEvents(...)``: the local it returns, read the same way up
to its ``return``); each ``events.push(a, b)`` of the function before the call adds its
arguments (``...list.map((m) => ({...}))`` the objects it maps to). Arrays joined with
``a.concat(b, c)`` are each read so, in order, and so is a project function's returned
array handed on directly (``trackEvents(await parseEvents(...))``). A push after the call is not read (it
does not reach the call). What is not an object literal (an array some other call
returns, ``push(row)`` of a value made at run time) is an element not read: the call's
name is then not known (said so, not guessed); an array none of whose elements is an
object literal names nothing and stays unread (no call).
"""

from __future__ import annotations

from dataclasses import replace

from evdict.scanner.model import (
    CONCATENATED,
    PUSHED,
    RETURNED,
    Binding,
    Call,
    CallSite,
    Expr,
    Literal,
    Mapping,
    Other,
    Position,
    Ref,
    Starred,
    pushed_target,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.reaching import local_bound
from evdict.scanner.resolve.value_types import VFunc
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import InferredSink, Sink

_UNREAD = "computed element"
"""An element whose object is not known (no key of it is read)."""
_MAX_DEPTH = 3
"""How many functions' returned arrays are followed (a helper calling a helper)."""


def filled(values: Evaluator, module: Module, site: CallSite, sink: Sink) -> CallSite:
    """``site`` with an array local its call hands a wrapper of
    :attr:`InferredSink.event_each` replaced by the array its writes before the call
    make; any other site as it is."""
    if not (isinstance(sink, InferredSink) and sink.event_each):
        return site
    call = site.call
    args = tuple(_filled(values, module, site.scope, arg, call.pos) for arg in call.args)
    return replace(site, call=replace(call, args=args))


def _filled(values: Evaluator, module: Module, scope: str, arg: Expr, at: Position) -> Expr:
    parts = arg.items if isinstance(arg, Other) and arg.kind == CONCATENATED else (arg,)
    if not any(isinstance(part, (Ref, Call)) for part in parts):
        return arg
    items: list[Expr] = []
    for part in parts:
        if isinstance(part, Other) and part.kind == "array":
            items.extend(part.items)
            continue
        read = (
            _returned(values, module, scope, part, 0)
            if isinstance(part, Call)
            else _items(values, module, scope, part, at, 0)
        )
        if read is None and len(parts) == 1:
            return arg  # a local not read (bound again, after the call): no array
        items.extend(read if read is not None else [Other(_UNREAD, part.pos)])
    if not any(isinstance(item, Mapping) for item in items):
        return arg
    known = tuple(item if isinstance(item, Mapping) else Other(_UNREAD, item.pos) for item in items)
    return Other("array", arg.pos, known)


def _items(
    values: Evaluator, module: Module, scope: str, arg: Expr, at: Position, depth: int
) -> list[Expr] | None:
    """The elements the local ``arg`` holds at ``at``, in order; None when it is not a
    local bound once before ``at``."""
    bound = local_bound(module, scope, arg)
    if len(bound) != 1 or not isinstance(bound[0], Binding) or not isinstance(arg, Ref):
        return None
    binding = bound[0]
    if binding.pos[:2] >= at[:2]:
        return None
    start = binding.value
    items: list[Expr] = []
    if isinstance(start, Other) and start.kind == "array":
        items.extend(start.items)
    elif isinstance(start, Call) and depth < _MAX_DEPTH:
        items.extend(_returned(values, module, scope, start, depth) or [Other(_UNREAD, start.pos)])
    elif not (isinstance(start, Literal) and start.value == []):
        items.append(Other(_UNREAD, start.pos))
    writes = [
        (write.pos, write.value.items)
        for write in module.names(scope).get(pushed_target(arg.path[0]), [])
        if isinstance(write, Binding)
        and isinstance(write.value, Other)
        and write.value.kind == PUSHED
        and write.pos[:2] < at[:2]
    ]
    writes.sort(key=lambda write: write[0])
    for _, pushes in writes:
        for pushed in pushes:
            spread = pushed.value if isinstance(pushed, Starred) else None
            returned = (
                _returned(values, module, scope, spread, depth)
                if isinstance(spread, Call) and depth < _MAX_DEPTH
                else None
            )
            if isinstance(spread, Other) and spread.kind == "array":
                items.extend(spread.items)  # ``...members.map((m) => ({...}))``
            elif returned is not None:
                items.extend(returned)  # ``...(await sendEmails(...))``: what it returns
            else:
                items.append(pushed if spread is None else Other(_UNREAD, pushed.pos))
    return items


def _returned(
    values: Evaluator, module: Module, scope: str, call: Call, depth: int
) -> list[Expr] | None:
    """The elements of the array local a project function returns (its one ``return``),
    as its writes before that ``return`` make it; None for any other call."""
    if "?" in call.callee:
        return None
    callee = values.expr_value(module, scope, Ref(call.callee, call.pos))
    if not isinstance(callee, VFunc) or callee.module not in values.modules:
        return None
    defining = values.modules[callee.module]
    returns = [
        b for b in defining.names(callee.qualname).get(RETURNED, []) if isinstance(b, Binding)
    ]
    if callee.qualname not in defining.functions or len(returns) != 1:
        return None
    value = returns[0].value
    if isinstance(value, Other) and value.kind == "array":
        return list(value.items)
    if not isinstance(value, Ref):
        return None
    return _items(values, defining, callee.qualname, value, returns[0].pos, depth + 1)
