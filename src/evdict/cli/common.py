"""What the commands share: common options, option parsing, running and reporting."""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from evdict.anchored import reason, write_file
from evdict.config import Options
from evdict.diagnostics import Severity
from evdict.errors import ConfigErrors, UsageError
from evdict.report import FORMATS, get_reporter
from evdict.report.printable import PRINTABLE_FORMATS, printable_lines, printable_result
from evdict.report.text_report import render_findings, render_statistics
from evdict.result import plural

if TYPE_CHECKING:
    from evdict.result import CheckResult

F = TypeVar("F", bound=Callable[..., Any])

_SELECTOR = re.compile(r"^(ALL|EV[0-9]{0,3})$")


# sysexits' EX_SOFTWARE: a crash must never read as 1 (findings) or 2 (usage).
INTERNAL_ERROR = 70
ISSUES_URL = "https://github.com/evdict/evdict/issues"


def usage_error(message: str) -> NoReturn:
    click.echo(f"evdict: error: {printable_lines(message)}", err=True)
    sys.exit(2)


def internal_error(exc: BaseException) -> NoReturn:
    """A bug: the traceback (for the report), then what happened and how to report it."""
    import traceback

    from evdict._version import __version__

    traceback.print_exception(exc, file=sys.stderr)
    click.echo(
        f"evdict: internal error: {type(exc).__name__}: {exc}\n"
        f"This is a bug in evdict {__version__}, not a finding. Please report it at "
        f"{ISSUES_URL} with the command you ran and the traceback above.",
        err=True,
    )
    sys.exit(INTERNAL_ERROR)


def flush_stdout() -> None:
    """Flush standard output; a report that cannot be written is an error (exit 2),
    never a pass (0), findings (1) or Python's 'Exception ignored' at exit (120)."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        stdout_error(exc)


def output_failed(exc: OSError) -> bool:
    """The error a write to a full disk or a closed pipe raises (files evdict writes
    itself are reported with their name where they are written)."""
    return exc.errno in {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE}


def stdout_error(exc: OSError) -> NoReturn:
    # What is still buffered goes nowhere: the failure is told once, not again at exit.
    with contextlib.suppress(OSError):
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - until exit
    usage_error(f"cannot write to standard output: {exc.strerror or exc}")


def report_usage_error(error: UsageError) -> NoReturn:
    """A user's mistake, exit 2; a config's problems (all at once) one a line."""
    for problem in error.problems if isinstance(error, ConfigErrors) else [error]:
        click.echo(f"evdict: error: {printable_lines(str(problem))}", err=True)
    sys.exit(2)


# --fail-on: the least severe finding that fails the run (exit 1); never: exit 0.
FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}
COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, tty: bool) -> bool:
    """``--color``: always or never as asked; auto colours a terminal unless NO_COLOR is
    set, or anything when FORCE_COLOR is (https://no-color.org, https://force-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return tty


color_option = click.option(
    "--color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the text output: auto colours a terminal (NO_COLOR and FORCE_COLOR honoured).",
)


def _codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(
        code.strip().upper() for item in value for code in item.split(",") if code.strip()
    )
    for code in codes:
        if not _SELECTOR.match(code):
            raise click.BadParameter(f"{code!r} is not a rule code or prefix (EV401, EV4, ALL)")
    return codes


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: evdict.yaml or [tool.evdict] in pyproject.toml, searched upwards).",
)


def output_option(what: str) -> Callable[[F], F]:
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Write {what} here.",
    )


def format_option(choices: tuple[str, ...], help: str = "Output format.") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Neither read nor write the parse and scan caches."
)
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for parsing (default: cores).",
)


@dataclass(frozen=True)
class CheckArgs:
    """The options of a command that checks something and reports findings, parsed."""

    config_path: Path | None
    output_format: str
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    output: Path | None
    quiet: bool
    baseline: Path | None
    update_baseline: bool
    no_cache: bool
    statistics: bool = False
    fail_on: str = "error"
    color: str = "auto"

    def run(self, command: Callable[[Options], CheckResult], **options: Any) -> NoReturn:
        """Run ``command`` on these options (and ``options``), report, exit with its code."""
        run_and_report(
            command,
            Options(
                config_path=self.config_path,
                select=self.select,
                ignore=self.ignore,
                baseline=self.baseline,
                update_baseline=self.update_baseline,
                use_cache=not self.no_cache,
                **options,
            ),
            self,
        )


