"""The wrapper a dynamic SDK call is reached through when no resolution links them: a
method sending its parameter (``PostHogProvider.track(self, event_name, ...)`` calling
``client.capture(event=f"cli:{event_name}")``), called by that method's name on a value
evdict cannot type (``for provider in _get_providers(): provider.track(name, ...)``, a
list of a Protocol's implementations built at run time), in a function passing its own
parameter, itself called with literal names::

    def _dispatch(event_name, properties): ... provider.track(event_name, ...)
    def track_event(event_name, properties=None): _dispatch(event_name, properties)
    track_event("execution_start", {...})

The fan-out cannot be proven (which providers the list holds is decided at run time), so
it is never a finding: ``--suggest-config`` offers the ``wrappers:`` line of each function
up the chain whose callers pass literal names (``track_event``, ``_dispatch``), the
parameter by its position and name. Callers are matched by name, so files naming the
functions are parsed first (the engine asks :func:`frontier`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from evdict.scanner.model import (
    CallSite,
    Choice,
    Concat,
    Expr,
    FString,
    FunctionDef,
    Ref,
    Str,
    Suggestion,
    TrackingCall,
)
from evdict.scanner.resolve.local_objects import local_value
from evdict.scanner.resolve.project import Module

_MAX_DEPTH = 4
_SAMPLES = 3


@dataclass(frozen=True)
class _Hop:
    """A function of ``module`` passing its parameter ``param`` (``index`` among the
    parameters a call writes) toward the SDK call; ``via`` the method that sends."""

    module: Module
    func: FunctionDef
    param: str
    index: int
    via: str


def frontier(modules: Iterable[Module], calls: Iterable[TrackingCall]) -> set[str]:
    """The names of the functions the chains reach (not the methods: a method's name,
    ``track``, is too common to read every file naming it): the files naming them are read."""
    return {hop.func.name for hop in _hops(list(modules), calls) if hop.func.class_name is None}


def fanout_suggestions(
    modules: Iterable[Module], calls: Iterable[TrackingCall]
) -> list[Suggestion]:
    """The ``wrappers:`` lines of the functions up the chains whose callers pass names."""
    found = list(modules)
    suggestions = []
    for hop in _hops(found, calls):
        if hop.func.class_name is not None:
            continue  # the method itself: reached through values evdict cannot type
        sites = sorted(
            (module.path, site.call.pos[0], arg.value)
            for module, site, arg in _callers(found, hop)
            if isinstance(arg, Str)
        )
        if not sites:
            continue
        properties = _properties(hop.func)
        suggestions.append(
            Suggestion(
                callee=f"{hop.module.name}.{hop.func.qualname}",
                language="python",
                event=f"{hop.index}|{hop.param}" if hop.index >= 0 else hop.param,
                properties=properties,
                calls=len(sites),
                sites=tuple(f"{path}:{line}" for path, line, _ in sites[:_SAMPLES]),
                events=tuple(sorted({name for *_, name in sites})[:_SAMPLES]),
                evidence=f"its parameter reaches {hop.via} through calls by name",
            )
        )
    return suggestions


def _hops(modules: list[Module], calls: Iterable[TrackingCall]) -> Iterator[_Hop]:
    by_path = {module.path: module for module in modules}
    seen: set[tuple[str, str]] = set()
    for call in calls:
        module = by_path.get(call.path)
        if call.kind != "sdk" or call.events or module is None or module.facts.language != "python":
            continue
        for sites in module.facts.calls.values():
            for site in sites:
                if site.call.pos[:2] != call.pos[:2]:
                    continue
                func = module.enclosing_function(site.scope)
                given = (*site.call.args, *(k.value for k in site.call.keywords))
                event = [arg for arg in given if arg.pos[:2] == call.event_pos[:2]]
                if func is None or func.class_name is None or len(event) != 1:
                    continue
                param = _param(module, func, event[0])
                if param is not None:
                    start = _Hop(
                        module, func, param, _index(func, param), f"{call.via} in {func.qualname}"
                    )
                    yield from _climb(modules, start, seen, 0)


def _climb(
    modules: list[Module], hop: _Hop, seen: set[tuple[str, str]], depth: int
) -> Iterator[_Hop]:
    key = (hop.module.name, hop.func.qualname)
    if key in seen or depth > _MAX_DEPTH:
        return
    seen.add(key)
    yield hop
    for module, site, arg in _callers(modules, hop):
        func = module.enclosing_function(site.scope)
        param = _param(module, func, arg) if func is not None else None
        if func is not None and param is not None:
            up = _Hop(module, func, param, _index(func, param), hop.via)
            yield from _climb(modules, up, seen, depth + 1)


def _callers(modules: list[Module], hop: _Hop) -> Iterator[tuple[Module, CallSite, Expr]]:
    """The calls by the function's name (a method's: through any receiver but ``self``'s
    class, which resolution reads) and the argument they pass for the parameter."""
    method = hop.func.class_name is not None
    for module in modules:
        for site in module.facts.calls.get(hop.func.name, ()):
            callee = site.call.callee
            if method and (len(callee) < 2 or callee[0] in ("self", "cls")):
                continue
            if not method and len(callee) > 2:
                continue
            keyword = [k.value for k in site.call.keywords if k.name == hop.param]
            args = site.call.args
            if keyword:
                yield module, site, keyword[0]
            elif 0 <= hop.index < len(args):
                yield module, site, args[hop.index]


def _param(module: Module, func: FunctionDef, arg: Expr) -> str | None:
    """The parameter of ``func`` ``arg`` is: itself, built into a name (``f"cli:{name}"``),
    or a local set once to a choice of parameters of which one is positional."""
    params = (*func.params, *func.kwonly)
    if isinstance(arg, (FString, Concat)):
        refs = [p for p in arg.parts if isinstance(p, Ref) and p.path[0] in params]
        return refs[0].path[0] if len(refs) == 1 else None
    if not (isinstance(arg, Ref) and len(arg.path) == 1):
        return None
    if arg.path[0] in params:
        return arg.path[0]
    value = local_value(module, func.qualname, arg)
    if value is None:
        return None
    options = value.options if isinstance(value, Choice) else (value,)
    named = [o.path[0] for o in options if isinstance(o, Ref) and len(o.path) == 1]
    positional = [name for name in named if name in func.bound_params]
    return positional[0] if len(named) == len(options) and len(positional) == 1 else None


def _index(func: FunctionDef, param: str) -> int:
    """The position a call writes ``param`` at; -1 for a keyword-only one."""
    bound = func.bound_params
    return bound.index(param) if param in bound else -1


def _properties(func: FunctionDef) -> str | None:
    """The parameter after the event's named like properties, as a spec reads it."""
    bound = func.bound_params
    for name in ("properties", "props", "params", "data"):
        if name in bound:
            return f"{bound.index(name)}|{name}"
        if name in func.kwonly:
            return name
    return None
