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
    # One line (SARIF's shortDescription), and the whole documentation in Markdown.
    title: str = ""
    doc: str = ""


@dataclass(frozen=True)
class CheckResult:
    diagnostics: tuple[Diagnostic, ...]
    rules: tuple[RuleInfo, ...] = ()
    files_checked: int = 0
    notes: tuple[str, ...] = field(default=())
    baseline_fixed: int = 0
    baseline_matched: int = 0
    # What was checked, for the summary: plan events, and tracking calls when code was scanned.
    events: int | None = None
    tracking_calls: int | None = None
    # ``--update-baseline``: how many findings the baseline file now records.
    baseline_recorded: int | None = None

    @property
    def counts(self) -> Counter[Severity]:
        return Counter(diagnostic.severity for diagnostic in self.diagnostics)

    @property
    def exit_code(self) -> int:
        """0 with no error-level finding, 1 otherwise (2 is for usage errors, raised earlier)."""
        return self.exit_code_at(Severity.ERROR)

    def exit_code_at(self, fail_on: Severity | None) -> int:
        """1 when a finding is at least as severe as ``fail_on`` (None: never), else 0."""
        if fail_on is None:
            return 0
        # The severities that fail, then a set lookup a finding (a run may hold 500,000).
        fails = {severity for severity in Severity if severity.rank <= fail_on.rank}
        failing = any(d.severity in fails for d in self.diagnostics)
        return 1 if failing else 0

    def baseline_line(self) -> str | None:
        """What the baseline did, when it did anything: ``2 known finding(s) hidden, 1 fixed
        since it was recorded``."""
        if self.baseline_recorded is not None:
            if not self.baseline_fixed:
                return None
            return f"{self.baseline_fixed} fixed since it was last recorded"
        if self.baseline_matched or self.baseline_fixed:
            return (
                f"{self.baseline_matched} known finding(s) hidden, "
                f"{self.baseline_fixed} fixed since it was recorded"
            )
        return None

    def summary_line(self) -> str:
        """What was checked, then what was found: ``83 events, 41 tracking calls in 29
        files: all checks passed``."""
        counts = self.counts
        parts = [
            plural(counts[severity], severity.value) for severity in Severity if counts[severity]
        ]
        checked = [
            plural(count, noun)
            for count, noun in ((self.events, "event"), (self.tracking_calls, "tracking call"))
            if count is not None
        ]
        files = plural(self.files_checked, "file")
        what = f"{', '.join(checked)} in {files}" if checked else files
        if self.baseline_recorded is not None:
            return f"{what}: {plural(self.baseline_recorded, 'finding')} recorded in the baseline"
        return f"{what}: {', '.join(parts) if parts else 'all checks passed'}"


def plural(count: int, noun: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
