"""``evdict init``: scaffold a commented config and an empty plan."""

from __future__ import annotations

from pathlib import Path

import click

from evdict.cli.common import usage_error


@click.command()
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init(force: bool) -> None:
    """Write a commented evdict.yaml and an empty tracking-plan/events.yaml here."""
    from evdict.init import PLAN_FILE, InitError, scaffold

    root = Path.cwd()
    try:
        written = scaffold(root, force=force)
    except InitError as exc:
        usage_error(str(exc))
    for path in written:
        click.echo(f"created {path.relative_to(root).as_posix()}")
    click.echo(f"next: describe your events in {PLAN_FILE}, then run `evdict lint`")
