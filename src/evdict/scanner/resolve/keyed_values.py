"""JS strings read by a known key or through a case method, and JS locals written more
than once read at one place (:func:`~evdict.scanner.resolve.reaching.reached_value`).

``Step[step]`` of a numeric TS enum is a member's name (the reverse mapping the front end
records as TypeScript compiles it); ``name.toLowerCase()`` / ``.toUpperCase()`` of a known
string is that string in that case. A wrapper building its name of
``Step[step].toLowerCase()`` gives each caller the table of what each value of ``step``
names (:func:`keyed_table`), read at the caller's call (:data:`~evdict.scanner.sinks.KEYED`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from evdict.scanner.model import Binding, Call, Expr, Lookup, Mapping, Other, Ref, Str
from evdict.scanner.resolve.reaching import reached_value
from evdict.scanner.resolve.value_types import Value, VClass, VDict, VLit, VStr, VUnknown
from evdict.scanner.sinks import KEYED, SPREAD_KEY

if TYPE_CHECKING:
    from evdict.scanner.resolve.project import Module
    from evdict.scanner.resolve.values import Evaluator

_CASES: dict[str, Callable[[str], str]] = {"toLowerCase": str.lower, "toUpperCase": str.upper}


def keyed_value(values: Evaluator, module: Module, scope: str, expr: Expr) -> Value | None:
    """The string a case method, a numeric key of a class (an enum's reverse mapping) or
    a wrapper's :data:`KEYED` table gives; None when ``expr`` is none of these (the
    evaluator reads it), VUnknown when it is one whose text is not known. A local written
    more than once: the value of the write that reaches ``expr``, if one does."""
    if module.facts.language == "python":
        return None
    if isinstance(expr, Ref):
        return reached_value(values, module, scope, expr)
    if isinstance(expr, Call) and expr.callee and expr.callee[-1] in _CASES and not expr.args:
        receiver = expr.receiver
        if receiver is None and len(expr.callee) > 1 and "?" not in expr.callee:
            receiver = Ref(expr.callee[:-1], expr.pos)  # ``name.toLowerCase()``
        value = values.expr_value(module, scope, receiver) if receiver is not None else None
        if isinstance(value, VStr):
            return VStr(_CASES[expr.callee[-1]](value.value))
        return None
    if isinstance(expr, Lookup) and expr.key is not None:
        key = _int_key(values.expr_value(module, scope, expr.key))
        base = values.path_value(module, scope, expr.base)
        if key is None or not isinstance(base, VClass):
            return None
        found = values.class_attribute(base, key, False, set())
        return found if isinstance(found, VStr) else VUnknown(f"no member valued {key}")
    if isinstance(expr, Other) and expr.kind == SPREAD_KEY and len(expr.items) == 2:
        return _spread_key(values, module, scope, expr.items)
    if isinstance(expr, Other) and expr.kind == KEYED and len(expr.items) == 2:
        key = _int_key(values.expr_value(module, scope, expr.items[0]))
        table = expr.items[1]
        for entry in table.entries if isinstance(table, Mapping) else ():
            if key is not None and isinstance(entry.key, Str) and entry.key.value == key:
                return values.expr_value(module, scope, entry.value)
        return VUnknown("a name read by a value not known here")
    return None


def keyed_table(
    values: Evaluator, module: Module, scope: str, part: Expr, params: set[str]
) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """``Step[step].toLowerCase()`` of a parameter ``step`` and a numeric enum ``Step``:
    the parameter and what each of its values names, the member's name in that case;
    None for any other part."""
    case: Callable[[str], str] = str
    if isinstance(part, Call) and part.receiver is not None and not part.args:
        case = _CASES.get(part.callee[-1], case)
        part = part.receiver if part.callee[-1] in _CASES else part
    if not isinstance(part, Lookup) or not isinstance(part.key, Ref):
        return None
    param = part.key.path[0]
    base = values.path_value(module, scope, part.base)
    if len(part.key.path) != 1 or param not in params or not isinstance(base, VClass):
        return None
    defining = values.modules[base.module]
    table = [
        (name, case(each.value.value))
        for name, found in defining.names(base.qualname).items()
        for each in found
        if _number(name) is not None and isinstance(each, Binding) and isinstance(each.value, Str)
    ]
    return (param, tuple(table)) if table else None


def _number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _int_key(value: Value) -> str | None:
    """A key as JS writes a number it reads by (``Step[3]`` reads ``Step["3"]``)."""
    if isinstance(value, VLit) and type(value.value) is int:
        return str(value.value)
    return None


def _spread_key(
    values: Evaluator, module: Module, scope: str, items: tuple[Expr, ...]
) -> Value | None:
    """The key (``items[1]``) an object sets only through its spreads (``items[0]``): the
    last spread's that sets it, when each spread after it is an object whose keys are
    known (an object literal, a constant object) and does not; unknown otherwise (a
    parameter spread in may set it)."""
    spreads, key = items
    if not isinstance(spreads, Mapping) or not isinstance(key, Str):
        return None
    for spread in reversed(spreads.spreads):
        inner = values.expr_value(module, scope, spread)
        if isinstance(inner, VDict):
            found = values.item(inner, key.value)
            if found != no_key(key.value):
                return found
            continue
        if not isinstance(inner, VClass) or module.facts.language == "python":
            return VUnknown(inner.reason if isinstance(inner, VUnknown) else "a spread object")
        owner = values.modules.get(inner.module)
        members = owner.names(inner.qualname) if owner is not None else {}
        cls = owner.classes.get(inner.qualname) if owner is not None else None
        if cls is None or key.value in members:
            return values.attribute(inner, key.value)
        if cls.bases:
            return VUnknown("a spread object")
    return VUnknown(f"no spread sets key '{key.value}'")


def no_key(key: str) -> VUnknown:
    """What :meth:`~evdict.scanner.resolve.values.Evaluator.item` gives for a key a dict
    literal does not write."""
    return VUnknown(f"no key '{key}' in the dict")
