"""Find the plan files, read them, validate each against the schema and merge them."""

from __future__ import annotations

import contextlib
import gc
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evdict.diagnostics import Location
from evdict.errors import ConfigError
from evdict.linear_regex import UnsupportedPattern, compile_linear
from evdict.plan.model import Event, Funnel, FunnelStep, LoadProblem, Origin, Plan, Property
from evdict.schema import PLAN_SCHEMA, check_document, dotted
from evdict.yamlsource import PathKey, YamlDocument, load_yaml

if TYPE_CHECKING:
    from evdict.plan.cache import ParseCache

_SECTIONS = ("properties", "events", "funnels")
_BOM = "\ufeff"
_GLOB_MAGIC = re.compile(r"[*?[]")


def find_plan_files(
    root: Path, patterns: Sequence[str], *, configured: str | None = None
) -> list[Path]:
    """Plan files matching ``patterns`` under ``root``, each once, in a stable order.

    A file reached twice (two patterns, or a symbolic link to it) counts once. A
    broken symbolic link is kept so that reading it reports the problem; directories
    and special files (a FIFO would block the read) are not plan files.

    ``configured`` names the config file that set ``patterns``: a plan it names must be
    there (:class:`ConfigError`, exit 2, when no file is found, or when a file it names
    is a directory, a FIFO or a broken link), as a run that read no plan would pass.
    """
    found: dict[str, Path] = {}
    for pattern in patterns:
        for path in _glob(root, pattern):
            if path.is_file() or (path.is_symlink() and not path.exists()):
                found.setdefault(os.path.realpath(path), path)
    if configured is not None:
        _require_plan(root, patterns, configured, bool(found))
    return list(found.values())


def _require_plan(root: Path, patterns: Sequence[str], config: str, found: bool) -> None:
    """Raise when a file the config names is something else, or nothing was found."""
    named = [pattern for pattern in patterns if not _GLOB_MAGIC.search(pattern)]
    for pattern in named:
        what = _not_a_file(root / pattern)
        if what is not None and (found is False or what != "does not exist"):
            raise ConfigError(f"plan file {pattern} {what}: the plan cannot be read", config)
    if not found:
        raise ConfigError(f"no plan file matches `plan: [{', '.join(patterns)}]`", config)


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a readable plan file (None when it is a regular file)."""
    if path.is_symlink() and not path.exists():
        return f"is a symbolic link to '{path.readlink()}', which does not exist"
    if not path.exists():
        return "does not exist"
    if path.is_dir():
        return "is a directory"
    if not path.is_file():
        return "is not a regular file (a FIFO, a socket or a device)"
    return None


def _glob(root: Path, pattern: str) -> list[Path]:
    base = root
    if Path(pattern).is_absolute():
        base = Path(Path(pattern).anchor)
        pattern = pattern[len(base.anchor) :]
    try:
        return sorted(base.glob(pattern))
    except ValueError as exc:
        raise ConfigError(f"plan pattern {pattern!r} is not usable: {exc}") from exc


def read_document(
    path: Path, shown: str, cache: ParseCache | None = None
) -> tuple[YamlDocument, list[LoadProblem]]:
    """Read one plan file. Unreadable, non-UTF-8 and invalid YAML become problems.

    With a ``cache``, a file whose bytes were parsed before is not parsed again.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if path.is_symlink():
            reason = f"{reason} (a symbolic link to '{path.readlink()}')"
        problem = LoadProblem("syntax", f"cannot read the file: {reason}", Location(shown))
        return YamlDocument(shown, None), [problem]
    if cache is not None:
        cached = cache.get(path, raw, shown)
        if cached is not None:
            return cached
    document, problems = _decode_and_parse(raw, shown)
    if cache is not None:
        cache.put(path, raw, document, problems)
    return document, problems


