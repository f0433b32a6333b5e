"""Valid code that tree-sitter's JS/TS grammars misread, and the same-length rewrite of it
they read alike (tree-sitter-javascript 0.25, tree-sitter-typescript 0.23.2).

* JSX: the grammars lex ``&`` in JSX text and attribute strings only as the start of a
  character reference (``&amp;``), so a bare ampersand, valid JSX
  (``href="?a=1&source=x"``, ``<p>Terms & conditions</p>``), is an error. Every ``&``
  becomes ``|``, which is valid wherever ``&`` is: JSX text and strings, and the same
  operators in code (``a | b``, ``||``, ``|=``, a union type for an intersection),
  where the kind of operator tells evdict nothing.
* TypeScript: ``typeof import("m")`` in a call's type arguments
  (``importOriginal<typeof import("m")>()``, Vitest's mock factories) is read as a
  comparison. The ``import("m")`` becomes one identifier (``import_____``): a type query
  of a name, which a type argument may hold.
* TypeScript: an import type as an array's element or after ``keyof``
  (``let parts: import("core").MessagePart[]``, ``keyof import("m").Config``) is an
  error too; its ``import("m")`` becomes one identifier as well. An empty ``[]`` after
  a member of it, or ``keyof`` before it, is a type: no expression is so written.
* TypeScript: ``export type * from "m"`` (TS 5.0) is an error; ``type`` becomes blanks.

Where a TypeScript file still fails, :func:`repaired` rewrites, guided by the error:

* type members on their own lines need no separator, but the grammar reads a member
  named ``in`` or a generic call signature (``<A>(a: A): void``) after a line break as
  part of the member before: the line's first indent becomes ``;``, the separator the
  grammar does read;
* a tagged template's type arguments (``prisma.$queryRaw<Row[]>`SELECT ...```, read as
  an instantiation missing a ``!``) become blanks: types tell evdict nothing.

A rewrite keeps every byte offset, so the tree of the rewritten bytes locates nodes in
the original ones, and all text is read from the original: a string holding ``&`` keeps
it. Only a file that fails to parse is rewritten and parsed again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from evdict.scanner.frontends.js_nodes import first_error

if TYPE_CHECKING:
    from tree_sitter import Node, Tree

_MAX_PARSES = 16
"""The most parses :func:`repaired` spends on one file: a broken file costs little more."""
_IMPORTED = rb"""import(\s*\(\s*(?:"[^"\n]*"|'[^'\n]*')\s*\))"""
_TYPE_IMPORT = re.compile(rb"\b(?:typeof|keyof)\s+" + _IMPORTED)
_IMPORT_ARRAY_TYPE = re.compile(
    rb"\b" + _IMPORTED + rb"(?=(?:\s*\.\s*[\w$]+)+(?:<[^<>()\n]*>)?\s*\[\s*\])"
)
_EXPORT_TYPE_STAR = re.compile(rb"\bexport\s+(type)\s*\*")
_BLANK = re.compile(rb"[^\n]")


def _filled(filler: bytes) -> Callable[[re.Match[bytes]], bytes]:
    """A substitution that fills a match's group 1 with ``filler``, as many bytes long."""

    def fill(match: re.Match[bytes]) -> bytes:
        start, end = (offset - match.start() for offset in match.span(1))
        whole = match.group(0)
        return whole[:start] + filler * (end - start) + whole[end:]

    return fill


def rewritten(data: bytes, grammar: str) -> bytes | None:
    """``data`` with the shapes above rewritten for ``grammar``; None when it holds none."""
    fixed = data
    if grammar != "javascript":
        fixed = _TYPE_IMPORT.sub(_filled(b"_"), fixed)
        fixed = _IMPORT_ARRAY_TYPE.sub(_filled(b"_"), fixed)
        fixed = _EXPORT_TYPE_STAR.sub(_filled(b" "), fixed)
    if grammar != "typescript":  # the grammars that read JSX
        fixed = fixed.replace(b"&", b"|")
    return fixed if fixed != data else None


def repaired(parse: Callable[[bytes], Tree], data: bytes, tree: Tree) -> Tree:
    """The tree of ``data`` with the TypeScript shapes the grammar misreads after a syntax
    error rewritten, one at a time, each kept when it moves the first error further on."""
    parses = 0
    while tree.root_node.has_error and parses < _MAX_PARSES:
        error = first_error(tree.root_node)
        for candidate in _rewrites(data, error):
            attempt = parse(candidate)
            parses += 1
            after = attempt.root_node
            if not after.has_error or first_error(after).start_byte > error.start_byte:
                data, tree = candidate, attempt
                break
            if parses >= _MAX_PARSES:
                break
        else:
            break
    return tree


def _rewrites(data: bytes, error: Node) -> Iterator[bytes]:
    """The rewrites of ``data`` that may make ``error`` go, likeliest first."""
    arguments = _tag_type_arguments(error)
    if arguments is not None:
        blank = _BLANK.sub(b" ", data[arguments.start_byte : arguments.end_byte])
        yield data[: arguments.start_byte] + blank + data[arguments.end_byte :]
    # The error's first line or the next: a large error of a broken file costs 2 parses.
    newline = data.rfind(b"\n", 0, error.start_byte)
    for _ in range(2):
        if not 0 <= newline < error.end_byte:
            break
        indent = newline + 1
        if data[indent : indent + 1] in (b" ", b"\t"):
            yield data[:indent] + b";" + data[indent + 1 :]
        newline = data.find(b"\n", indent)


def _tag_type_arguments(error: Node) -> Node | None:
    """The type arguments of a tagged template's tag (``sql<Row[]>`...```), which the
    grammar reads as an instantiation missing a ``!``."""
    parent = error.parent
    if not error.is_missing or parent is None or parent.type != "non_null_expression":
        return None
    tag = parent.named_children[0] if parent.named_children else None
    if tag is None or tag.type != "instantiation_expression":
        return None
    return tag.child_by_field_name("type_arguments")
