"""evdict: the analytics event dictionary in git, held against your code.

The public API is imported lazily so that ``import evdict`` stays cheap::

    import evdict
    plan = evdict.load_plan()
    result = evdict.check(evdict.Options())
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from evdict._version import __version__

if TYPE_CHECKING:
    from evdict.api import Options, check, lint, load_plan, scan
    from evdict.commands.validate import validate_event
    from evdict.config import Config, load_config
    from evdict.diagnostics import Diagnostic, Location, Severity
    from evdict.result import CheckResult

_EXPORTS = {
    "Options": "evdict.api",
    "check": "evdict.api",
    "lint": "evdict.api",
    "load_plan": "evdict.api",
    "scan": "evdict.api",
    "Config": "evdict.config",
    "load_config": "evdict.config",
    "Diagnostic": "evdict.diagnostics",
    "Location": "evdict.diagnostics",
    "Severity": "evdict.diagnostics",
    "CheckResult": "evdict.result",
    "validate_event": "evdict.commands.validate",
}

__all__ = [
    "CheckResult",
    "Config",
    "Diagnostic",
    "Location",
    "Options",
    "Severity",
    "__version__",
    "check",
    "lint",
    "load_config",
    "load_plan",
    "scan",
    "validate_event",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evdict' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
