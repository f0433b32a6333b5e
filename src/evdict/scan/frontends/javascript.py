"""The JavaScript / TypeScript front end: source bytes -> neutral :class:`FileFacts`.

tree-sitter parses JavaScript (with JSX), TypeScript and TSX without a compiler and
without running anything; the grammar follows the file extension (``.ts`` cannot be
parsed as TSX: ``<T>x`` is a cast there, a tag in TSX). tree-sitter reports *byte*
columns; they become character columns here, so every later layer counts characters.

The facts mirror the Python front end's so one resolver serves both:

* module specifiers read like Python imports: ``"../lib/events.js"`` is level 2,
  module ``lib.events``; ``"posthog-js/react"`` is level 0, module ``posthog-js.react``;
  a default import names ``default``, ``import * as x`` names the module itself;
* a method gets ``this`` as its first parameter (the way ``self`` is), so
  ``this.capture(...)`` resolves like ``self.capture(...)``;
* a destructured parameter ``({event, properties})`` is named by its position
  (``{0}``), and the names it binds read as keys of it (``Item(("{0}",), "event")``),
  as ``payload.event`` reads ``Item(("payload",), "event")`` when ``payload`` is a
  parameter: that is how a wrapper's ``"0.event"`` slot is inferred;
* a function a hook returns (``return useCallback((event) => ..., [])``) is the
  function ``useTrack.<return>``; ``track = useTrack()`` binds ``track`` to a call
  of ``useTrack``, and the resolver follows it there.

A file with a syntax error yields its failure (EV608) *and* the facts of the parts
tree-sitter could read: nothing inside an ``ERROR`` node, no call with an error inside.
tree-sitter's grammars lag the languages a little, so a valid file can fail; its other
calls are still tracked.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from evdict.scan.model import (
    RETURNED,
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

if TYPE_CHECKING:
    from tree_sitter import Node, Parser

FRONTEND_VERSION = 11
"""Bump when the facts this module produces change: cached facts of older versions are ignored."""
PRESETS_LANGUAGE = "javascript"
"""The presets that apply (:mod:`evdict.scan.presets`): TypeScript adds types, not calls."""

GRAMMARS = {
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
}
"""File suffix -> tree-sitter grammar."""

COMPONENT_SUFFIXES = (".vue", ".svelte")
"""Single-file components: their ``<script>`` blocks and their templates' event handlers
(``@click="..."``, ``v-on:submit="..."``, ``on:click={...}``) are read in place, the
markup around them blanked out, so lines and columns stay the file's own; TypeScript
when a block says ``lang="ts"``. Other template expressions are not read."""
_SCRIPT_BLOCK = re.compile(rb"(<script\b([^>]*)>)(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_VUE_HANDLER = re.compile(rb"""(?:@|v-on:)[\w.:-]+\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_SVELTE_HANDLER = re.compile(rb"\bon:[\w|]+\s*=\s*\{")
_TS_LANG = re.compile(rb"""\blang\s*=\s*["']?(?:ts|typescript)\b""", re.IGNORECASE)
# Every byte but line breaks becomes a space: the markup around script blocks.
_BLANK_TABLE = bytes(byte if byte in b"\r\n" else 32 for byte in range(256))

