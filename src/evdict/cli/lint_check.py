"""``evdict lint`` (the plan alone) and ``evdict check`` (the plan and the code)."""

from __future__ import annotations

from pathlib import Path

import click

from evdict.cli.common import CheckArgs, check_options, jobs_option


@click.command()
@check_options
def lint(args: CheckArgs) -> None:
    """Check the plan alone: schema, references, naming, duplicates, PII, budgets, docs."""
    # loaded when the command runs, not when --help lists it
    from evdict.checker import lint as lint_plan

    args.run(lint_plan)


@click.command()
@check_options
@jobs_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(args: CheckArgs, jobs: int | None, paths: tuple[Path, ...]) -> None:
    """The main job: lint the plan and check the code (only PATHS when given)."""
    # loaded when the command runs, not when --help lists it
    from evdict.checker import check as check_code

    args.run(check_code, paths=paths, jobs=jobs)
