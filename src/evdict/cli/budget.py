"""``evdict budget``: event counts against every budget, as a table, JSON or markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evdict.cli.common import (
    color_option,
    config_option,
    format_option,
    output_option,
    use_color,
    write_output,
)
from evdict.config import Options
from evdict.report.budget import FORMATS, render


@click.command()
@config_option
@format_option(FORMATS)
@output_option("the table")
@color_option
def budget(config_path: Path | None, output_format: str, output: Path | None, color: str) -> None:
    """Event counts against the budgets: total, per category, interaction kind and owner.

    Exits 1 when a count is over its hard max.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.checker import budget as budget_table

    table = budget_table(Options(config_path=config_path))
    write_output(
        output,
        lambda stream, tty: render(
            table, stream, output_format, color=output_format == "text" and use_color(color, tty)
        ),
    )
    sys.exit(table.exit_code)
