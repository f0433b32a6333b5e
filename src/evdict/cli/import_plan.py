"""``evdict import``: another tool's tracking plan as evdict plan files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click

from evdict.cli.common import use_color
from evdict.importers.registry import FORMATS

_HELP = "\n".join(
    [
        "Write another tool's tracking plan as evdict plan files, then lint them.",
        "",
        "FORMAT is one of:",
        "",
        "\b",
        *(f"  {name:<18} {description}" for name, (_, description) in FORMATS.items()),
        "",
        "Everything the plan cannot hold is printed as a note with its file:line or JSON",
        "pointer. Exit code 1 only when no event could be read (nothing is written then).",
    ]
)


@click.command(name="import", help=_HELP)
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(FORMATS)))
@click.argument(
    "sources", metavar="SOURCE...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("tracking-plan"),
    show_default=True,
    help="The folder the plan files are written to.",
)
@click.option(
    "--split",
    type=click.Choice(["none", "category", "owner"]),
    default="none",
    show_default=True,
    help="One events.yaml, or one file per category or per owner.",
)
@click.option("--force", is_flag=True, help="Replace plan files that exist already.")
def import_plan(fmt: str, sources: tuple[Path, ...], out: Path, split: str, force: bool) -> None:
    # loaded when the command runs, not when --help lists it
    from evdict.commands.import_plan import Split, import_plan
    from evdict.report.text_report import render

    result = import_plan(fmt, list(sources), out, split=cast(Split, split), force=force)
    imported = result.imported
    for note in imported.notes:
        click.echo(f"note: {note}")
    if not result.written:
        click.echo(f"evdict: no event read from {imported.files_read} file(s)", err=True)
        sys.exit(1)
    for path, count in result.written:
        click.echo(f"wrote {path.as_posix()} ({count} event(s))")
    click.echo(
        f"imported {len(imported.events)} event(s) from {imported.files_read} file(s); "
        f"{len(imported.notes)} note(s)"
    )
    if result.findings is not None and result.findings.diagnostics:
        click.echo("lint of the imported plan:")
        render(result.findings, sys.stdout, color=use_color("auto", sys.stdout.isatty()))
