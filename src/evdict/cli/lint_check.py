"""``evdict lint`` (the plan alone) and ``evdict check`` (the plan and the code)."""

from __future__ import annotations

from pathlib import Path

import click

from evdict.cli.common import common_options, jobs_option, make_options, run_and_report


@click.command()
@common_options
def lint(
    config_path: Path | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
    quiet: bool,
    baseline: Path | None,
    update_baseline: bool,
    no_cache: bool,
) -> None:
    """Check the plan alone: schema, references, naming, duplicates, PII, budgets, docs."""
    from evdict import api

    options = make_options(
        config_path=config_path,
        select=select,
        ignore=ignore,
        baseline=baseline,
        update_baseline=update_baseline,
        use_cache=not no_cache,
    )
    run_and_report(api.lint, options, output_format, output, quiet)


@click.command()
@common_options
@jobs_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(
    config_path: Path | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
    quiet: bool,
    baseline: Path | None,
    update_baseline: bool,
    no_cache: bool,
    jobs: int | None,
    paths: tuple[Path, ...],
) -> None:
    """The main job: lint the plan and check the code (only PATHS when given)."""
    from evdict import api

    options = make_options(
        config_path=config_path,
        select=select,
        ignore=ignore,
        paths=paths,
        baseline=baseline,
        update_baseline=update_baseline,
        use_cache=not no_cache,
        jobs=jobs,
    )
    run_and_report(api.check, options, output_format, output, quiet)
