"""``evdict validate``: real event payloads (an export, NDJSON) against the plan."""

from __future__ import annotations

from pathlib import Path

import click

from evdict.cli.common import CheckArgs, check_options
from evdict.config import Options

# As evdict.commands.validate_sql and validate_shapes name them: listed here so --help
# loads no SQL library.
ENGINES = ("python", "duckdb")
DIALECTS = ("duckdb", "bigquery", "snowflake", "postgres", "clickhouse", "spark")
SHAPES = ("segment", "posthog", "mixpanel", "amplitude", "rudderstack")


@click.command()
@check_options
@click.argument("export", required=False, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="python",
    show_default=True,
    help="What judges the payloads: evdict's rules in Python, or one SQL query in DuckDB.",
)
@click.option(
    "--sql",
    "dialect",
    type=click.Choice(DIALECTS),
    help="Print the checks as this warehouse's SQL over --table instead of reading EXPORT.",
)
@click.option(
    "--table",
    help="The table of payloads the --sql query reads (line, event, properties, example).",
)
@click.option(
    "--shape",
    type=click.Choice(SHAPES),
    help="Read --table as this tool's warehouse schema (Segment's tracks, PostHog's events...).",
)
@click.option(
    "--from-results",
    "results",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report the rows the --sql query returned (CSV, NDJSON or JSON) as findings.",
)
def validate(
    args: CheckArgs,
    export: Path | None,
    engine: str,
    dialect: str | None,
    table: str | None,
    shape: str | None,
    results: Path | None,
) -> None:
    """Check real event payloads against the plan.

    EXPORT is newline-delimited JSON, one event a line, as Segment, PostHog, Mixpanel
    or Amplitude export them (gzipped too); without it (or with -) the lines are read
    from stdin.
    Undeclared events and properties, missing required properties, values that break a
    property's schema, deprecated events and personal data in values are reported once
    each, at the first line they occur on, with the number of payloads they occur in.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.validate import validate as validate_export
    from evdict.commands.validate import warehouse_query

    if results is not None:
        if export is not None or dialect is not None or table is not None or shape is not None:
            raise click.UsageError(
                "--from-results reads the rows of a --sql query: no EXPORT, --sql, --table, --shape"
            )
        from evdict.commands.validate_results import from_results

        args.run(from_results, export=results)
    if shape is not None and dialect is None:
        raise click.UsageError("--shape goes with --sql and --table")
    if dialect is not None or table is not None:
        if dialect is None or table is None:
            raise click.UsageError("--sql and --table go together")
        if export is not None:
            raise click.UsageError("--sql prints the query for --table: it reads no EXPORT")
        options = Options(config_path=args.config_path, select=args.select, ignore=args.ignore)
        click.echo(warehouse_query(options, dialect, table, shape))
        return
    args.run(
        validate_export,
        export=export,
        extra={"engine": engine},
    )
