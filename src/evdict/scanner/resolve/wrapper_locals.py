"""What a wrapper's own locals say of its parameters: a local set once from a
parameter stands for it, a parameter rebound to an empty default or to a dict spreading
itself still holds what its callers pass, one rebound to strings sends those instead, and
a local set to a choice of names built from parameters is that choice
(:class:`~evdict.scanner.resolve.infer.WrapperInference` asks).
"""

from __future__ import annotations

from evdict.scanner.model import (
    Binding,
    Call,
    Choice,
    Concat,
    Expr,
    FString,
    FunctionDef,
    Item,
    Literal,
    Mapping,
    Ref,
    Str,
)
from evdict.scanner.resolve.local_objects import bound_choice, parsed_key, stringified_key
from evdict.scanner.resolve.project import Definition, Module
from evdict.scanner.resolve.returned_key import returned_key
from evdict.scanner.sinks import Arg, Sentinel


def local_part(module: Module, func: FunctionDef, part: Expr) -> Expr:
    """A part of a built name, a local set from a parameter read as that parameter."""
    local = through_local(module, func, part)
    return part if isinstance(local, Sentinel) else local


def literal_rebindings(
    func: FunctionDef, param: str, definitions: list[Definition]
) -> tuple[str, ...]:
    """The names a parameter is set to in the function, when each is a string
    (``event_name = "trialExpired"`` where the trial expired); empty otherwise."""
    if param not in (*func.params, *func.kwonly) or not definitions:
        return ()
    values = [d.value for d in definitions if isinstance(d, Binding)]
    if len(values) != len(definitions) or not all(isinstance(v, Str) for v in values):
        return ()
    return tuple(dict.fromkeys(v.value for v in values if isinstance(v, Str)))


def defaulted(param: str, bound: list[Definition]) -> bool:
    """Whether every binding of ``param`` in its function keeps the caller's value or an
    empty default (``properties = properties or {}``; ``if props is None: props = {}``):
    the parameter then still holds what its callers pass."""
    return all(
        isinstance(binding, Binding)
        and all(
            (isinstance(value, Ref) and value.path == (param,)) or empty(value)
            for value in (
                binding.value.options if isinstance(binding.value, Choice) else (binding.value,)
            )
        )
        for binding in bound
    )


def self_merged(param: str, bound: list[Definition]) -> Mapping | None:
    """The dict ``param`` is rebound to that spreads ``param`` itself (``props =
    {"source": "web", **props}``), its other bindings empty defaults; None otherwise.
    Rebound so more than once (JS: ``data = {...data, project}`` under an ``if``, then
    ``data = {...data, ...utm()}``), it is one dict of the callers' keys and every key
    each rebinding adds."""
    merged = [
        binding.value
        for binding in bound
        if isinstance(binding, Binding)
        and isinstance(binding.value, Mapping)
        and any(_is_param(spread, param) for spread in binding.value.spreads)
    ]
    others = [b for b in bound if not (isinstance(b, Binding) and b.value in merged)]
    if not merged or not defaulted(param, others):
        return None
    if len(merged) == 1:
        return merged[0]
    # The parameter once, then what each rebinding adds, later keys last as they win.
    spreads = [s for m in merged for s in m.spreads if not _is_param(s, param)]
    first = next(s for s in merged[0].spreads if _is_param(s, param))
    entries = tuple(entry for mapping in merged for entry in mapping.entries)
    return Mapping(entries, (first, *spreads), merged[-1].pos)


def with_merged(spread: Arg, merged: dict[str, Mapping]) -> Arg:
    """A dict spread into the properties with each rebound parameter read as what
    :func:`self_merged` found, also where an object literal spreads it (JS:
    ``track(name, {...data, path})``)."""
    return spread if isinstance(spread, Sentinel) else _merged_expr(spread, merged)


def _merged_expr(spread: Expr, merged: dict[str, Mapping]) -> Expr:
    if isinstance(spread, Ref) and len(spread.path) == 1:
        return merged.get(spread.path[0], spread)
    if isinstance(spread, Mapping):
        inner = tuple(_merged_expr(each, merged) for each in spread.spreads)
        return Mapping(spread.entries, inner, spread.pos)
    return spread


def _is_param(spread: Expr, param: str) -> bool:
    return isinstance(spread, Ref) and spread.path == (param,)


def empty(value: Expr) -> bool:
    """``{}``, ``dict()``, ``None``."""
    if isinstance(value, Mapping):
        return not value.entries and not value.spreads
    if isinstance(value, Call):
        return value.callee == ("dict",) and not value.args and not value.keywords
    return isinstance(value, Literal) and value.value is None


