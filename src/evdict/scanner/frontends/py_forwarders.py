"""A function handed, with its arguments, to something that calls it later.

Telemetry often sends off the caller's thread: the function and its arguments go to a
thread pool (reflex's telemetry)::

    def _run_suppressed(fn, /, *args, **kwargs):
        try:
            fn(*args, **kwargs)
        except Exception: ...

    def _submit(fn, /, *args, **kwargs):
        _get_telemetry_executor().submit(_run_suppressed, fn, *args, **kwargs)

    def send(event, telemetry_enabled=None, *, properties=None, **kwargs):
        _submit(_process_event, event, telemetry_enabled, properties=properties, **kwargs)

``_submit(_process_event, event, ...)`` calls ``_process_event(event, ...)``: the call is
also recorded so, at the same place, and resolution reads it as any call. What calls its
first argument with the rest: an executor's ``submit(fn, /, *args, **kwargs)``,
``asyncio.to_thread(func, /, *args, **kwargs)``, and a function of the same module whose
only positional parameter is a function it calls with its ``*args`` and ``**kwargs`` as
they came, itself or through one of these (a *forwarder*). A function passed by any other
means (``threading.Thread(target=fn, args=(...))``, a forwarder of another module) is not
read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from evdict.scanner.model import Call, CallSite, FunctionDef, Ref, Starred

RUNNERS = frozenset({"submit", "to_thread"})
"""Methods and functions that call their first argument with the rest."""

_DEPTH = 4  # forwarders through forwarders, at most


def forwarded_calls(
    functions: Sequence[FunctionDef], calls: Mapping[str, Sequence[CallSite]]
) -> dict[str, list[CallSite]]:
    """The calls the module's runner and forwarder calls make, by callee's last name."""
    forwarders = _forwarders(functions, calls)
    added: dict[str, list[CallSite]] = {}
    own_scopes = set(forwarders)
    for site in _every(calls):
        if site.scope in own_scopes:
            continue
        call = _unwrapped(site.call, forwarders)
        depth = 0
        while call is not None and depth < _DEPTH:
            added.setdefault(call.callee[-1], []).append(CallSite(call, site.scope))
            call = _unwrapped(call, forwarders)
            depth += 1
    return added


def _every(calls: Mapping[str, Sequence[CallSite]]) -> Iterable[CallSite]:
    for name in sorted(calls):
        yield from calls[name]


def _forwarders(
    functions: Sequence[FunctionDef], calls: Mapping[str, Sequence[CallSite]]
) -> dict[str, FunctionDef]:
    """The module's functions (by qualname) that call their one positional parameter with
    their ``*args`` and ``**kwargs``, to a fixed point."""
    candidates = {
        func.qualname: func
        for func in functions
        if func.kind == "function"
        and func.class_name is None
        and "." not in func.qualname
        and len(func.params) == 1
        and func.vararg
        and func.kwarg
    }
    if not candidates:
        return {}
    by_scope: dict[str, list[Call]] = {}
    for site in _every(calls):
        if site.scope in candidates:
            by_scope.setdefault(site.scope, []).append(site.call)
    found: dict[str, FunctionDef] = {}
    changed = True
    while changed:
        changed = False
        for qualname, func in candidates.items():
            if qualname in found:
                continue
            if any(_forwards(func, call, found) for call in by_scope.get(qualname, ())):
                found[qualname] = func
                changed = True
    return found


def _forwards(func: FunctionDef, call: Call, forwarders: Mapping[str, FunctionDef]) -> bool:
    """``fn(*args, **kwargs)``, or a runner or forwarder handed ``fn, *args, **kwargs``."""
    current: Call | None = call
    for _ in range(_DEPTH):
        if current is None:
            return False
        if current.callee == (func.params[0],):
            return _passes_all(func, current)
        current = _unwrapped(current, forwarders)
    return False


def _passes_all(func: FunctionDef, call: Call) -> bool:
    return (
        not call.keywords
        and len(call.args) == 1
        and isinstance(call.args[0], Starred)
        and isinstance(call.args[0].value, Ref)
        and call.args[0].value.path == (func.vararg,)
        and len(call.spreads) == 1
        and isinstance(call.spreads[0], Ref)
        and call.spreads[0].path == (func.kwarg,)
    )


def _unwrapped(call: Call, forwarders: Mapping[str, FunctionDef]) -> Call | None:
    """The call ``call`` makes of its first argument, when ``call`` is a runner's or a
    forwarder's and that argument is a name; None for any other."""
    runner = len(call.callee) >= 2 and call.callee[-1] in RUNNERS
    if not (runner or (len(call.callee) == 1 and call.callee[0] in forwarders)):
        return None
    if not call.args or not isinstance(call.args[0], Ref) or "?" in call.args[0].path:
        return None
    target = call.args[0]
    return Call(target.path, call.args[1:], call.keywords, call.spreads, call.pos)
