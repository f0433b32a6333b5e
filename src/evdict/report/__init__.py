"""Reporters render a :class:`~evdict.result.CheckResult`; each format is one module."""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from evdict.result import CheckResult

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")


class Reporter(Protocol):
    def __call__(self, result: CheckResult, out: TextIO, *, color: bool) -> None: ...


def get_reporter(name: str) -> Reporter:
    """The ``render`` function of ``evdict.report.<name>`` (imported only when used)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (one of: {', '.join(FORMATS)})")
    module = importlib.import_module(f"evdict.report.{name}_report")
    reporter: Reporter = module.render
    return reporter
