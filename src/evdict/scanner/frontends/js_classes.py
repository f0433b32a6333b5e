"""JS/TS classes -> facts: classes (their bases and the interfaces they implement,
methods, fields, constructor parameter properties), TypeScript interfaces and abstract
classes (their methods abstract) and enums, each recorded as a class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner.frontends.js_functions import StatementReader
from evdict.scanner.frontends.js_nodes import unwrap
from evdict.scanner.frontends.js_scope import Scope
from evdict.scanner.model import Binding, Call, ClassDef, Expr, Literal, Other, Ref, Str

if TYPE_CHECKING:
    from tree_sitter import Node


_FIELDS = frozenset(("public_field_definition", "field_definition"))
_PARAMETER_PROPERTY = frozenset(("accessibility_modifier", "readonly", "override_modifier"))


class Classes(StatementReader):
    """Classes (their bases, methods, fields, constructor parameter properties) and
    TypeScript enums, each recorded as a class."""

    def declaration(self, node: Node, scope: Scope) -> bool:
        """``class Name {}``; an anonymous class's children are walked."""
        name = node.child_by_field_name("name")
        if name is None:
            return False
        self.class_def(node, self.source.text(name), scope)
        return True

    def class_def(self, node: Node, name: str, scope: Scope) -> None:
        qualname = scope.child(name)
        path = self.expressions.path
        bases: list[tuple[str, ...]] = []
        implements: list[tuple[str, ...]] = []
        for child in node.named_children:
            if child.type == "class_heritage":
                for clause in child.named_children:
                    value = (
                        clause.child_by_field_name("value")
                        if clause.type == "extends_clause"
                        else None
                    )
                    if clause.type == "extends_clause" and value is not None:
                        bases.append(path(value) or ("?",))
                    elif clause.type == "implements_clause":
                        implements.extend(self.types(clause))
                    else:  # JS: ``extends X`` inline
                        bases.append(path(clause) or ("?",))
        abstract = node.type == "abstract_class_declaration"
        pos = self.source.pos(node)
        self.found.classes.append(
            ClassDef(qualname, tuple(bases), pos, abstract=abstract, implements=tuple(implements))
        )
        body = node.child_by_field_name("body")
        if body is None:
            return
        inner = Scope(qualname, qualname)
        for member in body.named_children:
            self.member(member, inner)

    def member(self, node: Node, scope: Scope) -> None:
        """A class member: a method, a field (an arrow function field is a method)."""
        name_node = node.child_by_field_name("name") or node.child_by_field_name("property")
        name = self.source.property_name(name_node) if name_node is not None else None
        if node.type == "method_definition" and name is not None:
            if name == "constructor":
                self.constructor(node, scope)
            else:
                self.functions.function(node, node, name, scope, method=True)
            return
        if node.type == "abstract_method_signature" and name is not None:
            self.functions.function(node, node, name, scope, method=True, abstract=True)
            return
        if node.type in _FIELDS and name is not None:
            value = node.child_by_field_name("value")
            if value is not None and unwrap(value).type in (
                "arrow_function",
                "function_expression",
            ):
                function = unwrap(value)
                self.functions.function(function, node, name, scope, method=True)
                return
            if value is not None:
                binding = Binding(
                    scope.qualname,
                    name,
                    self.expressions.expr(value, scope),
                    self.source.pos(node),
                )
                self.found.bindings.append(binding)
                self.walk(value, scope)
            declared = self.functions.annotation(node.child_by_field_name("type"))
            if value is None and declared:
                # ``@inject(IWriter) private readonly analytics: IWriter;``: set from outside
                # (property injection), an instance of its type (a construction stands in)
                pos = self.source.pos(node)
                made = Call(declared, (), (), (), pos)
                self.found.bindings.append(Binding(scope.qualname, name, made, pos))
            return
        self.walk(node, Scope(scope.qualname, scope.owner))

    def constructor(self, node: Node, scope: Scope) -> None:
        """A constructor's parameter properties (``constructor(private client: PostHog)``)
        bind class attributes to the parameters (typed ones resolve through their
        annotation); its body binds ``this.x = ...``."""
        source = self.source
        self.functions.function(node, node, "constructor", scope, method=True)
        parameters = node.child_by_field_name("parameters")
        for param in parameters.named_children if parameters is not None else ():
            if any(child.type in _PARAMETER_PROPERTY for child in param.children):
                pattern = param.child_by_field_name("pattern")
                if pattern is not None and pattern.type == "identifier":
                    value = Ref((source.text(pattern),), source.pos(pattern))  # the parameter
                    self.found.bindings.append(
                        Binding(scope.qualname, source.text(pattern), value, source.pos(pattern))
                    )

    def interface(self, node: Node, scope: Scope) -> bool:
        """A TS interface is an abstract class (never built: a value of its type is one
        of the classes implementing it) declaring its methods, also those typed as
        properties (``send: (msg: M) => void``); ``extends`` names its bases."""
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None or _augments(node):
            return True
        qualname = scope.child(self.source.text(name))
        bases = tuple(
            base
            for clause in node.named_children
            if clause.type == "extends_type_clause"
            for base in self.types(clause)
        )
        self.found.classes.append(ClassDef(qualname, bases, self.source.pos(node), abstract=True))
        members = Scope(qualname, qualname)
        for member in body.named_children:
            key = member.child_by_field_name("name")
            member_name = self.source.property_name(key) if key is not None else None
            signature: Node | None = member if member.type == "method_signature" else None
            if member.type == "property_signature":
                declared = member.child_by_field_name("type")
                inner = declared.named_children[0] if declared and declared.named_children else None
                signature = inner if inner is not None and inner.type == "function_type" else None
            if signature is not None and member_name is not None:
                self.functions.function(
                    signature, member, member_name, members, method=True, abstract=True
                )
        return True

    def types(self, clause: Node) -> list[tuple[str, ...]]:
        """The classes an ``implements`` or an interface's ``extends`` clause names."""
        found = (self.functions.named_type(part) for part in clause.named_children)
        return [path for path in found if path]

    def enum(self, node: Node, scope: Scope) -> bool:
        """A TS enum is a class of constants: ``Events.Signup`` is its string value."""
        source = self.source
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None:
            return True
        qualname = scope.child(source.text(name))
        self.found.classes.append(ClassDef(qualname, (), source.pos(node)))
        counter: int | None = 0
        for member in body.named_children:
            key = member.child_by_field_name("name") if member.type == "enum_assignment" else member
            member_name = source.property_name(key) if key is not None else None
            if member_name is None:
                continue
            value_node = (
                member.child_by_field_name("value") if member.type == "enum_assignment" else None
            )
            if value_node is None:
                value: Expr = (
                    Literal(counter, source.pos(member))
                    if counter is not None
                    else Other("enum", source.pos(member))
                )
            else:
                value = self.expressions.expr(value_node, scope)
            counter = (
                (value.value + 1)
                if isinstance(value, Literal) and isinstance(value.value, int)
                else None
            )
            self.found.bindings.append(Binding(qualname, member_name, value, source.pos(key)))  # type: ignore[arg-type]
            if isinstance(value, Literal) and type(value.value) is int:
                # A numeric member's reverse mapping, as TypeScript compiles it
                # (``Step[Step["INTRO"] = -2] = "INTRO"``): ``Step[-2]`` is its name.
                reverse = Str(member_name, source.pos(key))  # type: ignore[arg-type]
                self.found.bindings.append(
                    Binding(qualname, str(value.value), reverse, reverse.pos)
                )
        return True


def _augments(node: Node) -> bool:
    """A declaration inside ``declare global {}`` or ``declare module "m" {}``: it adds to
    a type defined elsewhere (``interface Window``), it defines none here."""
    parent = node.parent
    while parent is not None:
        if parent.type == "ambient_declaration":
            return True
        parent = parent.parent
    return False
