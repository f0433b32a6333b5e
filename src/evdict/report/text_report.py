"""``path:line:col: CODE [severity] message``, one finding a line, then a summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

import click

from evdict.diagnostics import Severity
from evdict.result import CheckResult

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _styler(color: bool) -> Callable[..., str]:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    return style


def render_findings(result: CheckResult, out: TextIO, *, color: bool) -> None:
    """The finding lines alone (``--quiet``)."""
    style = _styler(color)
    for diagnostic in result.diagnostics:
        loc = diagnostic.location
        where = style(f"{loc.path}:{loc.line}:{loc.column}:", bold=True)
        code = style(diagnostic.code, fg=_COLORS[diagnostic.severity], bold=True)
        severity = style(f"[{diagnostic.severity.value}]", fg=_COLORS[diagnostic.severity])
        out.write(f"{where} {code} {severity} {diagnostic.message}\n")


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    style = _styler(color)
    render_findings(result, out, color=color)
    for note in result.notes:
        out.write(f"note: {note}\n")
    if result.baseline_matched or result.baseline_fixed:
        out.write(
            f"baseline: {result.baseline_matched} known finding(s) hidden, "
            f"{result.baseline_fixed} fixed since it was recorded\n"
        )
    summary = result.summary_line()
    out.write(style(summary, fg="red" if result.exit_code else "green", bold=True) + "\n")
