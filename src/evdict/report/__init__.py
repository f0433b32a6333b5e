"""Reporters: each renders one kind of result, and each format is named once, here or in
the reporter that owns it (the CLI's ``--format`` choices derive from these).

* findings (:class:`~evdict.result.CheckResult`): ``REPORTERS`` below, one module each;
* the scan inventory: :mod:`evdict.report.inventory`;
* the budget table: :mod:`evdict.report.budget`;
* a plan diff: :mod:`evdict.report.plan_diff`.
"""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from evdict.result import CheckResult

# format -> the module of evdict.report that renders findings in it (imported when used)
REPORTERS = {
    "text": "text_report",
    "json": "json_report",
    "sarif": "sarif_report",
    "github": "github_report",
    "junit": "junit_report",
    "markdown": "markdown_report",
    "gitlab": "gitlab_report",
}
FORMATS = tuple(REPORTERS)


class Reporter(Protocol):
    def __call__(self, result: CheckResult, out: TextIO, *, color: bool) -> None: ...


def get_reporter(name: str) -> Reporter:
    """The ``render`` function of the findings reporter for format ``name``."""
    if name not in REPORTERS:
        raise ValueError(f"unknown format {name!r} (one of: {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{REPORTERS[name]}")
    reporter: Reporter = module.render
    return reporter
