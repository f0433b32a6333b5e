"""``evdict codegen``: typed tracking functions generated from the plan."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click

from evdict.anchored import reason, write_file
from evdict.cli.common import config_option, usage_error, use_color
from evdict.codegen.clients import CLIENTS
from evdict.codegen.command import LANGUAGES, Language
from evdict.config import Options


@click.command()
@click.argument("language", type=click.Choice(LANGUAGES))
@config_option
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The generated module (compared with, never written, under --check).",
)
@click.option(
    "--client",
    default="segment",
    show_default=True,
    metavar="|".join([*CLIENTS, "wrapper:MODULE:CALLEE"]),
    help="What the functions call: an SDK with its own signature, or your CALLEE(event, "
    "properties) imported from MODULE.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 with a unified diff when --out is not what the plan generates.",
)
def codegen(language: str, config_path: Path | None, out: Path, client: str, check: bool) -> None:
    """Generate typed tracking functions (python or typescript) from the plan: one per
    event, keyword properties typed from their schema, descriptions as docs, deprecated
    events marked.

    A plan with structure errors (EV0xx), or names that collide once written as code, is
    not generated: the errors are printed and the exit code is 1.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.checker import config_for
    from evdict.codegen.clients import parse_client
    from evdict.codegen.command import generate, is_generated, stale_diff
    from evdict.commands.output_guard import ReadFiles
    from evdict.report.text_report import render

    options = Options(config_path=config_path)
    config = config_for(options)
    if not check:
        # The scan reads the module too: one evdict generated may be written again.
        ReadFiles.of_run(options, config, sources=not is_generated(out)).refuse(out, "--out")
    generated = generate(options, cast(Language, language), parse_client(client), config)
    if generated.structure.exit_code:
        render(generated.structure, sys.stderr, color=use_color("auto", sys.stderr.isatty()))
        sys.exit(1)
    if generated.text is None:
        for error in generated.errors:
            click.echo(f"{error}", err=True)
        click.echo(
            f"evdict: {len(generated.errors)} name(s) cannot be generated; nothing written",
            err=True,
        )
        sys.exit(1)
    if check:
        diff = stale_diff(out, generated.text)
        if diff:
            click.echo(diff, nl=False)
            click.echo(
                f"evdict: {out} is out of date with the plan: run `evdict codegen {language} --out {out}`",
                err=True,
            )
            sys.exit(1)
        click.echo(f"{out} is up to date", err=True)
        return
    try:
        write_file(out, generated.text.encode("utf-8"))
    except OSError as exc:
        usage_error(f"cannot write {out}: {reason(exc)}")
    click.echo(f"wrote {out}", err=True)
