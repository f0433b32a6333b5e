"""A key of the dict a helper of the module returns, read at the helper's call.

Products posting an analytics API with no SDK build the request body in a helper and
post what it returns (reflex's telemetry)::

    def _prepare_event(event, *, properties=None, **kwargs):
        event_data = get_event_defaults()
        if not event_data:
            return None
        ...
        return cast("_Event", {"api_key": ..., "event": event, "properties": merged})

    def _send(event, telemetry_enabled, *, properties=None, **kwargs):
        event_data = _prepare_event(event, properties=properties, **kwargs)
        ...
        return _send_event(event_data)   # posts event_data; its "event" is the name

``event_data["event"]`` in ``_send`` is the helper's parameter ``event`` as the call
passes it: ``_send``'s own ``event``, so ``_send`` passes its parameter on as the event.
Read so only when it is exact: the helper is a plain function of the module, every dict
it returns (``None`` aside; ``typing.cast(T, x)`` read as ``x``) sets the key to the same
parameter, and the call passes that parameter by position or keyword, never through
``*args``/``**kwargs``. Unlike :mod:`~evdict.scanner.resolve.helper_return`, the helper
may read locals of its own: only the one key is read.
"""

from __future__ import annotations

from evdict.scanner.model import RETURNED, Binding, Call, Expr, Literal, Mapping, Ref, Starred, Str
from evdict.scanner.resolve.project import Module

_CASTS = frozenset({("cast",), ("typing", "cast")})


def returned_key(module: Module, value: Expr, key: str) -> Expr | None:
    """The argument of ``value`` (a call of a plain function of ``module``) that the
    key ``key`` of every dict the function returns is set to; None for anything else."""
    if not (isinstance(value, Call) and len(value.callee) == 1):
        return None
    func = module.functions.get(value.callee[0])
    if func is None or func.kind != "function" or func.class_name is not None:
        return None
    params: set[str] = set()
    for returned in module.names(func.qualname).get(RETURNED, []):
        if not isinstance(returned, Binding):
            return None
        mapping = _uncast(returned.value)
        if isinstance(mapping, Literal) and mapping.value is None:
            continue
        param = _keyed_param(mapping, key)
        if param is None:
            return None
        params.add(param)
    if len(params) != 1:
        return None
    (param,) = params
    return _argument(func.params, value, param)


def _uncast(value: Expr) -> Expr:
    """``cast("_Event", {...})`` -> the dict."""
    if isinstance(value, Call) and value.callee in _CASTS and len(value.args) == 2:
        return value.args[1]
    return value


def _keyed_param(mapping: Expr, key: str) -> str | None:
    """The name a dict literal sets ``key`` to, when it is a bare name."""
    if not isinstance(mapping, Mapping):
        return None
    values = [
        entry.value
        for entry in mapping.entries
        if isinstance(entry.key, Str) and entry.key.value == key
    ]
    if len(values) != 1 or not isinstance(values[0], Ref) or len(values[0].path) != 1:
        return None
    return values[0].path[0]


def _argument(params: tuple[str, ...], call: Call, param: str) -> Expr | None:
    """What ``call`` passes as ``param``: its keyword, else its position (None past a
    ``*args``, or when not passed)."""
    for keyword in call.keywords:
        if keyword.name == param:
            return keyword.value
    if param not in params:
        return None
    index = params.index(param)
    passed = call.args[: index + 1]
    if len(passed) <= index or any(isinstance(arg, Starred) for arg in passed):
        return None
    return passed[index]
