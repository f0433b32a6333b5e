"""The names that stand for a tracking callee: its aliases, imports and the functions
returning it, as a graph of the project's bindings read once per resolution.

``send = posthog.capture``, ``self.event = self.analytics.event``, ``from app.tracking
import track_event as te``, ``import logEvent from "./amplitude"`` (a default export),
``useTrack() { return trackEvent }`` then ``track = useTrack()``. Wrapper inference asks
for the closure of a growing set of names many times a pass; walking every module's
bindings for each ask was most of the resolution of a large monorepo.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from evdict.scanner.model import RETURNED, Binding, Call, Import, Ref, Str
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.values import Evaluator

# Names too common to follow as aliases: every JavaScript module has a ``default``
# export, and compiled code reads ``x.default`` everywhere.
_NOT_ALIASES = frozenset(("default",))


class AliasGraph:
    """Edges from a name to the names it gives: ``aliases`` (an assignment or import of
    it), ``returned_by`` (the functions returning it as it is) and ``made_by`` (a
    function's name to the names bound to its call's result)."""

    def __init__(self, values: Evaluator) -> None:
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.returned_by: dict[str, set[str]] = defaultdict(set)
        self.made_by: dict[str, set[str]] = defaultdict(set)
        for module in values.modules.values():
            for binding in module.facts.bindings:
                if isinstance(binding.value, Ref):
                    if binding.target == RETURNED and binding.scope:
                        function = binding.scope.rpartition(".")[2]
                        self.returned_by[binding.value.path[-1]].add(function)
                    if binding.target not in _NOT_ALIASES:
                        self.aliases[binding.value.path[-1]].add(binding.target)
                elif isinstance(binding.value, Call):
                    self.made_by[binding.value.callee[-1]].add(binding.target)
                    for named in _named(binding.value):  # a function loaded by name
                        self.aliases[named].add(binding.target)
            for imported in module.facts.imports:
                if imported.name is not None:
                    self.aliases[imported.name].add(imported.local)
                exported = default_export(values, module, imported)
                if exported is not None:
                    self.aliases[exported].add(imported.local)

    def returning(self, names: Iterable[str]) -> set[str]:
        """The functions that return one of ``names`` as it is."""
        return {function for name in names for function in self.returned_by.get(name, ())}

    def closure(self, names: set[str], makers: set[str]) -> set[str]:
        """``names`` with every name standing for one of them, ``makers`` (functions
        whose call gives one) growing with the functions returning one."""
        found = set(names)
        pending = list(found)
        made = set(makers)

        def add(targets: Iterable[str]) -> None:
            for target in targets:
                if target not in found:
                    found.add(target)
                    pending.append(target)

        for maker in made:
            add(self.made_by.get(maker, ()))
        while pending:
            name = pending.pop()
            add(self.aliases.get(name, ()))
            for function in self.returned_by.get(name, ()):
                if function not in made:
                    made.add(function)
                    add(self.made_by.get(function, ()))
        return found


def _named(call: Call) -> list[str]:
    """The last part of each string a call is given (``fetch_implementation("app.telemetry",
    "send")``: ``telemetry``, ``send``), the names what it loads by name may have."""
    given = [*call.args, *(keyword.value for keyword in call.keywords)]
    return [value.value.rpartition(".")[2] for value in given if isinstance(value, Str)]


def default_export(values: Evaluator, module: Module, imported: Import) -> str | None:
    """The name a project module exports as ``default`` (``export default trackEvent``),
    for an import of that default under another name (``import logEvent from``)."""
    if imported.name != "default":
        return None
    project = values.project.imported_module(module, imported)
    exporting = values.modules.get(project) if project else None
    for candidate in exporting.names("").get("default", []) if exporting else ():
        if isinstance(candidate, Binding) and isinstance(candidate.value, Ref):
            return candidate.value.path[-1]
    return None
