"""``evdict rename OLD NEW``: rename an event in the plan and at every call site."""

from __future__ import annotations

from pathlib import Path

import click

from evdict.cli.common import config_option, jobs_option, no_cache_option
from evdict.config import load_config
from evdict.report.printable import printable


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--dry-run", is_flag=True, help="Print a unified diff of every file; write nothing.")
@click.option(
    "--force",
    is_flag=True,
    help="Rename what can be renamed even where a call site may track OLD under a name "
    "evdict cannot rewrite (those sites are listed).",
)
@config_option
@no_cache_option
@jobs_option
def rename(
    old: str,
    new: str,
    dry_run: bool,
    force: bool,
    config_path: Path | None,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Rename event OLD to NEW in the plan and in the code.

    The plan keeps its comments and layout: the event's key changes, it records
    `renamed_from: [OLD]`, and funnel steps and `replaced_by` follow. In the code, the
    string literals the event name is resolved from change: at the call, or where the
    constant or enum member is defined. Nothing is written unless every file still parses,
    and the files are written all or none: a failed write or Ctrl-C puts back every file
    already written.

    Refused (exit 2) when OLD is not declared, NEW already exists, or a call site may
    track OLD under a name evdict cannot rewrite (a dynamic name): --force renames the
    rest and lists those sites.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.rename import prepare_rename, write_rename

    config = load_config(config_path)
    result = prepare_rename(config, old, new, force=force, use_cache=not no_cache, jobs=jobs)
    if not dry_run:
        outcome = write_rename(result)
        for path in outcome.stale_removed:
            shown = config.relative(path)
            click.echo(
                printable(f"note: removed {shown}, left behind by an interrupted run"), err=True
            )
    for site in result.left_alone:
        click.echo(printable(f"warning: not renamed, may track `{old}`: {site}"), err=True)
    for note in result.notes:
        click.echo(printable(f"note: {note}"), err=True)
    if dry_run:
        for change in result.changes:
            click.echo(change.diff(), nl=False)
    else:
        for change in result.changes:
            click.echo(printable(f"rewrote {change.shown}"))
    # The names and file names come from the plan and the code: no raw control characters.
    summary = printable(
        f"`{old}` -> `{new}`: {result.call_sites} call site(s), {len(result.changes)} file(s)"
    )
    click.echo(f"{summary} (dry run: nothing written)" if dry_run else summary, err=dry_run)
