"""What a run produced, in the neutral form every reporter renders."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from evdict.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class RuleInfo:
    """A rule's metadata as reporters need it (SARIF rule index, docs links)."""

    code: str
    name: str
    severity: Severity
    summary: str


@dataclass(frozen=True)
class CheckResult:
    diagnostics: tuple[Diagnostic, ...]
    rules: tuple[RuleInfo, ...] = ()
    files_checked: int = 0
    notes: tuple[str, ...] = field(default=())
    baseline_fixed: int = 0
    baseline_matched: int = 0

    @property
    def counts(self) -> Counter[Severity]:
        return Counter(diagnostic.severity for diagnostic in self.diagnostics)

    @property
    def exit_code(self) -> int:
        """0 with no error-level finding, 1 otherwise (2 is for usage errors, raised earlier)."""
        return 1 if self.counts[Severity.ERROR] else 0

    def summary_line(self) -> str:
        counts = self.counts
        parts = [
            f"{counts[severity]} {severity.value}{'s' if counts[severity] != 1 else ''}"
            for severity in Severity
            if counts[severity]
        ]
        files = f"{self.files_checked} file{'s' if self.files_checked != 1 else ''}"
        if not parts:
            return f"All checks passed ({files})."
        return f"Found {', '.join(parts)} in {files}."
