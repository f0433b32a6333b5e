"""The Python front end: source bytes -> neutral :class:`~evdict.scanner.model.FileFacts`.

It uses the standard library's ``ast``: about 9x faster than libcst on this machine
(``benchmarks/scan_python.py``), it never imports or runs the code, and
scanning needs positions and shapes, not the concrete syntax libcst keeps for exact
rewrites (``evdict rename`` uses libcst). ``ast`` columns are UTF-8 *byte* offsets;
they are converted to character columns here, so every later layer counts characters.

Every call is recorded (grouped by the last name of its callee) with its arguments
as neutral expressions, except calls of builtins and of common container methods,
which cannot send an event. Facts depend on the bytes alone, never on the config.

A function's ``return VALUE`` statements are bindings of ``<return>`` in its scope (a
factory such as ``_get_client()`` gives the SDK client it returns), and an assignment
to a name declared ``global`` binds in the module (lazily created clients).
"""

from __future__ import annotations

import ast
import codecs
import io
import itertools
import re
import tokenize
import warnings
from collections import defaultdict
from typing import Literal as TypingLiteral

from evdict.scanner.model import (
    RETURNED,
    SUPPRESSION_DIRECTIVE,
    Binding,
    Call,
    CallSite,
    Choice,
    ClassDef,
    Concat,
    Entry,
    Expr,
    FileFacts,
    FString,
    FunctionDef,
    Import,
    Item,
    Keyword,
    Literal,
    Mapping,
    Other,
    ParseFailure,
    Position,
    Ref,
    Starred,
    Str,
    Suppression,
)

FRONTEND_VERSION = 8
"""Bump when the facts this module produces change: cached facts of older versions are ignored."""
PRESETS_LANGUAGE = "python"

