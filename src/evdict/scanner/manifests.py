"""Which analytics SDKs a project's manifests list: evidence for a call, never proof.

A file is governed by the manifests of its folder and of every folder above it up to
the project root (a workspace package's ``package.json``, then the root's). Read:

* ``package.json``: ``dependencies``, ``devDependencies``, ``peerDependencies``,
  ``optionalDependencies`` (JavaScript and TypeScript files);
* ``pyproject.toml``: ``[project]`` ``dependencies`` and ``optional-dependencies``,
  ``[dependency-groups]``, Poetry's ``[tool.poetry.dependencies]`` and groups, PDM's
  and uv's dev dependencies; ``setup.cfg``: ``install_requires`` and
  ``extras_require``; ``Pipfile``: ``[packages]``, ``[dev-packages]``;
  ``requirements*.txt`` and ``*.txt``/``*.in`` under a ``requirements/`` folder
  (Python files).

Manifests are data: read with :mod:`json`, :mod:`tomllib` and :mod:`configparser`,
only regular files of at most :data:`MAX_MANIFEST_BYTES`; one that cannot be read or
parsed is left out, silently (it says nothing about the code).
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evdict.scanner.sdk_presets import PRESETS
from evdict.scanner.sdk_presets_js import JS_PRESETS

MAX_MANIFEST_BYTES = 1_000_000
_PACKAGE_JSON_KEYS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_PYTHON_SDKS = {package: preset.name for preset in PRESETS for package in preset.packages}
_JS_SDKS = {package: preset.name for preset in JS_PRESETS for package in preset.packages}


@dataclass(frozen=True)
class Listed:
    """An SDK a manifest lists: its preset's name and language, the package, the file."""

    sdk: str
    language: str
    package: str
    manifest: str


