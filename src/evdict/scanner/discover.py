"""Which files are sources: the config's include/exclude globs, ``.gitignore``, size limits.

Globs use gitignore semantics relative to the config root (``**/*.py`` matches at any
depth, ``src/*.py`` is anchored), with brace alternatives expanded
(``**/*.{js,ts}``). Excluded and ignored directories are pruned, never walked.
Symbolic links are followed; a link back into one of its own ancestors is a loop,
skipped with a note. Nothing here reads a file's content but that of a Python module
named like a test under the default excludes: one that defines no test is scanned.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

import pathspec

from evdict.config import DEFAULT_EXCLUDE, TEST_MODULE_NAMES, Config, expand_braces
from evdict.errors import ConfigError

LANGUAGES = {
    ".py": "python",
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".vue": "typescript",
    ".svelte": "typescript",
}
# What makes a module a test for pytest or unittest: a test function, method or class,
# or an import of a test framework or of mock (helpers that fake clients).
_DEFINES_TESTS = re.compile(
    rb"(?m)^[ \t]*(?:(?:async[ \t]+)?def[ \t]+test|class[ \t]+Test"
    rb"|(?:from|import)[ \t]+(?:pytest|unittest|mock|hypothesis)\b)"
)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True, slots=True)
class SourceFile:
    # The OS path as a string: a Path per file costs more than walking the tree.
    path: str
    rel: str
    size: int
    mtime_ns: int
    language: str


@dataclass
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    too_large: list[SourceFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Globs:
    """A list of globs (gitignore syntax): ``matches(rel)``. Without negated patterns,
    one combined regex (pathspec alone tests every pattern in turn, per file)."""

    def __init__(self, globs: Iterable[str]) -> None:
        lines = [expanded for glob in globs for expanded in expand_braces(glob)]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)  # see _gitignore_spec
                self.spec = pathspec.PathSpec.from_lines("gitignore", lines)
        except (ValueError, re.error) as exc:  # a config read from a file was checked already
            raise ConfigError(f"a glob in sources is not usable: {exc}") from exc
        patterns = [pattern for pattern in self.spec.patterns if pattern.include is not None]
        self._regex: re.Pattern[str] | None = None
        if all(pattern.include and pattern.regex is not None for pattern in patterns):
            sources = [
                _NAMED_GROUP.sub("(?:", pattern.regex.pattern)
                for pattern in patterns
                if pattern.regex is not None
            ]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)  # see _gitignore_spec
                self._regex = re.compile("|".join(f"(?:{source})" for source in sources) or "(?!)")

    def matches(self, rel: str) -> bool:
        if self._regex is not None:
            return self._regex.match(rel) is not None
        return bool(self.spec.match_file(rel))


class _Ignores:
    """The ``.gitignore`` files that apply to a directory, deepest last."""

    def __init__(self, root: Path) -> None:
        self.specs: list[tuple[str, str, pathspec.GitIgnoreSpec]] = []
        # .gitignore files between the git work tree's top and the config root apply too.
        ancestors: list[Path] = []
        for directory in (root, *root.parents):
            ancestors.append(directory)
            if (directory / ".git").exists():
                exclude = directory / ".git" / "info" / "exclude"
                self._add(exclude, "", _prefix(root, directory))
                break
        else:
            ancestors = [root]
        for directory in reversed(ancestors):
            self._add(directory / ".gitignore", "", _prefix(root, directory))

    def _add(self, file: Path, strip: str, add: str) -> None:
        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self.specs.append((strip, add, _gitignore_spec(lines)))

    def enter(self, directory: Path, rel: str) -> int:
        """Read ``rel/.gitignore`` if any; returns how many specs to pop on leaving."""
        before = len(self.specs)
        if rel:
            self._add(directory / ".gitignore", rel, "")
        return len(self.specs) - before

    def leave(self, count: int) -> None:
        del self.specs[len(self.specs) - count :]

    def ignored(self, rel: str) -> bool:
        for strip, add, spec in reversed(self.specs):
            if strip and not rel.startswith(strip):
                continue
            verdict = spec.check_file(add + rel[len(strip) :]).include
            if verdict is not None:
                return verdict
        return False


def _prefix(root: Path, ancestor: Path) -> str:
    rel = root.relative_to(ancestor).as_posix()
    return "" if rel == "." else rel + "/"


def discover(config: Config) -> Discovery:
    """Every source file under the config root, sorted by path."""
    found = Discovery()
    by_default = config.exclude == DEFAULT_EXCLUDE
    walk = _Walk(
        Globs(config.include),
        Globs(
            [glob for glob in config.exclude if glob not in (*TEST_MODULE_NAMES, *_OUTPUT)]
            if by_default
            else config.exclude
        ),
        _Ignores(config.root) if config.respect_gitignore else None,
        found.notes,
        Globs(_OUTPUT) if by_default else None,
    )
    # Left to the defaults, a module named like a test is excluded when it defines one.
    test_names = Globs(TEST_MODULE_NAMES) if by_default else None
    root = str(config.root)
    for path, rel, stat in walk.walk(root, "", [os.path.realpath(root)]):
        # os.path, not PurePosixPath: a path object per file costs as much as the walk
        language = LANGUAGES.get(os.path.splitext(rel)[1].lower())  # noqa: PTH122
        if language is None:
            continue
        if (
            test_names is not None
            and test_names.matches(rel)
            and _defines_tests(path, stat, config)
        ):
            continue
        source = SourceFile(path, rel, stat.st_size, stat.st_mtime_ns, language)
        if stat.st_size > config.max_file_size:
            found.too_large.append(source)
        else:
            found.files.append(source)
    found.files.sort(key=lambda source: source.rel)
    return found


_OUTPUT = ("**/dist/**", "**/build/**")
"""The default excludes of build output. A folder so named inside a ``src`` folder is
source (a CLI's ``src/commands/build/``): output is written beside ``src``, not in it."""
_OUTPUT_IN_SOURCE = Globs(("**/src/**/dist/**", "**/src/**/build/**"))


class _Walk:
    def __init__(
        self,
        include: Globs,
        exclude: Globs,
        ignores: _Ignores | None,
        notes: list[str],
        output: Globs | None = None,
    ) -> None:
        self.include = include
        self.exclude = exclude
        self.ignores = ignores
        self.notes = notes
        self.output = output

    def excluded(self, rel: str) -> bool:
        if self.exclude.matches(rel):
            return True
        output = self.output
        return output is not None and output.matches(rel) and not _OUTPUT_IN_SOURCE.matches(rel)

    def walk(
        self, directory: str, rel: str, real: list[str]
    ) -> Iterator[tuple[str, str, os.stat_result]]:
        """Files under ``directory`` (``rel`` to the root); ``real`` holds the real paths
        of the directories being walked, to tell a symlink loop."""
        pushed = self.ignores.enter(Path(directory), rel) if self.ignores else 0
        try:
            with os.scandir(directory) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:
            self.notes.append(f"cannot read directory {directory}: {exc.strerror or exc}")
            listing = []
        for entry in listing:
            child_rel = f"{rel}{entry.name}"
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from self.directory(entry, child_rel + "/", real)
            elif self.include.matches(child_rel) and not self.excluded(child_rel):
                if self.ignores and self.ignores.ignored(child_rel):
                    continue
                try:
                    stat = entry.stat()
                except OSError as exc:
                    reason = "broken symbolic link" if entry.is_symlink() else exc.strerror
                    self.notes.append(f"cannot read {entry.path}: {reason or exc}")
                    continue
                if not S_ISREG(stat.st_mode):  # a FIFO would block, /dev/zero never ends
                    self.notes.append(f"not a regular file, not read: {entry.path}")
                    continue
                yield entry.path, child_rel, stat
        if self.ignores:
            self.ignores.leave(pushed)

    def directory(
        self, entry: os.DirEntry[str], rel: str, real: list[str]
    ) -> Iterator[tuple[str, str, os.stat_result]]:
        if self.excluded(rel) or (self.ignores and self.ignores.ignored(rel)):
            return
        target = f"{real[-1]}/{entry.name}"
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if any(target == seen or seen.startswith(target + "/") for seen in real):
                self.notes.append(f"symlink loop at {entry.path}: skipped")
                return
        real.append(target)
        yield from self.walk(entry.path, rel, real)
        real.pop()


def _gitignore_spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    """A ``.gitignore``'s patterns. Git skips a line it cannot read (``!``, ``[z-a]``), so
    evdict does too, instead of failing the scan over someone else's file. A set inside
    a set (``[[]``) makes Python's ``re`` warn of a future change; the meaning today is git's."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        try:
            return pathspec.GitIgnoreSpec.from_lines(lines)
        except (ValueError, re.error):  # GitIgnorePatternError is a ValueError
            return pathspec.GitIgnoreSpec.from_lines(line for line in lines if _readable(line))


def _readable(line: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except (ValueError, re.error):
        return False
    return True


def _defines_tests(path: str, stat: os.stat_result, config: Config) -> bool:
    """Whether a module named like a test is one; too large to scan or unreadable, it is
    left out as its name says."""
    if stat.st_size > config.max_file_size:
        return True
    try:
        with open(path, "rb") as module:  # noqa: PTH123 (an OS path, as in the walk)
            return _DEFINES_TESTS.search(module.read()) is not None
    except OSError:
        return True
