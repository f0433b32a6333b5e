"""A worker draining a queue that one method of its class fills (Python).

comfy-cli's ``MixpanelProvider.track(event_name, distinct_id, properties)`` puts
``(event_name, distinct_id, payload)`` on ``self._queue`` with ``put_nowait``; the worker
thread's ``_run`` takes each item off with ``self._queue.get()``, unpacks it
(``event_name, distinct_id, properties = item``) and hands it to ``Mixpanel.track``. When
one method of the class puts on the attribute (a tuple, each element a name) and the
worker's names are unpacked from what it gets off the same attribute, the worker's SDK
call reads what that method put: the method is the wrapper (its parameter the event),
and the worker's call is none of its own. Two methods putting on it, an item put whole
(not a tuple), or one got off another attribute leave the worker's call as it is.
"""

from __future__ import annotations

from dataclasses import replace

from evdict.scanner.model import (
    UNPACKED,
    Binding,
    Call,
    CallSite,
    Expr,
    FunctionDef,
    Keyword,
    Literal,
    Other,
    Ref,
)
from evdict.scanner.resolve.project import Module

_PUT = ("put", "put_nowait")
_GET = ("get", "get_nowait")


class Relays:
    """:func:`relayed`, once per site: the rewritten site is the one its wrapper is read
    from, every time (the site kept, so its id stays its own)."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[CallSite, tuple[FunctionDef, CallSite] | None]] = {}

    def __call__(
        self, module: Module, func: FunctionDef, site: CallSite
    ) -> tuple[FunctionDef, CallSite] | None:
        if module.facts.language != "python":
            return None
        if id(site) not in self._found:
            self._found[id(site)] = (site, relayed(module, func, site))
        return self._found[id(site)][1]


def relayed(
    module: Module, worker: FunctionDef, site: CallSite
) -> tuple[FunctionDef, CallSite] | None:
    """The method putting on the queue ``site``'s call (in ``worker``) reads its names
    from, and that call as if the method made it (each name unpacked from the queue's
    item the element the method put at its place); None when there is no such pair."""
    if worker.class_name is None:
        return None
    taken: dict[str, tuple[str, int]] = {}  # name -> (attribute, place in the item)
    for name, bindings in module.names(worker.qualname).items():
        for binding in bindings:
            found = _unpacked(module, worker, binding)
            if found is not None:
                taken[name] = found
    attributes = {attribute for attribute, _ in taken.values()}
    if len(attributes) != 1:
        return None
    attribute = attributes.pop()
    puts = [
        put
        for method in _PUT
        for put in module.facts.calls.get(method, ())
        if put.call.callee == ("self", attribute, method)
        and put.scope.rpartition(".")[0] == worker.class_name
    ]
    if len(puts) != 1 or len(puts[0].call.args) != 1:
        return None
    item = puts[0].call.args[0]
    method = module.enclosing_function(puts[0].scope)
    if method is None or not (isinstance(item, Other) and item.kind == "list" and item.items):
        return None
    elements = item.items

    def put(value: Expr) -> Expr:
        if isinstance(value, Ref) and len(value.path) == 1 and value.path[0] in taken:
            place = taken[value.path[0]][1]
            return elements[place] if place < len(elements) else Other("unpacked", value.pos)
        return value

    call = site.call
    rewritten = replace(
        call,
        args=tuple(put(arg) for arg in call.args),
        keywords=tuple(Keyword(k.name, put(k.value), k.pos) for k in call.keywords),
    )
    return method, CallSite(rewritten, method.qualname, None)


def _unpacked(module: Module, worker: FunctionDef, binding: object) -> tuple[str, int] | None:
    """The attribute and place of a name unpacked from an item got off ``self.<attribute>``
    (directly, or through a local the worker sets to the item)."""
    if not (isinstance(binding, Binding) and isinstance(binding.value, Other)):
        return None
    value = binding.value
    if value.kind != UNPACKED or len(value.items) != 2:
        return None
    source, place = value.items
    if not (isinstance(place, Literal) and isinstance(place.value, int)):
        return None
    if isinstance(source, Ref) and len(source.path) == 1:  # ``item = self._queue.get()``
        got = [
            b.value
            for b in module.names(worker.qualname).get(source.path[0], [])
            if isinstance(b, Binding)
            and not (isinstance(b.value, Literal) and b.value.value is None)
        ]
        source = got[0] if len(got) == 1 else source
    if (
        isinstance(source, Call)
        and len(source.callee) == 3
        and source.callee[0] == "self"
        and source.callee[2] in _GET
    ):
        return source.callee[1], place.value
    return None