def check_options(func: Callable[..., None]) -> Callable[..., None]:
    """The options of a checking command, handed to it as one :class:`CheckArgs` (``args``)."""

    @functools.wraps(func)
    def command(
        *,
        config_path: Path | None,
        output_format: str,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        output: Path | None,
        quiet: bool,
        baseline: Path | None,
        update_baseline: bool,
        no_cache: bool,
        statistics: bool,
        exit_zero: bool,
        fail_on: str,
        color: str,
        **rest: Any,
    ) -> None:
        if statistics and output_format != "text":
            raise UsageError("--statistics is a text report: drop --format")
        args = CheckArgs(
            config_path,
            output_format,
            select,
            ignore,
            output,
            quiet,
            baseline,
            update_baseline,
            no_cache,
            statistics,
            "never" if exit_zero else fail_on,
            color,
        )
        func(args=args, **rest)

    decorators = [
        config_option,
        format_option(FORMATS),
        click.option(
            "--select",
            multiple=True,
            callback=_codes,
            help="Only these rule codes or prefixes (EV4,EV601).",
        ),
        click.option(
            "--ignore", multiple=True, callback=_codes, help="Skip these rule codes or prefixes."
        ),
        output_option("the report"),
        click.option(
            "--quiet",
            "-q",
            is_flag=True,
            help="Print the findings alone: no notes, no summary (text format).",
        ),
        click.option(
            "--baseline",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Report only findings this baseline file does not record.",
        ),
        click.option(
            "--update-baseline",
            is_flag=True,
            help="Record the current findings in the --baseline file (and report none).",
        ),
        click.option(
            "--statistics",
            is_flag=True,
            help="Count the findings per rule instead of listing them (text format).",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(tuple(FAIL_ON)),
            default="error",
            show_default=True,
            help="The least severe finding that makes the exit code 1 (never: always 0).",
        ),
        click.option(
            "--exit-zero",
            is_flag=True,
            help="Exit 0 whatever is found (as --fail-on never); usage errors still exit 2.",
        ),
        color_option,
        no_cache_option,
    ]
    decorated: Callable[..., None] = command
    for decorator in reversed(decorators):
        decorated = decorator(decorated)
    return decorated


def run_and_report(
    command: Callable[..., CheckResult], options: Options, args: CheckArgs
) -> NoReturn:
    result = command(options)
    if args.output_format in PRINTABLE_FORMATS:
        result = printable_result(result)
    reporter = get_reporter(args.output_format)
    if args.output_format == "text":
        if args.statistics:
            reporter = render_statistics
        elif args.quiet:
            reporter = render_findings
    write_output(
        args.output,
        lambda stream, tty: reporter(
            result, stream, color=args.output_format == "text" and use_color(args.color, tty)
        ),
        reads=options,
    )
    if result.baseline_recorded is not None and (args.output_format != "text" or args.quiet):
        # The text report's summary says it; any other report is for a machine.
        recorded = plural(result.baseline_recorded, "finding")
        click.echo(f"evdict: recorded {recorded} in {args.baseline}", err=True)
    sys.exit(result.exit_code_at(FAIL_ON[args.fail_on]))


def write_output(
    output: Path | None, render: Callable[[TextIO, bool], object], *, reads: Options
) -> None:
    """Render to ``--output`` (written whole, atomically: a reader never sees half a
    report) or to standard output; ``render`` learns whether it writes to a terminal.
    An ``--output`` naming a file the run ``reads`` (the plan, the config...) is refused."""
    if output is None:
        try:
            render(sys.stdout, sys.stdout.isatty())
            sys.stdout.flush()
        except OSError as exc:
            stdout_error(exc)
        return
    from evdict.commands.output_guard import refuse_input_as_output  # with --output only

    refuse_input_as_output(output, reads)
    buffer = io.StringIO()
    render(buffer, False)
    try:
        write_file(output, buffer.getvalue().encode("utf-8", "backslashreplace"))
    except OSError as exc:
        usage_error(f"cannot write {output}: {reason(exc)}")