_SOURCE_SUFFIXES = (*GRAMMARS, *COMPONENT_SUFFIXES)
# Calls that never send an event: very common built-in, DOM, promise and React calls.
_NEVER_TRACKING_NAMES = """
push pop shift unshift slice splice concat map flatMap filter forEach reduce find
findIndex some every includes indexOf join split replace replaceAll trim toString
toLowerCase toUpperCase startsWith endsWith then catch finally log warn error info debug
resolve reject all stringify parse keys values entries assign freeze isArray
preventDefault stopPropagation setTimeout clearTimeout setInterval clearInterval
addEventListener removeEventListener querySelector querySelectorAll getElementById
createElement appendChild require useState useEffect useLayoutEffect useRef useMemo
useCallback useContext useReducer describe it test expect toBe toEqual
"""
_NEVER_TRACKING = frozenset(_NEVER_TRACKING_NAMES.split())
_SUPPRESSION = re.compile(r"evdict:\s*(file-)?ignore\b(?:\[([^\]]*)\])?", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_LINE_BREAKS = frozenset(("\n", "\r", "\r\n", "\u2028", "\u2029"))
_STRING_TYPES = frozenset(("string", "template_string"))
_WRAPPERS = frozenset(
    (
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
        "await_expression",
    )
)
_FUNCTIONS = frozenset(("arrow_function", "function_expression", "function"))
_CLASSES = frozenset(("class_declaration", "abstract_class_declaration", "class"))
_FIELDS = frozenset(("public_field_definition", "field_definition"))
_MAX_DEPTH = 6
_PARAMETER_PROPERTY = frozenset(("accessibility_modifier", "readonly", "override_modifier"))
# Nodes that hold no call, binding or comment worth a visit (types, leaves).
_NOTHING_INSIDE = frozenset(
    (
        "identifier",
        "property_identifier",
        "shorthand_property_identifier",
        "string",
        "number",
        "true",
        "false",
        "null",
        "undefined",
        "this",
        "regex",
        "jsx_text",
        "type_annotation",
        "type_arguments",
        "type_parameters",
        "type_alias_declaration",
        "interface_declaration",
        "predefined_type",
        "type_identifier",
    )
)
_DECLARATION_FILE = re.compile(r"\.d\.[cm]?ts$", re.IGNORECASE)


def grammar_for(suffix: str) -> str | None:
    """The grammar of a file suffix (``.tsx`` -> ``tsx``), None for other files."""
    return GRAMMARS.get(suffix.lower())


def _source(data: bytes, filename: str) -> tuple[bytes, str]:
    """What tree-sitter reads of a file, and with which grammar: a component's script
    blocks alone, at their own offsets; any other file as it is."""
    suffix = _suffix(filename).lower()
    if suffix not in COMPONENT_SUFFIXES:
        return data, grammar_for(suffix) or "typescript"
    kept = bytearray(data.translate(_BLANK_TABLE))
    grammar = "javascript"
    scripts = []
    for block in _SCRIPT_BLOCK.finditer(data):
        kept[block.start(3) : block.end(3)] = block[3]
        scripts.append(block.span())
        if _TS_LANG.search(block[2]):
            grammar = "typescript"
    # Each handler becomes a statement: its text in place, a ";" where it closes.
    for start, end in _handlers(data, suffix):
        if not any(low <= start < high for low, high in scripts):
            kept[start:end] = data[start:end]
            kept[end] = ord(";")
    return bytes(kept), grammar


def _handlers(data: bytes, suffix: str) -> Iterator[tuple[int, int]]:
    """The byte spans of a component template's event handler expressions."""
    if suffix == ".vue":
        for handler in _VUE_HANDLER.finditer(data):
            yield handler.start(2), handler.end(2)
        return
    for handler in _SVELTE_HANDLER.finditer(data):
        depth, index = 1, handler.end()
        while index < len(data) and depth:
            depth += {ord("{"): 1, ord("}"): -1}.get(data[index], 0)
            index += 1
        if not depth:
            yield handler.end(), index - 1


def extract(data: bytes, filename: str) -> FileFacts:
    """The facts of one JS/TS file; the name's suffix picks the grammar. Never raises: a
    file that cannot be read as its language yields facts with ``failure`` set.

    A declaration file (``.d.ts``) holds types only, never a call: it yields no facts
    (tree-sitter's TypeScript grammar also misreads some of their type syntax)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data, grammar = _source(data, filename)
    language = "typescript" if grammar != "javascript" else "javascript"
    if _DECLARATION_FILE.search(filename):
        return FileFacts(language)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not valid UTF-8 text (byte {exc.start}: {exc.reason})"
        return FileFacts(language, failure=ParseFailure(message, (line, column, line, column + 1)))
    tree = _parser(grammar).parse(data)
    root = tree.root_node
    extractor = _Extractor(data)
    try:
        extractor.walk(root, _Scope())
    except RecursionError:
        failure = ParseFailure("cannot scan: too deeply nested", (1, 1, 1, 1))
        return FileFacts(language, failure=failure)
    return FileFacts(
        language=language,
        failure=extractor.failure(root) if root.has_error else None,
        functions=tuple(extractor.functions),
        classes=tuple(extractor.classes),
        bindings=tuple(extractor.bindings),
        imports=tuple(extractor.imports),
        suppressions=tuple(extractor.suppressions),
        calls={name: tuple(sites) for name, sites in extractor.calls.items()},
    )


def parse_tree_only(data: bytes, filename: str) -> bool:
    """Parse without extracting (benchmarks measure the parser alone); True when clean."""
    data, grammar = _source(data, filename)
    return not _parser(grammar).parse(data).root_node.has_error


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:] if dot > filename.rfind("/") else ""


@functools.cache
def _parser(grammar: str) -> Parser:
    from tree_sitter import Language, Parser

    if grammar == "javascript":
        import tree_sitter_javascript

        return Parser(Language(tree_sitter_javascript.language()))
    import tree_sitter_typescript

    if grammar == "tsx":
        return Parser(Language(tree_sitter_typescript.language_tsx()))
    return Parser(Language(tree_sitter_typescript.language_typescript()))


def module_name(rel: str) -> tuple[str, bool]:
    """``src/lib/events.ts`` -> ``("src.lib.events", False)``; ``src/lib/index.ts`` ->
    ``("src.lib", True)``: a file's module as imports name it (``import "./lib"``
    loads ``lib/index.ts``), the way a Python package is its ``__init__.py``."""
    stem = rel[: -len(_suffix(rel))] if _suffix(rel) else rel
    parts = stem.split("/")
    if parts[-1] == "index" and len(parts) > 1:
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def module_path(specifier: str) -> tuple[str, int]:
    """``"../lib/events.js"`` -> ``("lib.events", 2)``, ``"posthog-js/react"`` ->
    ``("posthog-js.react", 0)``: a module specifier as a dotted module and a level, the
    way a Python relative import reads. A path alias (``"@/lib/posthog"``,
    ``"~/lib/posthog"``) loses its prefix: ``lib.posthog`` then names the project module
    that ends so (``src.lib.posthog``), as a tsconfig ``baseUrl`` import does."""
    level = 0
    rest = specifier.removeprefix("@/").removeprefix("~/")
    if rest == "." or rest.startswith("./"):
        level, rest = 1, rest[2:]
    elif rest == ".." or rest.startswith("../"):
        level = 1
        while rest == ".." or rest.startswith("../"):
            level, rest = level + 1, rest[3:]
    if level and rest.endswith(_SOURCE_SUFFIXES):
        rest = rest.rsplit(".", 1)[0]
    return ".".join(part for part in rest.split("/") if part), level


@dataclass
class _Scope:
    """Where the walk is: the scope's qualname, the class whose members ``this`` reaches,
    and the names that stand for keys of parameters (destructured or ``param.key``)."""

    qualname: str = ""
    owner: str | None = None
    params: frozenset[str] = frozenset()
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    function_body: bool = False  # a ``return`` here returns from the function ``qualname``

    def child(self, name: str) -> str:
        return f"{self.qualname}.{name}" if self.qualname else name


class _Extractor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ascii = data.isascii()
        self.line_starts: list[int] | None = None
        self.functions: list[FunctionDef] = []
        self.classes: list[ClassDef] = []
        self.bindings: list[Binding] = []
        self.imports: list[Import] = []
        self.suppressions: list[Suppression] = []
        self.calls: defaultdict[str, list[CallSite]] = defaultdict(list)

    # --- positions ------------------------------------------------------------------------

    def column(self, row: int, byte_column: int) -> int:
        """A 1-based character column from tree-sitter's 0-based byte column."""
        if self.ascii:
            return byte_column + 1
        if self.line_starts is None:
            starts = [0]
            find = self.data.find
            index = find(b"\n")
            while index >= 0:
                starts.append(index + 1)
                index = find(b"\n", index + 1)
            self.line_starts = starts
        start = self.line_starts[row] if row < len(self.line_starts) else 0
        return len(self.data[start : start + byte_column].decode("utf-8", errors="replace")) + 1

    def pos(self, node: Node) -> Position:
        (row, column), (end_row, end_column) = node.start_point, node.end_point
        return (row + 1, self.column(row, column), end_row + 1, self.column(end_row, end_column))

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def failure(self, root: Node) -> ParseFailure:
        """The first syntax error, in document order."""
        node = root
        while True:
            child = next((c for c in node.children if c.has_error or c.is_missing), None)
            if child is None or node.is_error:
                break
            node = child
        if node.is_missing:
            return ParseFailure(f"syntax error: missing `{node.type}`", self.pos(node))
        snippet = self.text(node).strip().splitlines()[0][:30] if self.text(node).strip() else ""
        message = f"syntax error near `{snippet}`" if snippet else "syntax error"
        return ParseFailure(message, self.pos(node))

    # --- statements and scopes --------------------------------------------------------------

    def walk(self, node: Node, scope: _Scope) -> None:
        kind = node.type
        if kind == "ERROR":
            return
        if kind == "call_expression":
            self.call(node, scope)
        elif kind == "comment":
            self.comment(node)
            return
        elif kind == "import_statement":
            self.import_statement(node, scope)
            return
        elif kind == "export_statement":
            self.export_statement(node, scope)
        elif kind == "lexical_declaration":
            constant = bool(node.children) and node.children[0].type == "const"
            for child in node.named_children:
                if child.type == "variable_declarator":
                    self.declarator(child, scope, constant=constant)
                else:
                    self.walk(child, scope)
            return
        elif kind == "variable_declarator":
            self.declarator(node, scope, constant=False)
            return
        elif kind in ("function_declaration", "generator_function_declaration"):
            name = node.child_by_field_name("name")
            if name is not None:
                self.function(node, node, self.text(name), scope, method=False)
                return
        elif kind in _CLASSES:
            name = node.child_by_field_name("name")
            if name is not None:
                self.class_def(node, self.text(name), scope)
                return
        elif kind in _FUNCTIONS:
            self.anonymous_function(node, scope)
            return
        elif kind == "enum_declaration":
            self.enum(node, scope)
            return
        elif kind == "assignment_expression" and self.assignment(node, scope):
            return
        elif kind == "return_statement" and scope.function_body and node.named_children:
            self.returned(node.named_children[0], scope)
            return
        for child in node.named_children:
            if child.type not in _NOTHING_INSIDE:
                self.walk(child, scope)

    def function(
        self,
        node: Node,
        anchor: Node,
        name: str,
        scope: _Scope,
        *,
        method: bool,
        static: bool = False,
    ) -> None:
        """A named function; ``anchor`` is where it is declared (its position). A
        ``method`` of a class gets ``this`` first, unless it is ``static``."""
        qualname = scope.child(name)
        static = method and (static or any(child.type == "static" for child in anchor.children))
        params, keys, vararg, annotations = self.parameters(node.child_by_field_name("parameters"))
        if method and not static:
            params = ("this", *params)
        self.functions.append(
            FunctionDef(
                qualname=qualname,
                class_name=scope.qualname if method else None,
                kind=("staticmethod" if static else "method") if method else "function",
                params=params,
                posonly=0,
                kwonly=(),
                vararg=vararg,
                kwarg=None,
                pos=self.pos(anchor),
                annotations=annotations,
            )
        )
        owner = scope.qualname if method and not static else None
        if not method and node.type == "arrow_function":
            owner = scope.owner  # an arrow function keeps the ``this`` around it
        inner = _Scope(qualname, owner, frozenset(p for p in params if p != "this"), keys, True)
        body = node.child_by_field_name("body")
        if body is None:
            return
        if body.type == "statement_block":
            for child in body.named_children:
                self.walk(child, inner)
        else:  # an arrow function's expression body is what it returns
            self.returned(body, inner)

    def returned(self, value: Node, scope: _Scope) -> None:
        """What a function returns: a function there (maybe in ``useCallback``) is
        ``<scope>.<return>``; anything else is walked for its calls."""
        value = _unwrap(value)
        if value.type == "call_expression" and self.callee(value)[-1:] in (
            ("useCallback",),
            ("useMemo",),
        ):
            arguments = value.child_by_field_name("arguments")
            first = arguments.named_children[0] if arguments and arguments.named_children else None
            if first is not None and first.type in _FUNCTIONS:
                self.function(first, first, RETURNED, scope, method=False)
                for rest in arguments.named_children[1:] if arguments else ():
                    self.walk(rest, scope)
                return
        if value.type in _FUNCTIONS:
            self.function(value, value, RETURNED, scope, method=False)
            return
        helpers = self.constant_object(value) if value.type == "object" else None
        if helpers is not None:  # ``return { capture, identify }``: ``useX().capture``
            self.namespace(helpers, value, RETURNED, scope)
            return
        if value.type in ("identifier", "member_expression"):  # ``return capture``
            self.bindings.append(
                Binding(scope.qualname, RETURNED, self.expr(value, scope), self.pos(value))
            )
        self.walk(value, scope)

    def anonymous_function(self, node: Node, scope: _Scope) -> None:
        """A callback: its calls belong to the enclosing scope; its own parameters hide
        the enclosing function's of the same name."""
        params = self.parameters(node.child_by_field_name("parameters"))[0]
        hidden = set(params)
        for name in params:  # ``buffer.forEach((event) => posthog.capture(event.name))``
            if name[0] not in "{[":
                unknown = Other("callback parameter", self.pos(node))
                self.bindings.append(Binding(scope.qualname, name, unknown, self.pos(node)))
        keys = {name: key for name, key in scope.keys.items() if name not in hidden}
        owner = (
            None if node.type != "arrow_function" else scope.owner
        )  # ``function`` rebinds ``this``
        inner = _Scope(scope.qualname, owner, scope.params - hidden, keys)
        body = node.child_by_field_name("body")
        if body is not None:
            self.walk(body, inner)

    def parameters(
        self, node: Node | None
    ) -> tuple[
        tuple[str, ...],
        dict[str, tuple[str, str]],
        str | None,
        tuple[tuple[str, tuple[str, ...]], ...],
    ]:
        """Positional parameter names, the names destructured from them (as keys of
        the parameter), the rest parameter, and the parameters typed with a class
        (``client: PostHog``)."""
        if node is None:
            return (), {}, None, ()
        if node.type == "identifier":  # ``x => ...``
            return (self.text(node),), {}, None, ()
        names: list[str] = []
        keys: dict[str, tuple[str, str]] = {}
        annotations: list[tuple[str, tuple[str, ...]]] = []
        vararg = None
        for param in node.named_children:
            pattern = param
            if param.type in ("required_parameter", "optional_parameter"):
                pattern = param.child_by_field_name("pattern") or param
                declared = self.annotation(param.child_by_field_name("type"))
                if declared and pattern.type == "identifier":
                    annotations.append((self.text(pattern), declared))
            if pattern.type == "assignment_pattern":
                pattern = pattern.child_by_field_name("left") or pattern
            if pattern.type == "comment" or pattern.type == "this":
                continue
            if pattern.type == "rest_pattern":
                inner = pattern.named_children[0] if pattern.named_children else None
                vararg = self.text(inner) if inner is not None else None
                break
            if pattern.type == "identifier":
                names.append(self.text(pattern))
            elif pattern.type == "object_pattern":
                name = f"{{{len(names)}}}"
                names.append(name)
                keys.update(self.destructured(pattern, name))
            else:
                names.append(f"[{len(names)}]")
        return tuple(names), keys, vararg, tuple(annotations)

    def annotation(self, node: Node | None) -> tuple[str, ...]:
        """The class a type annotation names: ``: PostHog``, ``: mp.Mixpanel``,
        ``: Analytics<T>``; empty for other types (``string``, unions)."""
        inner = node.named_children[0] if node is not None and node.named_children else None
        if inner is not None and inner.type == "generic_type":
            inner = inner.child_by_field_name("name")
        if inner is None or inner.type not in ("type_identifier", "nested_type_identifier"):
            return ()
        return tuple(self.text(inner).replace(" ", "").split("."))

    def destructured(self, pattern: Node, param: str) -> dict[str, tuple[str, str]]:
        keys: dict[str, tuple[str, str]] = {}
        for part in pattern.named_children:
            if part.type == "shorthand_property_identifier_pattern":
                keys[self.text(part)] = (param, self.text(part))
            elif part.type == "object_assignment_pattern":  # ``{ props = {} }``
                left = part.child_by_field_name("left")
                if left is not None:
                    keys[self.text(left)] = (param, self.text(left))
            elif part.type == "pair_pattern":
                key = part.child_by_field_name("key")
                value = part.child_by_field_name("value")
                if value is not None and value.type == "assignment_pattern":
                    value = value.child_by_field_name("left")
                if key is not None and value is not None and value.type == "identifier":
                    key_name = self.property_name(key)
                    if key_name is not None:
                        keys[self.text(value)] = (param, key_name)
        return keys

    def class_def(self, node: Node, name: str, scope: _Scope) -> None:
        qualname = scope.child(name)
        bases: list[tuple[str, ...]] = []
        for child in node.named_children:
            if child.type == "class_heritage":
                for clause in child.named_children:
                    value = (
                        clause.child_by_field_name("value")
                        if clause.type == "extends_clause"
                        else None
                    )
                    if clause.type == "extends_clause" and value is not None:
                        bases.append(self.path(value) or ("?",))
                    elif clause.type not in ("implements_clause",):  # JS: ``extends X`` inline
                        bases.append(self.path(clause) or ("?",))
        self.classes.append(ClassDef(qualname, tuple(bases), self.pos(node)))
        body = node.child_by_field_name("body")
        if body is None:
            return
        inner = _Scope(qualname, qualname)
        for member in body.named_children:
            self.member(member, inner)

    def member(self, node: Node, scope: _Scope) -> None:
        """A class member: a method, a field (an arrow function field is a method)."""
        name_node = node.child_by_field_name("name") or node.child_by_field_name("property")
        name = self.property_name(name_node) if name_node is not None else None
        if node.type == "method_definition" and name is not None:
            if name == "constructor":
                self.constructor(node, scope)
            else:
                self.function(node, node, name, scope, method=True)
            return
        if node.type in _FIELDS and name is not None:
            value = node.child_by_field_name("value")
            if value is not None and _unwrap(value).type in (
                "arrow_function",
                "function_expression",
            ):
                function = _unwrap(value)
                self.function(function, node, name, scope, method=True)
                return
            if value is not None:
                binding = Binding(scope.qualname, name, self.expr(value, scope), self.pos(node))
                self.bindings.append(binding)
                self.walk(value, scope)
            return
        self.walk(node, _Scope(scope.qualname, scope.owner))

    def constructor(self, node: Node, scope: _Scope) -> None:
        """A constructor's parameter properties (``constructor(private client: PostHog)``)
        bind class attributes to the parameters (typed ones resolve through their
        annotation); its body binds ``this.x = ...``."""
        self.function(node, node, "constructor", scope, method=True)
        parameters = node.child_by_field_name("parameters")
        for param in parameters.named_children if parameters is not None else ():
            if any(child.type in _PARAMETER_PROPERTY for child in param.children):
                pattern = param.child_by_field_name("pattern")
                if pattern is not None and pattern.type == "identifier":
                    value = Ref((self.text(pattern),), self.pos(pattern))  # the parameter
                    self.bindings.append(
                        Binding(scope.qualname, self.text(pattern), value, self.pos(pattern))
                    )

    def enum(self, node: Node, scope: _Scope) -> None:
        """A TS enum is a class of constants: ``Events.Signup`` is its string value."""
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None:
            return
        qualname = scope.child(self.text(name))
        self.classes.append(ClassDef(qualname, (), self.pos(node)))
        counter: int | None = 0
        for member in body.named_children:
            key = member.child_by_field_name("name") if member.type == "enum_assignment" else member
            member_name = self.property_name(key) if key is not None else None
            if member_name is None:
                continue
            value_node = (
                member.child_by_field_name("value") if member.type == "enum_assignment" else None
            )
            if value_node is None:
                value: Expr = (
                    Literal(counter, self.pos(member))
                    if counter is not None
                    else Other("enum", self.pos(member))
                )
            else:
                value = self.expr(value_node, scope)
            counter = (
                (value.value + 1)
                if isinstance(value, Literal) and isinstance(value.value, int)
                else None
            )
            self.bindings.append(Binding(qualname, member_name, value, self.pos(key)))  # type: ignore[arg-type]

    def declarator(self, node: Node, scope: _Scope, *, constant: bool) -> None:
        """``const NAME = value``: a binding, a named function or class, a namespace of
        constants, or a ``require``."""
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None:
            return
        if value is None:
            if name.type == "identifier":
                self.bindings.append(
                    Binding(
                        scope.qualname,
                        self.text(name),
                        Other("declared", self.pos(name)),
                        self.pos(name),
                    )
                )
            return
        inner = _unwrap(value)
        if name.type == "identifier":
            target = self.text(name)
            if inner.type in ("arrow_function", "function_expression", "function"):
                self.function(inner, node, target, scope, method=False)
                return
            branches = self.function_branches(inner)
            if branches:  # ``const track = window.gtag ? (e) => gtag(...) : (e) => log(e)``
                for branch in branches:
                    self.function(branch, node, target, scope, method=False)
                self.walk(inner.child_by_field_name("condition") or inner, scope)
                return
            callback = self.callback(inner)
            if callback is not None:  # ``const track = useCallback((event) => ..., [deps])``
                self.function(callback, node, target, scope, method=False)
                arguments = inner.child_by_field_name("arguments")
                for rest in arguments.named_children[1:] if arguments is not None else ():
                    self.walk(rest, scope)
                return
            if inner.type == "class":
                self.class_def(inner, target, scope)
                return
            namespace = self.constant_object(value) if constant else None
            if namespace is not None:
                self.namespace(namespace, node, target, scope)
                return
            required, member = self.required_member(inner)
            if required is not None:
                module, level = module_path(required)
                self.imports.append(
                    Import(scope.qualname, target, module, member, level, self.pos(node))
                )
                return
            self.bindings.append(
                Binding(scope.qualname, target, self.expr(value, scope), self.pos(name))
            )
        elif name.type == "object_pattern":
            required = self.required(inner)
            source = self.destructured_from(value, scope) if required is None else None
            for local, key in self.destructured(name, "").items():
                if required is not None:
                    module, level = module_path(required)
                    self.imports.append(
                        Import(scope.qualname, local, module, key[1], level, self.pos(node))
                    )
                else:
                    bound: Expr = (
                        self.reference((*source.path, key[1]), scope, self.pos(name))
                        if isinstance(source, Ref)
                        else Other("destructured", self.pos(name))
                    )
                    self.bindings.append(Binding(scope.qualname, local, bound, self.pos(name)))
            if required is not None:
                return
        self.walk(value, scope)

    def function_branches(self, node: Node) -> list[Node]:
        """The functions of a ternary whose branches are all functions (a function
        picked at load time): each is the function the name is bound to."""
        if node.type != "ternary_expression":
            return []
        branches = [node.child_by_field_name(name) for name in ("consequence", "alternative")]
        functions = [_unwrap(b) for b in branches if b is not None]
        return functions if all(f.type in _FUNCTIONS for f in functions) else []

    def callback(self, node: Node) -> Node | None:
        """The function of ``useCallback(fn, deps)``: React memoises it, it is still ``fn``."""
        if node.type != "call_expression" or self.callee(node)[-1:] != ("useCallback",):
            return None
        arguments = node.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments and arguments.named_children else None
        return _unwrap(first) if first is not None and _unwrap(first).type in _FUNCTIONS else None

    def destructured_from(self, value: Node, scope: _Scope) -> Expr:
        """What ``const { ... } = value`` reads keys of: a name (``Ref``), or the call
        itself bound to the name ``callee()`` (no identifier can clash with it), so
        ``const { capture } = usePostHog()`` reads ``capture`` as ``usePostHog().capture``."""
        value_expr = self.expr(value, scope)
        if isinstance(value_expr, Call) and "?" not in value_expr.callee:
            holder = f"{'.'.join(value_expr.callee)}()"
            self.bindings.append(Binding(scope.qualname, holder, value_expr, value_expr.pos))
            return Ref((holder,), value_expr.pos)
        return value_expr

    def constant_object(self, value: Node) -> Node | None:
        """The object literal of ``const X = {...}`` (``as const``, ``Object.freeze``)
        when every key is a plain name: a namespace of constants."""
        node = _unwrap(value)
        if node.type == "call_expression" and self.callee(node) == ("Object", "freeze"):
            arguments = node.child_by_field_name("arguments")
            args = arguments.named_children if arguments is not None else []
            node = _unwrap(args[0]) if len(args) == 1 else node
        if node.type != "object":
            return None
        for part in node.named_children:
            if part.type == "shorthand_property_identifier" or part.type == "comment":
                continue
            key = part.child_by_field_name("key") or part.child_by_field_name("name")
            if part.type not in ("pair", "method_definition") or key is None:
                return None
            if self.property_name(key) is None:
                return None
        return node

    def namespace(self, obj: Node, anchor: Node, name: str, scope: _Scope) -> None:
        """``const EVENTS = { SIGNUP: "signup_completed" } as const`` reads as a class of
        constants, so ``EVENTS.SIGNUP`` resolves like a class attribute (also when
        imported); its functions are static methods (``tracker.track(...)``)."""
        qualname = scope.child(name)
        self.classes.append(ClassDef(qualname, (), self.pos(anchor)))
        members = _Scope(qualname)
        for part in obj.named_children:
            if part.type == "shorthand_property_identifier":
                shorthand = self.text(part)
                value = self.reference((shorthand,), scope, self.pos(part))
                self.bindings.append(Binding(qualname, shorthand, value, self.pos(part)))
                continue
            key = part.child_by_field_name("key") or part.child_by_field_name("name")
            key_name = self.property_name(key) if key is not None else None
            if key is None or key_name is None:
                continue
            if part.type == "method_definition":
                self.function(part, part, key_name, members, method=True, static=True)
                continue
            value_node = part.child_by_field_name("value")
            if value_node is None:
                continue
            inner = _unwrap(value_node)
            nested = self.constant_object(inner)
            if inner.type in _FUNCTIONS:
                self.function(inner, part, key_name, members, method=True, static=True)
            elif nested is not None:
                self.namespace(nested, part, key_name, members)
            else:
                value = self.expr(value_node, scope)
                self.bindings.append(Binding(qualname, key_name, value, self.pos(key)))
                self.walk(value_node, scope)

    def required_member(self, node: Node) -> tuple[str | None, str | None]:
        """``require("m")`` -> ``("m", None)``; ``require("m").default`` -> ``("m",
        "default")``: a module, or one name of it (CommonJS reads of ES modules)."""
        if node.type == "member_expression":
            obj = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if obj is not None and prop is not None and prop.type == "property_identifier":
                required = self.required(_unwrap(obj))
                return (required, self.text(prop)) if required is not None else (None, None)
        return self.required(node), None

    def required(self, node: Node) -> str | None:
        """The module of ``require("m")``."""
        if node.type != "call_expression":
            return None
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is None or function.type != "identifier" or self.text(function) != "require":
            return None
        args = arguments.named_children if arguments is not None else []
        if len(args) == 1 and args[0].type == "string":
            return self.string_value(args[0])
        return None

    def assignment(self, node: Node, scope: _Scope) -> bool:
        """``this.x = v`` in a method binds in the class; ``x = v`` rebinds ``x``;
        CommonJS ``exports.x = v`` (``module.exports.x``) defines the module's ``x``.
        True when the right side was walked here (a function defined)."""
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return False
        path = self.path(left)
        if path is None:
            return False
        if path[:-1] in (("exports",), ("module", "exports")) and not scope.qualname:
            if _unwrap(right).type in _FUNCTIONS:
                self.function(_unwrap(right), node, path[-1], scope, method=False)
                return True
            self.bindings.append(Binding("", path[-1], self.expr(right, scope), self.pos(left)))
        elif len(path) == 2 and path[0] == "this" and scope.owner is not None:
            self.bindings.append(
                Binding(scope.owner, path[1], self.expr(right, scope), self.pos(left))
            )
        elif len(path) == 1:
            self.bindings.append(
                Binding(scope.qualname, path[0], self.expr(right, scope), self.pos(left))
            )
        return False

    def import_statement(self, node: Node, scope: _Scope) -> None:
        source = node.child_by_field_name("source")
        if source is None:
            return
        module, level = module_path(self.string_value(source))
        pos = self.pos(node)
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    self.imports.append(
                        Import(scope.qualname, self.text(part), module, "default", level, pos)
                    )
                elif part.type == "namespace_import":
                    local = part.named_children[0] if part.named_children else None
                    if local is not None:
                        self.imports.append(
                            Import(scope.qualname, self.text(local), module, None, level, pos)
                        )
                elif part.type == "named_imports":
                    for specifier in part.named_children:
                        if specifier.type != "import_specifier":
                            continue
                        name = specifier.child_by_field_name("name")
                        alias = specifier.child_by_field_name("alias") or name
                        if name is not None and alias is not None:
                            imported = self.property_name(name) or self.text(name)
                            self.imports.append(
                                Import(
                                    scope.qualname, self.text(alias), module, imported, level, pos
                                )
                            )

    def export_statement(self, node: Node, scope: _Scope) -> None:
        """Re-exports are imports of this module; ``export default X`` binds ``default``."""
        source = node.child_by_field_name("source")
        pos = self.pos(node)
        if source is not None:
            module, level = module_path(self.string_value(source))
            for part in node.named_children:
                if part.type == "export_clause":
                    for specifier in part.named_children:
                        name = specifier.child_by_field_name("name")
                        alias = specifier.child_by_field_name("alias") or name
                        if name is not None and alias is not None:
                            self.imports.append(
                                Import(
                                    scope.qualname,
                                    self.text(alias),
                                    module,
                                    self.text(name),
                                    level,
                                    pos,
                                )
                            )
                elif part.type == "namespace_export" and part.named_children:
                    self.imports.append(
                        Import(
                            scope.qualname,
                            self.text(part.named_children[0]),
                            module,
                            None,
                            level,
                            pos,
                        )
                    )
            if not any(
                part.type in ("export_clause", "namespace_export") for part in node.named_children
            ):
                self.imports.append(Import(scope.qualname, "*", module, "*", level, pos))
            return
        declaration = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        if value is not None:  # ``export default <expression>``
            self.bindings.append(
                Binding(scope.qualname, "default", self.expr(value, scope), self.pos(value))
            )
        elif declaration is not None and any(child.type == "default" for child in node.children):
            name = declaration.child_by_field_name("name")
            if name is not None:
                self.bindings.append(
                    Binding(
                        scope.qualname,
                        "default",
                        Ref((self.text(name),), self.pos(name)),
                        self.pos(name),
                    )
                )
        for part in node.named_children:
            if part.type == "export_clause":
                for specifier in part.named_children:
                    name = specifier.child_by_field_name("name")
                    alias = specifier.child_by_field_name("alias")
                    if name is not None and alias is not None:
                        self.bindings.append(
                            Binding(
                                scope.qualname,
                                self.text(alias),
                                Ref((self.text(name),), self.pos(name)),
                                self.pos(alias),
                            )
                        )

    def comment(self, node: Node) -> None:
        text = self.text(node)
        if "evdict" not in text:
            return
        match = _SUPPRESSION.search(text)
        if match is None:
            return
        codes = tuple(
            code.strip().upper() for code in (match.group(2) or "").split(",") if code.strip()
        )
        line, column, _, _ = self.pos(node)
        prefix = text[: match.start()]
        start_line = line + prefix.count("\n")
        start = (len(prefix) - prefix.rfind("\n")) if "\n" in prefix else column + len(prefix)
        end = start + len(match.group(0))
        self.suppressions.append(
            Suppression(codes, bool(match.group(1)), (start_line, start, start_line, end))
        )

    # --- calls and expressions --------------------------------------------------------------

    def call(self, node: Node, scope: _Scope) -> None:
        arguments = node.child_by_field_name("arguments")
        if node.has_error or arguments is None or arguments.type != "arguments":
            return  # a call with a syntax error inside, or a tagged template
        callee = self.callee(node)
        if not callee or callee[-1] == "?" or callee[-1] in _NEVER_TRACKING:
            return
        if callee[0] == "?" and len(callee) == 2:
            callee = self.held_callee(node, callee, scope)
        self.calls[callee[-1]].append(
            CallSite(self.call_expr(node, callee, scope, 0), scope.qualname)
        )

    def held_callee(self, node: Node, callee: tuple[str, ...], scope: _Scope) -> tuple[str, ...]:
        """``useTelemetry().track(...)`` -> ``("useTelemetry()", "track")``, the call bound
        to that name as ``const { track } = useTelemetry()`` binds it, so the method
        resolves on what the function returns; other bases stay opaque (``"?"``)."""
        function = node.child_by_field_name("function")
        base = function.child_by_field_name("object") if function is not None else None
        if base is None or _unwrap(base).type != "call_expression":
            return callee
        held = self.destructured_from(base, scope)
        return (held.path[0], callee[1]) if isinstance(held, Ref) else callee

    def callee(self, node: Node) -> tuple[str, ...]:
        function = node.child_by_field_name("function") or node.child_by_field_name("constructor")
        if function is None or function.type == "import":
            return ()
        return self.path(function, opaque=True) or ()

    def call_expr(self, node: Node, callee: tuple[str, ...], scope: _Scope, depth: int) -> Call:
        arguments = node.child_by_field_name("arguments")
        args: list[Expr] = []
        for arg in arguments.named_children if arguments is not None else ():
            if arg.type == "comment":
                continue
            if arg.type == "spread_element":
                inner = arg.named_children[0] if arg.named_children else arg
                args.append(Starred(self.expr(inner, scope, depth + 1), self.pos(arg)))
            else:
                args.append(self.expr(arg, scope, depth + 1))
        return Call(callee, tuple(args), (), (), self.pos(node))

    def path(self, node: Node, opaque: bool = False) -> tuple[str, ...] | None:
        """``a.b?.c`` / ``a["b"]`` -> ``("a", "b", "c")``; with ``opaque`` a base that is
        not a name becomes ``"?"`` (``useTrack()(...)`` -> ``("?",)``); else None."""
        parts: list[str] = []
        while True:
            node = _unwrap(node)
            kind = node.type
            if kind == "member_expression":
                prop = node.child_by_field_name("property")
                obj = node.child_by_field_name("object")
                if prop is None or obj is None:
                    return None
                parts.append(self.text(prop))
                node = obj
            elif kind == "subscript_expression":
                index = node.child_by_field_name("index")
                obj = node.child_by_field_name("object")
                if index is None or obj is None or index.type != "string":
                    if not opaque:
                        return None
                    parts.append("?")
                    break
                parts.append(self.string_value(index))
                node = obj
            elif kind in ("identifier", "this", "property_identifier"):
                parts.append(self.text(node))
                break
            elif opaque:
                parts.append("?")
                break
            else:
                return None
        return tuple(reversed(parts))

    def expr(self, node: Node, scope: _Scope, depth: int = 0) -> Expr:
        node = _unwrap(node)
        pos = self.pos(node)
        if depth > _MAX_DEPTH:
            return Other("nested", pos)
        kind = node.type
        if kind == "string":
            return Str(self.string_value(node), pos)
        if kind == "template_string":
            return self.template(node, scope, pos, depth)
        if kind in ("identifier", "member_expression", "subscript_expression", "this"):
            path = self.path(node)
            if path is None:
                return Other(kind.removesuffix("_expression"), pos)
            return self.reference(path, scope, pos)
        if kind == "number":
            return Literal(_number(self.text(node)), pos)
        if kind in ("true", "false"):
            return Literal(kind == "true", pos)
        if kind in ("null", "undefined"):
            return Literal(None, pos)
        if kind == "unary_expression":
            operand = node.child_by_field_name("argument")
            operator = node.child_by_field_name("operator")
            if (
                operand is not None
                and operand.type == "number"
                and operator is not None
                and self.text(operator) in "-+"
            ):
                value = _number(self.text(operand))
                return Literal(
                    -value if self.text(operator) == "-" and value is not None else value, pos
                )
            return Other(kind.removesuffix("_expression"), pos)
        if kind == "binary_expression":
            return self.binary(node, scope, pos, depth)
        if kind == "ternary_expression":
            options: list[Expr] = []
            for name in ("consequence", "alternative"):
                branch = node.child_by_field_name(name)
                if branch is not None:
                    option = self.expr(branch, scope, depth + 1)
                    options.extend(option.options if isinstance(option, Choice) else (option,))
            return Choice(tuple(options), pos)
        if kind == "object":
            return self.mapping(node, scope, pos, depth)
        if kind == "array":
            items = [
                self.expr(element, scope, depth + 1)
                for element in node.named_children
                if element.type != "comment"
            ]
            if all(isinstance(item, (Str, Literal)) for item in items):
                return Literal([item.value for item in items], pos)  # type: ignore[union-attr]
            return Other("array", pos)
        if kind in ("call_expression", "new_expression"):
            callee = self.callee(node)
            if kind == "call_expression" and callee == ("Object", "freeze"):
                arguments = node.child_by_field_name("arguments")
                if arguments is not None and len(arguments.named_children) == 1:
                    return self.expr(arguments.named_children[0], scope, depth)
            function = node.child_by_field_name("function")
            if callee[-1:] == ("bind",) and function is not None:  # ``analytics.track.bind(x)``
                bound = function.child_by_field_name("object")
                if function.type == "member_expression" and bound is not None:
                    return self.expr(bound, scope, depth)
            return self.call_expr(node, callee or ("?",), scope, depth)
        if kind in _FUNCTIONS:
            return Other("function", pos)
        return Other(kind.removesuffix("_expression"), pos)

    def reference(self, path: tuple[str, ...], scope: _Scope, pos: Position) -> Expr:
        """A name or dotted path; names from a parameter read as its keys."""
        head = path[0]
        if head in scope.keys:
            param, key = scope.keys[head]
            return Item((param,), key, pos) if len(path) == 1 else Other("member", pos)
        if head in scope.params and len(path) == 2:
            return Item((head,), path[1], pos)
        return Ref(path, pos)

    def binary(self, node: Node, scope: _Scope, pos: Position, depth: int) -> Expr:
        operator = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = self.text(operator) if operator is not None else ""
        if left is None or right is None:
            return Other("binary", pos)
        if op in ("||", "??"):
            parts = [self.expr(left, scope, depth + 1), self.expr(right, scope, depth + 1)]
            flat = [
                o for part in parts for o in (part.options if isinstance(part, Choice) else (part,))
            ]
            return Choice(tuple(flat), pos)
        if op != "+":
            return Other("binary", pos)
        pieces: list[Expr] = []
        for operand in (left, right):
            part = self.expr(operand, scope, depth + 1)
            pieces.extend(part.parts if isinstance(part, Concat) else (part,))
        if all(isinstance(part, Str) for part in pieces):
            return Str("".join(part.value for part in pieces if isinstance(part, Str)), pos)
        return Concat(tuple(pieces), pos)

    def mapping(self, node: Node, scope: _Scope, pos: Position, depth: int) -> Mapping:
        entries: list[Entry] = []
        spreads: list[Expr] = []
        for part in node.named_children:
            kind = part.type
            if kind == "pair":
                key = part.child_by_field_name("key")
                value = part.child_by_field_name("value")
                if key is None or value is None:
                    continue
                entries.append(
                    Entry(self.key(key, scope, depth), self.expr(value, scope, depth + 1))
                )
            elif kind == "shorthand_property_identifier":
                name = self.text(part)
                entries.append(
                    Entry(Str(name, self.pos(part)), self.reference((name,), scope, self.pos(part)))
                )
            elif kind == "spread_element":
                inner = part.named_children[0] if part.named_children else part
                spreads.append(self.expr(inner, scope, depth + 1))
            elif kind == "method_definition":
                name_node = part.child_by_field_name("name")
                if name_node is not None:
                    entries.append(
                        Entry(self.key(name_node, scope, depth), Other("function", self.pos(part)))
                    )
        return Mapping(tuple(entries), tuple(spreads), pos)

    def key(self, node: Node, scope: _Scope, depth: int) -> Expr:
        """An object key: a name or string is a :class:`Str`; ``[expr]`` is the expression."""
        if node.type == "computed_property_name":
            inner = node.named_children[0] if node.named_children else node
            return self.expr(inner, scope, depth + 1)
        name = self.property_name(node)
        return Str(name, self.pos(node)) if name is not None else Other(node.type, self.pos(node))

    def property_name(self, node: Node) -> str | None:
        kind = node.type
        if kind in (
            "property_identifier",
            "identifier",
            "private_property_identifier",
            "shorthand_property_identifier",
        ):
            return self.text(node)
        if kind == "string":
            return self.string_value(node)
        if kind == "number":
            return self.text(node)
        return None

    def template(self, node: Node, scope: _Scope, pos: Position, depth: int) -> Expr:
        parts: list[Expr] = []
        start = node.start_byte + 1
        for child in node.named_children:
            if child.type == "template_substitution":
                text = self.data[start : child.start_byte].decode("utf-8", errors="replace")
                if text:
                    parts.append(Str(_unescape(text), pos))
                inner = child.named_children
                parts.append(
                    self.expr(inner[0], scope, depth + 1) if len(inner) == 1 else Other("", pos)
                )
                start = child.end_byte
        text = self.data[start : node.end_byte - 1].decode("utf-8", errors="replace")
        if text:
            parts.append(Str(_unescape(text), pos))
        texts = list(itertools.takewhile(lambda part: isinstance(part, Str), parts))
        prefix = "".join(part.value for part in texts if isinstance(part, Str))
        if len(texts) == len(parts):
            return Str(prefix, pos)
        return FString(prefix, pos, tuple(parts))

    def string_value(self, node: Node) -> str:
        raw = self.data[node.start_byte + 1 : node.end_byte - 1].decode("utf-8", errors="replace")
        return _unescape(raw) if "\\" in raw else raw


