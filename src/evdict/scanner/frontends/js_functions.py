"""JS/TS functions: declarations, methods, callbacks, their parameters (destructured
ones named by position, typed ones with their class), what they return, and objects
of constants and functions read as namespaces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner.frontends.js_loops import Loops
from evdict.scanner.frontends.js_nodes import FUNCTIONS, first_named, unwrap
from evdict.scanner.frontends.js_scope import Scope
from evdict.scanner.model import (
    CALLBACK_PARAMETER,
    RETURNED,
    Binding,
    ClassDef,
    FunctionDef,
    FunctionKind,
    Literal,
    Other,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_expressions import Expressions
    from evdict.scanner.frontends.js_scope import Found, Walk

Parameters = tuple[
    tuple[str, ...],
    dict[str, tuple[str, str]],
    str | None,
    tuple[tuple[str, tuple[str, ...]], ...],
]
"""Positional names, destructured names (-> parameter, key), rest parameter, annotations."""


class StatementReader:
    """What a reader of statements (classes, calls) works with: the file's expression and
    function readers, what the file defines so far, and the walk to hand children to."""

    def __init__(
        self, expressions: Expressions, functions: Functions, found: Found, walk: Walk
    ) -> None:
        self.source = expressions.source
        self.expressions = expressions
        self.functions = functions
        self.found = found
        self.walk = walk


class Functions:
    """Records the functions of one file and walks their bodies in their own scope."""

    def __init__(self, expressions: Expressions, found: Found, walk: Walk, loops: Loops) -> None:
        self.source = expressions.source
        self.expressions = expressions
        self.found = found
        self.walk = walk
        self.loops = loops  # a callback run per element of a parameter

    # --- walk handlers (True: the node is read, its children need no walk) --------------------

    def declaration(self, node: Node, scope: Scope) -> bool:
        """``function name() {}``; without a name (``export default function``), its
        children are walked."""
        name = node.child_by_field_name("name")
        if name is None:
            return False
        self.function(node, node, self.source.text(name), scope, method=False)
        return True

    def return_statement(self, node: Node, scope: Scope) -> bool:
        value = first_named(node)
        if not scope.function_body or value is None:
            return False
        self.returned(value, scope)
        return True

    def anonymous(self, node: Node, scope: Scope) -> bool:
        """A callback: its calls belong to the enclosing scope; its own parameters hide
        the enclosing function's of the same name."""
        pos = self.source.pos
        params = self.parameters(node)[0]
        hidden = set(params)
        settled = self.settled(node)
        for index, name in enumerate(params):
            if name[0] not in "{[":
                # ``buffer.forEach((event) => posthog.capture(event.name))``: an element
                # of ``buffer`` when that is a parameter (:mod:`.js_loops`), else not known;
                # ``setup().then((client) => ...)``: what ``await setup()`` gives
                value = (
                    self.expressions.expr(settled, scope)
                    if settled is not None and index == 0
                    else (index == 0 and self.loops.callback(node, name, scope))
                    or Other(CALLBACK_PARAMETER, pos(node), (Literal(index, pos(node)),))
                )
                self.found.bindings.append(Binding(scope.qualname, name, value, pos(node)))
        keys = {name: key for name, key in scope.keys.items() if name not in hidden}
        owner = (
            None if node.type != "arrow_function" else scope.owner
        )  # ``function`` rebinds ``this``
        inner = Scope(scope.qualname, owner, scope.params - hidden, keys)
        body = node.child_by_field_name("body")
        if body is not None:
            self.walk(body, inner)
        return True

    @staticmethod
    def settled(node: Node) -> Node | None:
        """The promise whose value a callback receives: ``promise`` of
        ``promise.then(callback)`` (its first argument), else None."""
        arguments = node.parent
        call = arguments.parent if arguments is not None else None
        if (
            call is None
            or call.type != "call_expression"
            or arguments is None
            or arguments.type != "arguments"
            or not arguments.named_children
            or arguments.named_children[0] != node
        ):
            return None
        callee = call.child_by_field_name("function")
        prop = callee.child_by_field_name("property") if callee is not None else None
        if callee is None or callee.type != "member_expression" or prop is None:
            return None
        return callee.child_by_field_name("object") if prop.text == b"then" else None

    # --- definitions ---------------------------------------------------------------------------

    def function(
        self,
        node: Node,
        anchor: Node,
        name: str,
        scope: Scope,
        *,
        method: bool,
        static: bool = False,
        abstract: bool = False,
    ) -> None:
        """A named function; ``anchor`` is where it is declared (its position). A
        ``method`` gets ``this`` first: a class's instance, or for a ``static`` one the
        class itself (a classmethod, as ``this`` is in a static method and in a method
        of an object literal); an arrow function in an object literal has none. An
        ``abstract`` one is a signature an implementation defines (an interface's, an
        abstract class's ``abstract`` method). A ``get`` accessor is read as an attribute
        (``TelemetryService.instance``: what ``static get instance()`` returns)."""
        qualname = scope.child(name)
        static = method and (static or any(child.type == "static" for child in anchor.children))
        getter = method and any(child.type == "get" for child in anchor.children)
        params, keys, vararg, annotations = self.parameters(node)
        returns = self.annotation(node.child_by_field_name("return_type"))
        returned = self.returned_argument(node, annotations, returns)
        if returns:
            annotations = (*annotations, (RETURNED, returns))
        kind: FunctionKind = "function"
        if method:
            # An arrow function keeps the ``this`` around it: none in an object literal.
            this = not (node.type == "arrow_function" and scope.owner is None)
            kind = ("classmethod" if static else "method") if this else "staticmethod"
            params = ("this", *params) if this else params
        self.found.functions.append(
            FunctionDef(
                qualname=qualname,
                class_name=scope.qualname if method else None,
                kind=kind,
                params=params,
                posonly=0,
                kwonly=(),
                vararg=vararg,
                kwarg=None,
                pos=self.source.pos(anchor),
                annotations=annotations,
                abstract=abstract,
                is_property=getter,
                returns_argument=returned,
                defaults=self.defaulted(node),
            )
        )
        owner = scope.qualname if kind in ("method", "classmethod") else None
        own = frozenset(params).difference(("this",))
        if not method:
            if node.type == "arrow_function":
                owner = scope.owner  # an arrow function keeps the ``this`` around it
            # A closure reads the parameters around it that its own do not hide (a
            # component's ``const onClick = () => capture(props.eventName)``).
            outer = {
                name: key for name, key in scope.keys.items() if own.isdisjoint((name, key[0]))
            }
            keys = {**outer, **keys}
            own |= scope.params
        inner = Scope(qualname, owner, own, keys, True)
        body = node.child_by_field_name("body")
        if body is None:
            return
        if body.type == "statement_block":
            for child in body.named_children:
                self.walk(child, inner)
        else:  # an arrow function's expression body is what it returns
            self.returned(body, inner)

    def returned(self, value: Node, scope: Scope) -> None:
        """What a function returns: a function there (maybe in ``useCallback``) is
        ``<scope>.<return>``; anything else is walked for its calls."""
        expressions = self.expressions
        value = unwrap(value)
        kind = value.type
        if kind == "call_expression" and expressions.callee(value)[-1:] in (
            ("useCallback",),
            ("useMemo",),
        ):
            arguments = value.child_by_field_name("arguments")
            first = arguments.named_children[0] if arguments and arguments.named_children else None
            if first is not None and first.type in FUNCTIONS:
                self.function(first, first, RETURNED, scope, method=False)
                for rest in arguments.named_children[1:] if arguments else ():
                    self.walk(rest, scope)
                return
        if kind in FUNCTIONS:
            self.function(value, value, RETURNED, scope, method=False)
            return
        helpers = expressions.constant_object(value) if kind == "object" else None
        if helpers is not None:  # ``return { capture, identify }``: ``useX().capture``
            self.namespace(helpers, value, RETURNED, scope)
            return
        if kind in ("identifier", "member_expression", "call_expression", "new_expression"):
            # ``return capture``, ``return new PostHog(key)``, ``return getClient()``
            self.found.bindings.append(
                Binding(
                    scope.qualname,
                    RETURNED,
                    expressions.expr(value, scope),
                    self.source.pos(value),
                )
            )
        self.walk(value, scope)

    def namespace(
        self,
        obj: Node,
        anchor: Node,
        name: str,
        scope: Scope,
        *,
        bases: tuple[tuple[str, ...], ...] = (),
        instance: bool = False,
    ) -> None:
        """``const EVENTS = { SIGNUP: "signup_completed" } as const`` reads as a class of
        constants, so ``EVENTS.SIGNUP`` resolves like a class attribute (also when
        imported); its functions are methods of the class (``tracker.track(...)``, with
        ``this`` the object), or with ``instance`` of its instances (the prototype
        ``Base.extend({...})`` makes, a subclass of ``bases``)."""
        source, expressions, bindings = self.source, self.expressions, self.found.bindings
        qualname = scope.child(name)
        self.found.classes.append(
            ClassDef(qualname, bases, source.pos(anchor), literal=not instance)
        )
        if not instance:
            self.found.namespaces.add(qualname)
        members = Scope(qualname)
        for part in obj.named_children:
            if part.type == "shorthand_property_identifier":
                shorthand = source.text(part)
                value = expressions.reference((shorthand,), scope, source.pos(part))
                bindings.append(Binding(qualname, shorthand, value, source.pos(part)))
                continue
            key = part.child_by_field_name("key") or part.child_by_field_name("name")
            key_name = source.property_name(key) if key is not None else None
            if key is None or key_name is None:
                continue
            if part.type == "method_definition":
                self.function(part, part, key_name, members, method=True, static=not instance)
                continue
            value_node = part.child_by_field_name("value")
            if value_node is None:
                continue
            inner = unwrap(value_node)
            # A prototype's objects (Backbone's ``events``, Vue's ``methods``) are no
            # namespaces: ``this`` in their functions is not the object.
            nested = None if instance else expressions.constant_object(inner)
            if inner.type in FUNCTIONS:
                self.function(inner, part, key_name, members, method=True, static=not instance)
            elif nested is not None:
                self.namespace(nested, part, key_name, members)
            else:
                value = expressions.expr(value_node, scope)
                bindings.append(Binding(qualname, key_name, value, source.pos(key)))
                self.walk(value_node, scope)

    # --- parameters ----------------------------------------------------------------------------

    def parameters(self, function: Node) -> Parameters:
        """The ``function``'s positional parameter names, the names destructured from
        them (as keys of the parameter), the rest parameter, and the parameters typed
        with a class (``client: PostHog``)."""
        text = self.source.text
        bare = function.child_by_field_name("parameter")  # ``x => ...``: no parentheses
        if bare is not None:
            return (text(bare),), {}, None, ()
        node = function.child_by_field_name("parameters")
        if node is None:
            return (), {}, None, ()
        names: list[str] = []
        keys: dict[str, tuple[str, str]] = {}
        annotations: list[tuple[str, tuple[str, ...]]] = []
        vararg = None
        for param in node.named_children:
            pattern = param
            kind = param.type  # read once: each read of a node's type makes a string
            if kind in ("required_parameter", "optional_parameter"):
                pattern = param.child_by_field_name("pattern") or param
                kind = pattern.type
                declared = self.annotation(param.child_by_field_name("type"))
                if declared and kind == "identifier":
                    annotations.append((text(pattern), declared))
            if kind == "assignment_pattern":
                pattern = pattern.child_by_field_name("left") or pattern
                kind = pattern.type
            if kind == "comment" or kind == "this":
                continue
            if kind == "rest_pattern":
                inner = pattern.named_children[0] if pattern.named_children else None
                vararg = text(inner) if inner is not None else None
                break
            if kind == "identifier":
                names.append(text(pattern))
            elif kind == "object_pattern":
                name = f"{{{len(names)}}}"
                names.append(name)
                keys.update(self.destructured(pattern, name))
            else:
                names.append(f"[{len(names)}]")
        return tuple(names), keys, vararg, tuple(annotations)

    def defaulted(self, function: Node) -> tuple[str, ...]:
        """The names of the ``function``'s parameters written with a default (``x = 1``)."""
        node = function.child_by_field_name("parameters")
        found = []
        for param in node.named_children if node is not None else ():
            pattern = param.child_by_field_name("pattern") or param
            value = param.child_by_field_name("value")  # TypeScript: ``x: T = 1``
            if pattern.type == "assignment_pattern":
                value, pattern = pattern, pattern.child_by_field_name("left") or pattern
            if value is not None and pattern.type == "identifier":
                found.append(self.source.text(pattern))
        return tuple(found)

    def returned_argument(
        self,
        node: Node,
        annotations: tuple[tuple[str, tuple[str, ...]], ...],
        returns: tuple[str, ...],
    ) -> str | None:
        """The one parameter typed with the type parameter the function is declared to
        return (``static create<T>(this: new () => T, data: T): T``, a command built from
        its data): a call gives back what it is passed there, by the signature."""
        declared = node.child_by_field_name("type_parameters")
        if declared is None or len(returns) != 1:
            return None
        text = self.source.text
        if not any(
            each.named_children and text(each.named_children[0]) == returns[0]
            for each in declared.named_children
        ):
            return None
        typed = [name for name, annotation in annotations if annotation == returns]
        return typed[0] if len(typed) == 1 else None

    def annotation(self, node: Node | None) -> tuple[str, ...]:
        """The class a type annotation names: ``: PostHog``, ``: mp.Mixpanel``,
        ``: Analytics<T>``, ``: PostHog | undefined``, ``: Promise<PostHog>`` (what an
        ``await`` gives); empty for other types (``string``, other unions)."""
        inner = node.named_children[0] if node is not None and node.named_children else None
        return self.named_type(inner) if inner is not None else ()

    def named_type(self, node: Node) -> tuple[str, ...]:
        if node.type == "union_type":
            named = [
                part
                for part in node.named_children
                if part.type != "literal_type"
                or self.source.text(part) not in ("null", "undefined")
            ]
            return self.named_type(named[0]) if len(named) == 1 else ()
        if node.type == "generic_type":
            name = node.child_by_field_name("name")
            arguments = node.child_by_field_name("type_arguments")
            if name is not None and self.source.text(name) == "Promise":
                awaited = arguments.named_children if arguments is not None else []
                return self.named_type(awaited[0]) if len(awaited) == 1 else ()
            if name is None:
                return ()
            node = name
        if node.type not in ("type_identifier", "nested_type_identifier"):
            return ()
        return tuple(self.source.text(node).replace(" ", "").split("."))

    def destructured(self, pattern: Node, param: str) -> dict[str, tuple[str, str]]:
        text = self.source.text
        keys: dict[str, tuple[str, str]] = {}
        for part in pattern.named_children:
            if part.type == "shorthand_property_identifier_pattern":
                keys[text(part)] = (param, text(part))
            elif part.type == "object_assignment_pattern":  # ``{ props = {} }``
                left = part.child_by_field_name("left")
                if left is not None:
                    keys[text(left)] = (param, text(left))
            elif part.type == "pair_pattern":
                key = part.child_by_field_name("key")
                value = part.child_by_field_name("value")
                if value is not None and value.type == "assignment_pattern":
                    value = value.child_by_field_name("left")
                if key is not None and value is not None and value.type == "identifier":
                    key_name = self.source.property_name(key)
                    if key_name is not None:
                        keys[text(value)] = (param, key_name)
        return keys
