"""``evdict init``: scaffold a commented config and an empty (or drafted) plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evdict.report import get_reporter
from evdict.report.inventory import render_suggestions


@click.command()
@click.option(
    "--force", is_flag=True, help="Replace an existing plan file (a config file is never replaced)."
)
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

    A config already here (evdict.yaml, .evdict.yaml, [tool.evdict] in pyproject.toml)
    is kept and used: its plan files, sources, wrappers and receivers. An existing
    plan file is replaced only with --force.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.init import init_project

    root = Path.cwd()
    result = init_project(root, force=force, from_code=from_code)
    draft = result.draft
    if result.kept_config is not None:
        click.echo(f"kept {result.kept_config.name} (its settings were used)")
    plan_file = result.written[-1]
    for path in result.written:
        shown = path.relative_to(root).as_posix()
        if draft is not None and path == plan_file:
            shown += (
                f" ({draft.events} event(s) from {draft.calls} tracking call(s)"
                f" in {draft.files} file(s))"
            )
        replaced = result.replaced_plan and path == plan_file
        click.echo(f"{'replaced' if replaced else 'created'} {shown}")
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
    if result.inventory is not None:
        for note in result.inventory.notes:
            click.echo(f"note: {note}")
        if result.inventory.suggestions:
            render_suggestions(result.inventory, sys.stdout)
    if result.findings is not None and result.findings.diagnostics:
        click.echo("problems among the drafted events:")
        get_reporter("text")(result.findings, sys.stdout, color=False)
    shown_plan = plan_file.relative_to(root).as_posix()
    click.echo(f"next: describe your events in {shown_plan}, then run `evdict lint`")
