"""What a rule can read: the configuration, the plan, the scan (code rules), the plan
changes (``diff`` rules) and the suppressions that suppressed nothing (``meta`` rules)."""

from __future__ import annotations

from dataclasses import dataclass

from evdict.config import Config
from evdict.diagnostics import Location
from evdict.plan.changes import Change
from evdict.plan.model import Plan
from evdict.scan.model import Inventory


@dataclass(frozen=True)
class Unused:
    """A suppression (code comment or plan ``ignore``) that covered no finding."""

    message: str
    location: Location
    entry: str | None = None


@dataclass(frozen=True)
class RuleContext:
    config: Config
    plan: Plan
    # The scan inventory when code was scanned (None for `evdict lint`).
    inventory: Inventory | None = None
    # True when the whole project was scanned, so "tracked nowhere" is meaningful.
    full_scan: bool = False
    # The changes between two plans (`evdict diff`).
    changes: tuple[Change, ...] = ()
    # Filled in by the checker once the other rules ran and suppressions were applied.
    unused_suppressions: tuple[Unused, ...] = ()