def _decode_and_parse(raw: bytes, shown: str) -> tuple[YamlDocument, list[LoadProblem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        before = raw[line_start : exc.start].decode("utf-8", "replace").removeprefix(_BOM)
        problem = LoadProblem(
            "syntax",
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            Location(shown, raw.count(b"\n", 0, exc.start) + 1, len(before) + 1),
        )
        return YamlDocument(shown, None), [problem]
    return parse_document(text.removeprefix(_BOM), shown)


def parse_document(text: str, shown: str) -> tuple[YamlDocument, list[LoadProblem]]:
    """Parse and schema-check one plan file's text."""
    document = load_yaml(text, shown)
    problems = [
        LoadProblem(
            "duplicate" if p.kind == "duplicate-key" else "syntax",
            p.message,
            Location(shown, p.line, p.column),
        )
        for p in document.problems
    ]
    if document.data is not None:
        problems.extend(
            LoadProblem("schema", p.message, Location(shown, p.line, p.column), _entry_of(p.path))
            for p in check_document(document, PLAN_SCHEMA)
        )
        problems.extend(_pattern_problems(document, shown))
        problems.extend(_non_json_numbers(document))
    return document, problems


def _has_non_finite(data: Any) -> bool:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, float) and not math.isfinite(value):
            return True
    return False


def _non_json_numbers(document: YamlDocument) -> Iterator[LoadProblem]:
    """YAML's ``.inf`` and ``.nan``: a plan compiles to JSON Schema, and JSON has neither
    (an export would write ``Infinity``, which no JSON parser reads)."""
    if not _has_non_finite(document.data):  # the usual case, without building paths
        return
    stack: list[tuple[PathKey, Any]] = [((), document.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, float) and not math.isfinite(value):
            line, column = document.locate(path)
            shown = ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
            yield LoadProblem(
                "schema",
                f"{dotted(path)}: {shown} is not a JSON number (JSON has no infinity or NaN)",
                Location(document.path, line, column),
                _entry_of(path),
            )


def _pattern_problems(document: YamlDocument, shown: str) -> Iterator[LoadProblem]:
    """A property ``pattern`` RE2 cannot compile (invalid, or a backreference or
    lookaround): values are matched with RE2, so such a pattern would check nothing."""
    data = document.data if isinstance(document.data, dict) else {}
    specs: list[tuple[tuple[str | int, ...], Any]] = []
    for name, spec in _mapping(data.get("properties")).items():
        specs.append((("properties", name), spec))
    for event, event_spec in _mapping(data.get("events")).items():
        for name, spec in _mapping(_mapping(event_spec).get("properties")).items():
            specs.append((("events", event, "properties", name), spec))
    while specs:
        path, spec = specs.pop()
        if not isinstance(spec, dict):
            continue
        pattern = spec.get("pattern")
        if isinstance(pattern, str):
            try:
                compile_linear(pattern)
            except UnsupportedPattern as exc:
                line, column = document.locate((*path, "pattern"))
                yield LoadProblem(
                    "schema",
                    f"`pattern` {pattern!r} cannot be used: {exc}",
                    Location(shown, line, column),
                    _entry_of(path),
                )
        specs.append(((*path, "items"), spec.get("items")))


def _entry_of(path: tuple[str | int, ...]) -> str | None:
    if len(path) >= 2 and path[0] in _SECTIONS:
        if path[0] == "events" and len(path) >= 4 and path[2] == "properties":
            return f"events.{path[1]}.properties.{path[3]}"
        return f"{path[0]}.{path[1]}"
    return None


def merge(documents: Iterable[tuple[YamlDocument, list[LoadProblem]]]) -> Plan:
    """Merge parsed plan files into one plan; a name defined twice is a problem."""
    plan = Plan()
    for document, problems in documents:
        plan.documents.append(document)
        plan.problems.extend(problems)
        if isinstance(document.data, dict):
            _merge_document(plan, document)
    _link_shared_properties(plan)
    return plan


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _merge_document(plan: Plan, document: YamlDocument) -> None:
    data = document.data
    for name, spec in _mapping(data.get("properties")).items():
        origin = Origin(document, ("properties", name))
        if _defined_twice(plan, plan.properties, "property", name, origin):
            continue
        plan.properties[name] = Property(name, _mapping(spec), origin, shared=True)
    for name, spec in _mapping(data.get("events")).items():
        origin = Origin(document, ("events", name))
        if _defined_twice(plan, plan.events, "event", name, origin):
            continue
        event = Event(name, _mapping(spec), origin)
        for prop_name, prop_spec in _mapping(event.spec.get("properties")).items():
            prop_origin = Origin(document, ("events", name, "properties", prop_name))
            event.properties[prop_name] = Property(prop_name, _mapping(prop_spec), prop_origin)
        plan.events[name] = event
    for name, spec in _mapping(data.get("funnels")).items():
        origin = Origin(document, ("funnels", name))
        if _defined_twice(plan, plan.funnels, "funnel", name, origin):
            continue
        funnel = Funnel(name, _mapping(spec), origin)
        steps = funnel.spec.get("steps")
        for index, step in enumerate(steps if isinstance(steps, list) else ()):
            step_origin = Origin(document, ("funnels", name, "steps", index))
            if isinstance(step, str):
                funnel.steps.append(FunnelStep(step, None, step_origin))
            elif isinstance(step, dict) and isinstance(step.get("event"), str):
                within = step.get("within")
                funnel.steps.append(
                    FunnelStep(
                        step["event"], within if isinstance(within, str) else None, step_origin
                    )
                )
        plan.funnels[name] = funnel


def _defined_twice(
    plan: Plan, existing: dict[str, Any], kind: str, name: str, origin: Origin
) -> bool:
    first = existing.get(name)
    if first is None:
        return False
    where = first.origin.location()
    plan.problems.append(
        LoadProblem(
            "duplicate",
            f"{kind} `{name}` is already defined at {where.path}:{where.line}",
            origin.location(),
            f"{origin.path[0]}.{name}",
        )
    )
    return True


def _link_shared_properties(plan: Plan) -> None:
    for _event, prop in plan.event_properties():
        prop.base = plan.properties.get(prop.name)


def load_plan_files(
    paths: Sequence[Path], shown: Sequence[str] | None = None, cache: ParseCache | None = None
) -> Plan:
    """Load and merge the given plan files (``shown`` are the names diagnostics use)."""
    names = shown if shown is not None else [str(path) for path in paths]
    with _without_cyclic_gc():
        return merge(
            read_document(path, name, cache) for path, name in zip(paths, names, strict=True)
        )


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Loading builds a container per YAML node and no reference cycles: the cyclic
    collector would walk the growing heap again and again for nothing (a sixth of a
    large plan's load, see ``benchmarks/lint_plan.py``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
