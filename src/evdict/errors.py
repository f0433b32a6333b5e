"""The one error a user can cause: :class:`UsageError` (exit code 2), and its kinds.

Commands raise these; the command line catches :class:`UsageError` once and prints it
with its file and line. Anything else escaping a command is a bug.
"""

from __future__ import annotations


class UsageError(Exception):
    """Bad usage (an option, the config, a revision, a request): exit code 2."""

    def __init__(
        self, message: str, path: str | None = None, line: int = 0, column: int = 0
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        return f"{where}: {self.message}"


class ConfigError(UsageError):
    """The configuration (or an option naming a file) cannot be used. ``key`` is the
    config key at fault (``("budget", "min")``), for the loader to locate it."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int = 0,
        column: int = 0,
        *,
        key: tuple[str | int, ...] = (),
    ) -> None:
        super().__init__(message, path, line, column)
        self.key = key


class ConfigErrors(ConfigError):
    """Every problem of a config at once, one a line, each with its file and position."""

    def __init__(self, problems: list[ConfigError]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class GitError(UsageError):
    """git is missing, the directory is not a repository, or a revision is unknown."""


class GitMissing(GitError):
    """No ``git`` executable on PATH."""


class DiffError(UsageError):
    """The comparison cannot be made: a plan at one side does not parse."""


class InitError(UsageError):
    """The scaffold would overwrite files (unless ``--force``)."""


class PlanEditError(UsageError):
    """A plan file cannot be edited safely (the message says why)."""


class RenameError(UsageError):
    """The rename is refused; nothing was written."""
