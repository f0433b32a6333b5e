"""The project as resolution sees it: each parsed file and the lookup tables built from
its facts (:class:`Module`), the names of every module, parsed or not
(:class:`ModuleNames`), and which project module an absolute import names
(:class:`Project`). Plain lookups: nothing here evaluates a value.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from evdict.scanner.frontends.python import import_target
from evdict.scanner.model import Binding, Call, ClassDef, FileFacts, FunctionDef, Import, Literal

Definition = Binding | Import | FunctionDef | ClassDef
_NO_NAMES: dict[str, list[Definition]] = {}


class Module:
    """One parsed file and the lookup tables built from its facts."""

    def __init__(self, name: str, path: str, is_package: bool, facts: FileFacts) -> None:
        self.name = name
        self.path = path
        self.is_package = is_package
        self.facts = facts
        self.functions = {func.qualname: func for func in facts.functions}
        self.classes = {cls.qualname: cls for cls in facts.classes}
        self.scopes: defaultdict[str, defaultdict[str, list[Definition]]]
        self.scopes = defaultdict(lambda: defaultdict(list))
        for binding in facts.bindings:
            self.scopes[binding.scope][binding.target].append(binding)
        for imported in facts.imports:
            self.scopes[imported.scope][imported.local].append(imported)
        for function in facts.functions:
            parent, _, name = function.qualname.rpartition(".")
            self.scopes[parent][name].append(function)
        for cls in facts.classes:
            parent, _, name = cls.qualname.rpartition(".")
            self.scopes[parent][name].append(cls)
        self.roots = {
            imported.module.partition(".")[0] for imported in facts.imports if imported.level == 0
        }

    def names(self, scope: str) -> dict[str, list[Definition]]:
        """The names bound in one scope (without creating it)."""
        return self.scopes.get(scope) or _NO_NAMES

    def scope_chain(self, scope: str) -> Iterator[str]:
        """Python's name resolution: the function scopes outward (class bodies are
        skipped, except a class body's own), then the module."""
        current = scope
        first = True
        while current:
            if first or current in self.functions:
                yield current
            first = False
            current = current.rpartition(".")[0]
        yield ""

    def enclosing_method(self, scope: str) -> FunctionDef | None:
        current = scope
        while current:
            func = self.functions.get(current)
            if func is not None and func.class_name is not None:
                return func
            current = current.rpartition(".")[0]
        return None

    def enclosing_function(self, scope: str) -> FunctionDef | None:
        return self.functions.get(scope)

    def reading_scope(self, binding: Binding) -> str:
        """The innermost method of the binding's class (or, for a module binding, the
        function) whose lines hold the binding; else the binding's own scope."""
        line = binding.pos[0]
        best = binding.scope
        start = 0
        for func in self.functions.values():
            if (
                (func.class_name == binding.scope or not binding.scope)
                and func.pos[0] <= line <= func.pos[2]
                and func.pos[0] >= start
            ):
                best, start = func.qualname, func.pos[0]
        return best

    def maker(self, func: FunctionDef) -> FunctionDef | None:
        """The function ``func`` is defined in (a closure's), if any: a method's class or
        a module is none."""
        return self.functions.get(func.qualname.rpartition(".")[0])


def meaningful(candidates: Sequence[Definition]) -> Sequence[Definition]:
    """The definitions of a name its value is read from: its ``None`` placeholders aside
    (``client = None``, set later), and beside a TS interface the ``const`` of the same
    name it merges with (inversify's ``const IWriter = Symbol("IWriter")``, a token only
    the container reads): the name is the interface to what a call through it does."""
    interface = any(isinstance(c, ClassDef) and c.abstract for c in candidates)
    kept = [
        c
        for c in candidates
        if not (
            isinstance(c, Binding)
            and (interface or (isinstance(c.value, Literal) and c.value.value is None))
        )
    ]
    # ``private flow: UserFlow;`` then ``this.flow = {...}``: the field's type stands in
    # for a value only when the class never sets the field itself (property injection).
    assigned = [c for c in kept if not _declared_only(c)]
    return assigned or kept or candidates


def _declared_only(candidate: Definition) -> bool:
    """A field declared with a type and no value: the front end's stand-in construction
    of the type, written where the declaration is."""
    return (
        isinstance(candidate, Binding)
        and isinstance(candidate.value, Call)
        and candidate.value.pos == candidate.pos
        and not (candidate.value.args or candidate.value.keywords or candidate.value.spreads)
    )


class ModuleNames:
    """Every module of the project, parsed or not, by full name and by dotted suffix
    (``import app.tracking`` may name ``backend.app.tracking``). Built once per scan.

    ``root_package``: the dotted package the project folder itself is (a scan rooted in
    ``mem0/`` of a repository whose code imports ``mem0.memory``), or empty."""

    def __init__(self, names: Iterable[str], root_package: str = "") -> None:
        self.known = frozenset(names)
        self.root_package = root_package
        self.by_suffix: defaultdict[str, list[str]] = defaultdict(list)
        for name in sorted(self.known):  # ties broken the same way whatever the hash seed
            parts = name.split(".")
            for start in range(1, len(parts)):
                self.by_suffix[".".join(parts[start:])].append(name)


