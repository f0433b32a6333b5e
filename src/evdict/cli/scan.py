"""``evdict scan [PATHS]``: the inventory of tracking calls in the code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evdict.cli.common import (
    config_option,
    format_option,
    jobs_option,
    make_options,
    no_cache_option,
    output_option,
    write_output,
)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@format_option(("text", "json"))
@output_option("the inventory")
@no_cache_option
@jobs_option
@click.option(
    "--explain-wrappers",
    is_flag=True,
    help="List the wrappers inferred, each with its chain of evidence (text format).",
)
def scan(
    paths: tuple[Path, ...],
    config_path: Path | None,
    output_format: str,
    output: Path | None,
    no_cache: bool,
    jobs: int | None,
    explain_wrappers: bool,
) -> None:
    """List the tracking calls: event, file:line:col, SDK or wrapper, properties.

    With PATHS (files or directories), only the calls in them are listed; the rest of
    the project still tells which functions are wrappers and what constants hold.
    """
    from evdict import api
    from evdict.report.inventory import render_json, render_text

    options = make_options(config_path=config_path, paths=paths, use_cache=not no_cache, jobs=jobs)
    progress = _progress if sys.stderr.isatty() else None
    inventory = api.scan(options, progress=progress)
    if output_format == "json":
        write_output(output, lambda stream, _: render_json(inventory, stream))
    else:
        write_output(
            output,
            lambda stream, _: render_text(inventory, stream, explain_wrappers=explain_wrappers),
        )


def _progress(message: str) -> None:
    click.echo(f"evdict: {message}...", err=True)
