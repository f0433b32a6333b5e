"""``evdict diff`` output: a text table, versioned JSON, or a markdown PR summary."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import click

from evdict._version import __version__
from evdict.budget import BudgetRow, Status
from evdict.diagnostics import Severity
from evdict.plan.changes import Change, Impact
from evdict.report.printable import printable

if TYPE_CHECKING:
    from evdict.commands.diff import PlanDiff

SCHEMA_VERSION = 1
_HEADERS = ("kind", "event/property/funnel", "before -> after", "classification")
_VALUE_WIDTH = 32
_COLORS = {Impact.BREAKING: "red", Impact.NON_BREAKING: "green", Impact.METADATA: "blue"}


def render(diff: PlanDiff, out: TextIO, output_format: str, *, color: bool) -> None:
    _RENDERERS[output_format](diff, out, color)


def budget_note(row: BudgetRow) -> str:
    """Where the active-event count stands: ``over max by 1``, ``within budget``."""
    if row.status is Status.OVER_HARD_MAX and row.hard_max is not None:
        return f"over hard max by {row.count - row.hard_max}"
    if row.status is Status.OVER_MAX and row.max is not None:
        return f"over max by {row.count - row.max}"
    if row.status is Status.UNDER_MIN and row.min is not None:
        return f"under min by {row.min - row.count}"
    return "within budget"


def _budget_line(diff: PlanDiff, arrow: str) -> str:
    before, after = diff.budget_before, diff.budget_after
    return f"{before.count} {arrow} {after.count} events, {budget_note(after)}"


def _text(diff: PlanDiff, out: TextIO, color: bool) -> None:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    out.write(f"Plan changes: {diff.base.label} -> {diff.head.label}\n")
    if diff.changes:
        rows = [
            (change.kind.value, printable(change.subject), printable(change.describe(_VALUE_WIDTH)))
            for change in diff.changes
        ]
        widths = [max(len(row[i]) for row in [_HEADERS[:3], *rows]) for i in range(3)]
        out.write("\n" + _row(_HEADERS[:3], widths) + _HEADERS[3] + "\n")
        for cells, change in zip(rows, diff.changes, strict=True):
            impact = style(change.impact.value, fg=_COLORS[change.impact])
            out.write(_row(cells, widths) + impact + "\n")
        out.write("\n")
    for finding in diff.diagnostics:
        loc = finding.location
        code = style(finding.code, fg="red" if finding.severity is Severity.ERROR else "yellow")
        out.write(
            f"{printable(loc.path)}:{loc.line}:{loc.column}: {code} "
            f"[{finding.severity.value}] {printable(finding.message)}\n"
        )
    out.write(f"Budget: {_budget_line(diff, '->')}\n")
    if diff.new_pii:
        listed = ", ".join(f"{item.event}.{item.prop} ({item.reason})" for item in diff.new_pii)
        out.write(f"New PII properties: {printable(listed)}\n")
    failing = diff.count(Impact.BREAKING) > 0
    out.write(style(diff.summary_line(), fg="red" if failing else "green", bold=True) + "\n")


def _row(cells: tuple[str, ...], widths: list[int]) -> str:
    return "".join(f"{cell:<{width}}  " for cell, width in zip(cells, widths, strict=True))


def _json(diff: PlanDiff, out: TextIO, color: bool) -> None:
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "evdict", "version": __version__},
        "base": diff.base.to_dict(),
        "head": diff.head.to_dict(),
        "summary": {
            "changes": len(diff.changes),
            **{impact.value.replace("-", "_"): diff.count(impact) for impact in Impact},
        },
        "changes": [change.to_dict() for change in diff.changes],
        "budget": {"before": diff.budget_before.to_dict(), "after": diff.budget_after.to_dict()},
        "new_pii": [item.to_dict() for item in diff.new_pii],
        "diagnostics": [finding.to_dict() for finding in diff.diagnostics],
    }
    out.write(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")


def _cell(text: str) -> str:
    """Plan text inside a markdown table cell: no pipes, no raw HTML, one line."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.replace("|", "\\|").split())


def _markdown_row(change: Change) -> str:
    impact = (
        f"**{change.impact.value}**" if change.impact is Impact.BREAKING else change.impact.value
    )
    detail = _cell(change.describe(_VALUE_WIDTH).replace(" -> ", " → "))
    return f"| {change.kind.value} | `{_cell(change.subject)}` | {detail} | {impact} |"


def _markdown(diff: PlanDiff, out: TextIO, color: bool) -> None:
    counts = ", ".join(
        f"**{diff.count(impact)} {impact.value}**"
        if impact is Impact.BREAKING and diff.count(impact)
        else f"{diff.count(impact)} {impact.value}"
        for impact in Impact
    )
    out.write("### Tracking plan changes\n\n")
    out.write(f"{_cell(diff.base.label)} → {_cell(diff.head.label)}: ")
    total = len(diff.changes)
    plural = "s" if total != 1 else ""
    out.write(f"{total} change{plural} ({counts})\n\n" if total else "no changes\n\n")
    if diff.changes:
        out.write("| Kind | Event / property / funnel | Before → after | Classification |\n")
        out.write("|---|---|---|---|\n")
        for change in diff.changes:
            out.write(_markdown_row(change) + "\n")
        out.write("\n")
    out.write(f"**Budget:** {_budget_line(diff, '→')}\n")
    if diff.new_pii:
        listed = ", ".join(f"`{item.event}.{item.prop}` ({item.reason})" for item in diff.new_pii)
        out.write(f"\n**New PII properties:** {listed}\n")


_RENDERERS: dict[str, Callable[[PlanDiff, TextIO, bool], None]] = {
    "text": _text,
    "json": _json,
    "markdown": _markdown,
}
FORMATS = tuple(_RENDERERS)
