"""The JavaScript / TypeScript front end: source bytes -> neutral :class:`FileFacts`.

tree-sitter parses JavaScript (with JSX), TypeScript and TSX without a compiler and
without running anything; the grammar follows the file extension (``.ts`` cannot be
parsed as TSX: ``<T>x`` is a cast there, a tag in TSX). tree-sitter reports *byte*
columns; they become character columns (:mod:`~evdict.scanner.frontends.js_nodes`), so
every later layer counts characters.

This module parses a file and walks its tree; the walk hands each node to the
reader of its type: :mod:`~evdict.scanner.frontends.js_calls` (calls),
:mod:`~evdict.scanner.frontends.js_classes` (classes, interfaces, enums),
:mod:`~evdict.scanner.frontends.js_statements` (declarations, imports and
exports), :mod:`~evdict.scanner.frontends.js_functions`
(functions, parameters, returns), which read expressions with
:mod:`~evdict.scanner.frontends.js_expressions`; a component's JSX element is a
call of it (:mod:`~evdict.scanner.frontends.js_jsx`), a context provider's ``value`` what
``useContext`` gives (:mod:`~evdict.scanner.frontends.js_context`). Vue and Svelte components are read
through :mod:`~evdict.scanner.frontends.sfc`, and
:mod:`~evdict.scanner.frontends.js_modules` names modules and reads import specifiers.

The facts mirror the Python front end's so one resolver serves both:

* module specifiers read like Python imports: ``"../lib/events.js"`` is level 2,
  module ``lib.events``; ``"posthog-js/react"`` is level 0, module ``posthog-js.react``;
  a default import names ``default``, ``import * as x`` names the module itself;
* a method gets ``this`` as its first parameter (the way ``self`` is), so
  ``this.capture(...)`` resolves like ``self.capture(...)``;
* a destructured parameter ``({event, properties})`` is named by its position
  (``{0}``), and the names it binds read as keys of it (``Item(("{0}",), "event")``),
  as ``payload.event`` reads ``Item(("payload",), "event")`` when ``payload`` is a
  parameter: that is how a wrapper's ``"0.event"`` slot is inferred;
* a function a hook returns (``return useCallback((event) => ..., [])``) is the
  function ``useTrack.<return>``; ``track = useTrack()`` binds ``track`` to a call
  of ``useTrack``, and the resolver follows it there.

A file with a syntax error yields its failure (EV608) *and* the facts of the parts
tree-sitter could read: nothing inside an ``ERROR`` node, no call with an error inside.
tree-sitter's grammars lag the languages a little: a file that fails is parsed again with
the valid shapes they misread rewritten (:mod:`~evdict.scanner.frontends.js_gaps`), so
that a valid file does not fail; one that still does has its other calls tracked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from evdict.scanner.frontends.js_calls import Calls
from evdict.scanner.frontends.js_classes import Classes
from evdict.scanner.frontends.js_context import Providers, read_provided
from evdict.scanner.frontends.js_expressions import Expressions
from evdict.scanner.frontends.js_functions import Functions
from evdict.scanner.frontends.js_gaps import repaired, rewritten
from evdict.scanner.frontends.js_inject import read_injected
from evdict.scanner.frontends.js_jsx import Elements
from evdict.scanner.frontends.js_loops import Loops
from evdict.scanner.frontends.js_modules import GRAMMARS as GRAMMARS
from evdict.scanner.frontends.js_modules import grammar_for as grammar_for
from evdict.scanner.frontends.js_modules import module_name as module_name
from evdict.scanner.frontends.js_modules import module_path as module_path
from evdict.scanner.frontends.js_modules import suffix_of
from evdict.scanner.frontends.js_nodes import FUNCTIONS, Source
from evdict.scanner.frontends.js_scope import Found, Scope
from evdict.scanner.frontends.js_statements import Declarations, ModuleLinks
from evdict.scanner.frontends.sfc import COMPONENT_SUFFIXES as COMPONENT_SUFFIXES
from evdict.scanner.frontends.sfc import component_source
from evdict.scanner.model import SUPPRESSION_DIRECTIVE, FileFacts, ParseFailure, Suppression

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Tree

    Handler: TypeAlias = Callable[[Node, Scope], bool]
    """Reads a node of one type; True when it has read it whole, False when the walk
    goes on into the node's children."""

