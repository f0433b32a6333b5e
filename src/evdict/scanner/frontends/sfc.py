"""Vue and Svelte single-file components: what the JS/TS front end reads of them.

Finding the script blocks and the template's event handlers, and blanking the markup
around them (line breaks kept) so the positions tree-sitter reports are the file's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

COMPONENT_SUFFIXES = (".vue", ".svelte")
"""Single-file components: their ``<script>`` blocks and their templates' event handlers
(``@click="..."``, ``v-on:submit="..."``, ``on:click={...}``, Svelte 5's ``onclick={...}``,
callback props ``onSaved={...}`` and a Svelte component's prop given a function
``<Picker connect={(repo) => ...}>``) are read in place, the markup around them blanked
out, so lines and columns stay the file's own; TypeScript when a block says
``lang="ts"``. Other template expressions are not read."""
_SCRIPT_BLOCK = re.compile(rb"(<script\b([^>]*)>)(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_VUE_HANDLER = re.compile(rb"""(?:@|v-on:)[\w.:-]+\s*=\s*(["'])(.*?)\1""", re.DOTALL)
# Svelte 4's directive (``on:click|once={...}``), Svelte 5's event attribute
# (``onclick={...}``) and a component's callback prop (``onMoveSuccess={...}``): an
# attribute of its own (after a space), not ``data-on={...}`` or ``bind:once``.
_SVELTE_HANDLER = re.compile(rb"(?<=\s)on(?::[\w|]+|[A-Za-z]\w*)\s*=\s*\{")
# A Svelte component's tag (``<Picker``, ``<Layout.Wizard``): capitalised or dotted, as
# Svelte tells components from HTML elements.
_SVELTE_COMPONENT_TAG = re.compile(rb"<(?:[A-Z][\w$.]*|[a-z][\w$]*\.[\w$.]+)(?=[\s/>])")
# A prop whose value opens with a function: ``name={(a, b) => ``, ``{async e => ``,
# ``{function (``. A component calls such a prop back (an HTML element's ``data-x={...}``
# is only stringified, so elements are left out).
_FUNCTION_PROP = re.compile(
    rb"(?<=\s)[A-Za-z_$][\w$]*\s*=\s*\{(?=\s*(?:async\s+)?"
    rb"(?:\([^()]*\)\s*(?::[^=]*?)?=>|[A-Za-z_$][\w$]*\s*=>|function\b))"
)
_TS_LANG = re.compile(rb"""\blang\s*=\s*["']?(?:ts|typescript)\b""", re.IGNORECASE)
# Every byte but line breaks becomes a space: the markup around script blocks.
_BLANK_TABLE = bytes(byte if byte in b"\r\n" else 32 for byte in range(256))


def component_source(data: bytes, suffix: str) -> tuple[bytes, str]:
    """What tree-sitter reads of a component (``suffix`` is ``.vue`` or ``.svelte``),
    and with which grammar: its script blocks and template handlers alone, at their
    own offsets."""
    kept = bytearray(data.translate(_BLANK_TABLE))
    grammar = "javascript"
    scripts = []
    for block in _SCRIPT_BLOCK.finditer(data):
        kept[block.start(3) : block.end(3)] = block[3]
        scripts.append(block.span())
        if _TS_LANG.search(block[2]):
            grammar = "typescript"
    # Each handler becomes a statement: its text in place, a ";" where it closes.
    for start, end in _handlers(data, suffix):
        if not any(low <= start < high for low, high in scripts):
            kept[start:end] = data[start:end]
            kept[end] = ord(";")
    return bytes(kept), grammar


def _handlers(data: bytes, suffix: str) -> Iterator[tuple[int, int]]:
    """The byte spans of a component template's event handler expressions."""
    if suffix == ".vue":
        for handler in _VUE_HANDLER.finditer(data):
            yield handler.start(2), handler.end(2)
        return
    starts = {handler.end() for handler in _SVELTE_HANDLER.finditer(data)}
    for tag in _SVELTE_COMPONENT_TAG.finditer(data):
        starts.update(
            prop.end()
            for prop in _FUNCTION_PROP.finditer(data, tag.end(), _tag_end(data, tag.end()))
        )
    for start in sorted(starts):
        end = _closing_brace(data, start)
        if end is not None:
            yield start, end


def _closing_brace(data: bytes, start: int) -> int | None:
    """The offset of the ``}`` closing the expression that opens at ``start``."""
    depth, index = 1, start
    while index < len(data) and depth:
        depth += {ord("{"): 1, ord("}"): -1}.get(data[index], 0)
        index += 1
    return index - 1 if not depth else None


def _tag_end(data: bytes, index: int) -> int:
    """The offset of the ``>`` closing a tag whose attributes start at ``index``: the
    first one outside quotes and ``{...}`` (an arrow's ``=>`` is inside braces)."""
    depth, quote = 0, 0
    while index < len(data):
        byte = data[index]
        if quote:
            quote = 0 if byte == quote else quote
        elif byte == ord("{"):
            depth += 1
        elif byte == ord("}"):
            depth -= 1
        elif depth == 0 and byte in b"\"'":
            quote = byte
        elif depth == 0 and byte == ord(">"):
            return index
        index += 1
    return index
