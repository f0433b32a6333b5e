"""React contexts across modules: ``useContext(C)`` gives what C's provider provides.

The front end links a ``useContext`` to a provider of the same module
(:mod:`~evdict.scanner.frontends.js_context`) and records on each providing component
the contexts it provides (``FunctionDef.provides``). Here a context is known by where it
is defined, following imports (``AnalyticsContext`` created in ``context.ts``, provided
in ``AnalyticsProvider.tsx``, read in ``useAnalytics.ts``), so a ``useContext`` of it
anywhere reads as a call of its provider. A context two components provide stays
unlinked: which one a reader is inside of is not known statically.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner import prefilter
from evdict.scanner.model import Call, Import, Ref

if TYPE_CHECKING:
    from collections.abc import Iterable

    from evdict.scanner.resolve.project import Module, Project

_AMBIGUOUS = ("", "")


class Contexts:
    """The providers of the ``project``'s contexts, indexed on first use."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._providers: dict[tuple[str, str], tuple[str, str]] | None = None

    def provider(self, module: Module, hook: str, call: Call) -> tuple[str, str] | None:
        """The component (module, qualname) whose provided value ``call`` gives, when
        ``hook`` (the external the call calls) is React's ``useContext`` of a context
        one component of the project provides."""
        if hook.partition(".")[0] != "react" or not hook.endswith(".useContext"):
            return None
        argument = call.args[0] if call.args else None
        if not isinstance(argument, Ref) or len(argument.path) != 1:
            return None
        if self._providers is None:
            self._providers = self._index()
        found = self._providers.get(self.definition(module, argument.path[0]))
        return None if found == _AMBIGUOUS else found

    def triggers(self, sinks: Iterable[tuple[str, str]]) -> list[prefilter.Trigger]:
        """The names of the contexts whose provider makes one of ``sinks`` (module,
        qualname): a module reading one with ``useContext`` is to be parsed."""
        found: list[prefilter.Trigger] = []
        for module_name, qualname in sinks:
            module = self.project.modules.get(module_name)
            maker = module.functions.get(qualname.partition(".")[0]) if module else None
            if maker is not None:
                found.extend(prefilter.name_trigger(context) for context in maker.provides)
        return found

    def _index(self) -> dict[tuple[str, str], tuple[str, str]]:
        providers: dict[tuple[str, str], tuple[str, str]] = {}
        for module in self.project.modules.values():
            for func in module.functions.values():
                for context in func.provides:
                    key = self.definition(module, context)
                    known = providers.setdefault(key, (module.name, func.qualname))
                    if known != (module.name, func.qualname):
                        providers[key] = _AMBIGUOUS
        return providers

    def definition(self, module: Module, name: str) -> tuple[str, str]:
        """Where a module-level ``name`` of ``module`` is defined, through its imports:
        (module name, name there); an import of an unparsed module ends there."""
        seen: set[tuple[str, str]] = set()
        while (module.name, name) not in seen:
            seen.add((module.name, name))
            imported = next(
                (d for d in module.names("").get(name, ()) if isinstance(d, Import)), None
            )
            if imported is None or imported.name is None:
                break
            target = self.project.import_target(module, imported)
            found = self.project.project_module(target, module.name) if target else None
            if found is None or found not in self.project.modules:
                return (found or target or module.name, imported.name)
            module, name = self.project.modules[found], imported.name
        return (module.name, name)
