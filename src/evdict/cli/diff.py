"""``evdict diff [BASE] [HEAD]``: plan changes between git revisions, classified."""

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
from evdict.config import load_config
from evdict.report.plan_diff import FORMATS, render


@click.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@config_option
@format_option(FORMATS, help="Output format (markdown: a summary for a pull-request comment).")
@click.option(
    "--fail-on",
    type=click.Choice(("breaking", "any", "none")),
    default="breaking",
    show_default=True,
    help="Exit 1 on a breaking change, on any change, or never.",
)
@output_option("the report")
@color_option
def diff(
    base: str | None,
    head: str | None,
    config_path: Path | None,
    output_format: str,
    fail_on: str,
    output: Path | None,
    color: str,
) -> None:
    """Classify the plan changes from BASE to HEAD (git revisions).

    BASE defaults to the merge-base of HEAD with the default branch
    (diff.default_branch, origin/HEAD, main or master); HEAD defaults to the
    working tree. Files are read with git, nothing is checked out.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.diff import diff as diff_plans

    result = diff_plans(load_config(config_path), base, head)
    write_output(
        output,
        lambda stream, tty: render(
            result, stream, output_format, color=output_format == "text" and use_color(color, tty)
        ),
    )
    sys.exit(1 if result.fails(fail_on) else 0)
