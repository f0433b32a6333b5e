"""The command line: each command parses its options into :class:`evdict.api.Options`,
calls the library API and hands the result to a reporter. No logic lives here.

Commands are imported only when invoked, so ``evdict --version`` and a pre-commit
run start fast. A command is one module of this package, named in ``COMMANDS``.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import io
import os
import sys
from typing import NoReturn

import click

from evdict._version import __version__
from evdict.errors import UsageError

INTERRUPTED = 130

# command name -> "module:function" in evdict.cli
COMMANDS = {
    "budget": "budget:budget",
    "cache": "cache:cache",
    "check": "lint_check:check",
    "codegen": "codegen:codegen",
    "diff": "diff:diff",
    "docs": "docs:docs",
    "export": "export:export",
    "import": "import_plan:import_plan",
    "init": "init:init",
    "lint": "lint_check:lint",
    "rename": "rename:rename",
    "rule": "rule:rule",
    "scan": "scan:scan",
    "schema": "schema:schema",
    "validate": "validate:validate",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        command: click.Command = getattr(module, attribute)
        return command

    def invoke(self, ctx: click.Context) -> object:
        # The one place a user's mistake becomes "evdict: error: ..." and exit code 2.
        # Anything else escaping a command is a bug: exit INTERNAL_ERROR, never 1 (findings).
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            from evdict.cli.common import report_usage_error  # the error path only

            report_usage_error(exc)
        except KeyboardInterrupt as exc:
            from evdict.transaction import Interrupted  # the interrupted path only

            if isinstance(exc, Interrupted):
                # A write interrupted and put back: say so, exit as the signal asks.
                click.echo(f"evdict: {exc.message}", err=True)
                sys.exit(exc.exit_code)
            # Ctrl-C: the shell's convention (128 + SIGINT), not click's "Aborted!" and 1,
            # which CI would read as findings.
            click.echo("evdict: interrupted", err=True)
            ctx.exit(INTERRUPTED)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            from evdict.cli.common import internal_error, output_failed, stdout_error  # as above

            if isinstance(exc, OSError) and output_failed(exc):
                stdout_error(exc)
            internal_error(exc)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    __version__, "--version", "-V", prog_name="evdict", message="%(prog)s %(version)s"
)
def cli() -> None:
    """evdict: the analytics event dictionary in git, held against your code.

    Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage or
    configuration error (or output that cannot be written), 70 internal error (a bug),
    130 interrupted (Ctrl-C).
    """


def main() -> None:
    # Scanned code may hold any string (a lone surrogate in an escape): a report shows it
    # escaped rather than failing to print it.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        try:
            cli()
        finally:
            # A report buffered for a full disk or a closed pipe fails here, not in a command.
            from evdict.cli.common import flush_stdout

            flush_stdout()
    except SystemExit as done:  # how every run ends (click's standalone mode)
        if done.code is None or isinstance(done.code, int):
            exit_now(done.code or 0)
        raise


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` once the ``atexit`` handlers ran, without the
    interpreter's teardown: freeing each module and object of a run (DuckDB's library
    among them) took 40 ms after the report was written (``evdict validate`` on 1,000,000
    payloads). Standard output is flushed by then, and evdict leaves no file open."""
    with contextlib.suppress(OSError, ValueError):  # stderr closed: nothing left to tell
        sys.stderr.flush()
    atexit._run_exitfuncs()  # temporary folders' finalizers, logging, coverage
    os._exit(code)
