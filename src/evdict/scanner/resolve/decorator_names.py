"""Decorators that send the name of the function they decorate::

    def tracked(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            mp.track("anon", func.__name__, kwargs)
            return func(*args, **kwargs)
        return wrapper

    @tracked
    def export(path): ...

The decorator's own call names no event (its name is whichever function it wraps): it
is no tracking call. Each ``@tracked`` above a function is one, at the decorator's
line, named after that function (``export``). What else the call sends is the wrapped
call's (``kwargs``), not known where the decorator is written: those arguments are
read as unknown, so the properties stay partial.

A decorator factory's decorator is read the same way, each ``@factory(args)`` above a
function one call, the factory's parameters bound from that decorator call's arguments
(or their defaults)::

    def track_command(sub_command=None):
        def decorator(func):
            def wrapper(*args, **kwargs):
                name = f"{sub_command}:{func.__name__}" if sub_command is not None else func.__name__
                track_event(name, kwargs)
                ...

``@track_command("node")`` above ``def install`` is ``node:install``, ``@track_command()``
above ``def launch`` is ``launch``; an ``is (not) None`` test on an argument not known
there keeps the name dynamic. A local the wrapper sets once (``name``) is read as its value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from evdict.scanner.model import (
    Call,
    CallSite,
    Choice,
    Concat,
    Entry,
    Expr,
    FString,
    FunctionDef,
    Keyword,
    Literal,
    Mapping,
    Other,
    Position,
    Ref,
    Starred,
    Str,
)
from evdict.scanner.resolve.local_objects import local_value
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import VFunc, VLit, VStr
from evdict.scanner.resolve.values import Evaluator

Bound = dict[tuple[str, ...], Expr]
"""What a use of the decorator reads for a name or chain of the wrapper's call:
``func.__name__`` and the factory's parameters."""


def naming_decorator(module: Module, site: CallSite) -> FunctionDef | None:
    """The decorator whose inner function ``site`` is in, when the call passes the name
    of the decorator's function parameter (``func.__name__``) as it is, in a name built
    of it, or through a local set once to either; None for any other call."""
    decorator = module.functions.get(site.scope.rpartition(".")[0])
    if site.scope not in module.functions or decorator is None or not decorator.params:
        return None
    name_of = (decorator.params[0], "__name__")
    given = (*site.call.args, *(keyword.value for keyword in site.call.keywords))
    named = any(_names(local_value(module, site.scope, arg) or arg, name_of) for arg in given)
    return decorator if named else None


def decorator_factory(module: Module, decorator: FunctionDef) -> FunctionDef | None:
    """The function ``decorator`` is defined in (``track_command`` of
    ``track_command.decorator``), when it is a plain function: its uses are calls."""
    factory = module.functions.get(decorator.qualname.rpartition(".")[0])
    return factory if factory is not None and factory.kind == "function" else None


def decorated_names(
    values: Evaluator, module: Module, decorator: FunctionDef, site: CallSite
) -> Iterator[tuple[Module, CallSite]]:
    """Each use of ``decorator`` above a function (of its factory, when it has one), as
    ``site``'s call written at the decorator with the function's name where it reads
    ``func.__name__`` and the factory's arguments where it reads its parameters."""
    factory = decorator_factory(module, decorator)
    key = (module.name, (factory or decorator).qualname)
    name_of = (decorator.params[0], "__name__")
    call = site.call
    for owner, parent, func, used, pos in _uses(values, key, factory is not None):
        bound: Bound = {name_of: Str(func.name, pos)}
        if factory is not None and isinstance(used, Call):
            bound.update(_arguments(factory, used))

        args = [local_value(module, site.scope, arg) or arg for arg in call.args]
        given = [local_value(module, site.scope, k.value) or k.value for k in call.keywords]
        written = replace(
            call,
            args=tuple(_put(values, owner, parent, arg, bound, pos) for arg in args),
            keywords=tuple(
                Keyword(k.name, _put(values, owner, parent, value, bound, pos), pos)
                for k, value in zip(call.keywords, given, strict=True)
            ),
            spreads=(),
            pos=pos,
        )
        yield owner, CallSite(written, parent)


