"""GitLab Code Quality: a JSON array of issues, for ``artifacts:reports:codequality``.

GitLab shows them in the merge request's widget and diff. Each issue needs a
fingerprint unique in the report and stable across runs: the SARIF fingerprint (what
the finding is, not its line), numbered when a finding repeats.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any, TextIO

from evdict.diagnostics import Diagnostic, Severity
from evdict.report.sarif_report import fingerprint
from evdict.result import CheckResult

# GitLab's severities: info, minor, major, critical, blocker.
_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    occurrences: Counter[str] = Counter()
    issues = []
    for diagnostic in result.diagnostics:
        digest = fingerprint(diagnostic)
        occurrences[digest] += 1
        numbered = f"{digest}:{occurrences[digest]}".encode()
        issues.append(_issue(diagnostic, hashlib.sha256(numbered).hexdigest()[:32]))
    json.dump(issues, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _issue(diagnostic: Diagnostic, issue_fingerprint: str) -> dict[str, Any]:
    loc = diagnostic.location
    return {
        "description": diagnostic.message,
        "check_name": f"{diagnostic.code} {diagnostic.name}",
        "fingerprint": issue_fingerprint,
        "severity": _SEVERITIES[diagnostic.severity],
        "location": {
            "path": loc.path,
            "positions": {
                "begin": {"line": loc.line, "column": loc.column},
                "end": {
                    "line": loc.end_line if loc.end_line is not None else loc.line,
                    "column": loc.end_column if loc.end_column is not None else loc.column,
                },
            },
        },
    }