class Manifests:
    """The manifests under ``root``, read once per folder as they are asked for."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[str, tuple[Listed, ...]] = {}
        self._governing: dict[tuple[str, str], frozenset[str]] = {}

    def sdks(self, rel_file: str, language: str) -> frozenset[str]:
        """The SDKs (preset names) of ``language`` that the manifests governing the file
        at ``rel_file`` (relative to the root, ``/``-separated) list."""
        folder = rel_file.rpartition("/")[0]
        key = (folder, language)
        found = self._governing.get(key)
        if found is None:
            found = frozenset(
                listed.sdk
                for each in _ancestors(folder)
                for listed in self.folder(each)
                if listed.language == language
            )
            self._governing[key] = found
        return found

    def listed(self, rel_files: Iterable[str]) -> list[Listed]:
        """Every SDK listed by a manifest governing one of ``rel_files``, in path order."""
        folders = {each for rel in rel_files for each in _ancestors(rel.rpartition("/")[0])}
        found = [listed for folder in sorted(folders) for listed in self.folder(folder)]
        return sorted(set(found), key=lambda listed: (listed.manifest, listed.package))

    def folder(self, rel: str) -> tuple[Listed, ...]:
        """The SDKs listed by the manifests in one folder."""
        found = self._folders.get(rel)
        if found is None:
            found = self._folders[rel] = tuple(self._read_folder(rel))
        return found

    def _read_folder(self, rel: str) -> Iterator[Listed]:
        folder = self.root / rel if rel else self.root
        for name in _manifest_names(folder):
            shown = f"{rel}/{name}" if rel else name
            text = _read(folder / name)
            if text is None:
                continue
            try:
                if name == "package.json":
                    yield from _listed(package_json(text), _JS_SDKS, "javascript", shown)
                else:
                    packages = python_manifest(name.rpartition("/")[2], text)
                    yield from _listed(map(_normalized, packages), _PYTHON_SDKS, "python", shown)
            except (ValueError, TypeError, AttributeError, RecursionError):
                # Malformed (tomllib's and json's errors are ValueErrors) or nested too
                # deep to parse: says nothing.
                continue


def package_json(text: str) -> list[str]:
    """The packages a ``package.json`` depends on."""
    return [name for name, _ in dependencies(json.loads(text))]


def dependencies(data: Any) -> list[tuple[str, Any]]:
    """The packages a parsed ``package.json`` depends on, each with its version as
    written (none when it is no object)."""
    if not isinstance(data, dict):
        return []
    return [
        (name, version)
        for key in _PACKAGE_JSON_KEYS
        if isinstance(data.get(key), dict)
        for name, version in data[key].items()
        if isinstance(name, str)
    ]


def python_manifest(name: str, text: str) -> list[str]:
    """The distributions a Python manifest (by its file name) requires."""
    if name == "pyproject.toml":
        return _pyproject(tomllib.loads(text))
    if name == "Pipfile":
        data = tomllib.loads(text)
        return [
            str(package)
            for key in ("packages", "dev-packages")
            if isinstance(data.get(key), dict)
            for package in data[key]
        ]
    if name == "setup.cfg":
        import configparser  # 2 ms at start-up, for one kind of manifest: only when read

        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text)
        except configparser.Error as exc:
            raise ValueError(str(exc)) from exc
        lines = parser.get("options", "install_requires", fallback="").splitlines()
        if parser.has_section("options.extras_require"):
            for _, value in parser.items("options.extras_require"):
                lines.extend(value.splitlines())
        return _requirements(lines)
    return _requirements(text.splitlines())


def _pyproject(data: dict[str, Any]) -> list[str]:
    project = _table(data, "project")
    tool = _table(data, "tool")
    lists = [project.get("dependencies"), _table(tool, "uv").get("dev-dependencies")]
    for table in (
        _table(project, "optional-dependencies"),
        _table(data, "dependency-groups"),
        _table(_table(tool, "pdm"), "dev-dependencies"),
    ):
        lists.extend(table.values())
    found = _requirements(
        spec
        for specs in lists
        if isinstance(specs, list)
        for spec in specs
        if isinstance(spec, str)
    )
    poetry = _table(tool, "poetry")
    tables = [_table(poetry, "dependencies"), _table(poetry, "dev-dependencies")]
    tables.extend(
        _table(group, "dependencies")
        for group in _table(poetry, "group").values()
        if isinstance(group, dict)
    )
    found.extend(name for table in tables for name in table)
    return found


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    """``data[key]`` when it is a table, else an empty one."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _requirements(lines: Iterable[str]) -> list[str]:
    """The distribution names of requirement lines (PEP 508; options, URLs and
    comments skipped)."""
    found = []
    for line in lines:
        text = line.partition("#")[0].strip()
        if not text or text.startswith("-") or "://" in text.partition(" ")[0]:
            continue
        match = _REQUIREMENT.match(text)
        if match:
            found.append(match[1])
    return found


def _normalized(name: str) -> str:
    """A distribution name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _listed(
    packages: Iterable[str], sdks: dict[str, str], language: str, manifest: str
) -> Iterator[Listed]:
    for package in packages:
        sdk = sdks.get(package)
        if sdk is not None:
            yield Listed(sdk, language, package, manifest)


def _manifest_names(folder: Path) -> list[str]:
    """The manifests in ``folder`` (``requirements/`` files named by their path)."""
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries]
    except OSError:
        return []
    found = [
        name
        for name in names
        if name in ("package.json", "pyproject.toml", "setup.cfg", "Pipfile")
        or (name.startswith("requirements") and name.endswith(".txt"))
    ]
    if "requirements" in names:
        try:
            with os.scandir(folder / "requirements") as entries:
                found.extend(
                    f"requirements/{entry.name}"
                    for entry in entries
                    if entry.name.endswith((".txt", ".in"))
                )
        except OSError:
            pass
    return sorted(found)


def _read(path: Path) -> str | None:
    """A regular file's text, if it is at most :data:`MAX_MANIFEST_BYTES` and UTF-8
    (checked before opening: a FIFO would block, a device never end)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        with open(path, "rb") as handle:  # noqa: PTH123 (one read, bounded)
            data = handle.read(MAX_MANIFEST_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_MANIFEST_BYTES:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _ancestors(folder: str) -> Iterator[str]:
    """``a/b`` -> ``a/b``, ``a``, ``""`` (the root)."""
    while folder:
        yield folder
        folder = folder.rpartition("/")[0]
    yield ""
