"""``--output`` never names an input: a report written over the plan, the config, the
export being validated, the baseline or a scanned source would destroy it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from evdict.checker import config_for
from evdict.config import Config, Options
from evdict.errors import UsageError
from evdict.plan.load import find_plan_files


class OutputIsInputError(UsageError):
    """``--output`` names a file evdict reads."""


def refuse_input_as_output(output: Path, options: Options) -> None:
    """Raise :class:`OutputIsInputError` when ``output`` is (or links to) a file this
    run reads; a path that does not exist yet is never an input."""
    if not output.exists():
        return
    config = config_for(options)
    for what, path in _inputs(config, options):
        if _same_file(output, path):
            raise OutputIsInputError(
                f"--output {output} is {what}: evdict never writes over a file it reads; "
                "choose another path"
            )
    if output.is_file() and _is_source(output, config):
        raise OutputIsInputError(
            f"--output {output} is a source file the scan reads: evdict never writes over "
            "a file it reads; choose another path"
        )


def _inputs(config: Config, options: Options) -> Iterator[tuple[str, Path]]:
    if config.path is not None:
        yield "the config file", config.path
    for plan_file in find_plan_files(config.root, config.plan):
        yield "a plan file", plan_file
    for path in options.paths:
        yield "an input given on the command line", path
    if options.baseline is not None:
        yield "the --baseline file", options.baseline


def _is_source(output: Path, config: Config) -> bool:
    # The scanner is imported only when an --output exists already.
    from evdict.scanner.discover import Globs

    try:
        relative = output.resolve().relative_to(config.root.resolve())
    except ValueError:
        return False
    return Globs(config.include).matches(relative.as_posix())


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:
        return False