FRONTEND_VERSION = 47
"""Bump when the facts this module produces change: cached facts of older versions are ignored."""
PRESETS_LANGUAGE = "javascript"
"""The presets that apply (:mod:`evdict.scanner.presets`): TypeScript adds types, not calls."""

_SUPPRESSION = re.compile(SUPPRESSION_DIRECTIVE, re.IGNORECASE)
_CLASSES = frozenset(("class_declaration", "abstract_class_declaration", "class"))
# Nodes that hold no call, binding or comment worth a visit (types, leaves).
_NOTHING_INSIDE = frozenset(
    (
        "identifier",
        "property_identifier",
        "shorthand_property_identifier",
        "string",
        "number",
        "true",
        "false",
        "null",
        "undefined",
        "this",
        "regex",
        "jsx_text",
        "type_annotation",
        "type_arguments",
        "type_parameters",
        "type_alias_declaration",
        "predefined_type",
        "type_identifier",
    )
)
_DECLARATION_FILE = re.compile(r"\.d\.[cm]?ts$", re.IGNORECASE)


def _source(data: bytes, filename: str) -> tuple[bytes, str]:
    """What tree-sitter reads of a file, and with which grammar: a component's script
    blocks alone, at their own offsets; any other file as it is."""
    suffix = suffix_of(filename).lower()
    if suffix in COMPONENT_SUFFIXES:
        return component_source(data, suffix)
    return data, grammar_for(suffix) or "typescript"