class Locator(Protocol):
    """Which module a JS/TS import specifier names (:class:`evdict.scanner.workspace.Workspace`)."""

    def module(self, importer: str, specifier: str) -> str | None: ...

    def package_names(self, module: str) -> tuple[str, ...]: ...

    def dependency(self, importer: str, specifier: str) -> bool: ...


# The names a module's ``export * from`` chain gives, and its project files not parsed.
StarNames = tuple[frozenset[str], frozenset[str]]


class Project:
    """The parsed ``modules`` (name -> module) among the project's ``names``; imports of
    the ``sdk_roots`` (the presets' top-level packages) never name a project module.
    ``locator`` maps a JS/TS import's specifier to the module it names (relative paths,
    tsconfig ``paths``, workspace packages)."""

    def __init__(
        self,
        modules: dict[str, Module],
        names: ModuleNames,
        sdk_roots: set[str],
        locator: Locator | None = None,
    ) -> None:
        self.modules = modules
        self.known = names.known
        self.by_suffix = names.by_suffix
        self.root_package = names.root_package
        self.roots = sdk_roots
        self.locator = locator
        # A Python package's attribute may be a submodule; a JS/TS module (whose imports
        # a locator resolves) has only its exports.
        self.submodules = locator is None
        self._star_names: dict[str, StarNames | None] = {}

    def import_target(self, module: Module, imported: Import) -> str | None:
        """The absolute module an import names: the file a JS/TS specifier resolves to,
        else the dotted name as written (relative to the importer)."""
        if imported.specifier is not None and self.locator is not None:
            found = self.locator.module(module.name, imported.specifier)
            if found is not None:
                return found
        return import_target(module.name, module.is_package, imported)

    def imported_module(self, module: Module, imported: Import) -> str | None:
        """The project module an import names, None for a package's: a JS/TS bare
        import of a Node built-in or of a dependency the importer's ``package.json``
        lists (``import React from "react"``) never names the project's ``react.js``."""
        target = self.import_target(module, imported)
        if target is None or self.package_import(module, imported):
            return None
        return self.project_module(target, module.name)

    def package_import(self, module: Module, imported: Import) -> bool:
        """A JS/TS import no project file answers that names a package (see
        :meth:`imported_module`)."""
        return (
            imported.specifier is not None
            and self.locator is not None
            and self.locator.module(module.name, imported.specifier) is None
            and self.locator.dependency(module.name, imported.specifier)
        )

    def package_names(self, module: str) -> tuple[str, ...]:
        """The workspace packages that hold ``module`` (``@acme/metrics``)."""
        return self.locator.package_names(module) if self.locator is not None else ()

    def located(self, module: Module, imported: Import) -> bool:
        """A JS/TS import whose specifier resolved to a project file."""
        return (
            imported.specifier is not None
            and self.locator is not None
            and self.locator.module(module.name, imported.specifier) is not None
        )

    def project_module(self, name: str, importer: str) -> str | None:
        """The project module an absolute import names: an exact match, else (unless it is
        an SDK) the module whose dotted name ends with it, nearest to the importer; an import
        through the package the project folder is names the module inside it."""
        if name in self.known:
            return name
        inside = name.removeprefix(f"{self.root_package}.") if self.root_package else name
        if inside != name and inside in self.known:
            return inside
        if name.partition(".")[0] in self.roots or self._standard(name, importer):
            return None
        candidates = self.by_suffix.get(name)
        if not candidates:
            return None
        return max(
            candidates, key=lambda candidate: (_common_prefix(candidate, importer), -len(candidate))
        )

    def _standard(self, name: str, importer: str) -> bool:
        """A Python module of the standard library (``from typing import Protocol``), which
        an absolute import names even beside a project module of that name
        (``comfy_cli/typing.py``): never a module found by its suffix."""
        module = self.modules.get(importer)
        python = module is not None and module.facts.language == "python"
        return python and name.partition(".")[0] in sys.stdlib_module_names

    def star_names(self, module: Module) -> StarNames | None:
        """Every name a JS/TS module's ``export * from`` chain can give, with the project
        files on it not parsed (a search needs them), or None when one link may give any
        name (an SDK, a default export's members, a cycle): the search of a barrel for a
        name none of its files defines stops at once."""
        if module.name in self._star_names:
            return self._star_names[module.name]
        self._star_names[module.name] = None  # a cycle: any name
        names: set[str] = set()
        unparsed: set[str] = set()
        for imported in module.names("").get("*", []):
            target = (
                self.project_module(self.import_target(module, imported) or "", module.name)
                if isinstance(imported, Import) and self.located(module, imported)
                else None
            )
            if target is None:
                return None
            exporting = self.modules.get(target)
            if exporting is None:
                unparsed.add(target)
                continue
            if exporting.names("").get("default"):
                return None
            names.update(exporting.names(""))
            if "*" in exporting.names(""):
                deeper = self.star_names(exporting)
                if deeper is None:
                    return None
                names |= deeper[0]
                unparsed |= deeper[1]
        given = (frozenset(names), frozenset(unparsed))
        self._star_names[module.name] = given
        return given


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for left, right in zip(a.split("."), b.split("."), strict=False):
        if left != right:
            break
        count += 1
    return count
