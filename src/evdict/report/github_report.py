"""GitHub Actions workflow commands: each finding becomes an annotation on its line.

``::error file=...,line=...::message`` (``warning`` and ``notice`` for the others),
escaped as GitHub's toolkit escapes them, then the notes and summary as plain text.
"""

from __future__ import annotations

from typing import TextIO

from evdict.diagnostics import Diagnostic, Severity
from evdict.result import CheckResult

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    for diagnostic in result.diagnostics:
        out.write(_annotation(diagnostic) + "\n")
    for note in result.notes:
        out.write(f"note: {note}\n")
    out.write(result.summary_line() + "\n")


def _annotation(diagnostic: Diagnostic) -> str:
    loc = diagnostic.location
    properties: dict[str, object] = {
        "file": loc.path,
        "line": loc.line,
        "col": loc.column,
    }
    if loc.end_line is not None or loc.end_column is not None:
        properties["endLine"] = loc.end_line if loc.end_line is not None else loc.line
    if loc.end_column is not None:
        properties["endColumn"] = loc.end_column
    properties["title"] = f"{diagnostic.code} {diagnostic.name}"
    rendered = ",".join(
        f"{key}={_escape_property(str(value))}" for key, value in properties.items()
    )
    return f"::{_COMMANDS[diagnostic.severity]} {rendered}::{_escape_data(diagnostic.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
