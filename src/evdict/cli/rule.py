"""``evdict rule CODE|NAME``: a rule's documentation; ``--all`` lists the catalogue."""

from __future__ import annotations

import shutil
import textwrap

import click

from evdict.cli.common import usage_error


@click.command()
@click.argument("code", required=False, metavar="CODE|NAME")
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
def rule(code: str | None, show_all: bool) -> None:
    """Explain a rule, by code (EV401) or name (missing-description): what it checks,
    why, an example and the fix."""
    # loaded when the command runs, not when --help lists it
    from evdict.rules import all_rules, get_rule

    if show_all or code is None:
        rules = all_rules()
        name_width = max(len(known.name) for known in rules)
        indent = " " * (len("EV000") + 2 + name_width + 1 + len("warning") + 1)
        width = max(shutil.get_terminal_size().columns, len(indent) + 20)
        for known in rules:
            head = f"{known.code}  {known.name:<{name_width}} {known.severity.value:<7} "
            click.echo(
                textwrap.fill(
                    known.summary(),
                    width=width - 1,
                    initial_indent=head,
                    subsequent_indent=indent,
                    break_on_hyphens=False,
                )
            )
        return
    found = get_rule(code)
    if found is None:
        usage_error(f"unknown rule {code!r}: a code (EV401) or a name (see `evdict rule --all`)")
    click.echo(
        f"# {found.code} {found.name}\n\nDefault severity: {found.severity.value}\n\n{found.doc()}"
    )
