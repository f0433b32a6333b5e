"""JS/TS ``for (const x of param)`` loops over a parameter -> facts: the loop variable is
an element of the parameter, and the names the loop skips before its other statements.

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

from evdict.scanner.frontends.js_functions import StatementReader
from evdict.scanner.frontends.js_nodes import unwrap
from evdict.scanner.model import ELEMENT, SKIP, Binding, Expr, Other, Ref, Str

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_scope import Scope

_EQUALS = frozenset(("===", "=="))
_EXITS = frozenset(("continue_statement", "return_statement"))


class Loops(StatementReader):
    """``for (const x of param)`` in a function whose parameter ``param`` is."""

    def for_in(self, node: Node, scope: Scope) -> bool:
        """Records the loop variable of a ``for...of`` over a parameter; the walk goes on
        into the loop either way (its calls are the function's)."""
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if (
            left is None
            or right is None
            or operator is None
            or operator.type != "of"
            or left.type != "identifier"
            or right.type != "identifier"
            or not scope.function_body
        ):
            return False
        param = self.source.text(right)
        if param not in scope.params or param in scope.keys:
            return False
        name = self.source.text(left)
        body = node.child_by_field_name("body")
        skips = self.skips(body, name, scope) if body is not None else ()
        pos = self.source.pos(node)
        value = Other(ELEMENT, pos, (Ref((param,), self.source.pos(right)), *skips))
        end = body.end_point[0] + 1 if body is not None else 0
        self.found.bindings.append(Binding(scope.qualname, name, value, pos, end))
        return False

    def skips(self, body: Node, name: str, scope: Scope) -> tuple[Expr, ...]:
        """The ``if (name.key === "x") { ...; continue; }`` statements opening the loop's
        body, as :data:`SKIP` facts; the first statement of another kind ends them."""
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
