import importlib
from typing import Any


def fetch_versioned_implementation(module: str, attribute: str) -> Any:
    """The Enterprise Edition's version of ``module.attribute`` when it is installed."""
    try:
        return getattr(importlib.import_module(f"ee.{module}"), attribute)
    except ImportError:
        return getattr(importlib.import_module(module), attribute)
