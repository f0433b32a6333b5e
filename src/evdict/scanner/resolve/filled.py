"""An array local a call hands a wrapper sending each of its objects as one event, read
from every write to it before the call, in order (typebot's ``const events = [];
events.push({name: "User created", ...}); await trackEvents(events)``).

The local must be bound once (``const``, or a ``let`` never bound again), before the
call, to an array literal (``[]`` or objects) or to something else (a helper's returned
array: not read); each ``events.push(a, b)`` of the function before the call adds its
arguments (``...list.map((m) => ({...}))`` the objects it maps to). A push after the
call is not read (it does not reach the call). What is not an object literal (the
helper's array, ``push(row)`` of a value made at run time) is an element not read: the
call's name is then unknown (said so, not guessed); an array none of whose elements is
an object literal names nothing and stays unread (no call).
"""

from __future__ import annotations

from dataclasses import replace

from evdict.scanner.model import (
    PUSHED,
    Binding,
    Call,
    CallSite,
    Expr,
    Literal,
    Mapping,
    Other,
    Ref,
    Starred,
    pushed_target,
)
from evdict.scanner.resolve.local_objects import local_bound
from evdict.scanner.resolve.project import Module
from evdict.scanner.sinks import InferredSink, Sink

_UNREAD = "computed element"
"""An element whose object is not known (no key of it is read)."""


def filled(module: Module, site: CallSite, sink: Sink) -> CallSite:
    """``site`` with an array local its call hands a wrapper of
    :attr:`InferredSink.event_each` replaced by the array its writes before the call
    make; any other site as it is."""
    if not (isinstance(sink, InferredSink) and sink.event_each):
        return site
    call = site.call
    args = tuple(_filled(module, site.scope, arg, call) for arg in call.args)
    return replace(site, call=replace(call, args=args))


def _filled(module: Module, scope: str, arg: Expr, call: Call) -> Expr:
    bound = local_bound(module, scope, arg)
    if len(bound) != 1 or not isinstance(bound[0], Binding) or not isinstance(arg, Ref):
        return arg
    binding, at = bound[0], call.pos[:2]
    if binding.pos[:2] >= at:
        return arg
    start = binding.value
    items: list[Expr] = []
    if isinstance(start, Other) and start.kind == "array":
        items.extend(start.items)
    elif not (isinstance(start, Literal) and start.value == []):
        items.append(Other(_UNREAD, start.pos))  # a helper's returned array
    writes = [
        (write.pos, write.value.items)
        for write in module.names(scope).get(pushed_target(arg.path[0]), [])
        if isinstance(write, Binding)
        and isinstance(write.value, Other)
        and write.value.kind == PUSHED
        and write.pos[:2] < at
    ]
    writes.sort(key=lambda write: write[0])
    for _, pushes in writes:
        for pushed in pushes:
            spread = pushed.value if isinstance(pushed, Starred) else None
            if isinstance(spread, Other) and spread.kind == "array":
                items.extend(spread.items)  # ``...members.map((m) => ({...}))``
            else:
                items.append(pushed if spread is None else Other(_UNREAD, pushed.pos))
    if not any(isinstance(item, Mapping) for item in items):
        return arg
    known = tuple(item if isinstance(item, Mapping) else Other(_UNREAD, item.pos) for item in items)
    return Other("array", arg.pos, known)
