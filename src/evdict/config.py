"""Find, read and validate the configuration; fill in the spec's defaults."""

from __future__ import annotations

import functools
import os
import re
import tomllib
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evdict.errors import ConfigError, ConfigErrors
from evdict.linear_regex import UnsupportedPattern, compile_linear
from evdict.settings import (
    DiffSettings,
    DuplicatesSettings,
    Limits,
    NamingSettings,
    PiiSettings,
    bad_regex_message,
    bound_problems,
)

CONFIG_NAMES = ("evdict.yaml", "evdict.yml", ".evdict.yaml")
DEFAULT_PLAN = ("events.yaml", "tracking-plan/**/*.yaml")
DEFAULT_INCLUDE = ("**/*.py", "**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,vue,svelte}")
TEST_MODULE_NAMES = ("**/test_*.py", "**/*_test.py")
"""Python test modules by name; with the default excludes, one that defines no test is
a product module named like one (``registry/giskard_test.py``) and is scanned
(:mod:`evdict.scanner.discover`)."""
DEFAULT_EXCLUDE = (
    "**/node_modules/**",
    "**/dist/**",
    "**/build/**",
    "**/.venv/**",
    "**/venv/**",
    "**/.git/**",
    "**/*.min.js",
    # Tests, mocks and stories send made-up events through real or fake clients: they are
    # not the product's tracking (include them again by listing your own `exclude`).
    "**/tests/**",
    "**/test/**",
    "**/__tests__/**",
    "**/__mocks__/**",
    *TEST_MODULE_NAMES,
    "**/conftest.py",
    "**/*.test.*",
    "**/*.spec.*",
    "**/*.stories.*",
)
DEFAULT_CATEGORIES = ("activation", "adoption", "retention", "friction")
DEFAULT_MAX_FILE_SIZE = 1_000_000
DEFAULT_CACHE_MAX_MEGABYTES = 512


@dataclass(frozen=True)
class RuleSelection:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """The validated configuration: every section typed and checked when it is loaded, so
    a mistake is reported once, before any rule runs."""

    root: Path
    path: Path | None = None
    plan: tuple[str, ...] = DEFAULT_PLAN
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    respect_gitignore: bool = True
    sdks: tuple[str, ...] | None = None
    receivers: dict[str, list[str]] = field(default_factory=dict)
    wrappers: tuple[dict[str, Any], ...] = ()
    infer_wrappers: bool = True
    enum_event_names: str = "value"
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    naming: NamingSettings = field(default_factory=NamingSettings)
    budget: Limits = field(default_factory=Limits)
    duplicates: DuplicatesSettings = field(default_factory=DuplicatesSettings)
    pii: PiiSettings = field(default_factory=PiiSettings)
    diff: DiffSettings = field(default_factory=DiffSettings)
    rules: RuleSelection = field(default_factory=RuleSelection)
    repo_url: str | None = None
    cache_dir: Path | None = None
    cache_max_megabytes: int = DEFAULT_CACHE_MAX_MEGABYTES
    raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any], root: Path, path: Path | None = None) -> Config:
        """The validated config; a section that cannot be used is a :class:`ConfigError`."""
        shown = shown_path(path) if path is not None else None
        sources = data.get("sources") or {}
        rules = data.get("rules") or {}
        plan = data.get("plan", DEFAULT_PLAN)
        cache_dir = data.get("cache_dir")
        sdks = data.get("sdks")
        return cls(
            root=root,
            path=path,
            plan=(plan,) if isinstance(plan, str) else tuple(plan),
            include=tuple(sources.get("include", DEFAULT_INCLUDE)),
            exclude=tuple(sources.get("exclude", DEFAULT_EXCLUDE)),
            max_file_size=sources.get("max_file_size", DEFAULT_MAX_FILE_SIZE),
            respect_gitignore=sources.get("respect_gitignore", True),
            sdks=tuple(sdks) if sdks is not None else None,
            receivers=dict(data.get("receivers") or {}),
            wrappers=tuple(data.get("wrappers") or ()),
            infer_wrappers=data.get("infer_wrappers", True),
            enum_event_names=data.get("enum_event_names", "value"),
            categories=tuple(data.get("categories", DEFAULT_CATEGORIES)),
            naming=NamingSettings.from_section(data.get("naming") or {}, shown),
            budget=Limits.from_section(data.get("budget") or {}, shown),
            duplicates=DuplicatesSettings.from_section(data.get("duplicates") or {}),
            pii=PiiSettings.from_section(data.get("pii") or {}),
            diff=DiffSettings.from_section(data.get("diff") or {}),
            rules=RuleSelection(
                select=tuple(rules.get("select", ("ALL",))),
                ignore=tuple(rules.get("ignore", ())),
                severity=dict(rules.get("severity") or {}),
            ),
            repo_url=data.get("repo_url"),
            cache_dir=(root / cache_dir) if cache_dir else None,
            cache_max_megabytes=data.get("cache_max_megabytes", DEFAULT_CACHE_MAX_MEGABYTES),
            raw=data,
        )

    @property
    def cache_root(self) -> Path:
        """Where caches live: ``cache_dir`` from the config, else this project's folder in
        the user's cache folder (:func:`evdict.cachestore.project_cache_dir`)."""
        if self.cache_dir is not None:
            return self.cache_dir
        from evdict.cachestore import project_cache_dir  # every command imports this module

        return project_cache_dir(self.root)

    @property
    def cache_max_bytes(self) -> int:
        return self.cache_max_megabytes * 1_000_000

    @functools.cached_property
    def _cache_refusal(self) -> str | None:
        # Judged once per config: a check opens three caches (plan, scan, lexicon), and a
        # cache_dir inside the project costs a `git ls-files` each time it is judged.
        from evdict.cachestore import refusal

        return refusal(self.root.resolve(), self.cache_dir, self.cache_root.resolve(), shown_path)

    def checked_cache_root(self) -> Path:
        """:attr:`cache_root`, or a :class:`ConfigError` at the ``cache_dir`` line saying
        why it cannot be a cache folder of its own (:func:`evdict.cachestore.refusal`)."""
        problem = self._cache_refusal
        if problem is not None:
            raise self.error_at("cache_dir", problem)
        return self.cache_root

    def error_at(self, key: str, message: str) -> ConfigError:
        """A :class:`ConfigError` at the top-level ``key`` of the config file (read again:
        only an error needs a position)."""
        if self.path is None:
            return ConfigError(message)
        shown = shown_path(self.path)
        read = _read_pyproject if self.path.name == "pyproject.toml" else _read_yaml
        try:
            locate = read(self.path, shown)[1]
        except ConfigError:
            return ConfigError(message, shown)
        where = locate((key,)) if key in self.raw else (0, 0)
        return ConfigError(message, shown, *where, key=(key,))

    def relative(self, path: Path) -> str:
        """A path as shown in diagnostics: relative to the working directory when inside it."""
        return shown_path(path)