def _uses(
    values: Evaluator, key: tuple[str, str], called: bool
) -> Iterator[tuple[Module, str, FunctionDef, tuple[str, ...] | Call, Position]]:
    """The functions decorated by ``key`` (by a call of it when ``called``): the module,
    the scope they are defined in, the function, the decorator as written and where."""
    for owner in values.modules.values():
        for func in owner.facts.functions:
            parent = func.qualname.rpartition(".")[0]
            used: list[tuple[tuple[str, ...] | Call, Position]] = (
                [(c, c.pos) for c in func.decorator_calls]
                if called
                else list(zip(func.decorators, func.decorator_pos, strict=False))
            )
            for decorator, pos in used:
                path = decorator.callee if isinstance(decorator, Call) else decorator
                found = values.path_value(owner, parent, path)
                if isinstance(found, VFunc) and (found.module, found.qualname) == key:
                    yield owner, parent, func, decorator, pos


def _arguments(factory: FunctionDef, used: Call) -> Bound:
    """The factory's parameters as the decorator call binds them: its arguments, or a
    ``None`` or string default; a parameter past a ``*args`` is left unknown."""
    bound: Bound = {}
    for name in factory.none_defaults:
        bound[(name,)] = Literal(None, used.pos)
    for name, default in factory.str_defaults:
        bound[(name,)] = Str(default, used.pos)
    for name, arg in zip(factory.params, used.args, strict=False):
        if isinstance(arg, Starred):
            break
        bound[(name,)] = arg
    for keyword in used.keywords:
        bound[(keyword.name,)] = keyword.value
    if used.spreads or any(isinstance(arg, Starred) for arg in used.args):
        for name in (*factory.params, *factory.kwonly):
            bound.setdefault((name,), Other("decorated", used.pos))
    return bound


def _names(arg: Expr, name_of: tuple[str, ...]) -> bool:
    """``arg`` is ``func.__name__``, or a choice or a name built of it (not a dict's value:
    a fixed name sending the function's name as a property is one call)."""
    if isinstance(arg, Ref):
        return arg.path == name_of
    if isinstance(arg, Choice):
        return any(_names(option, name_of) for option in arg.options)
    if isinstance(arg, (FString, Concat)):
        return any(_names(part, name_of) for part in arg.parts)
    return False


def _put(
    values: Evaluator, owner: Module, scope: str, arg: Expr, bound: Bound, pos: Position
) -> Expr:
    """``arg`` as the decorator's use reads it: ``func.__name__`` the function's name, a
    factory parameter its argument, an ``is (not) None`` choice on a known argument the
    option it takes, names built of these rebuilt, literals and a dict of literal keys as
    written (its other values unknown), anything else (the wrapped call's ``kwargs``,
    the wrapper's locals) unknown."""
    if isinstance(arg, Ref) and arg.path in bound:
        return bound[arg.path]
    if isinstance(arg, (Str, Literal)):
        return arg
    if isinstance(arg, Choice):
        taken = _taken(values, owner, scope, arg, bound)
        if taken is not None:
            return _put(values, owner, scope, taken, bound, pos)
        options = tuple(_put(values, owner, scope, o, bound, pos) for o in arg.options)
        return replace(arg, options=options, pos=pos, none_test=None)
    if isinstance(arg, (FString, Concat)) and arg.parts:  # written at the decorator now
        parts = tuple(_put(values, owner, scope, part, bound, pos) for part in arg.parts)
        return replace(arg, parts=parts, pos=pos)
    if isinstance(arg, Mapping) and not arg.spreads:
        entries = tuple(
            Entry(
                entry.key,
                entry.value if isinstance(entry.value, (Str, Literal)) else Other("decorated", pos),
            )
            for entry in arg.entries
            if isinstance(entry.key, Str)
        )
        if len(entries) == len(arg.entries):
            return replace(arg, entries=entries)
    return Other("decorated", pos)


def _taken(
    values: Evaluator, owner: Module, scope: str, choice: Choice, bound: Bound
) -> Expr | None:
    """The option of ``a if p is not None else b`` the use takes, ``p`` bound to a value
    known there (a string, a literal, ``None``); None when the test cannot be decided."""
    if choice.none_test is None or choice.none_test[0] not in bound:
        return None
    path, if_set = choice.none_test
    value = values.expr_value(owner, scope, bound[path])
    if not isinstance(value, (VStr, VLit)):
        return None
    is_set = not (isinstance(value, VLit) and value.value is None)
    return choice.options[0] if is_set == if_set else choice.options[1]
