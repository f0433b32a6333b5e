"""Python expressions (``ast``) -> evdict's neutral :class:`~evdict.scanner.model.Expr` facts.

Strings, f-strings and ``+`` concatenations, numbers, names and attribute paths,
``x["key"]`` items, ``or`` and ``a if c else b`` as choices, dicts, ``dict(...)`` and
copies of a dict (``copy.deepcopy``, a JSON round trip) as mappings, calls with their
arguments. Reading an expression records nothing: the
statement walk (:mod:`~evdict.scanner.frontends.py_statements`) decides what it binds.
"""

from __future__ import annotations

import ast
import itertools

from evdict.scanner.frontends.py_nodes import Columns, dotted
from evdict.scanner.model import (
    Call,
    Choice,
    Concat,
    Entry,
    Expr,
    FString,
    Item,
    Items,
    Keyword,
    Literal,
    Lookup,
    Mapping,
    Other,
    Position,
    Ref,
    Starred,
    Str,
)

_MAX_DEPTH = 6
_MAX_ITEMS = 25


class Expressions:
    """Reads the expression nodes of one file, with positions in characters (:class:`Columns`)."""

    def __init__(self, columns: Columns) -> None:
        self.pos = columns.pos

    def call_expr(self, node: ast.Call, callee: tuple[str, ...], depth: int) -> Call:
        args = tuple(
            Starred(self.expr(arg.value, depth + 1), self.pos(arg))
            if isinstance(arg, ast.Starred)
            else self.expr(arg, depth + 1)
            for arg in node.args
        )
        keywords = tuple(
            Keyword(keyword.arg, self.expr(keyword.value, depth + 1), self.pos(keyword))
            for keyword in node.keywords
            if keyword.arg is not None
        )
        spreads = tuple(
            self.expr(keyword.value, depth + 1) for keyword in node.keywords if keyword.arg is None
        )
        return Call(callee, args, keywords, spreads, self.pos(node))

    def expr(self, node: ast.expr, depth: int = 0) -> Expr:
        pos = self.pos(node)
        if depth > _MAX_DEPTH:
            return Other("nested", pos)
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, str):
                return Str(value, pos)
            if value is None or isinstance(value, (bool, int, float)):
                return Literal(value, pos)
            return Other(type(value).__name__, pos)
        if isinstance(node, (ast.Name, ast.Attribute)):
            path = dotted(node)
            return Ref(path, pos) if path else Other("attribute", pos)
        if isinstance(node, ast.JoinedStr):
            return self.fstring(node, pos, depth)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.concat(node, pos, depth)
        if isinstance(node, ast.IfExp):
            options = (
                *_options(self.expr(node.body, depth + 1)),
                *_options(self.expr(node.orelse, depth + 1)),
            )
            return Choice(options, pos, _none_test(node.test) if len(options) == 2 else None)
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            return Choice(tuple(self.expr(value, depth + 1) for value in node.values), pos)
        if isinstance(node, ast.Dict):
            return self.mapping(node, pos, depth)
        if isinstance(node, ast.DictComp):
            return self.comprehension(node, pos, depth)
        if isinstance(node, ast.Call):
            callee = dotted(node.func, allow_opaque=True) or ("?",)
            if callee == ("dict",):
                return self.dict_call(node, pos, depth)
            copied = _copied(node, callee)
            if copied is not None:  # the same keys: ``json.loads(json.dumps(props))``
                return Mapping((), (self.expr(copied, depth + 1),), pos)
            if callee == ("str",) and len(node.args) == 1 and not node.keywords:
                # ``str(event.action)``: what the object's ``__str__`` gives (values.py)
                path = dotted(node.args[0])
                if path:
                    return Ref((*path, "__str__"), pos)
            return self.call_expr(node, callee, depth)
        if isinstance(node, ast.Subscript):
            base = dotted(node.value)
            key = node.slice
            if base and isinstance(key, ast.Constant) and isinstance(key.value, str):
                return Item(base, key.value, pos)
            if base and not isinstance(key, ast.Slice):
                return Lookup(base, pos)
            return Other("subscript", pos)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [self.expr(element, depth + 1) for element in node.elts]
            values = [item.value for item in items if isinstance(item, (Str, Literal))]
            if len(values) == len(items):
                return Literal(values, pos)
            # The elements are kept for a preset reading into them (GA4's ``"events":
            # [{"name": ..., "params": ...}]``, 25 at most per request); a longer list is data.
            return Other("list", pos, tuple(items) if len(items) <= _MAX_ITEMS else ())
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = node.operand
            number = operand.value if isinstance(operand, ast.Constant) else None
            if isinstance(number, (int, float)) and not isinstance(number, bool):
                return Literal(-number if isinstance(node.op, ast.USub) else number, pos)
        if isinstance(node, ast.Compare):
            return Other("comparison", pos)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return Other("not", pos)
        return Other(type(node).__name__.lower(), pos)

    def returned(self, node: ast.expr) -> Expr:
        """A returned value; a tuple of other than literals keeps its items (:class:`Items`)."""
        value = self.expr(node)
        if isinstance(node, ast.Tuple) and not isinstance(value, Literal):
            return Items(tuple(self.expr(item, 1) for item in node.elts), value.pos)
        return value

    def fstring(self, node: ast.JoinedStr, pos: Position, depth: int) -> Expr:
        parts: list[Expr] = []
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(Str(value.value, pos))
            elif isinstance(value, ast.FormattedValue) and _plain(value):
                parts.append(self.expr(value.value, depth + 1))
            else:  # ``{x!r}``, ``{x:>10}``: not the value's own text
                parts.append(Other("format", pos))
        texts = list(itertools.takewhile(lambda part: isinstance(part, Str), parts))
        prefix = "".join(part.value for part in texts if isinstance(part, Str))
        if len(texts) == len(parts):
            return Str(prefix, pos)
        return FString(prefix, pos, tuple(parts))

    def concat(self, node: ast.BinOp, pos: Position, depth: int) -> Expr:
        parts: list[Expr] = []
        for operand in (node.left, node.right):
            part = self.expr(operand, depth + 1)
            parts.extend(part.parts if isinstance(part, Concat) else (part,))
        texts = [part.value for part in parts if isinstance(part, Str)]
        if len(texts) == len(parts):
            return Str("".join(texts), pos)
        return Concat(tuple(parts), pos)

    def mapping(self, node: ast.Dict, pos: Position, depth: int) -> Mapping:
        entries: list[Entry] = []
        spreads: list[Expr] = []
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                spreads.append(self.expr(value, depth + 1))
            else:
                entries.append(Entry(self.expr(key, depth + 1), self.expr(value, depth + 1)))
        return Mapping(tuple(entries), tuple(spreads), pos)

    def comprehension(self, node: ast.DictComp, pos: Position, depth: int) -> Expr:
        """``{key: value for key in ["a", "b"]}``: a mapping of those keys (each value what
        the comprehension's is, read once); ``{k: v for k, v in d.items() if k != "name"}``:
        ``d`` spread in, the keys its condition leaves out omitted; any other is data."""
        keys = _literal_keys(node)
        if keys is not None:
            value = self.expr(node.value, depth + 1)
            return Mapping(tuple(Entry(Str(key, pos), value) for key in keys), (), pos)
        copied = _filtered_copy(node)
        if copied is None:
            return Other("dictcomp", pos)
        source, omitted = copied
        return Mapping((), (self.expr(source, depth + 1),), pos, omitted)

    def dict_call(self, node: ast.Call, pos: Position, depth: int) -> Mapping:
        entries = tuple(
            Entry(Str(keyword.arg, self.pos(keyword)), self.expr(keyword.value, depth + 1))
            for keyword in node.keywords
            if keyword.arg is not None
        )
        spreads = (
            *(self.expr(arg, depth + 1) for arg in node.args),
            *(self.expr(kw.value, depth + 1) for kw in node.keywords if kw.arg is None),
        )
        return Mapping(entries, tuple(spreads), pos)


