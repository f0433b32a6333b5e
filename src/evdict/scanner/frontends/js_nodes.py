"""Reading tree-sitter nodes of one JS/TS file: positions in characters, source text,
string and number literals, names of properties, and the expression inside casts.

tree-sitter reports *byte* columns; they become character columns here, so every
later layer counts characters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from evdict.scanner.model import ParseFailure, Position

if TYPE_CHECKING:
    from tree_sitter import Node

_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_LINE_BREAKS = frozenset(("\n", "\r", "\r\n", "\u2028", "\u2029"))
WRAPPERS = frozenset(
    (
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
        "await_expression",
    )
)
"""What :func:`unwrap` looks through."""
FUNCTIONS = frozenset(("arrow_function", "function_expression", "function"))
"""Function expressions (a ``function`` declaration is a statement)."""


# Small enough that counting within one block is cheap (a dense non-ASCII file), and a
# block without any continuation byte (nearly all of a mostly-ASCII file) is not counted.
_BLOCK = 512
_NOT_CONTINUATION = bytes(value for value in range(256) if not 0x80 <= value < 0xC0)


class Source:
    """One file's bytes, as tree-sitter parsed them."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ascii = data.isascii()
        self.line_starts: list[int] | None = None
        # Continuation bytes (0b10xxxxxx) before each block of _BLOCK bytes: a character
        # column is the byte column less the continuation bytes before it on its line.
        self._continuations: list[int] = []
        self._last = -1  # the offset of the file's last continuation byte
        self._row_continuations: dict[int, int] = {}  # before each row's start
        # Continuation bytes between a row's start and the file's last one, for the rows
        # that reach past it: a column there is its byte column less these.
        self._tail_shifts: dict[int, int] = {}

    def column(self, row: int, byte_column: int) -> int:
        """A 1-based character column from tree-sitter's 0-based byte column.

        Counted from block totals, not by decoding the line up to the column: a
        minified file is one line of megabytes, and decoding it up to each of its
        nodes was quadratic (1 MB with one non-ASCII character: 66 s). Past the file's
        last non-ASCII character (most nodes of a file with a few) nothing is counted."""
        if self.ascii:
            return byte_column + 1
        starts = self.line_starts if self.line_starts is not None else self._index()
        start = starts[row] if row < len(starts) else 0
        before_row = self._row_continuations.get(row)
        if before_row is None:
            before_row = self._row_continuations[row] = self._continuations_before(start)
        end = start + byte_column
        if end > self._last:
            shift = self._tail_shifts[row] = self._continuations[-1] - before_row
            return byte_column - shift + 1
        return byte_column - (self._continuations_before(end) - before_row) + 1

    def _index(self) -> list[int]:
        """Where lines start, the block totals and the last continuation byte."""
        starts, find, data = [0], self.data.find, self.data
        index = find(b"\n")
        while index >= 0:
            starts.append(index + 1)
            index = find(b"\n", index + 1)
        totals, seen = [0], 0
        for block in range(0, len(data), _BLOCK):
            seen += len(data[block : block + _BLOCK].translate(None, _NOT_CONTINUATION))
            totals.append(seen)
        self._continuations = totals
        last = next((b for b in range(len(totals) - 1, 0, -1) if totals[b] > totals[b - 1]), 0)
        start = (last - 1) * _BLOCK
        in_last = data[start : start + _BLOCK] if last else b""
        self._last = max(
            (start + at for at, value in enumerate(in_last) if 0x80 <= value < 0xC0), default=-1
        )
        self.line_starts = starts
        return starts

    def _continuations_before(self, offset: int) -> int:
        totals = self._continuations
        block = offset // _BLOCK
        before = totals[block]
        if offset % _BLOCK == 0 or block + 1 >= len(totals) or totals[block + 1] == before:
            return before  # at a block's start, or no continuation byte in its block
        tail = self.data[block * _BLOCK : offset].translate(None, _NOT_CONTINUATION)
        return before + len(tail)

    def pos(self, node: Node) -> Position:
        (row, column), (end_row, end_column) = node.start_point, node.end_point
        if self.ascii:
            return (row + 1, column + 1, end_row + 1, end_column + 1)
        if row == end_row and node.start_byte > self._last:  # most nodes of a minified file
            shift = self._tail_shifts.get(row)
            if shift is not None:
                return (row + 1, column - shift + 1, row + 1, end_column - shift + 1)
        return (row + 1, self.column(row, column), end_row + 1, self.column(end_row, end_column))

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def string_value(self, node: Node) -> str:
        raw = self.data[node.start_byte + 1 : node.end_byte - 1].decode("utf-8", errors="replace")
        return unescape(raw) if "\\" in raw else raw

    def property_name(self, node: Node) -> str | None:
        kind = node.type
        if kind in (
            "property_identifier",
            "identifier",
            "private_property_identifier",
            "shorthand_property_identifier",
        ):
            return self.text(node)
        if kind == "string":
            return self.string_value(node)
        if kind == "number":
            return self.text(node)
        return None

    def failure(self, root: Node) -> ParseFailure:
        """The first syntax error, in document order."""
        node = first_error(root)
        if node.is_missing:
            return ParseFailure(f"syntax error: missing `{node.type}`", self.pos(node))
        snippet = self.text(node).strip().splitlines()[0][:30] if self.text(node).strip() else ""
        message = f"syntax error near `{snippet}`" if snippet else "syntax error"
        return ParseFailure(message, self.pos(node))


def first_error(root: Node) -> Node:
    """The first ``ERROR`` or missing node in document order (``root`` when it has none)."""
    node = root
    while True:
        child = next((c for c in node.children if c.has_error or c.is_missing), None)
        if child is None or node.is_error:
            return node
        node = child


def unwrap(node: Node) -> Node:
    """The expression inside parentheses, TS casts (``as``, ``satisfies``, ``!``) and ``await``."""
    while node.type in WRAPPERS:
        inner = node.child_by_field_name("expression") or first_named(node)
        if inner is None:
            return node
        node = inner
    return node


def first_named(node: Node) -> Node | None:
    """A node's first named child but a comment (tree-sitter names comments): the value
    of ``return ( // why\n <div>...</div> )``."""
    return next((child for child in node.named_children if child.type != "comment"), None)


def number(text: str) -> int | float | None:
    if text.isdecimal() and len(text) < 16:  # most numbers; short enough to be exact
        return int(text)
    cleaned = text.replace("_", "").rstrip("n")
    try:
        if cleaned[:2].lower() in ("0x", "0o", "0b"):
            return int(cleaned, 0)
        value = float(cleaned)
    except ValueError:
        return None
    return (
        int(value)
        if value.is_integer() and "." not in cleaned and "e" not in cleaned.lower()
        else value
    )


def unescape(raw: str) -> str:
    """JS string escapes -> text (``\\u{1F600}``, surrogate pairs, line continuations)."""
    surrogates = False

    def replace(match: re.Match[str]) -> str:
        nonlocal surrogates
        escape = match.group(1)
        if escape in _LINE_BREAKS:
            return ""
        if escape in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[escape]
        if escape[0] in "ux" and len(escape) > 1:
            code = int(escape.strip("u{}x") if escape[0] == "u" else escape[1:], 16)
            if 0xD800 <= code <= 0xDFFF:
                surrogates = True
            return chr(code) if code <= 0x10FFFF else "\ufffd"
        return escape

    text = _ESCAPE.sub(replace, raw)
    if surrogates:
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text
