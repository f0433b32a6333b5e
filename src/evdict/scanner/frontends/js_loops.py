"""JS/TS ``for (const x of param)`` loops and ``param.forEach((x) => ...)`` callbacks over a
parameter -> facts: ``x`` is an element of the parameter, and the names the loop skips
before its other statements.

A wrapper sending each object of an array its callers pass (``trackEvents(events) { for
(const event of events) client.capture({event: event.name}) }``) is read through the
binding this records: ``event`` is ``Other("element", pos, (Ref(("events",)), *skips))``,
each skip an ``Other("skip", pos, (Ref(("event", "name")), Str("Workspace created")))``
for an ``if (event.name === "Workspace created") { ...; continue; }`` at the top of the
loop's body (that element goes another way: no event). Any other loop binds nothing, as
before (its variable is a value made at run time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner.frontends.js_nodes import unwrap
from evdict.scanner.model import ELEMENT, SKIP, Binding, Expr, Other, Ref, Str

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_expressions import Expressions
    from evdict.scanner.frontends.js_scope import Found, Scope

_EQUALS = frozenset(("===", "=="))
_EXITS = frozenset(("continue_statement", "return_statement"))
_PER_ELEMENT = frozenset(("forEach", "map", "flatMap"))


class Loops:
    """``for (const x of param)`` and ``param.forEach((x) => ...)`` in a function whose
    parameter ``param`` is: ``x`` an element of it."""

    def __init__(self, expressions: Expressions, found: Found) -> None:
        self.source = expressions.source
        self.expressions = expressions
        self.found = found

    def for_in(self, node: Node, scope: Scope) -> bool:
        """Records the loop variable of a ``for...of`` over a parameter; the walk goes on
        into the loop either way (its calls are the function's)."""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if left is None or operator is None or operator.type != "of" or left.type != "identifier":
            return False
        body = node.child_by_field_name("body")
        value = self.element(right, self.source.text(left), body, scope)
        if value is not None:
            end = body.end_point[0] + 1 if body is not None else 0
            binding = Binding(scope.qualname, self.source.text(left), value, value.pos, end)
            self.found.bindings.append(binding)
        return False

    def callback(self, node: Node, name: str, scope: Scope) -> Other | None:
        """What the first parameter ``name`` of the callback ``node`` is when the callback
        is handed to ``param.forEach`` / ``map`` / ``flatMap`` (run once per element, in
        the function): an element of ``param``; else None."""
        arguments = node.parent
        call = arguments.parent if arguments is not None else None
        if (
            arguments is None
            or call is None
            or call.type != "call_expression"
            or arguments.named_children[:1] != [node]
        ):
            return None
        callee = call.child_by_field_name("function")
        prop = callee.child_by_field_name("property") if callee is not None else None
        if callee is None or prop is None or self.source.text(prop) not in _PER_ELEMENT:
            return None
        body = node.child_by_field_name("body")
        return self.element(callee.child_by_field_name("object"), name, body, scope)

    def element(
        self, iterated: Node | None, name: str, body: Node | None, scope: Scope
    ) -> Other | None:
        """The :data:`ELEMENT` fact ``name`` is when ``iterated`` is a parameter of the
        function the walk is in (and ``body`` the code run per element); else None."""
        if iterated is None or iterated.type != "identifier" or not scope.function_body:
            return None
        param = self.source.text(iterated)
        if param not in scope.params or param in scope.keys or param == name:
            return None
        skips = self.skips(body, name, scope) if body is not None else ()
        pos = self.source.pos(iterated.parent) if iterated.parent else self.source.pos(iterated)
        return Other(ELEMENT, pos, (Ref((param,), self.source.pos(iterated)), *skips))

    def skips(self, body: Node, name: str, scope: Scope) -> tuple[Expr, ...]:
        """The ``if (name.key === "x") { ...; continue; }`` statements opening the loop's
        body (``return`` in a callback), as :data:`SKIP` facts; the first statement of
        another kind ends them."""
        if body.type != "statement_block":
            return ()
        found: list[Expr] = []
        for statement in body.named_children:
            if statement.type == "comment":
                continue
            skip = self.skip(statement, name, scope)
            if skip is None:
                break
            found.append(skip)
        return tuple(found)

    def skip(self, statement: Node, name: str, scope: Scope) -> Expr | None:
        """One ``if`` leaving the element when a key of it equals a string, else None."""
        if statement.type != "if_statement" or statement.child_by_field_name("alternative"):
            return None
        condition = statement.child_by_field_name("condition")
        consequence = statement.child_by_field_name("consequence")
        if condition is None or consequence is None or not _exits(consequence):
            return None
        test = unwrap(condition)
        operator = test.child_by_field_name("operator")
        if (
            test.type != "binary_expression"
            or operator is None
            or self.source.text(operator) not in _EQUALS
        ):
            return None
        sides = [test.child_by_field_name(side) for side in ("left", "right")]
        read = [self.expressions.expr(side, scope) for side in sides if side is not None]
        keys = [e for e in read if isinstance(e, Ref) and len(e.path) > 1 and e.path[0] == name]
        texts = [e for e in read if isinstance(e, Str)]
        if len(keys) != 1 or len(texts) != 1:
            return None
        return Other(SKIP, self.source.pos(statement), (keys[0], texts[0]))


def _exits(consequence: Node) -> bool:
    """A ``continue`` or ``return``, alone or closing a block."""
    if consequence.type in _EXITS:
        return True
    if consequence.type != "statement_block":
        return False
    statements = [child for child in consequence.named_children if child.type != "comment"]
    return bool(statements) and statements[-1].type in _EXITS
