"""``evdict validate``: real event payloads (an export, NDJSON) against the plan."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from evdict.cli.common import CheckArgs, check_options
from evdict.config import Options

# As evdict.commands.validate_sql and validate_warehouse name them: listed here so --help
# loads no SQL library.
ENGINES = ("python", "duckdb")
# The engine of a run without --engine; python stays the reference the tests compare with.
DEFAULT_ENGINE = "duckdb"
DIALECTS = ("duckdb", "bigquery", "snowflake", "postgres", "clickhouse", "spark")
SHAPES = ("segment", "posthog", "mixpanel", "amplitude", "rudderstack")


@click.command()
@check_options
@click.argument(
    "exports", metavar="[EXPORT]...", nargs=-1, type=click.Path(path_type=Path, allow_dash=True)
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
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
    exports: tuple[Path, ...],
    engine: str,
    dialect: str | None,
    table: str | None,
    shape: str | None,
    results: Path | None,
) -> None:
    """Check real event payloads against the plan.

    Each EXPORT is newline-delimited JSON, one event a line, as Segment, PostHog,
    Mixpanel or Amplitude export them, or Parquet, CSV or a JSON array of them
    (gzipped too), or a glob of such files; without one (or with -) the lines are read
    from stdin.
    Undeclared events and properties, missing required properties, values that break a
    property's schema, deprecated events and personal data in values are reported once
    each, at the first line they occur on, with the number of payloads they occur in.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.validate import validate as validate_export
    from evdict.commands.validate import warehouse_query

    if results is not None:
        if exports or dialect is not None or table is not None or shape is not None:
            raise click.UsageError(
                "--from-results reads the rows of a --sql query: no EXPORT, --sql, --table, --shape"
            )
        from evdict.commands.validate_results import from_results

        args.run(from_results, exports=(results,))
    if shape is not None and dialect is None:
        raise click.UsageError("--shape goes with --sql and --table")
    if dialect is not None or table is not None:
        if dialect is None or table is None:
            raise click.UsageError("--sql and --table go together")
        if exports:
            raise click.UsageError("--sql prints the query for --table: it reads no EXPORT")
        options = Options(config_path=args.config_path, select=args.select, ignore=args.ignore)
        click.echo(warehouse_query(options, dialect, table, shape))
        return
    # The Python engine reads line by line and reports no progress.
    drawn = engine == "duckdb" and stderr_is_terminal()
    progress = TerminalProgress(sys.stderr) if drawn else None
    args.run(validate_export, exports=exports, extra={"engine": engine, "progress": progress})


def stderr_is_terminal() -> bool:
    """Whether a progress bar may be drawn: never in CI logs or when stderr is piped."""
    return sys.stderr.isatty()


class TerminalProgress:
    """How much of an export is read, redrawn on one line of a terminal, then erased."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, shown: str, read: int | None) -> None:
        if read is None:
            self.stream.write("\r\x1b[K")
        else:
            name = "".join(char if char.isprintable() else "?" for char in shown)
            self.stream.write(f"\revdict: reading {name}: {read / 2**20:,.0f} MB\x1b[K")
        self.stream.flush()
