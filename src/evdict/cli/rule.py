"""``evdict rule CODE``: a rule's documentation; ``--all`` lists the catalogue."""

from __future__ import annotations

import click

from evdict.cli.common import usage_error


@click.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
def rule(code: str | None, show_all: bool) -> None:
    """Explain a rule: what it checks, why, an example and the fix."""
    # loaded when the command runs, not when --help lists it
    from evdict.rules import all_rules, get_rule

    if show_all or code is None:
        for known in all_rules():
            click.echo(
                f"{known.code}  {known.name:<32} {known.severity.value:<8} {known.summary()}"
            )
        return
    found = get_rule(code)
    if found is None:
        usage_error(f"unknown rule code {code!r} (see `evdict rule --all`)")
    click.echo(
        f"# {found.code} {found.name}\n\nDefault severity: {found.severity.value}\n\n{found.doc()}"
    )
