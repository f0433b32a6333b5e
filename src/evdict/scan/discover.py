"""Which files are sources: the config's include/exclude globs, ``.gitignore``, size limits.

Globs use gitignore semantics relative to the config root (``**/*.py`` matches at any
depth, ``src/*.py`` is anchored), with brace alternatives expanded
(``**/*.{js,ts}``). Excluded and ignored directories are pruned, never walked.
Symbolic links are followed; a link back into one of its own ancestors is a loop,
skipped with a note. Nothing here reads a file's content.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pathspec

from evdict.config import Config

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
}
_BRACES = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    rel: str
    size: int
    mtime_ns: int
    language: str


@dataclass
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    too_large: list[SourceFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def expand_braces(glob: str) -> list[str]:
    """``**/*.{js,ts}`` -> ``**/*.js``, ``**/*.ts`` (nested and repeated groups too)."""
    match = _BRACES.search(glob)
    if match is None:
        return [glob]
    head, tail = glob[: match.start()], glob[match.end() :]
    return [
        expanded
        for option in match.group(1).split(",")
        for expanded in expand_braces(head + option + tail)
    ]


def glob_spec(globs: Iterable[str]) -> pathspec.PathSpec[Any]:
    return pathspec.PathSpec.from_lines(
        "gitignore", [expanded for glob in globs for expanded in expand_braces(glob)]
    )


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
        self.specs.append((strip, add, pathspec.GitIgnoreSpec.from_lines(lines)))

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
    include = glob_spec(config.include)
    exclude = glob_spec(config.exclude)
    ignores = _Ignores(config.root) if config.respect_gitignore else None
    visiting: set[tuple[int, int]] = set()
    for entry in _walk(config.root, "", include, exclude, ignores, visiting, found.notes):
        path, rel = entry
        try:
            stat = path.stat()
        except OSError as exc:
            found.notes.append(f"cannot read {config.relative(path)}: {exc.strerror or exc}")
            continue
        language = LANGUAGES.get(PurePosixPath(rel).suffix.lower())
        if language is None:
            continue
        source = SourceFile(path, rel, stat.st_size, stat.st_mtime_ns, language)
        if stat.st_size > config.max_file_size:
            found.too_large.append(source)
        else:
            found.files.append(source)
    found.files.sort(key=lambda source: source.rel)
    return found


def _walk(
    directory: Path,
    rel: str,
    include: pathspec.PathSpec[Any],
    exclude: pathspec.PathSpec[Any],
    ignores: _Ignores | None,
    visiting: set[tuple[int, int]],
    notes: list[str],
) -> Iterator[tuple[Path, str]]:
    try:
        identity = directory.stat()
    except OSError as exc:
        notes.append(f"cannot read directory {directory}: {exc.strerror or exc}")
        return
    key = (identity.st_dev, identity.st_ino)
    if key in visiting:
        notes.append(f"symlink loop at {directory}: skipped")
        return
    visiting.add(key)
    pushed = ignores.enter(directory, rel) if ignores else 0
    try:
        with os.scandir(directory) as entries:
            listing = sorted(entries, key=lambda entry: entry.name)
    except OSError as exc:
        notes.append(f"cannot read directory {directory}: {exc.strerror or exc}")
        listing = []
    for entry in listing:
        child_rel = f"{rel}{entry.name}"
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            probe = child_rel + "/"
            if exclude.match_file(probe) or (ignores and ignores.ignored(probe)):
                continue
            yield from _walk(Path(entry.path), probe, include, exclude, ignores, visiting, notes)
            continue
        if not include.match_file(child_rel) or exclude.match_file(child_rel):
            continue
        if ignores and ignores.ignored(child_rel):
            continue
        if entry.is_symlink() and not Path(entry.path).exists():
            notes.append(f"cannot read {entry.path}: broken symbolic link")
            continue
        yield Path(entry.path), child_rel
    if ignores:
        ignores.leave(pushed)
    visiting.discard(key)
