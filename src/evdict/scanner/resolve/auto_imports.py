"""Whether a bare call of an SDK's global reaches it: functions a framework's module
registers for the app to call with no import (Nuxt's composables,
:mod:`evdict.scanner.sdk_presets_nuxt`) exist only where the module is installed, and
yield to the app's own function of the same name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from evdict.scanner.evidence import ListedSdks
from evdict.scanner.presets import Preset
from evdict.scanner.resolve.project import Module


def provided(
    preset: Preset,
    name: str,
    module: Module,
    listed: ListedSdks | None,
    defined: Callable[[str], int],
) -> bool:
    """A global of ``preset`` called in ``module`` is the SDK's: always, for a global of
    the browser (``gtag``); for one its package provides (``globals_need_package``), when
    a manifest governing the module lists the package and the project defines no
    function ``name`` (``defined`` counts the project's functions of a name: Nuxt
    auto-imports the app's ``composables/`` too, and the app's wins)."""
    if not preset.globals_need_package:
        return True
    if listed is None or defined(name):
        return False
    return preset.name in listed(module.path, module.facts.language)


def function_names(modules: Iterable[Module]) -> Counter[str]:
    """How many functions of each name the project's modules define."""
    return Counter(func.name for module in modules for func in module.facts.functions)