def _unwrap(node: Node) -> Node:
    """The expression inside parentheses, TS casts (``as``, ``satisfies``, ``!``) and ``await``."""
    while node.type in _WRAPPERS:
        inner = node.child_by_field_name("expression") or (
            node.named_children[0] if node.named_children else None
        )
        if inner is None:
            return node
        node = inner
    return node


def _number(text: str) -> int | float | None:
    cleaned = text.replace("_", "").rstrip("n")
    try:
        if cleaned[:2].lower() in ("0x", "0o", "0b"):
            return int(cleaned, 0)
        value = float(cleaned)
    except ValueError:
        return None
    return (
        int(value)
        if value.is_integer() and "." not in cleaned and "e" not in cleaned.lower()
        else value
    )


def _unescape(raw: str) -> str:
    """JS string escapes -> text (``\\u{1F600}``, surrogate pairs, line continuations)."""
    surrogates = False

    def replace(match: re.Match[str]) -> str:
        nonlocal surrogates
        escape = match.group(1)
        if escape in _LINE_BREAKS:
            return ""
        if escape in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[escape]
        if escape[0] in "ux" and len(escape) > 1:
            code = int(escape.strip("u{}x") if escape[0] == "u" else escape[1:], 16)
            if 0xD800 <= code <= 0xDFFF:
                surrogates = True
            return chr(code) if code <= 0x10FFFF else "\ufffd"
        return escape

    text = _ESCAPE.sub(replace, raw)
    if surrogates:
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text