# Calls that never send an event: builtins, and container/string methods.
_NEVER_TRACKING = frozenset(
    {
        "len",
        "print",
        "isinstance",
        "issubclass",
        "str",
        "int",
        "float",
        "bool",
        "list",
        "dict",
        "set",
        "tuple",
        "range",
        "enumerate",
        "zip",
        "map",
        "filter",
        "sorted",
        "reversed",
        "min",
        "max",
        "sum",
        "any",
        "all",
        "getattr",
        "setattr",
        "hasattr",
        "delattr",
        "super",
        "type",
        "repr",
        "iter",
        "next",
        "open",
        "abs",
        "round",
        "id",
        "hash",
        "vars",
        "callable",
        "object",
        "frozenset",
        "bytes",
        "append",
        "extend",
        "insert",
        "join",
        "split",
        "rsplit",
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "startswith",
        "endswith",
        "items",
        "keys",
        "values",
        "setdefault",
        "encode",
        "decode",
        "replace",
    }
)
# Annotations that name no class a value could be an instance of.
_NOT_CLASSES = frozenset({"Any", "Callable", "ClassVar", "Final", "Self", "TypeVar"})
_SUPPRESSION = re.compile(r"#\s*" + SUPPRESSION_DIRECTIVE, re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MAX_DEPTH = 6

FunctionKind = TypingLiteral["function", "method", "staticmethod", "classmethod"]


def module_name(rel: str) -> tuple[str, bool]:
    """``pkg/sub/mod.py`` -> ``("pkg.sub.mod", False)``; ``pkg/__init__.py`` -> ``("pkg", True)``."""
    parts = rel.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def import_target(module: str, is_package: bool, imported: Import) -> str | None:
    """The absolute module an import names (``from ..x import y`` in ``a.b.c`` -> ``a.x``);
    None when a relative import climbs above the top."""
    if imported.level == 0:
        return imported.module
    parts = module.split(".") if module else []
    if not is_package:
        parts = parts[:-1]
    climb = imported.level - 1
    if climb > len(parts):
        return None
    base = parts[: len(parts) - climb]
    return ".".join([*base, imported.module] if imported.module else base) or None


def extract(data: bytes, filename: str = "") -> FileFacts:
    """The facts of one Python file. Never raises: a file that cannot be read as Python
    yields facts with ``failure`` set. (``filename`` is unused: one grammar for all.)"""
    text, failure = _decode(data)
    if failure is not None:
        return FileFacts("python", failure=failure)
    with warnings.catch_warnings():
        # Invalid escapes and the like warn at parse time: not the scan's business.
        warnings.simplefilter("ignore")
        return _extract(text)


def _extract(text: str) -> FileFacts:
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = max(exc.offset or 1, 1)
        pos = (line, column, exc.end_lineno or line, max(exc.end_offset or column, column))
        failure = ParseFailure(f"does not parse: {exc.msg}", pos)
        # Its comments still count: ``# evdict: file-ignore[EV608]`` must work here too.
        found = suppressions(text) if "evdict" in text else ()
        return FileFacts("python", suppressions=found, failure=failure)
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        reason = str(exc) or type(exc).__name__
        return FileFacts("python", failure=ParseFailure(f"cannot parse: {reason}", (1, 1, 1, 1)))
    extractor = _Extractor(text)
    try:
        extractor.module(tree)
    except RecursionError:
        failure = ParseFailure("cannot scan: too deeply nested", (1, 1, 1, 1))
        return FileFacts("python", failure=failure)
    return FileFacts(
        language="python",
        functions=tuple(extractor.functions),
        classes=tuple(extractor.classes),
        bindings=tuple(extractor.bindings),
        imports=tuple(extractor.imports),
        suppressions=suppressions(text) if "evdict" in text else (),
        calls={name: tuple(sites) for name, sites in extractor.calls.items()},
    )


def _decode(data: bytes) -> tuple[str, ParseFailure | None]:
    """Decode as Python does: a BOM or a coding cookie, else UTF-8."""
    try:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as exc:
            data.decode("utf-8")  # undecodable first lines: say where, below
            return "", ParseFailure(f"cannot read the source encoding: {exc}", (1, 1, 1, 1))
        return codecs.decode(data, encoding), None
    except LookupError as exc:
        return "", ParseFailure(f"unknown source encoding: {exc}", (1, 1, 1, 1))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return "", ParseFailure(
            f"not valid {exc.encoding} text (byte {exc.start}: {exc.reason})",
            (line, column, line, column + 1),
        )


def suppressions(text: str) -> tuple[Suppression, ...]:
    """``# evdict: ignore[...]`` / ``# evdict: file-ignore[...]`` comments (real comments,
    read with the tokenizer, never text inside strings)."""
    found: list[Suppression] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type != tokenize.COMMENT or "evdict" not in token.string:
                continue
            match = _SUPPRESSION.search(token.string)
            if match is None:
                continue
            line, column = token.start
            start = column + match.start() + 1
            found.append(Suppression.read(match, (line, start, line, column + match.end() + 1)))
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return tuple(found)


class _Columns:
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


class _Extractor:
    def __init__(self, text: str) -> None:
        self.columns = _Columns(text)
        self.functions: list[FunctionDef] = []
        self.classes: list[ClassDef] = []
        self.bindings: list[Binding] = []
        self.imports: list[Import] = []
        self.calls: defaultdict[str, list[CallSite]] = defaultdict(list)
        # Names declared ``global`` in each function scope.
        self.globals: defaultdict[str, set[str]] = defaultdict(set)

    # --- positions ----------------------------------------------------------------------

    def pos(self, node: ast.AST) -> Position:
        line: int = getattr(node, "lineno", 1)
        end_line: int = getattr(node, "end_lineno", None) or line
        column = self.columns.column(line, getattr(node, "col_offset", 0))
        end_offset = getattr(node, "end_col_offset", None)
        end_column = self.columns.column(end_line, end_offset) if end_offset is not None else column
        return (line, column, end_line, end_column)

    # --- scopes and statements ---------------------------------------------------------------

    def module(self, tree: ast.Module) -> None:
        self.body(tree.body, "", None)

    def body(self, statements: list[ast.stmt], scope: str, owner: _Owner | None) -> None:
        for statement in statements:
            self.statement(statement, scope, owner)

    def statement(self, node: ast.stmt, scope: str, owner: _Owner | None) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(node, scope, owner)
        elif isinstance(node, ast.ClassDef):
            self.class_def(node, scope)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            self.import_(node, scope)
        elif isinstance(node, ast.Global):
            self.globals[scope].update(node.names)
        else:
            if isinstance(node, ast.Return) and node.value is not None and scope:
                self.bindings.append(
                    Binding(scope, RETURNED, self.expr(node.value), self.pos(node.value))
                )
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self.assign(target, node.value, scope, owner)
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                if _is_field(node, scope, owner):
                    # ``name: str = "x"`` in a dataclass or model is a per-instance
                    # default, not a class constant.
                    self.rebind(node.target, scope, "dataclass field")
                else:
                    self.assign(node.target, _declared(node) or node.value, scope, owner)
            elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor)):
                self.rebind(node.target, scope, "reassigned")
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        self.rebind(item.optional_vars, scope, "with")
            self.children(node, scope, owner)

    def children(self, node: ast.AST, scope: str, owner: _Owner | None) -> None:
        """Every call below ``node`` (nested definitions get their own scope)."""
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                self.statement(child, scope, owner)
                continue
            if isinstance(child, ast.Call):
                self.call(child, scope)
            elif isinstance(child, ast.NamedExpr):
                self.rebind(child.target, scope, "walrus")
            elif isinstance(child, ast.ExceptHandler) and child.name:
                self.bindings.append(
                    Binding(scope, child.name, Other("except", self.pos(child)), self.pos(child))
                )
            self.children(child, scope, owner)

    def function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: str, owner: _Owner | None
    ) -> None:
        for decorator in node.decorator_list:
            self.children_of_expr(decorator, scope, owner)
        args = node.args
        for default in (*args.defaults, *[d for d in args.kw_defaults if d is not None]):
            self.children_of_expr(default, scope, owner)
        decorators = {_dotted(d)[-1] for d in node.decorator_list if _dotted(d)}
        in_class = owner is not None and owner.qualname == scope
        kind: FunctionKind = "function"
        if in_class:
            kind = (
                "staticmethod"
                if "staticmethod" in decorators
                else "classmethod"
                if "classmethod" in decorators
                else "method"
            )
        positional = [arg.arg for arg in (*args.posonlyargs, *args.args)]
        qualname = f"{scope}.{node.name}" if scope else node.name
        self.functions.append(
            FunctionDef(
                qualname=qualname,
                class_name=scope if in_class else None,
                kind=kind,
                params=tuple(positional),
                posonly=len(args.posonlyargs),
                kwonly=tuple(arg.arg for arg in args.kwonlyargs),
                vararg=args.vararg.arg if args.vararg else None,
                kwarg=args.kwarg.arg if args.kwarg else None,
                pos=self.pos(node),
                annotations=tuple(
                    (arg.arg, annotation)
                    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs)
                    if arg.annotation is not None and (annotation := _annotation(arg.annotation))
                )
                + _returns(node),
            )
        )
        # ``self.attr = ...`` in a method binds in the class's scope.
        method_owner = (
            owner if in_class and kind in ("method", "classmethod") and positional else None
        )
        inner = _Owner(owner.qualname, positional[0]) if method_owner and owner else None
        self.body(node.body, qualname, inner)

    def children_of_expr(self, node: ast.expr, scope: str, owner: _Owner | None) -> None:
        if isinstance(node, ast.Call):
            self.call(node, scope)
        self.children(node, scope, owner)

    def class_def(self, node: ast.ClassDef, scope: str) -> None:
        for expr in (*node.decorator_list, *node.bases):
            self.children_of_expr(expr, scope, None)
        qualname = f"{scope}.{node.name}" if scope else node.name
        self.classes.append(
            ClassDef(
                qualname, tuple(_dotted(base) or ("?",) for base in node.bases), self.pos(node)
            )
        )
        self.body(node.body, qualname, _Owner(qualname, None))

    def import_(self, node: ast.Import | ast.ImportFrom, scope: str) -> None:
        pos = self.pos(node)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.imports.append(Import(scope, alias.asname, alias.name, None, 0, pos))
                else:
                    head = alias.name.partition(".")[0]
                    self.imports.append(Import(scope, head, head, None, 0, pos))
            return
        module = node.module or ""
        for alias in node.names:
            local = alias.asname or alias.name
            self.imports.append(Import(scope, local, module, alias.name, node.level, pos))

    def assign(self, target: ast.expr, value: ast.expr, scope: str, owner: _Owner | None) -> None:
        if isinstance(target, ast.Name):
            bound_in = "" if target.id in self.globals.get(scope, ()) else scope
            self.bindings.append(Binding(bound_in, target.id, self.expr(value), self.pos(target)))
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and owner is not None
            and owner.self_name is not None
            and target.value.id == owner.self_name
        ):
            self.bindings.append(
                Binding(owner.qualname, target.attr, self.expr(value), self.pos(target))
            )
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else None
            if values is not None and len(values) == len(target.elts):
                for sub_target, sub_value in zip(target.elts, values, strict=True):
                    self.assign(sub_target, sub_value, scope, owner)
            else:
                self.rebind(target, scope, "unpacked")

    def rebind(self, target: ast.expr, scope: str, kind: str) -> None:
        """A name bound to a value that is not known (loop variables, ``+=``...)."""
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                bound_in = "" if node.id in self.globals.get(scope, ()) else scope
                self.bindings.append(
                    Binding(bound_in, node.id, Other(kind, self.pos(node)), self.pos(node))
                )

    # --- calls and expressions -------------------------------------------------------------

    def call(self, node: ast.Call, scope: str) -> None:
        callee = _dotted(node.func, allow_opaque=True)
        if not callee or callee[-1] == "?" or callee[-1] in _NEVER_TRACKING:
            return
        self.calls[callee[-1]].append(CallSite(self.call_expr(node, callee, 0), scope))

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
            path = _dotted(node)
            return Ref(path, pos) if path else Other("attribute", pos)
        if isinstance(node, ast.JoinedStr):
            return self.fstring(node, pos, depth)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.concat(node, pos, depth)
        if isinstance(node, ast.IfExp):
            return Choice(
                (
                    *_options(self.expr(node.body, depth + 1)),
                    *_options(self.expr(node.orelse, depth + 1)),
                ),
                pos,
            )
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            return Choice(tuple(self.expr(value, depth + 1) for value in node.values), pos)
        if isinstance(node, ast.Dict):
            return self.mapping(node, pos, depth)
        if isinstance(node, ast.Call):
            callee = _dotted(node.func, allow_opaque=True) or ("?",)
            if callee == ("dict",):
                return self.dict_call(node, pos, depth)
            return self.call_expr(node, callee, depth)
        if isinstance(node, ast.Subscript):
            base = _dotted(node.value)
            key = node.slice
            if base and isinstance(key, ast.Constant) and isinstance(key.value, str):
                return Item(base, key.value, pos)
            return Other("subscript", pos)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [self.expr(element, depth + 1) for element in node.elts]
            values = [item.value for item in items if isinstance(item, (Str, Literal))]
            if len(values) == len(items):
                return Literal(values, pos)
            return Other("list", pos)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = node.operand
            number = operand.value if isinstance(operand, ast.Constant) else None
            if isinstance(number, (int, float)) and not isinstance(number, bool):
                return Literal(-number if isinstance(node.op, ast.USub) else number, pos)
        return Other(type(node).__name__.lower(), pos)

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


