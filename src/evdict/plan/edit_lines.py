"""Lines and offsets of a plan file's text, as YAML counts them (1-based lines, character
columns, every YAML line break), shared by the round-trip and the text edit."""

from __future__ import annotations

import re

from evdict.yamlsource import PathKey, YamlDocument

BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")


class Lines:
    """Offsets of a text's lines, counted as YAML counts them (1-based lines, character columns)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(match.end() for match in BREAK.finditer(text))]
        first = BREAK.search(text)
        self.newline = first.group() if first else "\n"

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def after(self, line: int) -> tuple[int, str]:
        """Where a new line goes after ``line``, and the break to put before it (when
        ``line`` is the last one and has none)."""
        if line < len(self.starts):
            return self.starts[line], ""
        return len(self.text), self.newline

    def line(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return BREAK.sub("", self.text[start:end])


def value_start(lines: Lines, document: YamlDocument, path: PathKey) -> str:
    """The first character of the value at ``path`` (``{`` or ``[`` for a flow
    collection, ``|`` or ``>`` for a block scalar); ``""`` when it has no position."""
    span = document.span(path)
    if span is None:
        return ""
    start = lines.offset(span[2], span[3])
    return lines.text[start : start + 1]
