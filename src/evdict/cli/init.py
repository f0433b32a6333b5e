"""``evdict init``: scaffold a commented config and an empty (or drafted) plan."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from evdict.diagnostics import Diagnostic
from evdict.report.inventory import render_suggestions
from evdict.report.printable import printable

# How the summary of a draft's findings groups them, in the order it names them:
# personal data listed one by one first (it must not drown), then counts.
_PERSONAL_DATA = ("EV3",)
_COUNTED = (("naming", ("EV1", "EV2")), ("documentation", ("EV4",)))


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
    what needs a human. The lint of the draft is summed up right away: personal
    data first, one by one, then naming and documentation counts.

    A config already here (evdict.yaml, .evdict.yaml, [tool.evdict] in pyproject.toml)
    is kept and used: its plan files, sources, wrappers and receivers. An existing
    plan file is replaced only with --force.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.init import init_project, no_grammar_reason

    root = Path.cwd()
    result = init_project(root, force=force, from_code=from_code)
    draft = result.draft
    if result.kept_config is not None:
        click.echo(f"kept {result.kept_config.name} (its settings were used)")
    plan_file = result.plan_file
    for path in result.written:
        shown = path.relative_to(root).as_posix()
        if draft is not None and path == plan_file:
            shown += (
                f" ({draft.events} event(s) from {draft.calls} tracking call(s)"
                f" in {draft.files} file(s))"
            )
        replaced = result.replaced_plan and path == plan_file
        click.echo(printable(f"{'replaced' if replaced else 'created'} {shown}"))
    schemas = result.schemas.relative_to(root).as_posix()
    click.echo(f"wrote {schemas}/ (the plan and config JSON Schemas, for your editor)")
    if draft is not None:
        for kind, found, split in (
            ("event", draft.event_case, draft.event_cases),
            ("property", draft.property_case, draft.property_cases),
        ):
            if split is not None:
                click.echo(
                    printable(
                        f"{kind} names follow two conventions, one per part of the product: "
                        f"{split[0].describe()}, {split[1].describe()}: evdict.yaml accepts both"
                    )
                )
            elif found is not None and found[0] != "snake_case":
                style, fitting, total = found
                click.echo(
                    f"{kind} names are mostly {style} ({fitting} of {total}): "
                    f"evdict.yaml holds the code to it"
                )
        found_grammar = draft.event_convention
        if found_grammar is not None and not found_grammar.is_default:
            click.echo(
                f"event names follow a convention of their own ({found_grammar.describe()}): "
                "evdict.yaml holds the code to it"
            )
        if draft.no_grammar is not None:
            click.echo(
                f"event names follow no one word order ({no_grammar_reason(draft.no_grammar)}): "
                "evdict.yaml sets `grammar: none`; set one to hold new names to it"
            )
    if draft is not None and draft.needs_human:
        click.echo("needs a human:")
        for item in draft.needs_human:
            click.echo(printable(f"  - {item}"))
    if result.inventory is not None:
        for note in result.inventory.notes:
            click.echo(printable(f"note: {note}"))
        if result.inventory.suggestions:
            render_suggestions(result.inventory, sys.stdout)
    if result.findings is not None:
        for line in summary_lines(result.findings.diagnostics):
            click.echo(printable(line))
    shown_plan = plan_file.relative_to(root).as_posix()
    click.echo(f"next: describe your events in {shown_plan}, then run `evdict lint`")


def summary_lines(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """What the lint of a draft found: each personal-data finding first, then how many
    naming and documentation findings there are (by rule), then any other finding."""
    lines: list[str] = []
    personal = [d for d in diagnostics if d.code.startswith(_PERSONAL_DATA)]
    if personal:
        lines.append("personal data among the drafted events (declare `pii` on each):")
        lines.extend(f"  {_shown(diagnostic)}" for diagnostic in personal)
    for label, prefixes in _COUNTED:
        found = [d for d in diagnostics if d.code.startswith(prefixes)]
        if found:
            by_rule = Counter(diagnostic.code for diagnostic in found)
            rules = ", ".join(f"{code} {count}" for code, count in sorted(by_rule.items()))
            selected = ",".join(prefixes)
            lines.append(
                f"{label}: {_findings(len(found))} ({rules}); "
                f"`evdict lint --select {selected}` lists them"
            )
    grouped = (*_PERSONAL_DATA, *(prefix for _, prefixes in _COUNTED for prefix in prefixes))
    others = [d for d in diagnostics if not d.code.startswith(grouped)]
    if others:
        lines.append("other problems among the drafted events:")
        lines.extend(f"  {_shown(diagnostic)}" for diagnostic in others)
    return lines


def _findings(count: int) -> str:
    return f"{count} finding{'' if count == 1 else 's'}"


def _shown(diagnostic: Diagnostic) -> str:
    where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
    return f"{where}: {diagnostic.code} [{diagnostic.severity.value}] {diagnostic.message}"
