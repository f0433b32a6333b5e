"""The library API, a facade: each name is defined where its job is done.

``Options`` in, a :class:`~evdict.result.CheckResult` (or an inventory, a budget table,
a plan diff) out; the CLI is a thin shell over these. Imported lazily, so that using one
command does not load the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

_EXPORTS = {
    "Options": "evdict.config",
    "budget": "evdict.checker",
    "check": "evdict.checker",
    "config_for": "evdict.checker",
    "lint": "evdict.checker",
    "load_plan": "evdict.checker",
    "scan": "evdict.checker",
    "diff": "evdict.commands.diff",
    "export": "evdict.commands.export",
    "validate": "evdict.commands.validate",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evdict.api' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