def through_local(module: Module, func: FunctionDef, event: Arg) -> Arg:
    """A local the function sets once from one parameter stands for that parameter:
    ``name = event.value if isinstance(event, Enum) else event`` or ``name = str(event)``
    (the caller's enum member or string is the name)."""
    if isinstance(event, Item) and len(event.base) == 1:
        # ``const msg = {event: event.event}`` (a namespace of the function) spread into
        # the call: the value it sets that key to, when that reads a name
        keys = module.names(f"{func.qualname}.{event.base[0]}").get(event.key, [])
        if len(keys) == 1 and isinstance(keys[0], Binding):
            value = keys[0].value
            if isinstance(value, Item) and len(value.base) == 1:
                return Item(value.base, value.key, event.pos)
            if isinstance(value, Ref):
                return Ref(value.path, event.pos)
        held = stringified_key(module, func.qualname, event)
        if isinstance(held, Ref):
            return Ref(held.path, event.pos)
        # ``event_data = _prepare_event(event, ...)``: the key of the dict it returns
        bindings = module.names(func.qualname).get(event.base[0], [])
        if len(bindings) == 1 and isinstance(bindings[0], Binding):
            passed = returned_key(module, bindings[0].value, event.key)
            if isinstance(passed, Ref) and len(passed.path) == 1:
                return Ref(passed.path, event.pos)
        return event
    if isinstance(event, Ref) and len(event.path) == 2:
        return _spread_key(module, func, event)
    if not (isinstance(event, Ref) and len(event.path) == 1):
        return event
    bindings = module.names(func.qualname).get(event.path[0], [])
    if len(bindings) != 1 or not isinstance(bindings[0], Binding):
        return event
    value = bindings[0].value
    if isinstance(value, Item) and len(value.base) == 1:  # ``const { eventName } = params``
        return Item(value.base, value.key, event.pos)
    if isinstance(value, Call) and value.callee == ("str",) and len(value.args) == 1:
        value = value.args[0]
    options = value.options if isinstance(value, Choice) else (value,)
    refs = [option for option in options if isinstance(option, Ref)]
    if len(refs) != len(options) or len({ref.path[0] for ref in refs}) != 1:
        return event
    return Ref(min(refs, key=lambda ref: len(ref.path)).path, event.pos)


def built_choice(
    module: Module, func: FunctionDef, event: Arg
) -> tuple[Concat | FString, ...] | None:
    """The names a choice builds, as the event or a local set once to it (``cond ? `Mark
    as ${markAs} - [Inbox]` : `Mark as ${markAs} - [API]```): each option a name built
    of text and values; the one name a local set once builds (``const event = `Premium
    subscription ${status}```); None for anything else."""
    value: Arg = event
    if isinstance(event, Ref) and len(event.path) == 1:
        bindings = module.names(func.qualname).get(event.path[0], [])
        if len(bindings) == 1 and isinstance(bindings[0], Binding):
            value = bindings[0].value
            if isinstance(value, (Concat, FString)) and value.parts:
                return (value,)
    if not isinstance(value, Choice):
        return None
    options: list[Concat | FString] = [
        o if isinstance(o, (Concat, FString)) else FString("", o.pos, (o,))
        for o in value.options
        if (isinstance(o, (Concat, FString)) and o.parts) or _own_param(func, o)
    ]
    if len(options) != len(value.options) or len(options) < 2:
        return None
    # ``name = mixpanel_name if (...) else event_name``: a parameter left out (its
    # default ``None``) names nothing, so the one the callers always pass comes first.
    return tuple(sorted(options, key=lambda o: _none_default(func, o.parts[0])))


def chosen_params(module: Module, scope: str, part: Expr, own: set[str]) -> tuple[str, ...]:
    """The parameters of the function a local is set once to a choice of (``name =
    mixpanel_name if (...) else event_name``), those the callers always pass first;
    empty for anything else."""
    func = module.enclosing_function(scope)
    choice = bound_choice(module, scope, part)
    if func is None or choice is None:
        return ()
    refs = [o for o in choice.options if isinstance(o, Ref) and len(o.path) == 1]
    if len(refs) != len(choice.options) or not all(ref.path[0] in own for ref in refs):
        return ()
    ordered = sorted(refs, key=lambda ref: _none_default(func, ref))
    return tuple(dict.fromkeys(ref.path[0] for ref in ordered))


def _own_param(func: FunctionDef, option: Expr) -> bool:
    """``option`` is one of ``func``'s parameters, read as it is."""
    return (
        isinstance(option, Ref)
        and len(option.path) == 1
        and option.path[0] in (*func.params, *func.kwonly)
    )


def _none_default(func: FunctionDef, part: Expr) -> bool:
    """``part`` is a parameter defaulting to ``None``."""
    return isinstance(part, Ref) and part.path[0] in func.none_defaults


def _spread_key(module: Module, func: FunctionDef, event: Ref) -> Arg:
    """``flowOptions.flow`` of a local set once to an object spreading a parameter's key
    (JS: ``const flowOptions = {...option.flow, severity}``): that parameter's key
    (``option`` at ``flow.flow``), when the object does not write the key itself; of a
    local set once to a parameter, that parameter's key."""
    bindings = module.names(func.qualname).get(event.path[0], [])
    value = bindings[0].value if len(bindings) == 1 and isinstance(bindings[0], Binding) else None
    if (parsed := parsed_key(module, func.qualname, event)) is not None:
        return parsed  # an IPC handler's ``data.name`` of ``JSON.parse(dataJson)``
    if not isinstance(value, Mapping) or len(value.spreads) != 1:
        return event
    key = event.path[1]
    if any(isinstance(entry.key, Str) and entry.key.value == key for entry in value.entries):
        return event
    spread = value.spreads[0]
    if isinstance(spread, Item) and len(spread.base) == 1 and spread.base[0] in func.params:
        return Item(spread.base, f"{spread.key}.{key}", event.pos)
    if isinstance(spread, Ref) and len(spread.path) == 1 and spread.path[0] in func.params:
        return Item(spread.path, key, event.pos)
    return event
