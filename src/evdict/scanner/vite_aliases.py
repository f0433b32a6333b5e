"""The import aliases a Vite config declares (``resolve.alias``), read from its syntax
tree, never run: a Vue or Svelte app built by Vite often declares its aliases there
alone (``dashboard: path.resolve('./app/javascript/dashboard')``), with no tsconfig
``paths``. Read as ``paths`` patterns: the alias itself and ``alias/*``.

A target is read when it is written as a path from the config's folder:
``path.resolve(...)``, ``path.join(...)`` (or ``resolve``/``join`` imported by name) of
string literals and ``__dirname``, ``fileURLToPath(new URL('./src', import.meta.url))``;
the object form (``{'@': ...}``) and the array form (``[{find: '@', replacement:
...}]``, a string ``find``). Anything else (a variable, a regular expression, a
function) leaves that alias unread.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from evdict.scanner.frontends.javascript import parse_tree

if TYPE_CHECKING:
    from tree_sitter import Node

CONFIG_NAMES = tuple(f"vite.config.{suffix}" for suffix in ("ts", "js", "mts", "mjs", "cts", "cjs"))
_PATH_FUNCTIONS = frozenset(("resolve", "join"))
_STRINGS = frozenset(("string", "template_string"))

Paths = tuple[tuple[str, tuple[str, ...]], ...]


def vite_aliases(data: bytes, filename: str) -> Paths:
    """The ``paths`` patterns of the aliases in a Vite config's text, their targets
    relative to the config's folder (``""`` is the folder itself)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for alias, target in _aliases(parse_tree(data, filename).root_node):
        if alias.endswith("/"):
            found.append((f"{alias}*", (f"{target}/*" if target else "*",)))
            continue
        found.append((alias, (target,)))
        found.append((f"{alias}/*", (f"{target}/*" if target else "*",)))
    return tuple(found)


def _aliases(root: Node) -> Iterator[tuple[str, str]]:
    """(alias, target) for each readable entry of every ``alias:`` in the config."""
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.named_children))
        if node.type != "pair" or _key(node) != "alias":
            continue
        value = node.child_by_field_name("value")
        if value is None:
            continue
        if value.type == "object":
            for entry in value.named_children:
                if entry.type == "pair":
                    yield from _entry(_key(entry), entry.child_by_field_name("value"))
        elif value.type == "array":
            for item in value.named_children:
                if item.type == "object":
                    fields = {
                        _key(pair): pair for pair in item.named_children if pair.type == "pair"
                    }
                    find, replacement = fields.get("find"), fields.get("replacement")
                    if find is not None and replacement is not None:
                        alias = _string(find.child_by_field_name("value"))
                        yield from _entry(alias, replacement.child_by_field_name("value"))


def _entry(alias: str | None, value: Node | None) -> Iterator[tuple[str, str]]:
    target = _target(value)
    if alias and target is not None:
        yield alias, target


def _key(pair: Node) -> str | None:
    key = pair.child_by_field_name("key")
    if key is None:
        return None
    if key.type in ("property_identifier", "identifier"):
        return _text(key)
    return _string(key)


def _target(node: Node | None) -> str | None:
    """The folder a target expression names, relative to the config's folder; None
    when it is not written as such a path."""
    if node is None or node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or arguments is None:
        return None
    name = _text(function)
    parts = arguments.named_children
    if name in ("fileURLToPath", "url.fileURLToPath") and len(parts) == 1:
        return _url(parts[0])
    if name.rpartition(".")[2] not in _PATH_FUNCTIONS or not parts:
        return None
    if name.partition(".")[0] not in ("path", "resolve", "join", "posix"):
        return None
    pieces: list[str] = []
    for part in parts:
        if part.type == "identifier" and _text(part) == "__dirname":
            pieces = []  # resolve() starts again at an absolute path
            continue
        text = _string(part)
        if text is None or text.startswith("/"):
            return None
        pieces.append(text)
    return _normal(posixpath.join(*pieces) if pieces else "")


def _url(node: Node) -> str | None:
    """``new URL('./src', import.meta.url)``: the folder it names."""
    if node.type != "new_expression":
        return None
    arguments = node.child_by_field_name("arguments")
    if arguments is None or len(arguments.named_children) != 2:
        return None
    first, base = arguments.named_children
    text = _string(first)
    if text is None or _text(base) != "import.meta.url" or text.startswith("/"):
        return None
    return _normal(text)


def _normal(path: str) -> str:
    """A relative folder normalised (``./src/`` -> ``src``, the folder itself ``""``)."""
    normal = posixpath.normpath(path) if path else "."
    return "" if normal == "." else normal


def _string(node: Node | None) -> str | None:
    """A string literal's value (a template without substitutions too); None otherwise."""
    if node is None or node.type not in _STRINGS:
        return None
    if any(child.type in ("template_substitution", "escape_sequence") for child in node.children):
        return None
    return _text(node)[1:-1]


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")