def _literal_keys(node: ast.DictComp) -> tuple[str, ...] | None:
    """The keys of a comprehension that is its loop variable over a list, tuple or set of
    strings written there, with no condition; None for any other."""
    if len(node.generators) != 1:
        return None
    loop = node.generators[0]
    if loop.ifs or loop.is_async or not isinstance(loop.target, ast.Name):
        return None
    if not (isinstance(node.key, ast.Name) and node.key.id == loop.target.id):
        return None
    if not isinstance(loop.iter, (ast.List, ast.Tuple, ast.Set)):
        return None
    keys = [element.value for element in loop.iter.elts if isinstance(element, ast.Constant)]
    if len(keys) != len(loop.iter.elts) or not all(isinstance(key, str) for key in keys):
        return None
    return tuple(str(key) for key in keys)


def _filtered_copy(node: ast.DictComp) -> tuple[ast.expr, tuple[str, ...]] | None:
    """``{k: v for k, v in d.items() if k != "a"}`` (or ``if k not in ("a", "b")``, or no
    condition): ``d`` and the keys left out; None for any other comprehension."""
    if len(node.generators) != 1:
        return None
    loop = node.generators[0]
    target, source = loop.target, loop.iter
    if loop.is_async or not (isinstance(target, ast.Tuple) and len(target.elts) == 2):
        return None
    key, value = target.elts
    if not (isinstance(key, ast.Name) and isinstance(value, ast.Name)):
        return None
    if not (isinstance(node.key, ast.Name) and node.key.id == key.id):
        return None
    if not (isinstance(node.value, ast.Name) and node.value.id == value.id):
        return None
    if not (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute)):
        return None
    if source.func.attr != "items" or source.args or source.keywords:
        return None
    omitted: list[str] = []
    for test in loop.ifs:
        left_out = _left_out_keys(test, key.id)
        if left_out is None:
            return None
        omitted.extend(left_out)
    return source.func.value, tuple(omitted)


