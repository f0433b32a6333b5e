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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from evdict.scanner.model import (
    Call,
    CallSite,
    Entry,
    Expr,
    FunctionDef,
    Keyword,
    Literal,
    Mapping,
    Other,
    Ref,
    Str,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import VFunc
from evdict.scanner.resolve.values import Evaluator


def naming_decorator(module: Module, site: CallSite) -> FunctionDef | None:
    """The decorator whose inner function ``site`` is in, when the call passes the name
    of the decorator's function parameter (``func.__name__``) as it is; None for any
    other call."""
    decorator = module.functions.get(site.scope.rpartition(".")[0])
    if site.scope not in module.functions or decorator is None or not decorator.params:
        return None
    name_of = (decorator.params[0], "__name__")
    given = (*site.call.args, *(keyword.value for keyword in site.call.keywords))
    return decorator if any(isinstance(arg, Ref) and arg.path == name_of for arg in given) else None


def decorated_names(
    values: Evaluator, module: Module, decorator: FunctionDef, call: Call
) -> Iterator[tuple[Module, CallSite]]:
    """Each use of ``decorator`` above a function, as ``call`` written at the decorator
    with the function's name where ``call`` reads ``func.__name__``."""
    key = (module.name, decorator.qualname)
    name_of = (decorator.params[0], "__name__")
    for owner in values.modules.values():
        for func in owner.facts.functions:
            parent = func.qualname.rpartition(".")[0]
            for path, pos in zip(func.decorators, func.decorator_pos, strict=False):
                found = values.path_value(owner, parent, path)
                if not (isinstance(found, VFunc) and (found.module, found.qualname) == key):
                    continue
                named = Str(func.name, pos)

                written = replace(
                    call,
                    args=tuple(_put(arg, name_of, named) for arg in call.args),
                    keywords=tuple(
                        Keyword(keyword.name, _put(keyword.value, name_of, named), pos)
                        for keyword in call.keywords
                    ),
                    spreads=(),
                    pos=pos,
                )
                yield owner, CallSite(written, parent)


def _put(arg: Expr, name_of: tuple[str, ...], named: Str) -> Expr:
    """``arg`` as the decorator's use reads it: ``func.__name__`` the function's name,
    literals and a dict of literal keys as written (its other values unknown), anything
    else (the wrapped call's ``kwargs``, the wrapper's locals) unknown."""
    if isinstance(arg, Ref) and arg.path == name_of:
        return named
    if isinstance(arg, (Str, Literal)):
        return arg
    if isinstance(arg, Mapping) and not arg.spreads:
        entries = tuple(
            Entry(
                entry.key,
                entry.value
                if isinstance(entry.value, (Str, Literal))
                else Other("decorated", named.pos),
            )
            for entry in arg.entries
            if isinstance(entry.key, Str)
        )
        if len(entries) == len(arg.entries):
            return replace(arg, entries=entries)
    return Other("decorated", named.pos)
