"""An output never names an input: a report, a site page, an imported plan or generated
code written over the plan, the config, the export being validated, the baseline or a
scanned source would destroy it.

The files a run reads are judged with the config the command itself uses (passed in,
or :func:`evdict.checker.config_for` as every command resolves it), never one found
another way.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from evdict.checker import config_for
from evdict.config import Config, Options
from evdict.errors import UsageError
from evdict.plan.load import find_plan_files

if TYPE_CHECKING:
    from evdict.scanner.discover import Globs


class OutputIsInputError(UsageError):
    """An output path names a file evdict reads."""


class ReadFiles:
    """The files a run reads, to refuse an output over any of them (or a link to one).

    ``named`` are (what it is, path) pairs; ``sources``: whether a file the scan reads
    (the config's ``sources.include``) counts too.
    """

    def __init__(
        self, config: Config, named: Iterable[tuple[str, Path]], *, sources: bool = True
    ) -> None:
        self.config = config
        self.sources = sources
        self._identities: dict[tuple[int, int], str] = {}
        for what, path in named:
            try:
                found = path.stat()
            except OSError:
                continue
            self._identities.setdefault((found.st_dev, found.st_ino), what)

    @classmethod
    def of_run(
        cls, options: Options, config: Config | None = None, *, sources: bool = True
    ) -> ReadFiles:
        """What a run on ``options`` reads: the config, the plan files, the paths and
        export it was given, the baseline, and (with ``sources``) the sources."""
        config = config or config_for(options)
        return cls(config, _run_inputs(config, options), sources=sources)

    def what(self, output: Path) -> str | None:
        """What ``output`` is among the inputs, or None (a path that does not exist yet
        is never an input)."""
        try:
            found = output.stat()
        except OSError:
            return None
        known = self._identities.get((found.st_dev, found.st_ino))
        if known is not None:
            return known
        if self.sources and output.is_file() and self._is_source(output):
            return "a source file the scan reads"
        return None

    def _is_source(self, output: Path) -> bool:
        try:
            relative = output.resolve().relative_to(self._root)
        except ValueError:
            return False
        return self._include.matches(relative.as_posix())

    @functools.cached_property
    def _root(self) -> Path:
        return self.config.root.resolve()

    @functools.cached_property
    def _include(self) -> Globs:
        # The scanner is imported only when an output exists already.
        from evdict.scanner.discover import Globs

        return Globs(self.config.include)

    def refuse(self, output: Path, option: str) -> None:
        """Raise :class:`OutputIsInputError` when ``output`` is an input; ``option``
        names it as the user gave it (``--output``, ``--out``)."""
        what = self.what(output)
        if what is not None:
            raise OutputIsInputError(
                f"{option} {output} is {what}: evdict never writes over a file it reads; "
                "choose another path"
            )


def refuse_input_as_output(output: Path, options: Options) -> None:
    """``--output`` of a checking command: refused when it is a file the run reads."""
    if os.path.lexists(output):  # a new path is never an input: load nothing for it
        ReadFiles.of_run(options).refuse(output, "--output")


def config_file(config: Config) -> Iterator[tuple[str, Path]]:
    if config.path is not None:
        yield "the config file", config.path


def _run_inputs(config: Config, options: Options) -> Iterator[tuple[str, Path]]:
    yield from config_file(config)
    for plan_file in find_plan_files(config.root, config.plan):
        yield "a plan file", plan_file
    for path in options.paths:
        yield "an input given on the command line", path
    if options.export is not None:
        yield "the file validate reads", options.export
    if options.baseline is not None:
        yield "the --baseline file", options.baseline
