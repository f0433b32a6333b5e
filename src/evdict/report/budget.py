"""Render a :class:`~evdict.budget.BudgetTable`: a text table with bars, JSON or markdown."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import TextIO

import click

from evdict._version import __version__
from evdict.budget import PROBLEMS, BudgetRow, BudgetTable, Status
from evdict.diagnostics import Severity
from evdict.report.printable import printable

SCHEMA_VERSION = 1

# A row's bar is BAR_CELLS wide; its budget (max) sits after MARK_CELL cells, so the
# default hard max (4/3 of max) ends the bar. Each cell is split in eighths.
BAR_CELLS = 32
MARK_CELL = 24
MARKER = "│"
OVERFLOW = "»"
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"
_COLORS = {
    Status.OK: "green",
    Status.UNDER_MIN: "yellow",
    Status.OVER_MAX: "yellow",
    Status.OVER_HARD_MAX: "red",
}


def render(table: BudgetTable, out: TextIO, fmt: str, *, color: bool = False) -> None:
    """Write ``table`` to ``out`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown budget format {fmt!r} (one of: {', '.join(FORMATS)})")
    _RENDERERS[fmt](table, out, color)


def bar(count: int, scale: int, *, marker: bool) -> str:
    """A fixed-width bar where ``scale`` events fill MARK_CELL cells.

    With ``marker`` a line is drawn after MARK_CELL cells (where the bar reaches
    the budget); a count beyond the last cell ends in an overflow sign.
    """
    eighths = round(count * MARK_CELL * 8 / max(scale, 1))
    full, rest = divmod(eighths, 8)
    if full > BAR_CELLS or (full == BAR_CELLS and rest):
        cells = _FULL * (BAR_CELLS - 1) + OVERFLOW
    else:
        cells = (_FULL * full + _EIGHTHS[rest]).ljust(BAR_CELLS)[:BAR_CELLS]
    if not marker:
        return cells + " "
    return cells[:MARK_CELL] + MARKER + cells[MARK_CELL:]


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def _columns(table: BudgetTable) -> list[tuple[str, Callable[[BudgetRow], str]]]:
    columns: list[tuple[str, Callable[[BudgetRow], str]]] = [
        ("name", lambda row: row.label),
        ("count", lambda row: str(row.count)),
    ]
    if table.tracked:
        columns.append(("tracked", lambda row: _cell(row.tracked)))
    columns += [
        ("min", lambda row: _cell(row.min)),
        ("max", lambda row: _cell(row.max)),
        ("hard max", lambda row: _cell(row.hard_max)),
        ("status", lambda row: row.status.label),
    ]
    return columns


def summary_line(table: BudgetTable) -> str:
    """``All budgets met.`` or what is off, worst first."""
    counts = Counter(row.status for row in table.rows)
    parts = [f"{counts[status]} {status.label}" for status in PROBLEMS if counts[status]]
    files = f"{table.files} file{'s' if table.files != 1 else ''}"
    if not parts:
        return f"All budgets met ({files})."
    return f"Budgets: {', '.join(parts)} ({files})."


def _render_text(table: BudgetTable, out: TextIO, color: bool) -> None:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    columns = _columns(table)
    cells = [[printable(value(row)) for _, value in columns] for row in table.rows]
    widths = [
        max(len(title), *(len(line[index]) for line in cells))
        for index, (title, _) in enumerate(columns)
    ]

    def line(values: list[str]) -> str:
        first, *others = values
        aligned = [first.ljust(widths[0])]
        aligned += [
            text.rjust(width) for text, width in zip(others[:-1], widths[1:-1], strict=True)
        ]
        aligned.append(others[-1].ljust(widths[-1]))
        return "  ".join(aligned)

    # Rows without a budget of their own are drawn on the total's scale.
    total_scale = table.total.max or table.total.count
    out.write(style(line([title for title, _ in columns]).rstrip(), bold=True) + "\n")
    for row, values in zip(table.rows, cells, strict=True):
        if row.max is None:
            drawn = bar(row.count, total_scale, marker=False)
        else:
            drawn = bar(row.count, row.max, marker=True)
        out.write(f"{line(values)}  {style(drawn, fg=_COLORS[row.status])}".rstrip() + "\n")
    for note in table.notes:
        out.write(f"note: {printable(note)}\n")
    summary_color = _COLORS[table.worst_status]
    out.write(style(summary_line(table), fg=summary_color, bold=True) + "\n")


def _render_json(table: BudgetTable, out: TextIO, color: bool) -> None:
    counts = Counter(row.status.severity for row in table.rows)
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "evdict", "version": __version__},
        "summary": {
            "files": table.files,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
        },
        "notes": list(table.notes),
        "rows": [row.to_dict() for row in table.rows],
    }
    json.dump(document, out, indent=2)
    out.write("\n")


def _render_markdown(table: BudgetTable, out: TextIO, color: bool) -> None:
    columns = _columns(table)
    out.write("| " + " | ".join(title for title, _ in columns) + " |\n")
    out.write(
        "|"
        + "|".join(
            "---" if index == 0 or title == "status" else "--:"
            for index, (title, _) in enumerate(columns)
        )
        + "|\n"
    )
    for row in table.rows:
        values = [value(row).replace("|", "\\|") for _, value in columns]
        if row.status is not Status.OK:
            values[-1] = f"**{values[-1]}**"
        out.write("| " + " | ".join(values) + " |\n")
    for note in table.notes:
        out.write(f"\n> note: {note}\n")
    out.write(f"\n{summary_line(table)}\n")


_RENDERERS: dict[str, Callable[[BudgetTable, TextIO, bool], None]] = {
    "text": _render_text,
    "json": _render_json,
    "markdown": _render_markdown,
}
FORMATS = tuple(_RENDERERS)
