"""JS/TS file names and module specifiers: which grammar reads a file, which module a
file is, and which module an ``import`` names, the way Python imports read."""

from __future__ import annotations

from evdict.scanner.frontends.sfc import COMPONENT_SUFFIXES

GRAMMARS = {
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
}
"""File suffix -> tree-sitter grammar."""

_SOURCE_SUFFIXES = (*GRAMMARS, *COMPONENT_SUFFIXES)


def grammar_for(suffix: str) -> str | None:
    """The grammar of a file suffix (``.tsx`` -> ``tsx``), None for other files."""
    return GRAMMARS.get(suffix.lower())


def suffix_of(filename: str) -> str:
    """``src/app.test.ts`` -> ``.ts``; ``""`` when the last name has no dot."""
    dot = filename.rfind(".")
    return filename[dot:] if dot > filename.rfind("/") else ""


def module_name(rel: str) -> tuple[str, bool]:
    """``src/lib/events.ts`` -> ``("src.lib.events", False)``; ``src/lib/index.ts`` ->
    ``("src.lib", True)``: a file's module as imports name it (``import "./lib"``
    loads ``lib/index.ts``), the way a Python package is its ``__init__.py``."""
    stem = rel[: -len(suffix_of(rel))] if suffix_of(rel) else rel
    parts = stem.split("/")
    if parts[-1] == "index" and len(parts) > 1:
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def module_path(specifier: str) -> tuple[str, int]:
    """``"../lib/events.js"`` -> ``("lib.events", 2)``, ``"posthog-js/react"`` ->
    ``("posthog-js.react", 0)``: a module specifier as a dotted module and a level, the
    way a Python relative import reads. A path alias (``"@/lib/posthog"``,
    ``"~/lib/posthog"``) loses its prefix: ``lib.posthog`` then names the project module
    that ends so (``src.lib.posthog``), as a tsconfig ``baseUrl`` import does."""
    level = 0
    rest = specifier.removeprefix("@/").removeprefix("~/")
    if rest == "." or rest.startswith("./"):
        level, rest = 1, rest[2:]
    elif rest == ".." or rest.startswith("../"):
        level = 1
        while rest == ".." or rest.startswith("../"):
            level, rest = level + 1, rest[3:]
    if level and rest.endswith(_SOURCE_SUFFIXES):
        rest = rest.rsplit(".", 1)[0]
    return ".".join(part for part in rest.split("/") if part), level