class _Owner:
    """The class whose scope ``self.attr = ...`` binds in (``self_name``: the method's
    first parameter)."""

    __slots__ = ("qualname", "self_name")

    def __init__(self, qualname: str, self_name: str | None) -> None:
        self.qualname = qualname
        self.self_name = self_name


def _is_field(node: ast.AnnAssign, scope: str, owner: _Owner | None) -> bool:
    """An annotated assignment in a class body, not marked ``Final`` or ``ClassVar``."""
    if owner is None or owner.self_name is not None or owner.qualname != scope:
        return False
    annotation = node.annotation
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    return _dotted(annotation)[-1:] not in (("Final",), ("ClassVar",))


def _declared(node: ast.AnnAssign) -> ast.Call | None:
    """``ph: Posthog = getattr(local, "posthog", None)``: a value computed out of sight,
    annotated with a class, is an instance of that class (a construction of it stands in
    for the value); None for a literal, a plain name or an annotation naming no class."""
    if not isinstance(node.value, (ast.Call, ast.Attribute, ast.Subscript, ast.BoolOp, ast.IfExp)):
        return None
    path = _annotation(node.annotation)
    if not path or not path[-1][:1].isupper() or path[-1] in _NOT_CLASSES:
        return None
    callee: ast.expr = ast.Name(path[0], ast.Load())
    for part in path[1:]:
        callee = ast.Attribute(callee, part, ast.Load())
    call = ast.Call(callee, [], [])
    for made in ast.walk(call):
        ast.copy_location(made, node.value)
    return call


def _annotation(node: ast.expr) -> tuple[str, ...]:
    """The class a parameter's annotation names: ``Mixpanel``, ``"mixpanel.Mixpanel"``,
    ``Posthog | None``, ``Optional[Posthog]``; ``()`` for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return _annotation(ast.parse(node.value.strip(), mode="eval").body)
        except (SyntaxError, ValueError, RecursionError):
            return ()
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        for side, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, ast.Constant) and other.value is None:
                return _annotation(side)
        return ()
    if isinstance(node, ast.Subscript) and _dotted(node.value)[-1:] == ("Optional",):
        return _annotation(node.slice)
    return _dotted(node)


def _returns(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The class a return annotation names, as the annotation of ``<return>``."""
    returns = _annotation(node.returns) if node.returns is not None else ()
    return ((RETURNED, returns),) if returns else ()


def _options(expr: Expr) -> tuple[Expr, ...]:
    return expr.options if isinstance(expr, Choice) else (expr,)


def _dotted(node: ast.expr, allow_opaque: bool = False) -> tuple[str, ...]:
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


def _plain(value: ast.FormattedValue) -> bool:
    """A placeholder that writes its value as it is (no conversion, no format spec)."""
    return value.conversion == -1 and value.format_spec is None
