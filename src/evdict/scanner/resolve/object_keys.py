"""The keys of an object a JS/TS call's properties name instead of writing it in place:
a module's constant object (``const BASE = {app: "web"}``, imported too) or the object
a project function returns (``return {plan, seats}``), passed as the properties or
spread into them (``{...BASE, step: 1}``); a local set once to a choice of such objects
(``const event = up ? Events.Upgrade : Events.Downgrade``) sends the keys of each.

Only the keys the object literal itself writes are read: a key set on the constant
elsewhere (``BASE.extra = 1`` in some function) may or may not be there when the event
is sent, so it is not reported. The object's values are read as literals only when
written as one (a name in it means something in its own scope, not the caller's).
"""

from __future__ import annotations

from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    Choice,
    ClassDef,
    Entry,
    Expr,
    FunctionDef,
    Literal,
    Mapping,
    Other,
    Position,
    Ref,
    Starred,
    Str,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.reaching import local_bound
from evdict.scanner.resolve.value_types import VClass, VDict, VFunc, VStr
from evdict.scanner.resolve.values import Evaluator


def named_object(values: Evaluator, module: Module, scope: str, arg: object) -> Mapping | None:
    """The keys of the object ``arg`` names, as a mapping written where ``arg`` is (an
    object of another module keeps no position of its own here); None when ``arg``
    names no object whose keys can be listed."""
    if module.facts.language == "python" or not isinstance(arg, (Ref, Call)):
        return None
    bound = local_bound(module, scope, arg)
    if len(bound) == 1 and isinstance(bound[0], Binding) and isinstance(bound[0].value, Choice):
        return _chosen_object(values, module, scope, bound[0].value, arg)
    value = values.expr_value(module, scope, arg)
    if isinstance(value, VDict) and not value.mapping.spreads:
        defining = values.modules.get(value.module)
        keys = _dict_keys(values, defining, value.scope, value.mapping) if defining else None
        written_in = value.scope
    elif isinstance(value, VClass):
        defining = values.modules.get(value.module)
        keys = _namespace_keys(defining, value.qualname) if defining else None
        written_in = value.qualname.rpartition(".")[0]
    else:
        return None
    if defining is None or not keys:
        return None
    if isinstance(arg, Call):
        left_out = _left_out(values, module, scope, arg, defining, written_in)
        keys = [key for key in keys if not (isinstance(key[1], Ref) and key[1].path in left_out)]
    here = defining.name == module.name
    entries = tuple(
        Entry(Str(name, pos if here else arg.pos), _shown(value_expr, pos if here else arg.pos))
        for name, value_expr, pos in keys
    )
    return Mapping(entries, (), arg.pos)


def _chosen_object(
    values: Evaluator, module: Module, scope: str, choice: Choice, arg: Ref | Call
) -> Mapping | None:
    """The keys of each object a local set to a choice of them may hold (every option
    must name one whose keys are listed: an option not known leaves all unknown)."""
    objects = [named_object(values, module, scope, option) for option in choice.options]
    entries: dict[str, Entry] = {}
    for found in objects:
        if found is None:
            return None
        for entry in found.entries:
            if isinstance(entry.key, Str):
                entries.setdefault(entry.key.value, entry)
    return Mapping(tuple(entries.values()), (), arg.pos) if entries else None


def _left_out(
    values: Evaluator, module: Module, scope: str, call: Call, defining: Module, qualname: str
) -> frozenset[tuple[str, ...]]:
    """The parameters of the function ``qualname`` (which returns the object) that
    ``call`` leaves out and that have no default, as names: ``undefined`` in its body,
    so a key holding one is no key once sent (JSON drops it). Empty when the call is of
    another function or its arguments' count is not known."""
    if any(isinstance(arg, Starred) for arg in call.args) or call.keywords or call.spreads:
        return frozenset()
    callee = values.expr_value(module, scope, Ref(call.callee, call.pos))
    func = defining.functions.get(qualname)
    if not isinstance(callee, VFunc) or func is None or func.vararg is not None:
        return frozenset()
    if (callee.module, callee.qualname) != (defining.name, qualname):
        return frozenset()
    params = func.bound_params if callee.bound else func.params
    rebound = defining.names(qualname)  # ``error = error ?? "none"`` in the body
    return frozenset(
        (param,)
        for param in params[len(call.args) :]
        if param not in func.defaults and param not in rebound
    )


def _dict_keys(
    values: Evaluator, module: Module, scope: str, mapping: Mapping
) -> list[tuple[str, Expr, Position]]:
    """An object literal's keys (a computed one by the constant it names)."""
    keys = []
    for entry in mapping.entries:
        key = entry.key
        name = key.value if isinstance(key, Str) else None
        if name is None:
            constant = values.expr_value(module, scope, key)
            name = constant.value if isinstance(constant, VStr) else None
        if name is not None:
            keys.append((name, entry.value, key.pos))
    return keys


def _namespace_keys(module: Module, qualname: str) -> list[tuple[str, Expr, Position]] | None:
    """A constant object's keys as its literal writes them (the JS front end records it
    as a class of constants whose members are bindings and nested ones); None for a
    class, an enum or an object of functions, whose keys are no properties."""
    parent, _, name = qualname.rpartition(".")
    defined = module.names(parent).get(name, [])
    # Not one of two ``props`` here; but the objects a function returns from several
    # ``return``s (``if (!page) return {}; return {app_page: page}``) are each what the
    # call may give: a key any of them writes is listed.
    returned = name == RETURNED and all(
        isinstance(each, ClassDef) and each.literal for each in defined
    )
    declared = defined if len(defined) == 1 or returned else []
    if not declared or not all(isinstance(each, ClassDef) and each.literal for each in declared):
        return None
    keys = []
    for key, members in module.names(qualname).items():
        if any(isinstance(member, FunctionDef) for member in members):
            return None
        written = [m for m in members if any(_within(m.pos, each.pos) for each in declared)]
        if written and isinstance(written[0], Binding):
            keys.append((key, written[0].value, written[0].pos))
        elif written and isinstance(written[0], ClassDef):
            keys.append((key, Other("object", written[0].pos), written[0].pos))
    return keys


def _within(inner: Position, outer: Position) -> bool:
    return outer[:2] <= inner[:2] and inner[2:] <= outer[2:]


def _shown(value: Expr, pos: Position) -> Expr:
    """A value as the caller may read it: a literal, or a value not known there."""
    return value if isinstance(value, (Str, Literal)) else Other("value", pos)
