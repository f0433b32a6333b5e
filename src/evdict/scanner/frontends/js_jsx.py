"""JSX elements -> call sites: ``<CtaButton captureEvent="cta_click" href="/a" />``
reads as the call ``CtaButton({captureEvent: "cta_click", href: "/a"})``.

React calls a component with one object of its props, and that is how evdict records
an element of a component: one object argument whose keys are the attributes
(``{...rest}`` a spread of it, an attribute with no value ``true``). A component
whose function passes one of its props on as the event of a tracking call is then
a wrapper like any function (``function CtaButton({ captureEvent })`` on
``"0.captureEvent"``), and its elements are its tracking calls. The call's position
is the element's opening tag, from its ``<``.

Only components are read: a capitalised tag (``Track``) or a member tag
(``Analytics.Track``). An intrinsic element (``<button data-event="x">``) is HTML,
never a call; nor is an element with no attribute (it passes no event), nor a
context's provider (:mod:`~evdict.scanner.frontends.js_context` reads what it provides).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner.model import Call, CallSite, Entry, Expr, Literal, Mapping, Other, Str

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_context import Providers
    from evdict.scanner.frontends.js_expressions import Expressions
    from evdict.scanner.frontends.js_scope import Found, Scope

_NEVER_TRACKING = frozenset(("Fragment", "Suspense", "StrictMode", "Provider", "Consumer"))
"""React's own components: they render their children, never send an event."""


class Elements:
    """``jsx_opening_element`` / ``jsx_self_closing_element`` -> a call site of the
    component; the walk goes on into the attributes and children (False)."""

    def __init__(self, expressions: Expressions, found: Found, providers: Providers) -> None:
        self.source = expressions.source
        self.expressions = expressions
        self.found = found
        self.providers = providers

    def element(self, node: Node, scope: Scope) -> bool:
        name = node.child_by_field_name("name")
        if name is None or node.has_error:
            return False
        callee = self.tag(name)
        if callee is None:
            return False
        if self.providers.element(node, callee, scope):
            return True  # a provider's value, read as what it provides
        if callee[-1] in _NEVER_TRACKING:
            return False
        attributes = [
            child
            for child in node.named_children
            if child.type in ("jsx_attribute", "jsx_expression")
        ]
        if not attributes:
            return False
        props = self.props(node, attributes, scope)
        call = Call(callee, (props,), (), (), self.source.pos(node))
        self.found.calls[callee[-1]].append(CallSite(call, scope.qualname))
        return False

    def tag(self, name: Node) -> tuple[str, ...] | None:
        """``Track`` -> ``("Track",)``, ``Analytics.Track`` -> ``("Analytics", "Track")``;
        None for an intrinsic element (``button``, ``my-element``, ``svg:path``)."""
        if name.type == "identifier":
            text = self.source.text(name)
            return (text,) if text[:1].isupper() else None
        if name.type == "member_expression":
            return self.expressions.path(name)
        return None

    def props(self, node: Node, attributes: list[Node], scope: Scope) -> Mapping:
        source, expressions = self.source, self.expressions
        entries: list[Entry] = []
        spreads: list[Expr] = []
        for attribute in attributes:
            if attribute.type == "jsx_expression":  # ``{...rest}``
                inner = attribute.named_children
                if inner and inner[0].type == "spread_element" and inner[0].named_children:
                    spreads.append(expressions.expr(inner[0].named_children[0], scope, 1))
                continue
            parts = attribute.named_children
            if not parts or parts[0].type != "property_identifier":
                continue  # ``ns:name``
            key = Str(source.text(parts[0]), source.pos(parts[0]))
            entries.append(Entry(key, self.value(attribute, parts[1:], scope)))
        return Mapping(tuple(entries), tuple(spreads), source.pos(node))

    def value(self, attribute: Node, parts: list[Node], scope: Scope) -> Expr:
        """An attribute's value: a string as written (JSX strings have no escapes), the
        expression in ``{...}``, ``true`` when there is none."""
        source = self.source
        if not parts:
            return Literal(True, source.pos(attribute))
        value = parts[0]
        if value.type == "string":
            raw = source.data[value.start_byte + 1 : value.end_byte - 1]
            return Str(raw.decode("utf-8", errors="replace"), source.pos(value))
        if value.type == "jsx_expression" and value.named_children:
            inner = value.named_children[0]
            if inner.type != "comment":
                return self.expressions.expr(inner, scope, 1)
        return Other(value.type, source.pos(value))
