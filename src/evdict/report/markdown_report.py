"""Markdown for a pull-request comment or a GitHub step summary (``$GITHUB_STEP_SUMMARY``).

A heading, the summary sentence, counts by severity, then one table row per finding
sorted by path. Text from the plan is escaped so a name or message can neither break
the table nor turn into markup (GitHub renders ``$`` as math and strips raw HTML).
"""

from __future__ import annotations

import re
from typing import TextIO

from evdict.diagnostics import Diagnostic, Severity
from evdict.result import CheckResult

_MARKUP = re.compile(r"([\\`*_\[\]<>|~&$])")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    lines = ["## evdict", "", escape(result.summary_line()), ""]
    if result.baseline_matched or result.baseline_fixed:
        lines += [
            f"Baseline: {result.baseline_matched} known finding(s) hidden, "
            f"{result.baseline_fixed} fixed since it was recorded.",
            "",
        ]
    if result.diagnostics:
        counts = result.counts
        lines += ["| severity | count |", "| --- | ---: |"]
        lines += [f"| {severity.value} | {counts[severity]} |" for severity in Severity]
        lines += ["", "| location | code | severity | message |", "| --- | --- | --- | --- |"]
        lines += [
            _row(diagnostic) for diagnostic in sorted(result.diagnostics, key=Diagnostic.sort_key)
        ]
        lines.append("")
    if result.notes:
        lines += [f"- {escape(note)}" for note in result.notes]
        lines.append("")
    out.write("\n".join(lines))


def escape(text: str) -> str:
    """Literal text for a table cell: markup characters backslash-escaped, newlines as <br>."""
    return _NEWLINE.sub("<br>", _MARKUP.sub(r"\\\1", text))


def _row(diagnostic: Diagnostic) -> str:
    loc = diagnostic.location
    cells = (
        escape(f"{loc.path}:{loc.line}:{loc.column}"),
        escape(diagnostic.code),
        diagnostic.severity.value,
        escape(diagnostic.message),
    )
    return f"| {' | '.join(cells)} |"
