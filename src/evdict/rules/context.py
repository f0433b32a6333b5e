"""What a rule can read: the configuration, the plan and (for code rules) the scan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evdict.config import Config
from evdict.plan.model import Plan


@dataclass(frozen=True)
class RuleContext:
    config: Config
    plan: Plan
    # The scan inventory when code was scanned (None for `evdict lint`).
    inventory: Any | None = None
    # True when the whole project was scanned, so "tracked nowhere" is meaningful.
    full_scan: bool = False