@dataclass(frozen=True)
class Options:
    """Everything a command line can say about a run, as one typed object."""

    config_path: Path | None = None
    paths: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    use_cache: bool = True
    jobs: int | None = None
    # Report only findings this baseline file does not record (``--baseline``);
    # with ``update_baseline``, record the current findings in it first.
    baseline: Path | None = None
    update_baseline: bool = False
    # ``scan --suggest-config``: also list the plausible calls that could not be proven.
    suggest_config: bool = False
    # ``validate``'s EXPORTs (or ``--from-results`` FILE): data it reads, not paths the
    # project is found from (as ``paths`` are): the config is the working directory's.
    exports: tuple[Path, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)


def discover(start: Path | None = None) -> Path | None:
    """The nearest ``evdict.yaml`` or ``pyproject.toml`` with ``[tool.evdict]``, walking up."""
    directory = (start or Path.cwd()).resolve()
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\[tool\.evdict[\].]", text, re.MULTILINE) is not None


# Files that say a folder is a project's top (with no git repository to say it).
PROJECT_MANIFESTS = (
    "package.json",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "Pipfile",
    "requirements.txt",
    "tsconfig.json",
)


def project_root(start: Path | None = None) -> Path:
    """Where a project with no config is rooted, as pre-commit and ruff users expect: the
    git repository holding ``start`` (a ``.git`` folder, or file in a worktree or
    submodule). A monorepo's file given alone is then read with its workspace packages
    and tsconfig paths, as from the repository's root.

    Outside a repository, the outermost folder from ``start`` up to the working
    directory that holds a project manifest; with none, ``start``'s folder (above the
    Python packages holding it, so absolute imports resolve). Never the working
    directory for want of anything better: ``evdict scan app`` run from a folder of
    many projects would read every one of them. A ``start`` outside the working
    directory is rooted by the scan at the folder given."""
    cwd = Path.cwd().resolve()
    directory = (start or cwd).resolve()
    for folder in (directory, *directory.parents):
        if (folder / ".git").exists():
            return folder
    if not directory.is_relative_to(cwd):
        return cwd
    between = [directory, *(folder for folder in directory.parents if folder.is_relative_to(cwd))]
    marked = [
        folder for folder in between if any((folder / name).is_file() for name in PROJECT_MANIFESTS)
    ]
    if marked:
        return marked[-1]
    while directory != cwd and (directory / "__init__.py").is_file():
        directory = directory.parent
    return directory


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Load the config at ``path`` (``--config``), else the one found walking up from
    ``start`` (then from the working directory), else defaults rooted at
    :func:`project_root`."""
    if path is None:
        path = discover(start) or (discover() if start is not None else None)
        if path is None:
            return Config(root=project_root(start))
    elif not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    shown = os.path.relpath(path) if path.is_absolute() else str(path)
    if path.name == "pyproject.toml":
        data, locate = _read_pyproject(path, shown)
    else:
        data, locate = _read_yaml(path, shown)
    try:
        return Config.from_data(data, root=path.resolve().parent, path=path)
    except ConfigError as exc:
        if not exc.key or exc.line:
            raise
        line, column = locate(exc.key)
        raise ConfigError(exc.message, shown, line, column, key=exc.key) from None


# The line and column of a config key, for a problem found after the schema's.
Locator = Callable[[tuple[str | int, ...]], tuple[int, int]]


def _raise_all(problems: list[ConfigError]) -> None:
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ConfigErrors(problems)


def _read_text(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", shown) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", shown) from exc


def _read_yaml(path: Path, shown: str) -> tuple[dict[str, Any], Locator]:
    # Loaded only when a config file exists: every command imports this module.
    from evdict.schema import CONFIG_SCHEMA, check_document
    from evdict.yamlsource import load_yaml

    document = load_yaml(_read_text(path, shown), shown)
    _raise_all(
        [
            ConfigError(f"EV001 {problem.message}", shown, problem.line, problem.column)
            for problem in document.problems
        ]
    )
    if document.data is None:
        document.data = {}

    def locate(key: tuple[str | int, ...]) -> tuple[int, int]:
        return document.locate(key, key=True)

    problems = [
        ConfigError(problem.message, shown, problem.line, problem.column)
        for problem in check_document(document, CONFIG_SCHEMA)
    ]
    problems += [
        ConfigError(message, shown, *locate(key), key=key)
        for message, key in _cross_field_problems(document.data)
    ]
    _raise_all(sorted(problems, key=lambda problem: (problem.line, problem.column)))
    return dict(document.data), locate


def _cross_field_problems(data: Any) -> list[tuple[str, tuple[str | int, ...]]]:
    """What the schema cannot say, found alongside its problems so all come at once."""
    if not isinstance(data, Mapping):
        return []
    budget = data.get("budget")
    found: list[tuple[str, tuple[str | int, ...]]] = []
    if isinstance(budget, Mapping):
        found += bound_problems(budget)
    found += pattern_problems(data)
    return found


def _read_pyproject(path: Path, shown: str) -> tuple[dict[str, Any], Locator]:
    # Loaded only when a config file exists: every command imports this module.
    from evdict.schema import CONFIG_SCHEMA, check_document
    from evdict.yamlsource import YamlDocument

    text = _read_text(path, shown)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 0)
        raise ConfigError(f"invalid TOML: {exc}", shown, line, getattr(exc, "colno", 0)) from exc
    section = data.get("tool", {}).get("evdict", {})
    document = YamlDocument(shown, section)

    def locate(key: tuple[str | int, ...]) -> tuple[int, int]:
        return _toml_line(text, key), 1

    problems = [
        ConfigError(f"[tool.evdict] {problem.message}", shown, *locate(problem.path))
        for problem in check_document(document, CONFIG_SCHEMA)
    ]
    problems += [
        ConfigError(f"[tool.evdict] {message}", shown, *locate(key), key=key)
        for message, key in _cross_field_problems(section)
    ]
    _raise_all(problems)
    return dict(section), locate


_BRACES = re.compile(r"\{([^{}]*)\}")


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


def pattern_problems(data: Mapping[str, Any]) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """The globs and regular expressions in config ``data`` that cannot be used, each
    with its key path (read before the config is built, where lines are known)."""
    import pathspec  # only when a config file is read

    sources = data.get("sources") or {}
    for key in ("include", "exclude"):
        for index, glob in enumerate(sources.get(key) or ()):
            try:
                with warnings.catch_warnings():  # `[[]`: re warns of a nested set; it works
                    warnings.simplefilter("ignore", FutureWarning)
                    # as discovery reads it: ``!{}`` is ``!``, no pattern
                    lines = expand_braces(glob) if isinstance(glob, str) else [glob]
                    pathspec.PathSpec.from_lines("gitignore", lines)
            except (ValueError, re.error) as exc:  # GitIgnorePatternError is a ValueError
                message = f"sources.{key}: {glob!r} is not a usable glob: {exc}"
                yield message, ("sources", key, index)
    naming = data.get("naming") or {}
    for kind in ("events", "properties"):
        source = (naming.get(kind) or {}).get("regex")
        if isinstance(source, str):
            try:
                compile_linear(source)
            except UnsupportedPattern as exc:
                yield bad_regex_message(f"naming.{kind}.regex", exc), ("naming", kind, "regex")


def _toml_line(text: str, path: tuple[str | int, ...]) -> int:
    """TOML has no positions: find the key under ``[tool.evdict...]``, else the header."""
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if line.strip().startswith("[tool.evdict")), 0)
    names = [part for part in path if isinstance(part, str)]
    if names:
        pattern = re.compile(rf"^\s*\"?{re.escape(names[-1])}\"?\s*=")
        for index in range(header, len(lines)):
            if pattern.match(lines[index]):
                return index + 1
    return header + 1


def shown_path(path: Path) -> str:
    """A path as shown to the user: relative to the working directory when inside it."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a broken or looping link: not followed
        resolved = path.parent.resolve() / path.name
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
