"""``evdict init``: scaffold a commented config and an empty (or drafted) plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evdict.report import get_reporter


@click.command()
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option(
    "--from-code",
    is_flag=True,
    help="Draft the plan from the tracking calls already in the code under this folder.",
)
def init(force: bool, from_code: bool) -> None:
    """Write a commented evdict.yaml and tracking-plan/events.yaml here.

    The plan is empty, or with --from-code drafted from the code: one entry per
    event found, properties typed from the literal values sent, and a list of
    what needs a human. Naming problems and near-duplicates among the drafted
    events are reported right away.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.init import PLAN_FILE, init_project

    root = Path.cwd()
    result = init_project(root, force=force, from_code=from_code)
    draft = result.draft
    for path in result.written:
        shown = path.relative_to(root).as_posix()
        if draft is not None and shown == PLAN_FILE:
            shown += (
                f" ({draft.events} event(s) from {draft.calls} tracking call(s)"
                f" in {draft.files} file(s))"
            )
        click.echo(f"created {shown}")
    if draft is not None:
        for kind, found in (("event", draft.event_case), ("property", draft.property_case)):
            if found is not None and found[0] != "snake_case":
                style, fitting, total = found
                click.echo(
                    f"{kind} names are mostly {style} ({fitting} of {total}): "
                    f"evdict.yaml holds the code to it"
                )
    if draft is not None and draft.needs_human:
        click.echo("needs a human:")
        for item in draft.needs_human:
            click.echo(f"  - {item}")
    if result.findings is not None and result.findings.diagnostics:
        click.echo("problems among the drafted events:")
        get_reporter("text")(result.findings, sys.stdout, color=False)
    click.echo(f"next: describe your events in {PLAN_FILE}, then run `evdict lint`")
