"""``evdict scan [PATHS]``: the inventory of tracking calls in the code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evdict.cli.common import (
    config_option,
    format_option,
    jobs_option,
    no_cache_option,
    output_option,
    write_output,
)
from evdict.config import Options
from evdict.report.inventory import FORMATS, render


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@format_option(FORMATS)
@output_option("the inventory")
@no_cache_option
@jobs_option
@click.option(
    "--suggest-config",
    is_flag=True,
    help="Also list the calls that look like tracking calls but could not be proven, "
    "with the evdict.yaml lines that would read them (without it, the text counts them).",
)
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
    suggest_config: bool,
) -> None:
    """List the tracking calls: event, file:line:col, SDK or wrapper, properties.

    With PATHS (files or directories), only the calls in them are listed; the rest of
    the project still tells which functions are wrappers and what constants hold.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.checker import scan as scan_code

    options = Options(
        config_path=config_path,
        paths=paths,
        use_cache=not no_cache,
        jobs=jobs,
        # Without --suggest-config the text still says how many there are (JSON does not).
        suggest_config=suggest_config or output_format == "text",
    )
    progress = _progress if sys.stderr.isatty() else None
    inventory = scan_code(options, progress=progress)
    write_output(
        output,
        lambda stream, _: render(
            inventory,
            stream,
            output_format,
            explain_wrappers=explain_wrappers,
            list_suggestions=suggest_config,
        ),
        reads=options,
    )


def _progress(message: str) -> None:
    click.echo(f"evdict: {message}...", err=True)
