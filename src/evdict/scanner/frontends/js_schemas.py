"""Schemas whose ``parse`` hands back what it validates: ``schema.parse(x)`` of a zod
schema is ``x`` (its declared keys; a tracking wrapper reads those), so a wrapper that
validates its argument before sending it (``const event = eventSchema.parse(input);
track(event.name, event.properties)``) reads its parameter's keys, as it would with no
validation. A schema is a name the file binds, at its top level, to a chain of calls
rooted at a name imported from a schema library (``const s = z.object({...}).strict()``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_nodes import Source

_LIBRARIES = ("zod",)
"""Module specifiers (their first part: ``zod/v4`` too) whose exports build schemas whose
``parse(x)`` returns ``x``."""

_DECLARATIONS = ("lexical_declaration", "variable_declaration")


def schema_names(root: Node, source: Source) -> frozenset[str]:
    """The names ``root`` (a file) binds at its top level to a schema."""
    roots = _imported_builders(root, source)
    if not roots:
        return frozenset()
    names: set[str] = set()
    for node in root.named_children:
        declaration = (
            node.child_by_field_name("declaration") if node.type == "export_statement" else node
        )
        if declaration is None or declaration.type not in _DECLARATIONS:
            continue
        for declarator in declaration.named_children:
            name = declarator.child_by_field_name("name")
            value = declarator.child_by_field_name("value")
            if (
                declarator.type == "variable_declarator"
                and name is not None
                and name.type == "identifier"
                and value is not None
                and _built_by(value, roots, source)
            ):
                names.add(source.text(name))
    return frozenset(names)


def _imported_builders(root: Node, source: Source) -> set[str]:
    """The local names of what the file imports from a schema library."""
    names: set[str] = set()
    for node in root.named_children:
        specifier = node.child_by_field_name("source") if node.type == "import_statement" else None
        if specifier is None or source.string_value(specifier).split("/")[0] not in _LIBRARIES:
            continue
        for clause in node.named_children:
            for part in clause.named_children if clause.type == "import_clause" else ():
                if part.type == "identifier":
                    names.add(source.text(part))
                elif part.type == "namespace_import" and part.named_children:
                    names.add(source.text(part.named_children[0]))
                elif part.type == "named_imports":
                    for imported in part.named_children:
                        local = imported.child_by_field_name(
                            "alias"
                        ) or imported.child_by_field_name("name")
                        if imported.type == "import_specifier" and local is not None:
                            names.add(source.text(local))
    return names


def _built_by(node: Node, roots: set[str], source: Source) -> bool:
    """``z.object({...}).strict()``: a chain of calls and members whose innermost name is one
    of ``roots``; a bare name (an alias of another schema) is not one."""
    if node.type != "call_expression":
        return False
    current: Node | None = node
    while current is not None and current.type in ("call_expression", "member_expression"):
        field = "function" if current.type == "call_expression" else "object"
        current = current.child_by_field_name(field)
    return current is not None and current.type == "identifier" and source.text(current) in roots
