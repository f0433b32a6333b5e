"""Electron's context bridge: ``contextBridge.exposeInMainWorld("main", main)`` in a
preload script makes ``window.main`` of the renderer's code that script's ``main``.

The renderer never imports it (the bridge is Electron's, at run time), so
``window.main.trackEvent(...)`` reads as a global nothing defines. Here a name the
project's JS/TS modules expose is known by the value the preload gives it; a name two
places expose differently stays unknown (which preload a window loads is not known
statically).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner.model import Str
from evdict.scanner.resolve.value_types import VUnknown

if TYPE_CHECKING:
    from evdict.scanner.resolve.project import Project
    from evdict.scanner.resolve.value_types import Value
    from evdict.scanner.resolve.values import Evaluator

GLOBAL_OBJECTS = frozenset({"window", "globalThis", "self"})
"""The objects a browser global is read from (``window.main``)."""

_EXPOSE = ("contextBridge", "exposeInMainWorld")


class Bridged:
    """The values the ``project``'s preload scripts expose, indexed on first use."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._exposed: dict[str, tuple[str, str, int]] | None = None

    def value(self, values: Evaluator, name: str) -> Value | None:
        """What ``window.<name>`` is: the value one preload exposes under ``name``."""
        if self._exposed is None:
            self._exposed = self._index()
        found = self._exposed.get(name)
        if found is None:
            return None
        module_name, scope, index = found
        module = self.project.modules[module_name]
        site = module.facts.calls["exposeInMainWorld"][index]
        value = values.expr_value(module, scope, site.call.args[1])
        return None if isinstance(value, VUnknown) else value

    def _index(self) -> dict[str, tuple[str, str, int]]:
        exposed: dict[str, tuple[str, str, int]] = {}
        ambiguous: set[str] = set()
        for module in self.project.modules.values():
            if module.facts.language == "python":
                continue
            for index, site in enumerate(module.facts.calls.get("exposeInMainWorld", ())):
                call = site.call
                if call.callee[-2:] != _EXPOSE or len(call.args) != 2:
                    continue
                name = call.args[0]
                if not isinstance(name, Str):
                    continue
                if name.value in exposed:
                    ambiguous.add(name.value)
                exposed[name.value] = (module.name, site.scope, index)
        return {name: place for name, place in exposed.items() if name not in ambiguous}