def extract(data: bytes, filename: str) -> FileFacts:
    """The facts of one JS/TS file; the name's suffix picks the grammar. Never raises: a
    file that cannot be read as its language yields facts with ``failure`` set.

    A declaration file (``.d.ts``) holds types only, never a call: it yields no facts
    (tree-sitter's TypeScript grammar also misreads some of their type syntax)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data, grammar = _source(data, filename)
    language = "typescript" if grammar != "javascript" else "javascript"
    if _DECLARATION_FILE.search(filename):
        return FileFacts(language)
    encoding_failure = None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A legacy file in Latin-1 (or cp1252): every byte is a character, so its calls
        # are still read, at the same columns; the file is still reported.
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not valid UTF-8 text (byte {exc.start}: {exc.reason}), read as Latin-1"
        encoding_failure = ParseFailure(message, (line, column, line, column + 1))
        data = data.decode("latin-1").encode("utf-8")
    root = _parse(data, grammar).root_node
    source = Source(data)
    walker = _Walker(source)
    try:
        walker.walk(root, Scope())
    except RecursionError:
        failure = ParseFailure("cannot scan: too deeply nested", (1, 1, 1, 1))
        return FileFacts(language, failure=failure)
    finally:
        walker.close()
    syntax_failure = source.failure(root) if root.has_error else None
    found = walker.found
    read_provided(found)
    read_injected(found)
    return found.facts(language, encoding_failure or syntax_failure)


def parse_tree(data: bytes, filename: str) -> Tree:
    """The syntax tree of a JS/TS file (a build tool's config is read as data from it)."""
    return _parse(*_source(data, filename))


def parse_tree_only(data: bytes, filename: str) -> bool:
    """Parse without extracting (benchmarks measure the parser alone); True when clean."""
    data, grammar = _source(data, filename)
    return not _parse(data, grammar).root_node.has_error


def _parse(data: bytes, grammar: str) -> Tree:
    """The tree of ``data``. One with errors is parsed again with the shapes the grammar
    misreads rewritten at the same offsets (its text is still read from ``data``); a
    JavaScript file that still fails, with the TSX grammar: tree-sitter-javascript 0.25
    cannot read a keyword as a JSX attribute's name (``<Collapse in={open}>``,
    ``<label for="x">``), which TSX, a superset of JSX, reads."""
    parser = _parser(grammar)
    tree = parser.parse(data)
    if not tree.root_node.has_error:
        return tree
    fixed = rewritten(data, grammar)
    if fixed is not None:
        tree = parser.parse(fixed)
    if tree.root_node.has_error and grammar == "javascript":
        as_tsx = _parser("tsx").parse(rewritten(data, "tsx") or data)
        if not as_tsx.root_node.has_error:
            return as_tsx
    if tree.root_node.has_error and grammar != "javascript":
        tree = repaired(parser.parse, fixed or data, tree)
    return tree


@functools.cache
def _parser(grammar: str) -> Parser:
    # tree-sitter and its grammars load on the first JS/TS file parsed, not at start-up.
    from tree_sitter import Language, Parser

    if grammar == "javascript":
        import tree_sitter_javascript  # the grammar a scan needs, and only it

        return Parser(Language(tree_sitter_javascript.language()))
    import tree_sitter_typescript  # the grammar a scan needs, and only it

    if grammar == "tsx":
        return Parser(Language(tree_sitter_typescript.language_tsx()))
    return Parser(Language(tree_sitter_typescript.language_typescript()))


def _skip(node: Node, scope: Scope) -> bool:
    """Nothing inside a syntax error (an ``ERROR`` node) is read."""
    return True


class _Walker:
    """The walk over one file's tree. A node's type picks its handler (one of the
    readers in :mod:`~evdict.scanner.frontends.js_statements` and
    :mod:`~evdict.scanner.frontends.js_functions`); a node without one, or whose handler
    leaves its children, has them walked in order. Facts are recorded in the order the
    walk meets them."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.found = found = Found()
        expressions = Expressions(source)
        functions = Functions(expressions, found, self.walk, Loops(expressions, found))
        calls = Calls(expressions, functions, found, self.walk)
        classes = Classes(expressions, functions, found, self.walk)
        declarations = Declarations(expressions, functions, classes, calls, found, self.walk)
        links = ModuleLinks(expressions, functions, found)
        elements = Elements(expressions, found, Providers(expressions, functions, found))
        self.handlers: dict[str, Handler] = {
            "ERROR": _skip,
            "call_expression": calls.call,
            "comment": self.comment,
            "import_statement": links.import_statement,
            "export_statement": links.export_statement,
            "lexical_declaration": declarations.lexical_declaration,
            "variable_declarator": declarations.variable_declarator,
            "function_declaration": functions.declaration,
            "generator_function_declaration": functions.declaration,
            **dict.fromkeys(_CLASSES, classes.declaration),
            **dict.fromkeys(FUNCTIONS, functions.anonymous),
            "enum_declaration": classes.enum,
            "interface_declaration": classes.interface,
            "assignment_expression": declarations.assignment,
            "augmented_assignment_expression": declarations.assignment,
            "return_statement": functions.return_statement,
            "for_in_statement": functions.loops.for_in,
            "jsx_opening_element": elements.element,
            "jsx_self_closing_element": elements.element,
        }

    def close(self) -> None:
        """Unlink the handlers from the walk. The readers and the walk refer to each
        other; without that cycle a file's objects are freed as soon as it is read, not
        by the cycle collector (which cost about 8% of the front end's time on a tree of
        6,000 files)."""
        self.handlers.clear()

    def walk(self, node: Node, scope: Scope) -> None:
        handler = self.handlers.get(node.type)
        if handler is None or not handler(node, scope):
            self.children(node, scope)

    def children(self, node: Node, scope: Scope) -> None:
        """Walks the named children of ``node`` that can hold something worth reading;
        the handlers are looked up here, not in a call of :meth:`walk` per child (most
        nodes of a file are walked through this loop)."""
        handlers, skipped = self.handlers, _NOTHING_INSIDE
        # A cursor, not ``node.named_children``: tree-sitter keeps a node's list of
        # children as long as the node, so from the root that kept a Python object for
        # every node of the file until the walk ended (a 20 MB file: about 1 GB).
        cursor = node.walk()
        more = cursor.goto_first_child()
        while more:
            child = cursor.node
            if child is not None and child.is_named:
                kind = child.type
                if kind not in skipped:
                    handler = handlers.get(kind)
                    if handler is None or not handler(child, scope):
                        self.children(child, scope)
            more = cursor.goto_next_sibling()

    def comment(self, node: Node, scope: Scope) -> bool:
        """An ``evdict: ignore[...]`` comment (``file-ignore`` for the whole file)."""
        text = self.source.text(node)
        if "evdict" not in text:
            return True
        match = _SUPPRESSION.search(text)
        if match is None:
            return True
        line, column, _, _ = self.source.pos(node)
        prefix = text[: match.start()]
        start_line = line + prefix.count("\n")
        start = (len(prefix) - prefix.rfind("\n")) if "\n" in prefix else column + len(prefix)
        end = start + len(match.group(0))
        self.found.suppressions.append(
            Suppression.read(match, (start_line, start, start_line, end))
        )
        return True
