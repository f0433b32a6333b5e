"""``evdict import``: another tool's tracking plan written as evdict plan files, linted.

The events read (:mod:`evdict.importers`) go to one file, ``events.yaml``, or one per
category or owner (``--split``), all written or none (:func:`evdict.transaction.write_all`)
inside the output folder: never through a symlink, never over a plan file without
``force``. The files are then linted as they stand, so what the source let slip (a
trailing space in a name, a missing description) is reported, not silently fixed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from evdict.checker import lint
from evdict.commands.draft import YAML_WORDS, yaml_key, yaml_quoted
from evdict.commands.output_guard import ReadFiles, config_file
from evdict.config import Config, Options, discover, load_config
from evdict.errors import UsageError
from evdict.importers.model import Imported
from evdict.importers.registry import read_plan
from evdict.result import CheckResult
from evdict.transaction import FileWrite, write_all

Split = Literal["none", "category", "owner"]
SPLITS: tuple[Split, ...] = ("none", "category", "owner")
PLAN_FILE = "events.yaml"
# Kept as the JSON values they are (a schema, a list of values), written in flow style.
_FLOW_KEYS = frozenset({"items", "const", "enum", "examples"})
_PLAIN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9_ .,;!?'()/&+-]*[A-Za-z0-9_.)!?]|[A-Za-z]")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


class PlanImportError(UsageError):
    """The import cannot be written (a plan file exists, a symlink is in the way)."""


@dataclass(frozen=True)
class ImportResult:
    imported: Imported
    # Each file written, with how many events it holds.
    written: tuple[tuple[Path, int], ...]
    findings: CheckResult | None


def import_plan(
    fmt: str, sources: list[Path], out: Path, *, split: Split = "none", force: bool = False
) -> ImportResult:
    """Read ``sources`` as ``fmt``, write the plan files under ``out`` and lint them;
    nothing is written when no event was read."""
    imported = read_plan(fmt, sources)
    if not imported.events:
        return ImportResult(imported, (), None)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise PlanImportError(f"{out} is a symlink or not a folder: the plan is not written there")
    files = split_events(imported.events, split)
    config = _project_config(out)
    # Plan files may be replaced (with force): the config, the files imported from and
    # the sources the scan reads may not.
    named = [*config_file(config), *(("a file imported from", source) for source in sources)]
    reads = ReadFiles(config, named)
    header = f"# Imported by `evdict import {fmt}` from {', '.join(s.as_posix() for s in sources)}"
    writes = []
    for name, events in files.items():
        target = out / name
        if target.is_symlink():
            raise PlanImportError(f"{target} is a symlink: not written through")
        reads.refuse(target, "--out")
        if target.exists() and not force:
            raise PlanImportError(f"{target} already exists (use --force to replace it)")
        text = render_plan(events, header)
        writes.append(
            FileWrite(target, text.encode("utf-8"), str(target), create=not target.exists())
        )
    write_all(writes, out)
    findings = lint(Options(use_cache=False), _lint_config(config, out, list(files)))
    return ImportResult(
        imported, tuple((out / name, len(events)) for name, events in files.items()), findings
    )


def _project_config(out: Path) -> Config:
    """The project's config, found from ``out`` upwards (its categories, naming, budgets,
    sources), else the defaults."""
    found = discover(out)
    return load_config(found) if found is not None else Config(root=out.resolve())


def _lint_config(config: Config, out: Path, names: list[str]) -> Config:
    """``config`` reading only the files just written."""
    written = [(out / name).resolve() for name in names]
    return replace(config, plan=tuple(path.relative_to(config.root).as_posix() for path in written))


def split_events(
    events: Mapping[str, dict[str, Any]], split: Split
) -> dict[str, dict[str, dict[str, Any]]]:
    """The file name each event goes to (by ``split``) and the events of each file."""
    files: dict[str, dict[str, dict[str, Any]]] = {}
    for name, spec in events.items():
        files.setdefault(_file_name(spec, split), {})[name] = spec
    return files


def _file_name(spec: dict[str, Any], split: Split) -> str:
    if split == "none":
        return PLAN_FILE
    value = spec.get(split)
    # A category or owner is a file name only in letters, digits and ._- (never a path).
    stem = _UNSAFE_NAME.sub("-", value).strip(".-") if isinstance(value, str) else ""
    return f"{stem or f'no-{split}'}.yaml"


def render_plan(events: Mapping[str, dict[str, Any]], header: str = "") -> str:
    """A plan file holding ``events`` (names and values as they are; YAML that evdict
    reads back to the same data)."""
    lines = [header] if header else []
    lines.append("events:" if events else "events: {}")
    _block(events, 2, lines)
    return "\n".join(lines) + "\n"


def _block(data: Mapping[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict) and value and key not in _FLOW_KEYS:
            lines.append(f"{pad}{yaml_key(key)}:")
            _block(value, indent + 2, lines)
        else:
            lines.append(f"{pad}{yaml_key(key)}: {yaml_value(value)}")


def yaml_value(value: Any) -> str:
    """A value as YAML reads it back: plain text when that is safe, else quoted; lists
    and mappings in flow style."""
    if isinstance(value, str) and _PLAIN_TEXT.fullmatch(value) and value.lower() not in YAML_WORDS:
        return value
    if isinstance(value, str):
        return yaml_quoted(value)
    return _flow(value)


def _flow(value: Any) -> str:
    """A JSON value in YAML flow style, its strings quoted as YAML reads them back."""
    if isinstance(value, str):
        return yaml_quoted(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_quoted(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    return json.dumps(value)
