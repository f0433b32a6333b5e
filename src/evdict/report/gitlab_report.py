"""GitLab Code Quality: a JSON array of issues, for ``artifacts:reports:codequality``.

GitLab shows them in the merge request's widget and diff. Each issue needs a
fingerprint unique in the report and stable across runs: the SARIF fingerprint (what
the finding is, not its line), numbered when a finding repeats.

The run's notes (a file not scanned, and why) are issues of severity ``info``, the only
way the format has to show them: at the place a note names (``app.py:1:11: ...``),
else at the project's root (``.``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Any, TextIO

from evdict.diagnostics import Diagnostic, Severity
from evdict.report.sarif_report import fingerprint
from evdict.result import CheckResult

# GitLab's severities: info, minor, major, critical, blocker.
_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
# A note that names its place: ``path:line:column: text``.
_LOCATED_NOTE = re.compile(
    r"(?P<path>[^:\n]+):(?P<line>[0-9]+):(?P<column>[0-9]+): (?P<text>.*)", re.S
)


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    occurrences: Counter[str] = Counter()

    def numbered(digest: str) -> str:
        occurrences[digest] += 1
        return hashlib.sha256(f"{digest}:{occurrences[digest]}".encode()).hexdigest()[:32]

    issues = [
        _issue(diagnostic, numbered(fingerprint(diagnostic))) for diagnostic in result.diagnostics
    ]
    for note in result.notes:
        digest = hashlib.sha256(f"note\0{note}".encode("utf-8", "backslashreplace")).hexdigest()
        issues.append(_note(note, numbered(digest)))
    json.dump(issues, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _issue(diagnostic: Diagnostic, issue_fingerprint: str) -> dict[str, Any]:
    loc = diagnostic.location
    return {
        "description": diagnostic.message,
        "check_name": f"{diagnostic.code} {diagnostic.name}",
        "fingerprint": issue_fingerprint,
        "severity": _SEVERITIES[diagnostic.severity],
        "location": _location(
            loc.path,
            (loc.line, loc.column),
            (
                loc.end_line if loc.end_line is not None else loc.line,
                loc.end_column if loc.end_column is not None else loc.column,
            ),
        ),
    }


def _note(note: str, issue_fingerprint: str) -> dict[str, Any]:
    located = _LOCATED_NOTE.fullmatch(note)
    path, begin = (".", (1, 1))
    if located is not None:
        path, begin = located["path"], (int(located["line"]), int(located["column"]))
    return {
        "description": located["text"] if located is not None else note,
        "check_name": "evdict note",
        "fingerprint": issue_fingerprint,
        "severity": "info",
        "location": _location(path, begin, begin),
    }


def _location(path: str, begin: tuple[int, int], end: tuple[int, int]) -> dict[str, Any]:
    return {
        "path": path,
        "positions": {
            "begin": {"line": begin[0], "column": begin[1]},
            "end": {"line": end[0], "column": end[1]},
        },
    }
