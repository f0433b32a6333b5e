"""``evdict validate``: real event payloads (an export, NDJSON) against the plan."""

from __future__ import annotations

from pathlib import Path

import click

from evdict.cli.common import common_options, make_options, run_and_report


@click.command()
@common_options
@click.argument("export", required=False, type=click.Path(path_type=Path, allow_dash=True))
def validate(
    config_path: Path | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
    quiet: bool,
    baseline: Path | None,
    update_baseline: bool,
    no_cache: bool,
    export: Path | None,
) -> None:
    """Check real event payloads against the plan.

    EXPORT is newline-delimited JSON, one event a line, as Segment, PostHog, Mixpanel
    or Amplitude export them; without it (or with -) the lines are read from stdin.
    Undeclared events and properties, missing required properties, values that break a
    property's schema, deprecated events and personal data in values are reported once
    each, at the first line they occur on, with the number of payloads they occur in.
    """
    from evdict import api

    options = make_options(
        config_path=config_path,
        select=select,
        ignore=ignore,
        paths=(export,) if export is not None else (),
        baseline=baseline,
        update_baseline=update_baseline,
        use_cache=not no_cache,
    )
    run_and_report(api.validate, options, output_format, output, quiet)
