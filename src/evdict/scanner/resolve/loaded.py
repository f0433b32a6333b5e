"""A function loaded by name (Python): a loader returning ``getattr(importlib.import_module(
module), attribute)`` for the names it is given.

onyx's open-source code sends its events through Enterprise-Edition code it never
imports: ``fetch_versioned_implementation_with_fallback(module="onyx.utils.telemetry",
attribute="event_telemetry", fallback=noop_fallback)(distinct_id, event, props)``, the
loader returning ``fetch_versioned_implementation(module, attribute)``, which returns
``getattr(importlib.import_module(module_full), attribute)`` with ``module_full =
f"ee.{module}" if is_ee else module``. Evaluated with the call's literal arguments bound
to the parameters (through loaders calling loaders, four deep at most), the loader gives
the modules it imports in the order the code tries them (the choice's first option
first, then its other options and the later ``return`` statements: the fallback edition)
and the attribute; the call is the first of those functions the project defines
(``ee/onyx/utils/telemetry.py``'s ``event_telemetry``). A name the loader reads at run
time (a parameter given no literal, an environment variable) loads nothing.
"""

from __future__ import annotations

from itertools import product

from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    Choice,
    Expr,
    FString,
    FunctionDef,
    Ref,
    Str,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import Value, VFunc, VUnknown
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import Sentinel, bind

_MAX_DEPTH = 4
_MAX_NAMES = 8

Names = dict[str, tuple[str, ...]]
"""The strings each parameter of a loader may hold at one call."""


def loaded_function(
    values: Evaluator, module: Module, func: FunctionDef, call: Call
) -> Value | None:
    """The project function ``call`` of the loader ``func`` (of ``module``) gives, or a
    pending value while its module is not parsed; None when ``func`` loads no function
    by the literal names ``call`` gives."""
    given = _given(func, call, {}, module, values)
    for module_name, attribute in _loads(values, module, func, given, 0):
        found = values.attribute(values.module_value(module_name, module.name), attribute)
        if isinstance(found, VFunc) or (isinstance(found, VUnknown) and found.pending):
            return found
    return None


def _given(func: FunctionDef, call: Call, outer: Names, module: Module, values: Evaluator) -> Names:
    """The strings ``call`` passes each of ``func``'s parameters (a literal, or a
    parameter of the calling loader, ``outer``)."""
    args, _, _ = bind(func, call, False)
    return {
        param: texts
        for param, arg in args.items()
        if not isinstance(arg, Sentinel) and (texts := _texts(arg, outer, module, "", values, 0))
    }


def _loads(
    values: Evaluator, module: Module, func: FunctionDef, given: Names, depth: int
) -> list[tuple[str, str]]:
    """``(module, attribute)`` pairs ``func``'s ``return`` statements load, in order."""
    if depth > _MAX_DEPTH or not given:
        return []
    found: list[tuple[str, str]] = []
    for returned in module.names(func.qualname).get(RETURNED, []):
        if not isinstance(returned, Binding) or not isinstance(returned.value, Call):
            continue
        value = returned.value
        if value.callee == ("getattr",) and len(value.args) == 2:
            imported = value.args[0]
            if not (isinstance(imported, Call) and imported.callee[-1:] == ("import_module",)):
                continue
            if len(imported.args) != 1:
                continue
            names = _texts(imported.args[0], given, module, func.qualname, values, 0)
            attributes = _texts(value.args[1], given, module, func.qualname, values, 0)
            found.extend(product(names, attributes))
            continue
        loader = values.path_value(module, func.qualname, value.callee)
        if not isinstance(loader, VFunc) or loader.module not in values.modules:
            continue
        defining = values.modules[loader.module]
        inner = defining.functions.get(loader.qualname)
        if inner is not None:  # another loader, given this one's names
            passed = _given(inner, value, given, module, values)
            found.extend(_loads(values, defining, inner, passed, depth + 1))
    return list(dict.fromkeys(found))


def _texts(
    expr: Expr, given: Names, module: Module, scope: str, values: Evaluator, depth: int
) -> tuple[str, ...]:
    """The strings ``expr`` may be in ``scope``: a literal, a parameter's given strings,
    an f-string of those, each option of a choice, a local set once to one of those."""
    if depth > _MAX_DEPTH:
        return ()
    if isinstance(expr, Str):
        return (expr.value,)
    if isinstance(expr, Ref) and len(expr.path) == 1:
        name = expr.path[0]
        if name in given:
            return given[name]
        bound = module.names(scope).get(name, []) if scope else []
        if len(bound) == 1 and isinstance(bound[0], Binding):
            return _texts(bound[0].value, given, module, scope, values, depth + 1)
        return ()
    if isinstance(expr, Choice):
        options = [_texts(o, given, module, scope, values, depth + 1) for o in expr.options]
        return tuple(dict.fromkeys(t for each in options for t in each)) if all(options) else ()
    if isinstance(expr, FString) and expr.parts:
        parts = [_texts(p, given, module, scope, values, depth + 1) for p in expr.parts]
        if not all(parts) or len(list(product(*parts))) > _MAX_NAMES:
            return ()
        return tuple("".join(each) for each in product(*parts))
    return ()
