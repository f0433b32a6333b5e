"""``evdict validate``: real event payloads (an export, NDJSON) against the plan."""

from __future__ import annotations

from pathlib import Path

import click

from evdict.cli.common import CheckArgs, check_options


@click.command()
@check_options
@click.argument("export", required=False, type=click.Path(path_type=Path, allow_dash=True))
def validate(args: CheckArgs, export: Path | None) -> None:
    """Check real event payloads against the plan.

    EXPORT is newline-delimited JSON, one event a line, as Segment, PostHog, Mixpanel
    or Amplitude export them; without it (or with -) the lines are read from stdin.
    Undeclared events and properties, missing required properties, values that break a
    property's schema, deprecated events and personal data in values are reported once
    each, at the first line they occur on, with the number of payloads they occur in.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.validate import validate as validate_export

    args.run(validate_export, paths=(export,) if export is not None else ())
