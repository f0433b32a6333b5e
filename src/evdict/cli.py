"""The command line: parse options into :class:`evdict.api.Options`, call the API, report.

No logic lives here. Heavy modules are imported inside the commands so that
``evdict --version`` and a pre-commit run on a few files start fast.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from evdict._version import __version__

if TYPE_CHECKING:
    from evdict.api import Options
    from evdict.result import CheckResult

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")
_SELECTOR = re.compile(r"^(ALL|EV[0-9]{0,3})$")


def _usage_error(message: str) -> NoReturn:
    click.echo(f"evdict: error: {message}", err=True)
    sys.exit(2)


def _codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(
        code.strip().upper() for item in value for code in item.split(",") if code.strip()
    )
    for code in codes:
        if not _SELECTOR.match(code):
            raise click.BadParameter(f"{code!r} is not a rule code or prefix (EV401, EV4, ALL)")
    return codes


def common_options(func: F) -> F:
    """Options shared by the commands that check something."""
    decorators = [
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Config file (default: evdict.yaml or [tool.evdict] in pyproject.toml, searched upwards).",
        ),
        click.option(
            "--format",
            "output_format",
            type=click.Choice(FORMATS),
            default="text",
            show_default=True,
            help="Output format.",
        ),
        click.option(
            "--select",
            multiple=True,
            callback=_codes,
            help="Only these rule codes or prefixes (EV4,EV601).",
        ),
        click.option(
            "--ignore", multiple=True, callback=_codes, help="Skip these rule codes or prefixes."
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write the report here.",
        ),
        click.option(
            "--quiet", "-q", is_flag=True, help="Print findings only, no summary (text format)."
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(
    __version__, "--version", "-V", prog_name="evdict", message="%(prog)s %(version)s"
)
def cli() -> None:
    """evdict: the analytics event dictionary in git, held against your code.

    Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage or
    configuration error.
    """


def _run(
    command: Callable[..., CheckResult],
    options: Options,
    output_format: str,
    output: Path | None,
    quiet: bool,
) -> NoReturn:
    from evdict.config import ConfigError
    from evdict.report import get_reporter

    try:
        result = command(options)
    except ConfigError as exc:
        _usage_error(str(exc))
    if quiet:
        from dataclasses import replace

        result = replace(result, notes=())
    reporter = get_reporter(output_format)
    if output is not None:
        with output.open("w", encoding="utf-8") as handle:
            reporter(result, handle, color=False)
    else:
        stream = sys.stdout
        reporter(result, stream, color=output_format == "text" and stream.isatty())
    sys.exit(result.exit_code)


def _options(**kwargs: Any) -> Options:
    from evdict.api import Options

    return Options(**kwargs)


@cli.command()
@common_options
def lint(
    config_path: Path | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
    quiet: bool,
) -> None:
    """Check the plan alone: schema, references, naming, duplicates, PII, budgets, docs."""
    from evdict import api

    _run(
        api.lint,
        _options(config_path=config_path, select=select, ignore=ignore),
        output_format,
        output,
        quiet,
    )


@cli.command()
@common_options
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(
    config_path: Path | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
    quiet: bool,
    paths: tuple[Path, ...],
) -> None:
    """The main job: lint the plan and check the code (only PATHS when given)."""
    from evdict import api

    options = _options(config_path=config_path, select=select, ignore=ignore, paths=paths)
    _run(api.check, options, output_format, output, quiet)


@cli.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
def rule(code: str | None, show_all: bool) -> None:
    """Explain a rule: what it checks, why, an example and the fix."""
    from evdict.rules import all_rules, get_rule

    if show_all or code is None:
        for known in all_rules():
            click.echo(
                f"{known.code}  {known.name:<32} {known.severity.value:<8} {known.summary()}"
            )
        return
    found = get_rule(code)
    if found is None:
        _usage_error(f"unknown rule code {code!r} (see `evdict rule --all`)")
    click.echo(
        f"# {found.code} {found.name}\n\nDefault severity: {found.severity.value}\n\n{found.doc()}"
    )


@functools.wraps(cli)
def main() -> None:
    cli()
