"""JS/TS statements -> facts: declarations and assignments (bindings, ``require``),
imports and exports (classes: :mod:`~evdict.scanner.frontends.js_classes`; call sites:
:mod:`~evdict.scanner.frontends.js_calls`).

Each reader records what its statements define in :class:`~evdict.scanner.frontends.js_scope.Found`
and hands what is inside them back to the front end's walk. Its walk handlers return
True when they have read the node whole, False when the walk goes on into its children.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner.frontends.js_functions import StatementReader
from evdict.scanner.frontends.js_modules import module_path
from evdict.scanner.frontends.js_nodes import FUNCTIONS, unwrap
from evdict.scanner.frontends.js_scope import Scope
from evdict.scanner.model import (
    Binding,
    Choice,
    Expr,
    Import,
    Mapping,
    Other,
    Ref,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_calls import Calls
    from evdict.scanner.frontends.js_classes import Classes
    from evdict.scanner.frontends.js_expressions import Expressions
    from evdict.scanner.frontends.js_functions import Functions
    from evdict.scanner.frontends.js_scope import Found, Walk


class Declarations(StatementReader):
    """``const`` / ``let`` / ``var`` declarations and assignments: bindings, named
    functions and classes, namespaces of constants, ``require`` imports."""

    def __init__(
        self,
        expressions: Expressions,
        functions: Functions,
        classes: Classes,
        calls: Calls,
        found: Found,
        walk: Walk,
    ) -> None:
        super().__init__(expressions, functions, found, walk)
        self.classes = classes
        self.calls = calls

    def lexical_declaration(self, node: Node, scope: Scope) -> bool:
        constant = bool(node.children) and node.children[0].type == "const"
        for child in node.named_children:
            if child.type == "variable_declarator":
                self.declarator(child, scope, constant=constant)
            else:
                self.walk(child, scope)
        return True

    def variable_declarator(self, node: Node, scope: Scope) -> bool:
        """``var NAME = value``: how a script without ``const`` writes a constant, so an
        object literal of names is a namespace as with ``const``; ``let`` is not."""
        self.declarator(node, scope, constant=True)
        return True

    def declarator(self, node: Node, scope: Scope, *, constant: bool) -> None:
        """``const NAME = value``: a binding, a named function or class, a namespace of
        constants, or a ``require``."""
        source, expressions, functions = self.source, self.expressions, self.functions
        bindings, imports = self.found.bindings, self.found.imports
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None:
            return
        if value is None:
            if name.type == "identifier":
                bindings.append(
                    Binding(
                        scope.qualname,
                        source.text(name),
                        Other("declared", source.pos(name)),
                        source.pos(name),
                    )
                )
            return
        inner = unwrap(value)
        if name.type == "identifier":
            target = source.text(name)
            if inner.type in ("arrow_function", "function_expression", "function"):
                functions.function(inner, node, target, scope, method=False)
                return
            branches = self.function_branches(inner)
            if branches:  # ``const track = window.gtag ? (e) => gtag(...) : (e) => log(e)``
                for branch in branches:
                    functions.function(branch, node, target, scope, method=False)
                self.walk(inner.child_by_field_name("condition") or inner, scope)
                return
            callback = self.callback(inner)
            if callback is not None:  # ``const track = useCallback((event) => ..., [deps])``
                functions.function(callback, node, target, scope, method=False)
                arguments = inner.child_by_field_name("arguments")
                for rest in arguments.named_children[1:] if arguments is not None else ():
                    self.walk(rest, scope)
                return
            if inner.type == "class":
                self.classes.class_def(inner, target, scope)
                return
            if inner.type == "call_expression" and self.calls.extension(
                inner, expressions.callee(inner), target, scope
            ):  # ``const AnalyticsView = Backbone.View.extend({...})``
                return
            namespace = expressions.constant_object(value) if constant else None
            if namespace is not None:
                functions.namespace(namespace, node, target, scope)
                return
            required, member = self.required_member(inner)
            if required is not None:
                module, level = module_path(required)
                imports.append(
                    Import(
                        scope.qualname, target, module, member, level, source.pos(node), required
                    )
                )
                return
            bindings.append(
                Binding(
                    scope.qualname,
                    target,
                    expressions.expr(value, scope),
                    source.pos(name),
                    block_end(node),
                )
            )
        elif name.type == "object_pattern":
            required = self.required(inner)
            held = self.calls.destructured_from(value, scope) if required is None else None
            for local, key in functions.destructured(name, "").items():
                if required is not None:
                    module, level = module_path(required)
                    pos = source.pos(node)
                    imports.append(
                        Import(scope.qualname, local, module, key[1], level, pos, required)
                    )
                else:
                    bound: Expr = (
                        expressions.reference((*held.path, key[1]), scope, source.pos(name))
                        if isinstance(held, Ref)
                        else Other("destructured", source.pos(name))
                    )
                    bindings.append(Binding(scope.qualname, local, bound, source.pos(name)))
            rest_name = self.rest_element(name)
            if required is None and rest_name is not None:
                # ``const { name, ...rest } = opts``: what ``opts`` holds but those keys
                taken = tuple(key for _, key in functions.destructured(name, "").values())
                held_expr = expressions.expr(value, scope)
                pos = source.pos(name)
                rest_value = Mapping((), (held_expr,), pos, taken)
                bindings.append(Binding(scope.qualname, rest_name, rest_value, pos))
            if required is not None:
                return
        self.walk(value, scope)

    def rest_element(self, pattern: Node) -> str | None:
        """The name of an object pattern's rest element (``...rest``), if any."""
        for part in pattern.named_children:
            if part.type == "rest_pattern" and part.named_children:
                inner = part.named_children[0]
                return self.source.text(inner) if inner.type == "identifier" else None
        return None

    def function_branches(self, node: Node) -> list[Node]:
        """The functions of a ternary whose branches are all functions (a function
        picked at load time): each is the function the name is bound to."""
        if node.type != "ternary_expression":
            return []
        branches = [node.child_by_field_name(name) for name in ("consequence", "alternative")]
        functions = [unwrap(b) for b in branches if b is not None]
        return functions if all(f.type in FUNCTIONS for f in functions) else []

    def callback(self, node: Node) -> Node | None:
        """The function of ``useCallback(fn, deps)``: React memoises it, it is still ``fn``."""
        if node.type != "call_expression" or self.expressions.callee(node)[-1:] != ("useCallback",):
            return None
        arguments = node.child_by_field_name("arguments")
        first = arguments.named_children[0] if arguments and arguments.named_children else None
        return unwrap(first) if first is not None and unwrap(first).type in FUNCTIONS else None

    def required_member(self, node: Node) -> tuple[str | None, str | None]:
        """``require("m")`` -> ``("m", None)``; ``require("m").default`` -> ``("m",
        "default")``: a module, or one name of it (CommonJS reads of ES modules)."""
        if node.type == "member_expression":
            obj = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if obj is not None and prop is not None and prop.type == "property_identifier":
                required = self.required(unwrap(obj))
                return (required, self.source.text(prop)) if required is not None else (None, None)
        return self.required(node), None

    def required(self, node: Node) -> str | None:
        """The module of ``require("m")``."""
        if node.type != "call_expression":
            return None
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if (
            function is None
            or function.type != "identifier"
            or self.source.text(function) != "require"
        ):
            return None
        args = arguments.named_children if arguments is not None else []
        if len(args) == 1 and args[0].type == "string":
            return self.source.string_value(args[0])
        return None

    def assignment(self, node: Node, scope: Scope) -> bool:
        """``this.x = v`` (``Cls.x = v``) in a method binds in the class; ``x = v`` rebinds ``x``;
        CommonJS ``exports.x = v`` (``module.exports.x``) defines the module's ``x``, and
        ``module.exports = v`` its ``default``, what an ES import of it gets (an object
        literal as a namespace, whose methods' ``this`` is that object). ``x ??= v`` and
        ``x ||= v`` bind ``x`` to the old value or ``v``.
        True when the right side was walked here (a function or namespace defined)."""
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return False
        path = self.expressions.path(left)
        if path is None:
            return False
        expr, pos, bindings = self.expressions.expr, self.source.pos, self.found.bindings
        if node.type == "augmented_assignment_expression":
            operator = node.child_by_field_name("operator")
            if operator is None or self.source.text(operator) not in ("??=", "||="):
                return False
        elif path == ("module", "exports") and not scope.qualname:
            namespace = self.expressions.constant_object(right)
            if namespace is not None:
                self.functions.namespace(namespace, node, "default", scope)
                return True
            bindings.append(Binding("", "default", expr(right, scope), pos(left)))
            return False
        elif path[:-1] in (("exports",), ("module", "exports")) and not scope.qualname:
            if unwrap(right).type in FUNCTIONS:
                self.functions.function(unwrap(right), node, path[-1], scope, method=False)
                return True
            bindings.append(Binding("", path[-1], expr(right, scope), pos(left)))
            return False
        if (
            len(path) == 2
            and scope.owner is not None
            and path[0] in ("this", scope.owner.rpartition(".")[2])
        ):  # ``this.client = ...``, and ``Telemetry.instance = ...`` in a class's own method
            target = scope.owner
        elif len(path) == 2 and path[0] in scope.params and scope.qualname:
            # ``properties.version = v``: a key the function adds to its parameter's
            # object (a wrapper's, before it sends it), bound as ``properties.version``
            bindings.append(Binding(scope.qualname, ".".join(path), expr(right, scope), pos(left)))
            return False
        elif len(path) == 2 and (held := self.found.namespace(path[0], scope.qualname)):
            # ``EVENTS.OPEN = "Opened"`` sets a member too (read as assigned twice);
            # ``Tracker.track = function (name) {...}`` defines one, a method of it
            if unwrap(right).type in FUNCTIONS:
                members = Scope(held)
                self.functions.function(
                    unwrap(right), node, path[-1], members, method=True, static=True
                )
                return True
            target = held
        elif len(path) == 1:
            target = scope.qualname
        else:
            return False
        value = expr(right, scope)
        if node.type == "augmented_assignment_expression":
            value = Choice((expr(left, scope), value), pos(node))
        local = len(path) == 1 and bool(scope.qualname)
        bindings.append(
            Binding(target, path[-1], value, pos(left), block_end(node) if local else 0)
        )
        return False


