"""Find, read and validate the configuration; fill in the spec's defaults."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evdict.errors import ConfigError

CONFIG_NAMES = ("evdict.yaml", "evdict.yml", ".evdict.yaml")
DEFAULT_PLAN = ("events.yaml", "tracking-plan/**/*.yaml")
DEFAULT_INCLUDE = ("**/*.py", "**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,vue,svelte}")
DEFAULT_EXCLUDE = (
    "**/node_modules/**",
    "**/dist/**",
    "**/build/**",
    "**/.venv/**",
    "**/venv/**",
    "**/.git/**",
    "**/*.min.js",
)
DEFAULT_CATEGORIES = ("activation", "adoption", "retention", "friction")
DEFAULT_MAX_FILE_SIZE = 1_000_000


@dataclass(frozen=True)
class RuleSelection:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """The validated configuration. Sections owned by one rule family stay dicts
    (``naming``, ``budget``, ``duplicates``, ``pii``) and are read by that family."""

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
    naming: dict[str, Any] = field(default_factory=dict)
    budget: dict[str, Any] = field(default_factory=dict)
    duplicates: dict[str, Any] = field(default_factory=dict)
    pii: dict[str, Any] = field(default_factory=dict)
    diff: dict[str, Any] = field(default_factory=dict)
    rules: RuleSelection = field(default_factory=RuleSelection)
    repo_url: str | None = None
    cache_dir: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any], root: Path, path: Path | None = None) -> Config:
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
            naming=dict(data.get("naming") or {}),
            budget=dict(data.get("budget") or {}),
            duplicates=dict(data.get("duplicates") or {}),
            pii=dict(data.get("pii") or {}),
            diff=dict(data.get("diff") or {}),
            rules=RuleSelection(
                select=tuple(rules.get("select", ("ALL",))),
                ignore=tuple(rules.get("ignore", ())),
                severity=dict(rules.get("severity") or {}),
            ),
            repo_url=data.get("repo_url"),
            cache_dir=(root / cache_dir) if cache_dir else None,
            raw=data,
        )

    @property
    def cache_root(self) -> Path:
        """Where caches live: ``cache_dir`` from the config, else ``.evdict_cache/`` beside it."""
        return self.cache_dir or self.root / ".evdict_cache"

    def relative(self, path: Path) -> str:
        """A path as shown in diagnostics: relative to the working directory when inside it."""
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing, or a broken or looping link: not followed
            resolved = path.parent.resolve() / path.name
        try:
            return str(resolved.relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)


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


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Load the config at ``path`` (``--config``), or the discovered one, or defaults."""
    if path is None:
        path = discover(start)
        if path is None:
            return Config(root=(start or Path.cwd()).resolve())
    elif not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    shown = os.path.relpath(path) if path.is_absolute() else str(path)
    if path.name == "pyproject.toml":
        data = _read_pyproject(path, shown)
    else:
        data = _read_yaml(path, shown)
    return Config.from_data(data, root=path.resolve().parent, path=path)


def _read_text(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", shown) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", shown) from exc


def _read_yaml(path: Path, shown: str) -> dict[str, Any]:
    from evdict.schema import CONFIG_SCHEMA, check_document
    from evdict.yamlsource import load_yaml

    document = load_yaml(_read_text(path, shown), shown)
    for problem in document.problems:
        raise ConfigError(f"EV001 {problem.message}", shown, problem.line, problem.column)
    if document.data is None:
        document.data = {}
    for schema_problem in check_document(document, CONFIG_SCHEMA):
        raise ConfigError(schema_problem.message, shown, schema_problem.line, schema_problem.column)
    return dict(document.data)


def _read_pyproject(path: Path, shown: str) -> dict[str, Any]:
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
    for problem in check_document(document, CONFIG_SCHEMA):
        line = _toml_line(text, problem.path)
        raise ConfigError(f"[tool.evdict] {problem.message}", shown, line, 1)
    return dict(section)


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
