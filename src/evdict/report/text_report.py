"""``path:line:col: CODE [severity] message``, one finding a line, then a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TextIO

import click

from evdict.diagnostics import Severity
from evdict.result import CheckResult

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
# Each severity's label, written once (an enum's ``.value`` is a descriptor call a finding).
_LABELS = {severity: f"[{severity.value}]" for severity in Severity}


def _styler(color: bool) -> Callable[..., str]:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    return style


def render_findings(result: CheckResult, out: TextIO, *, color: bool) -> None:
    """The finding lines alone (``--quiet``)."""
    style = _styler(color)
    lines: list[str] = []
    for diagnostic in result.diagnostics:
        loc = diagnostic.location
        where = f"{loc.path}:{loc.line}:{loc.column}:"
        severity = _LABELS[diagnostic.severity]
        if color:
            where = style(where, bold=True)
            code = style(diagnostic.code, fg=_COLORS[diagnostic.severity], bold=True)
            severity = style(severity, fg=_COLORS[diagnostic.severity])
        else:
            code = diagnostic.code
        lines.append(f"{where} {code} {severity} {diagnostic.message}\n")
        if len(lines) == 1024:  # in chunks: a write a line cost more than the line
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


def render_statistics(result: CheckResult, out: TextIO, *, color: bool) -> None:
    """``--statistics``: how many findings each rule made, most first (as ruff), then the
    summary."""
    style = _styler(color)
    counts = Counter((d.code, d.name, d.severity) for d in result.diagnostics)
    width = len(str(max(counts.values(), default=0)))
    for (code, name, severity), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0])):
        shown = style(code, fg=_COLORS[severity], bold=True)
        out.write(f"{count:>{width}}  {shown}  {name} [{severity.value}]\n")
    _render_summary(result, out, style)


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    render_findings(result, out, color=color)
    _render_summary(result, out, _styler(color))


def _render_summary(result: CheckResult, out: TextIO, style: Callable[..., str]) -> None:
    for note in result.notes:
        out.write(f"note: {note}\n")
    baseline = result.baseline_line()
    if baseline is not None:
        out.write(f"baseline: {baseline}\n")
    summary = result.summary_line()
    out.write(style(summary, fg="red" if result.exit_code else "green", bold=True) + "\n")