# The statements a local is written by, and the lists of statements that run in order.
_WRITES = ("lexical_declaration", "variable_declaration", "expression_statement")
_STATEMENT_LISTS = ("statement_block", "program")


def block_end(node: Node) -> int:
    """The last line of the list of statements that writes a local in ``node`` (``let x =
    v``, ``x = v;`` as a statement of a block: a function's body, a branch's, a loop's),
    so a later line up to it runs after the write; 0 when the write is part of a larger
    expression or a statement not in a block (``if (c) x = v;``): not known."""
    statement = node.parent
    if statement is not None and statement.type in _WRITES:
        holder = statement.parent
        if holder is not None and holder.type in _STATEMENT_LISTS:
            return holder.end_point[0] + 1
    return 0


class ModuleLinks:
    """``import`` and ``export`` statements: imports of this module's names (re-exports
    too), and the names an export binds (``default``, ``export { a as b }``)."""

    def __init__(self, expressions: Expressions, functions: Functions, found: Found) -> None:
        self.source = expressions.source
        self.expressions = expressions
        self.functions = functions
        self.found = found

    def import_statement(self, node: Node, scope: Scope) -> bool:
        source, imports = self.source, self.found.imports
        specifier = node.child_by_field_name("source")
        required = next((c for c in node.named_children if c.type == "import_require_clause"), None)
        if required is not None:  # ``import Analytics = require("analytics-node")``
            self.import_require(required, scope)
            return True
        if specifier is None:
            return True
        written = source.string_value(specifier)
        module, level = module_path(written)
        pos = source.pos(node)
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    imports.append(
                        Import(
                            scope.qualname,
                            source.text(part),
                            module,
                            "default",
                            level,
                            pos,
                            written,
                        )
                    )
                elif part.type == "namespace_import":
                    local = part.named_children[0] if part.named_children else None
                    if local is not None:
                        imports.append(
                            Import(
                                scope.qualname,
                                source.text(local),
                                module,
                                None,
                                level,
                                pos,
                                written,
                            )
                        )
                elif part.type == "named_imports":
                    for imported in part.named_children:
                        if imported.type != "import_specifier":
                            continue
                        name = imported.child_by_field_name("name")
                        alias = imported.child_by_field_name("alias") or name
                        if name is not None and alias is not None:
                            original = source.property_name(name) or source.text(name)
                            imports.append(
                                Import(
                                    scope.qualname,
                                    source.text(alias),
                                    module,
                                    original,
                                    level,
                                    pos,
                                    written,
                                )
                            )
        return True

    def import_require(self, clause: Node, scope: Scope) -> None:
        """TypeScript's ``import X = require("m")``: ``X`` is the module, as a ``require``."""
        name, specifier = clause.named_children[0], clause.child_by_field_name("source")
        if specifier is not None and name.type == "identifier":
            written = self.source.string_value(specifier)
            module, level = module_path(written)
            local = self.source.text(name)
            pos = self.source.pos(clause.parent or clause)
            self.found.imports.append(
                Import(scope.qualname, local, module, None, level, pos, written)
            )

    def export_statement(self, node: Node, scope: Scope) -> bool:
        """Re-exports are imports of this module; ``export default X`` binds ``default``.
        The walk goes on into the exported declaration (False)."""
        source, found = self.source, self.found
        specifier = node.child_by_field_name("source")
        if specifier is not None:
            self.reexport(node, specifier, scope)
            return False
        declaration = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        namespace = self.expressions.constant_object(value) if value is not None else None
        if namespace is not None and not scope.qualname:
            # ``export default { init, log }``: the module's default as a namespace, as
            # ``module.exports = {...}`` is (``import amp from "./amp"; amp.log(...)``).
            self.functions.namespace(namespace, node, "default", scope)
            return True
        if value is not None:  # ``export default <expression>``
            found.bindings.append(
                Binding(
                    scope.qualname,
                    "default",
                    self.expressions.expr(value, scope),
                    source.pos(value),
                )
            )
        elif declaration is not None and any(child.type == "default" for child in node.children):
            name = declaration.child_by_field_name("name")
            if name is not None:
                found.bindings.append(
                    Binding(
                        scope.qualname,
                        "default",
                        Ref((source.text(name),), source.pos(name)),
                        source.pos(name),
                    )
                )
        for part in node.named_children:
            if part.type == "export_clause":
                for exported in part.named_children:
                    name = exported.child_by_field_name("name")
                    alias = exported.child_by_field_name("alias")
                    if name is not None and alias is not None:
                        found.bindings.append(
                            Binding(
                                scope.qualname,
                                source.text(alias),
                                Ref((source.text(name),), source.pos(name)),
                                source.pos(alias),
                            )
                        )
        return False

    def reexport(self, node: Node, specifier: Node, scope: Scope) -> None:
        """``export { a as b } from "m"``, ``export * as ns from "m"``, ``export * from
        "m"``: imports of this module (``*`` for every name of ``m``)."""
        source, imports = self.source, self.found.imports
        pos = source.pos(node)
        written = source.string_value(specifier)
        module, level = module_path(written)
        for part in node.named_children:
            if part.type == "export_clause":
                for exported in part.named_children:
                    name = exported.child_by_field_name("name")
                    alias = exported.child_by_field_name("alias") or name
                    if name is not None and alias is not None:
                        imports.append(
                            Import(
                                scope.qualname,
                                source.text(alias),
                                module,
                                source.text(name),
                                level,
                                pos,
                                written,
                            )
                        )
            elif part.type == "namespace_export" and part.named_children:
                imports.append(
                    Import(
                        scope.qualname,
                        source.text(part.named_children[0]),
                        module,
                        None,
                        level,
                        pos,
                        written,
                    )
                )
        if not any(
            part.type in ("export_clause", "namespace_export") for part in node.named_children
        ):
            imports.append(Import(scope.qualname, "*", module, "*", level, pos, written))
