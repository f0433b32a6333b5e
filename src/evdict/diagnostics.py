"""The one finding type every rule produces and every reporter renders."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


class Severity(enum.Enum):
    """How much a finding matters; only ``ERROR`` fails a run (exit 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    # A member equals itself alone: hashed by identity in C, not by Enum's Python
    # ``__hash__`` (reports and counts look up a severity per finding).
    __hash__ = object.__hash__

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A 1-based position in a file; the end is optional and exclusive."""

    path: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: which rule, how severe, what is wrong and where.

    ``entry`` names the plan entry the finding is about as a dotted path
    (``events.signup_completed`` or ``events.signup_completed.properties.plan``):
    plan-level ``ignore:`` lists and baselines key on it.
    """

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    suggestion: str | None = None
    entry: str | None = None
    fingerprint: str | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    def with_severity(self, severity: Severity) -> Diagnostic:
        return self if severity == self.severity else replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.code)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a finding (part of the versioned JSON report)."""
        loc = self.location
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "suggestion": self.suggestion,
            "entry": self.entry,
        }


def code_matches(code: str, selector: str) -> bool:
    """``EV6`` selects the EV6xx family, ``ALL`` selects everything."""
    return selector == "ALL" or code.startswith(selector)
