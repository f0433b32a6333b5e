"""Markdown for a pull-request comment or a GitHub step summary (``$GITHUB_STEP_SUMMARY``).

A heading, the summary sentence, counts by severity and by rule, then one table row per
finding sorted by path. Text from the plan is escaped so a name or message can neither
break the table nor turn into markup (GitHub renders ``$`` as math and strips raw HTML);
a message's `code spans` stay code spans. GitHub refuses a comment over 65,536
characters: rows that do not fit are left out and counted, the counts by rule still
cover every finding.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TextIO

from evdict.diagnostics import Diagnostic, Severity
from evdict.result import CheckResult, plural

# GitHub's limit on a comment's body (and a step summary's size is larger), in characters.
COMMENT_LIMIT = 65_536
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&$])")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# A code span as evdict's messages write one: backtick, text without a backtick or a
# line break, backtick.
_CODE_SPAN = re.compile(r"`([^`\r\n]+)`")


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    out.write(render_text(result, COMMENT_LIMIT))


def render_text(result: CheckResult, limit: int) -> str:
    """The report, at most ``limit`` characters long (rows left out are counted)."""
    head = ["## evdict", "", escape(result.summary_line()), ""]
    baseline = result.baseline_line()
    if baseline is not None:
        head += [f"Baseline: {baseline}.", ""]
    tail: list[str] = []
    if result.notes:
        tail += [f"- {escape(note)}" for note in result.notes]
        tail.append("")
    if not result.diagnostics:
        return "\n".join([*head, *tail])
    counts = result.counts
    head += ["| severity | count |", "| --- | ---: |"]
    head += [f"| {severity.value} | {counts[severity]} |" for severity in Severity]
    by_rule = Counter((d.code, d.name) for d in result.diagnostics)
    head += ["", "| rule | findings |", "| --- | ---: |"]
    head += [
        f"| {escape(code)} {escape(name)} | {count} |"
        for (code, name), count in sorted(by_rule.items())
    ]
    head += ["", "| location | code | severity | message |", "| --- | --- | --- | --- |"]
    rows = [_row(diagnostic) for diagnostic in sorted(result.diagnostics, key=Diagnostic.sort_key)]
    # Room for the rows: the limit less everything else, a note on what was left out
    # included (its length bounded by the digits of the count).
    left_out_note = _left_out(len(rows))
    room = limit - len("\n".join([*head, "", left_out_note, "", *tail])) - 1
    shown: list[str] = []
    for row in rows:
        if len(row) + 1 > room:
            break
        shown.append(row)
        room -= len(row) + 1
    body = [*head, *shown, ""]
    if len(shown) < len(rows):
        body += [_left_out(len(rows) - len(shown)), ""]
    return "\n".join([*body, *tail])


def _left_out(count: int) -> str:
    return (
        f"{plural(count, 'more finding')} not shown: GitHub limits a comment to "
        f"{COMMENT_LIMIT:,} characters (the counts by rule above include them; "
        "the `json` or `sarif` report lists them all)."
    )


def escape(text: str) -> str:
    """Literal text for a table cell: markup characters backslash-escaped, newlines as
    <br>, code spans kept as code spans (only ``|`` escaped in them, as a table needs)."""
    parts = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_literal(text[position : match.start()]))
        parts.append("`" + match.group(1).replace("|", "\\|") + "`")
        position = match.end()
    parts.append(_literal(text[position:]))
    return "".join(parts)


def _literal(text: str) -> str:
    return _NEWLINE.sub("<br>", _MARKUP.sub(r"\\\1", text))


def _row(diagnostic: Diagnostic) -> str:
    loc = diagnostic.location
    cells = (
        _literal(f"{loc.path}:{loc.line}:{loc.column}"),
        _literal(diagnostic.code),
        diagnostic.severity.value,
        escape(diagnostic.message),
    )
    return f"| {' | '.join(cells)} |"
