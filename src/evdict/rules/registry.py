"""Rules register themselves here; every module of :mod:`evdict.rules` is discovered."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, Literal

from evdict.diagnostics import Diagnostic, Location, Severity
from evdict.result import RuleInfo
from evdict.rules.context import RuleContext

Scope = Literal["plan", "code", "project", "meta", "diff"]
"""``plan``: reads the plan alone. ``code``: needs the scan inventory.
``project``: needs a scan of the whole project (not reported when PATHS are given).
``meta``: judges the other rules' findings; run by the engine after them.
``diff``: judges a change between two plans; reported by ``evdict diff`` only."""

DOC_SECTIONS = ("What it does", "Why is this bad", "Example", "Fix")

_REGISTRY: dict[str, type[Rule]] = {}


class Rule:
    """A rule: a code, a name, a default severity, a docstring in four sections.

    Subclasses implement :meth:`check` and yield diagnostics built with
    :meth:`diagnostic`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    # One line saying what the rule reports (SARIF's shortDescription, the rules table).
    title: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[Scope] = "plan"
    # Judges event payloads too (``evdict validate``), not only code and plan.
    judges_payloads: ClassVar[bool] = False
    # Runs only when a selector names its code exactly (``--select EV609``): ``ALL`` or
    # a family (``EV6``) does not turn on a rule only some teams want.
    opt_in: ClassVar[bool] = False

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def diagnostic(
        self,
        message: str,
        location: Location,
        *,
        entry: str | None = None,
        suggestion: str | None = None,
        fingerprint: str | None = None,
    ) -> Diagnostic:
        # Positional: ``evdict validate`` may word 500,000 findings, keywords cost a third more.
        return Diagnostic(
            self.code, self.name, self.severity, message, location, suggestion, entry, fingerprint
        )

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first paragraph of "What it does"."""
        text = cls.doc().split("## What it does", 1)[-1].strip()
        return " ".join(text.split("\n\n", 1)[0].split())

    @classmethod
    def info(cls) -> RuleInfo:
        return RuleInfo(cls.code, cls.name, cls.severity, cls.summary(), cls.title, cls.doc())


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: make ``rule`` known under its code (codes and names are unique)."""
    if rule.code in _REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    if any(other.name == rule.name for other in _REGISTRY.values()):
        raise ValueError(f"rule name {rule.name} registered twice")
    _REGISTRY[rule.code] = rule
    return rule


def all_rules() -> list[type[Rule]]:
    """Every rule, by code. Importing the rule modules registers them."""
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name not in ("registry", "context"):
            importlib.import_module(f"{__package__}.{module.name}")
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def get_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code (``EV401``, any case) or name (``missing-description``)."""
    wanted = code_or_name.strip()
    for rule in all_rules():
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None
