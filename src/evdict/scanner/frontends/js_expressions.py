"""JS/TS expressions -> evdict's neutral :class:`~evdict.scanner.model.Expr` facts.

Strings and template literals, numbers, names and member paths (a parameter's keys
read as :class:`~evdict.scanner.model.Item`), ``||`` / ``??`` / ternaries as choices,
``+`` as concatenation, object literals as mappings, calls with their arguments.
Reading an expression records nothing: the statement readers decide what it binds.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import TYPE_CHECKING

from evdict.scanner.frontends.js_nodes import (
    FUNCTIONS,
    WRAPPERS,
    Source,
    first_named,
    number,
    unescape,
    unwrap,
)
from evdict.scanner.frontends.js_schemas import schema_names
from evdict.scanner.model import (
    CONCATENATED,
    Call,
    Choice,
    Concat,
    Entry,
    Expr,
    FString,
    Item,
    Literal,
    Lookup,
    Mapping,
    Other,
    Position,
    Ref,
    Starred,
    Str,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_scope import Scope

_MAX_DEPTH = 6
_MAX_ITEMS = 25
# String methods whose result a reader knows when it knows their receiver's text.
_CASE_METHODS = ("toLowerCase", "toUpperCase")
_TRANSPARENT = (("Object", "freeze"), ("$derived",), ("JSON", "parse"))
# What an operator gives, named for the value's type (`!x` is a boolean): the kinds the
# resolver types a property's value by. Not `<` nor `>`: tree-sitter reads a generic
# call it cannot parse (`query<Array<Row>>`...``) as comparisons.
_UNARY_KINDS = {"!": "not", "typeof": "typeof"}
_BINARY_KINDS = dict.fromkeys(
    ("===", "!==", "==", "!=", "<=", ">=", "instanceof", "in"), "comparison"
) | dict.fromkeys(("-", "*", "/", "%", "**"), "arithmetic")


class Expressions:
    """Reads expression nodes of one file (:class:`Source`) in a :class:`Scope`."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._schemas: frozenset[str] | None = None

    def schema(self, name: str, node: Node) -> bool:
        """Whether ``name`` is a schema the file binds (found once, from ``node``'s root)."""
        if self._schemas is None:
            root = node
            while root.parent is not None:
                root = root.parent
            self._schemas = schema_names(root, self.source)
        return name in self._schemas

    def expr(self, node: Node, scope: Scope, depth: int = 0) -> Expr:
        source = self.source
        kind = node.type
        if kind in WRAPPERS:
            node = unwrap(node)
            kind = node.type
        pos = source.pos(node)
        if depth > _MAX_DEPTH:
            return Other("nested", pos)
        if kind == "string":
            return Str(source.string_value(node), pos)
        if kind == "template_string":
            return self.template(node, scope, pos, depth)
        if kind in ("identifier", "member_expression", "subscript_expression", "this"):
            path = self.path(node)
            if path is None:
                looked_up = self.lookup(node, scope, pos, depth)
                return looked_up or Other(kind.removesuffix("_expression"), pos)
            return self.reference(path, scope, pos)
        if kind == "number":
            return Literal(number(source.text(node)), pos)
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
                and source.text(operator) in "-+"
            ):
                value = number(source.text(operand))
                return Literal(
                    -value if source.text(operator) == "-" and value is not None else value, pos
                )
            written = source.text(operator) if operator is not None else ""
            return Other(_UNARY_KINDS.get(written, "unary"), pos)
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
            # The elements are kept for a preset reading into them (GA4's ``events:
            # [{name, params}]``, 25 at most per request); a longer array is data.
            return Other("array", pos, tuple(items) if len(items) <= _MAX_ITEMS else ())
        if kind in ("call_expression", "new_expression"):
            callee = self.callee(node)
            # ``Object.freeze(x)``, Svelte 5's ``$derived(x)`` rune: the value of ``x``; so is
            # ``JSON.parse(x)`` of the JSON it reads (an Electron IPC handler parses the
            # object the renderer stringified: ``data.name`` is the key ``name`` of ``x``)
            # and a zod schema's ``schema.parse(x)`` of ``x`` (:mod:`.js_schemas`)
            if kind == "call_expression" and (
                callee in _TRANSPARENT
                or (callee[1:] == ("parse",) and self.schema(callee[0], node))
            ):
                arguments = node.child_by_field_name("arguments")
                if arguments is not None and len(arguments.named_children) == 1:
                    return self.expr(arguments.named_children[0], scope, depth)
            function = node.child_by_field_name("function")
            if callee[-1:] == ("bind",) and function is not None:  # ``analytics.track.bind(x)``
                bound = function.child_by_field_name("object")
                if function.type == "member_expression" and bound is not None:
                    return self.expr(bound, scope, depth)
            mapped = self.mapped(node, callee, scope, depth) if kind == "call_expression" else None
            if mapped is not None:
                return mapped
            joined = self.joined(node, callee, scope, depth) if kind == "call_expression" else None
            if joined is not None:
                return joined
            call = self.call_expr(node, callee or ("?",), scope, depth)
            receiver = function.child_by_field_name("object") if function is not None else None
            if callee[:1] == ("?",) and callee[-1] in _CASE_METHODS and receiver is not None:
                # ``Step[step].toLowerCase()``: what it lowercases, else lost in the ``?``
                return replace(call, receiver=self.expr(receiver, scope, depth + 1))
            return call
        if kind in FUNCTIONS:
            return Other("function", pos)
        return Other(kind.removesuffix("_expression"), pos)

    def mapped(self, node: Node, callee: tuple[str, ...], scope: Scope, depth: int) -> Other | None:
        """``list.map((m) => ({name: "X", ...}))`` (``flatMap`` to ``[{...}, {...}]``): an
        array of objects of those shapes, one (or each) per element of a list known only
        at run time, kept as an array literal of them (a wrapper sending each object
        reads their names). A callback returning anything else (a string, a block) is
        the call it is."""
        if callee[-1:] not in (("map",), ("flatMap",)):
            return None
        arguments = node.child_by_field_name("arguments")
        args = [a for a in arguments.named_children if a.type != "comment"] if arguments else []
        body = args[0].child_by_field_name("body") if len(args) == 1 else None
        if args[0].type != "arrow_function" or body is None:
            return None
        body = unwrap(body)
        objects = [body]
        if body.type == "array" and callee[-1] == "flatMap":
            objects = [item for item in body.named_children if item.type != "comment"]
        if not objects or any(unwrap(item).type != "object" for item in objects):
            return None
        own = self._parameters(args[0])
        if any(
            spread.type == "spread_element" and self.source.text(spread)[3:].strip() in own
            for item in objects
            for spread in unwrap(item).named_children
        ):
            return None  # ``({...e, userId})``: the list's own objects, a key added
        items = tuple(self.expr(item, scope, depth + 1) for item in objects)
        return Other("array", self.source.pos(node), items)

    def joined(self, node: Node, callee: tuple[str, ...], scope: Scope, depth: int) -> Other | None:
        """``a.concat(b, c)`` (``a`` a name, an array, or such a call): the arrays it joins,
        in order, as :data:`CONCATENATED` (each read where the call reads it)."""
        function = node.child_by_field_name("function")
        receiver = function.child_by_field_name("object") if function is not None else None
        if callee[-1:] != ("concat",) or receiver is None:
            return None
        base = self.expr(receiver, scope, depth + 1)
        if not isinstance(base, (Ref, Other)) or (
            isinstance(base, Other) and base.kind not in ("array", CONCATENATED)
        ):
            return None
        head = base.items if isinstance(base, Other) and base.kind == CONCATENATED else (base,)
        call = self.call_expr(node, callee, scope, depth)
        return Other(CONCATENATED, call.pos, (*head, *call.args))

    def _parameters(self, arrow: Node) -> set[str]:
        """The names of an arrow function's plain parameters (``e`` of ``(e, i) => ...``)."""
        single = arrow.child_by_field_name("parameter")
        if single is not None:
            return {self.source.text(single)}
        listed = arrow.child_by_field_name("parameters")
        patterns = (
            [p.child_by_field_name("pattern") or p for p in listed.named_children]
            if (listed is not None)
            else []
        )
        return {self.source.text(p) for p in patterns if p.type == "identifier"}

    def lookup(self, node: Node, scope: Scope, pos: Position, depth: int) -> Lookup | None:
        """``EVENTS[kind]``: a name read by a key known only at run time; a key that is a
        choice or a template is kept, as it may name the keys it reads."""
        base = node.child_by_field_name("object")
        index = node.child_by_field_name("index")
        if node.type != "subscript_expression" or base is None or index is None:
            return None
        path = self.path(base)
        if not path or index.type == "string":
            return None
        index = unwrap(index) if index.type in WRAPPERS else index
        key = None
        if index.type in ("ternary_expression", "template_string", "identifier"):
            key = self.expr(index, scope, depth + 1)
        return Lookup(path, pos, key)

    def reference(self, path: tuple[str, ...], scope: Scope, pos: Position) -> Expr:
        """A name or dotted path; names from a parameter read as its keys."""
        head = path[0]
        if head in scope.keys:
            param, key = scope.keys[head]
            # ``({ data }) => track(data.event)``: a key of that key, the dotted key
            # ``data.event`` of the parameter (callers' object literals read it nested)
            return Item((param,), ".".join((key, *path[1:])), pos)
        if head in scope.params and len(path) == 2:
            return Item((head,), path[1], pos)
        return Ref(path, pos)

    def binary(self, node: Node, scope: Scope, pos: Position, depth: int) -> Expr:
        operator = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = self.source.text(operator) if operator is not None else ""
        if left is None or right is None:
            return Other("binary", pos)
        if op in ("||", "??"):
            parts = [self.expr(left, scope, depth + 1), self.expr(right, scope, depth + 1)]
            flat = [
                o for part in parts for o in (part.options if isinstance(part, Choice) else (part,))
            ]
            return Choice(tuple(flat), pos)
        if op != "+":
            return Other(_BINARY_KINDS.get(op, "binary"), pos)
        pieces: list[Expr] = []
        for operand in (left, right):
            part = self.expr(operand, scope, depth + 1)
            pieces.extend(part.parts if isinstance(part, Concat) else (part,))
        if all(isinstance(part, Str) for part in pieces):
            return Str("".join(part.value for part in pieces if isinstance(part, Str)), pos)
        return Concat(tuple(pieces), pos)

    def mapping(self, node: Node, scope: Scope, pos: Position, depth: int) -> Mapping:
        source = self.source
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
                name = source.text(part)
                entries.append(
                    Entry(
                        Str(name, source.pos(part)),
                        self.reference((name,), scope, source.pos(part)),
                    )
                )
            elif kind == "spread_element":
                inner = part.named_children[0] if part.named_children else part
                spreads.append(self.spread(inner, scope, depth + 1))
            elif kind == "method_definition":
                name_node = part.child_by_field_name("name")
                if name_node is not None:
                    entries.append(
                        Entry(
                            self.key(name_node, scope, depth),
                            Other("function", source.pos(part)),
                        )
                    )
        return Mapping(tuple(entries), tuple(spreads), pos)

    def spread(self, node: Node, scope: Scope, depth: int) -> Expr:
        """What ``...x`` spreads: ``...(cond && {command})`` spreads the object or
        nothing, as ``...(cond ? {command} : {})`` does."""
        inner = unwrap(node)
        operator = inner.child_by_field_name("operator")
        right = inner.child_by_field_name("right")
        if (
            inner.type == "binary_expression"
            and operator is not None
            and self.source.text(operator) == "&&"
            and right is not None
            and unwrap(right).type == "object"
        ):
            nothing = Literal(None, self.source.pos(inner))
            return Choice((nothing, self.expr(right, scope, depth)), self.source.pos(inner))
        return self.expr(node, scope, depth)

    def key(self, node: Node, scope: Scope, depth: int) -> Expr:
        """An object key: a name or string is a :class:`Str`; ``[expr]`` is the expression."""
        if node.type == "computed_property_name":
            inner = node.named_children[0] if node.named_children else node
            return self.expr(inner, scope, depth + 1)
        name = self.source.property_name(node)
        pos = self.source.pos(node)
        return Str(name, pos) if name is not None else Other(node.type, pos)

    def template(self, node: Node, scope: Scope, pos: Position, depth: int) -> Expr:
        data = self.source.data
        parts: list[Expr] = []
        start = node.start_byte + 1
        for child in node.named_children:
            if child.type == "template_substitution":
                text = data[start : child.start_byte].decode("utf-8", errors="replace")
                if text:
                    parts.append(Str(unescape(text), pos))
                inner = child.named_children
                parts.append(
                    self.expr(inner[0], scope, depth + 1) if len(inner) == 1 else Other("", pos)
                )
                start = child.end_byte
        text = data[start : node.end_byte - 1].decode("utf-8", errors="replace")
        if text:
            parts.append(Str(unescape(text), pos))
        texts = list(itertools.takewhile(lambda part: isinstance(part, Str), parts))
        prefix = "".join(part.value for part in texts if isinstance(part, Str))
        if len(texts) == len(parts):
            return Str(prefix, pos)
        return FString(prefix, pos, tuple(parts))

    # --- calls and names ---------------------------------------------------------------------

    def callee(self, node: Node) -> tuple[str, ...]:
        function = node.child_by_field_name("function") or node.child_by_field_name("constructor")
        if function is None or function.type == "import":
            return ()
        return self.path(function, opaque=True) or ()

    def call_expr(self, node: Node, callee: tuple[str, ...], scope: Scope, depth: int) -> Call:
        arguments = node.child_by_field_name("arguments")
        args: list[Expr] = []
        for arg in arguments.named_children if arguments is not None else ():
            if arg.type == "comment":
                continue
            if arg.type == "spread_element":
                inner = arg.named_children[0] if arg.named_children else arg
                args.append(Starred(self.expr(inner, scope, depth + 1), self.source.pos(arg)))
            else:
                args.append(self.expr(arg, scope, depth + 1))
        return Call(callee, tuple(args), (), (), self.source.pos(node))

    def path(self, node: Node, opaque: bool = False) -> tuple[str, ...] | None:
        """``a.b?.c`` / ``a["b"]`` -> ``("a", "b", "c")``; with ``opaque`` a base that is
        not a name becomes ``"?"`` (``useTrack()(...)`` -> ``("?",)``); else None."""
        source = self.source
        parts: list[str] = []
        while True:
            kind = node.type
            if kind in WRAPPERS:
                node = unwrap(node)
                kind = node.type
            if kind == "member_expression":
                prop = node.child_by_field_name("property")
                obj = node.child_by_field_name("object")
                if prop is None or obj is None:
                    return None
                parts.append(source.text(prop))
                node = obj
            elif kind == "subscript_expression":
                index = node.child_by_field_name("index")
                obj = node.child_by_field_name("object")
                if index is None or obj is None or index.type != "string":
                    if not opaque:
                        return None
                    parts.append("?")
                    break
                parts.append(source.string_value(index))
                node = obj
            elif kind in ("identifier", "this", "property_identifier"):
                parts.append(source.text(node))
                break
            elif opaque:
                parts.append("?")
                break
            else:
                return None
        return tuple(reversed(parts))

    def constant_object(self, value: Node) -> Node | None:
        """The object literal of ``const X = {...}`` (``as const``, ``Object.freeze``, React's
        ``useMemo(() => ({...}), deps)``) when every key is a plain name: a namespace of
        constants."""
        node = unwrap(value)
        callee = self.callee(node) if node.type == "call_expression" else ()
        if callee == ("Object", "freeze"):
            arguments = node.child_by_field_name("arguments")
            args = arguments.named_children if arguments is not None else []
            node = unwrap(args[0]) if len(args) == 1 else node
        elif callee[-1:] == ("useMemo",):
            arguments = node.child_by_field_name("arguments")
            memo = first_named(arguments) if arguments is not None else None
            if memo is not None and memo.type == "arrow_function":
                body = memo.child_by_field_name("body")
                node = unwrap(body) if body is not None else node
        if node.type != "object":
            return None
        for part in node.named_children:
            if part.type == "shorthand_property_identifier" or part.type == "comment":
                continue
            key = part.child_by_field_name("key") or part.child_by_field_name("name")
            if part.type not in ("pair", "method_definition") or key is None:
                return None
            if self.source.property_name(key) is None:
                return None
        return node