def _left_out_keys(test: ast.expr, key: str) -> tuple[str, ...] | None:
    """The strings ``key != "a"`` or ``key not in ("a", "b")`` leaves out; None for any
    other condition."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and len(test.comparators) == 1):
        return None
    if not (isinstance(test.left, ast.Name) and test.left.id == key):
        return None
    op, right = test.ops[0], test.comparators[0]
    if isinstance(op, ast.NotEq):
        written = [right]
    elif isinstance(op, ast.NotIn) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
        written = list(right.elts)
    else:
        return None
    strings = [e.value for e in written if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return tuple(strings) if len(strings) == len(written) else None


_COPIES = frozenset({("copy", "copy"), ("copy", "deepcopy")})


def _own_copy(node: ast.Call) -> bool:
    """``x.copy()`` with no argument, ``x`` a name or attribute chain (a dict's own shallow
    copy; a ``copy`` taking arguments is some other object's)."""
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "copy"
        and not node.args
        and not node.keywords
        and bool(dotted(func.value))
    )


def _copied(node: ast.Call, callee: tuple[str, ...]) -> ast.expr | None:
    """What a copy of a dict is made of: ``copy.copy(x)``, ``copy.deepcopy(x)``, the
    dict's own ``x.copy()`` (:func:`_own_copy`), and the JSON round trip
    ``json.loads(json.dumps(x, sort_keys=True))`` (keys sorted, the same keys); None for
    any other call."""
    if isinstance(node.func, ast.Attribute) and _own_copy(node):
        return node.func.value
    if len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
        return None
    if callee in _COPIES:
        return node.args[0]
    inner = node.args[0]
    if (
        callee == ("json", "loads")
        and isinstance(inner, ast.Call)
        and dotted(inner.func) == ("json", "dumps")
        and inner.args
        and not isinstance(inner.args[0], ast.Starred)
    ):
        return inner.args[0]
    return None


def _options(expr: Expr) -> tuple[Expr, ...]:
    return expr.options if isinstance(expr, Choice) else (expr,)


def _none_test(test: ast.expr) -> tuple[tuple[str, ...], bool] | None:
    """``p is not None`` -> ``(p, True)``, ``p is None`` -> ``(p, False)`` for a name or
    attribute chain ``p``; None for any other test (a reader cannot pick an option)."""
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Is, ast.IsNot))
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        return None
    path = dotted(test.left)
    return (path, isinstance(test.ops[0], ast.IsNot)) if path else None


def _plain(value: ast.FormattedValue) -> bool:
    """A placeholder that writes its value as it is (no conversion, no format spec)."""
    return value.conversion == -1 and value.format_spec is None
