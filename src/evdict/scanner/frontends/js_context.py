"""React context: what a component provides is what ``useContext`` gives.

``<AnalyticsContext.Provider value={{ track }}>`` in ``AnalyticsProvider`` (React 19:
``<AnalyticsContext value={...}>`` of a ``createContext`` of the module) reads as that
component returning its ``value``, the way a hook returning ``{ track }`` does; then
``useContext(AnalyticsContext)`` in the module reads as a call of ``AnalyticsProvider``,
so ``const { track } = useAnalytics()`` of a hook returning ``useContext(...)`` is the
provider's ``track``, a wrapper when it sends its parameter. A provider is read in a
module-level function; ``useContext`` of a context provided in another module is linked
to it across the project (:mod:`~evdict.scanner.resolve.contexts`); a provider's
elements are never tracking calls.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from evdict.scanner.frontends.js_nodes import first_named, unwrap
from evdict.scanner.model import RETURNED, Binding, Call, Ref

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_expressions import Expressions
    from evdict.scanner.frontends.js_functions import Functions
    from evdict.scanner.frontends.js_scope import Found, Scope


class Providers:
    """Reads a context provider's element; rewrites ``useContext`` of what it provides."""

    def __init__(self, expressions: Expressions, functions: Functions, found: Found) -> None:
        self.source = expressions.source
        self.expressions = expressions
        self.functions = functions
        self.found = found
        self.contexts: set[str] = set()  # ``C = createContext(...)`` at module level
        self.read = 0  # the bindings looked through for them so far

    def element(self, node: Node, callee: tuple[str, ...], scope: Scope) -> bool:
        """Records what ``node`` provides when it is a context's provider in a component of
        the module; True when that is read whole (an object of names and functions)."""
        context = self.context(callee)
        value = self.value(node) if context is not None else None
        if context is None or value is None or not scope.function_body or "." in scope.qualname:
            return False
        self.found.provided.setdefault(context, scope.qualname)
        helpers = self.expressions.constant_object(value)
        if helpers is not None:  # ``value={{ track, identify }}``: ``useX().track``
            self.functions.namespace(helpers, value, RETURNED, scope)
            return True
        expr = self.expressions.expr(value, scope)  # ``value={value}``
        self.found.bindings.append(Binding(scope.qualname, RETURNED, expr, expr.pos))
        return False

    def context(self, callee: tuple[str, ...]) -> str | None:
        """``C.Provider`` names ``C``; so does ``C`` when ``C = createContext(...)`` here."""
        if len(callee) == 2 and callee[1] == "Provider":
            return callee[0]
        if len(callee) != 1:
            return None
        bindings = self.found.bindings
        for binding in bindings[self.read :]:  # each binding looked at once per file
            value = binding.value
            if (
                binding.scope == ""
                and isinstance(value, Call)
                and value.callee[-1:] == ("createContext",)
            ):
                self.contexts.add(binding.target)
        self.read = len(bindings)
        return callee[0] if callee[0] in self.contexts else None

    def value(self, node: Node) -> Node | None:
        """The expression of the element's ``value={...}`` attribute."""
        for attribute in node.named_children:
            parts = attribute.named_children if attribute.type == "jsx_attribute" else []
            if len(parts) == 2 and self.source.text(parts[0]) == "value":
                inner = first_named(parts[1]) if parts[1].type == "jsx_expression" else None
                return unwrap(inner) if inner is not None else None
        return None


def read_provided(found: Found) -> None:
    """``useContext(C)`` of a context ``C`` provided in the module is a call of its
    provider; each providing component records the contexts it provides, for a
    ``useContext`` of them in another module (:mod:`~evdict.scanner.resolve.contexts`)."""
    provided = found.provided
    if not provided:
        return
    for index, binding in enumerate(found.bindings):
        value = binding.value
        if not isinstance(value, Call) or value.callee[-1:] != ("useContext",):
            continue
        argument = value.args[0] if value.args else None
        if isinstance(argument, Ref) and len(argument.path) == 1:
            provider = provided.get(argument.path[0])
            if provider is not None:
                call = Call((provider,), (), (), (), value.pos)
                found.bindings[index] = Binding(binding.scope, binding.target, call, binding.pos)
    for index, func in enumerate(found.functions):
        contexts = tuple(name for name, by in provided.items() if by == func.qualname)
        if contexts:
            found.functions[index] = replace(func, provides=contexts)
