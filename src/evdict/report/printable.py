"""Text for a person's terminal: names and file names come from the plan and the code,
and may hold control characters (ESC, BEL, an OSC 52 sequence that sets the clipboard,
a bidi override) or bytes that are not UTF-8. Text formats show them escaped, always: a
report read later in a CI log or a file reaches a terminal too, and a finding stays one
line. JSON, SARIF and JUnit escape by their own rules.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TextIO, cast

from evdict.diagnostics import Diagnostic
from evdict.result import CheckResult

# The findings formats a person reads as text (the others escape by their own rules).
PRINTABLE_FORMATS = ("text", "github", "markdown")
# C0 (but tab), DEL, C1, line and paragraph separators, bidi embeddings, overrides and
# isolates, and the lone surrogates that stand for undecodable bytes in a file name.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte the file system name held (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character escaped (``\\x1b``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(_escaped, text)


def printable_lines(text: str) -> str:
    """:func:`printable`, its line ends kept (a message of several lines)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def printable_result(result: CheckResult) -> CheckResult:
    """``result`` with its messages, paths and notes :func:`printable`."""
    return replace(
        result,
        diagnostics=tuple(_printable_diagnostic(diagnostic) for diagnostic in result.diagnostics),
        notes=tuple(printable(note) for note in result.notes),
    )


def _printable_diagnostic(diagnostic: Diagnostic) -> Diagnostic:
    """``diagnostic`` itself when it holds nothing to escape (nearly always: a copy of
    each of 500,000 findings doubled a run's memory)."""
    path, suggestion = diagnostic.location.path, diagnostic.suggestion
    if (
        not _UNPRINTABLE.search(diagnostic.message)
        and not _UNPRINTABLE.search(path)
        and not (suggestion is not None and _UNPRINTABLE.search(suggestion))
    ):
        return diagnostic
    return replace(
        diagnostic,
        message=printable(diagnostic.message),
        location=replace(diagnostic.location, path=printable(path)),
        suggestion=None if suggestion is None else printable(suggestion),
    )


class _PrintableStream:
    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(printable_lines(text))


def printable_stream(out: TextIO) -> TextIO:
    """``out`` writing everything :func:`printable`, line ends kept (for a report that
    writes names and file names, and never colour)."""
    return cast(TextIO, _PrintableStream(out))
