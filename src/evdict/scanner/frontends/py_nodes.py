"""Reading the ``ast`` nodes of one Python file: positions in characters, dotted names,
and the class an annotation names.

``ast`` columns are UTF-8 *byte* offsets; they become character columns here
(:class:`Columns`), so every later layer counts characters.
"""

from __future__ import annotations

import ast
import re

from evdict.scanner.model import ELEMENTS, RETURNED, Position

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Columns:
    """UTF-8 byte offsets (what ``ast`` gives) -> 1-based character columns."""

    def __init__(self, text: str) -> None:
        self._ascii = text.isascii()
        self._text = text
        self._lines: list[bytes] | None = None

    def column(self, line: int, offset: int) -> int:
        if self._ascii:
            return offset + 1
        if self._lines is None:
            self._lines = [part.encode("utf-8") for part in _LINE_BREAK.split(self._text)]
        if not 0 < line <= len(self._lines):
            return offset + 1
        return len(self._lines[line - 1][:offset].decode("utf-8", errors="replace")) + 1

    def pos(self, node: ast.AST) -> Position:
        """Where ``node`` is: ``(line, column, end line, end column)``, columns in characters."""
        line: int = getattr(node, "lineno", 1)
        end_line: int = getattr(node, "end_lineno", None) or line
        column = self.column(line, getattr(node, "col_offset", 0))
        end_offset = getattr(node, "end_col_offset", None)
        end_column = self.column(end_line, end_offset) if end_offset is not None else column
        return (line, column, end_line, end_column)


def _unwrapped(node: ast.expr) -> ast.expr | None:
    """An annotation without its quotes, ``| None`` or ``Optional[...]``: ``"X"``,
    ``X | None`` and ``Optional[X]`` are ``X``; None for a string that does not parse
    or a union of two types."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return _unwrapped(ast.parse(node.value.strip(), mode="eval").body)
        except (SyntaxError, ValueError, RecursionError):
            return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        for side, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, ast.Constant) and other.value is None:
                return _unwrapped(side)
        return None
    if isinstance(node, ast.Subscript) and dotted(node.value)[-1:] == ("Optional",):
        return _unwrapped(node.slice)
    return node


def annotated_class(node: ast.expr) -> tuple[str, ...]:
    """The class a parameter's annotation names: ``Mixpanel``, ``"mixpanel.Mixpanel"``,
    ``Posthog | None``, ``Optional[Posthog]``; ``()`` for anything else."""
    bare = _unwrapped(node)
    return () if bare is None else dotted(bare)


_COLLECTIONS = frozenset(
    (
        *("list", "List", "Sequence", "MutableSequence", "Iterable", "Iterator", "Collection"),
        *("set", "Set", "frozenset", "FrozenSet", "AbstractSet", "tuple", "Tuple"),
    )
)


def item_class(node: ast.expr) -> tuple[str, ...]:
    """The class of the items of a collection an annotation names: ``list[P]``,
    ``Sequence[P]``, ``Iterable[P] | None``, ``tuple[P, ...]``; ``()`` for anything else."""
    bare = _unwrapped(node)
    if not isinstance(bare, ast.Subscript):
        return ()
    if dotted(bare.value)[-1:] not in {(name,) for name in _COLLECTIONS}:
        return ()
    items = bare.slice
    if isinstance(items, ast.Tuple):  # ``tuple[P, ...]`` only: one class for every item
        if len(items.elts) != 2 or not (
            isinstance(items.elts[1], ast.Constant) and items.elts[1].value is Ellipsis
        ):
            return ()
        items = items.elts[0]
    return annotated_class(items)


def string_names(call: ast.Call) -> list[str]:
    """The last part of each string a call is given, but an empty one
    (``fetch_implementation(module="app.telemetry", attribute="send")``: ``telemetry``,
    ``send``): the names a function it loads by name may have."""
    given = [*call.args, *(keyword.value for keyword in call.keywords)]
    texts = [v.value for v in given if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    return [name for text in texts if (name := text.rpartition(".")[2])]


def dotted(node: ast.expr, allow_opaque: bool = False) -> tuple[str, ...]:
    """``a.b.c`` -> ``("a", "b", "c")``; with ``allow_opaque`` a base that is not a name
    becomes ``"?"`` (``client().track`` -> ``("?", "track")``); else ``()``."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif allow_opaque:
        parts.append("?")
    else:
        return ()
    return tuple(reversed(parts))


def returns_instance_of(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The parameter annotated ``Type[T]`` (``type[T]``) of a function annotated to
    return ``T``: a call returns an instance of the class it is given."""
    if not isinstance(node.returns, ast.Name):
        return None
    for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
        annotation = arg.annotation
        if (
            isinstance(annotation, ast.Subscript)
            and dotted(annotation.value)[-1:] in (("Type",), ("type",))
            and isinstance(annotation.slice, ast.Name)
            and annotation.slice.id == node.returns.id
        ):
            return arg.arg
    return None


def returns_annotations(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The class a return annotation names, as the annotation of ``<return>``; the class
    of the items of a collection it names (``list[P]``), as that of ``<element>``."""
    if node.returns is None:
        return ()
    returns = annotated_class(node.returns)
    items = item_class(node.returns)
    return ((RETURNED, returns),) if returns else ((ELEMENTS, items),) if items else ()
