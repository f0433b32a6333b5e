"""Orchestration: discover, prefilter, parse (cached, in parallel when it pays), resolve.

Passes run to a fixed point. Pass 1 parses the files the base prefilter lets through
(SDK calls, declared wrappers, suppression comments); the resolver then infers
wrappers, whose names become triggers for the next pass, and asks for the project
modules it needs (imported constants, enums, clients); those are parsed next. A pass
adds nothing new: done. Facts are cached by content; the stat index spares a warm
run from reading unchanged files at all.

With PATHS, the whole project still provides context (wrappers, constants), mostly
from the cache, but only calls in PATHS are reported. A PATH that is the config root,
the config file or a plan file makes the scan a full one (a plan change concerns
every call site).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, cast

from evdict.collector import rare_collections
from evdict.config import Config
from evdict.errors import ConfigError
from evdict.plan.load import find_plan_files
from evdict.scanner import prefilter
from evdict.scanner.cache import Entry, Index, ScanCache, digest
from evdict.scanner.discover import SourceFile, discover
from evdict.scanner.manifests import Manifests
from evdict.scanner.model import FileFacts, Inventory, SourceProblem, Suggestion, Suppression
from evdict.scanner.parallel import extract_in_workers, read_regular_file
from evdict.scanner.presets import WrapperSpecError
from evdict.scanner.resolve import Module, ModuleNames, Recognizers, Resolution, Resolver
from evdict.scanner.resolve.payload_creators import has_creators
from evdict.scanner.resolve.provided import PROVIDED_TRIGGER, with_provided
from evdict.scanner.resolve.server_relay import TRIGGERS as RELAY_TRIGGERS
from evdict.scanner.resolve.server_relay import relay_sinks
from evdict.scanner.suggest import (
    DESTRUCTURED_TRIGGER,
    sdk_import_pattern,
    sdks_without_calls,
    suggestions,
)
from evdict.scanner.suggest_fanout import fanout_suggestions, frontier
from evdict.scanner.workspace import Workspace

POOL_MIN_BYTES = 1_000_000
"""Start worker processes only above this many bytes to parse (``benchmarks/README.md``)."""

Progress = Callable[[str], object]


@dataclass(frozen=True)
class Scope:
    """Which files' calls are reported, and whether the scan covers the whole project."""

    full: bool
    files: frozenset[str] = frozenset()
    directories: tuple[str, ...] = ()

    def reports(self, rel: str) -> bool:
        if self.full:
            return True
        return rel in self.files or any(rel.startswith(directory) for directory in self.directories)


def scope_of(config: Config, paths: Sequence[Path], notes: list[str]) -> Scope:
    if not paths:
        return Scope(full=True)
    whole = {config.root, *(p.resolve() for p in find_plan_files(config.root, config.plan))}
    if config.path is not None:
        whole.add(config.path.resolve())
    files: set[str] = set()
    directories: list[str] = []
    for path in paths:
        resolved = path.resolve()
        if resolved in whole:
            return Scope(full=True)
        if not resolved.exists():
            notes.append(f"{path}: no such file or folder: not scanned")
            continue
        try:
            rel = resolved.relative_to(config.root).as_posix()
        except ValueError:
            notes.append(
                f"{path} is outside the project ({config.relative(config.root)}): not scanned"
            )
            continue
        if resolved.is_dir():
            directories.append(rel + "/")
        else:
            files.add(rel)
    return Scope(False, frozenset(files), tuple(directories))


class _Run:
    """One scan's state: what was read, what each file hit, what was parsed."""

    def __init__(
        self, config: Config, cache: ScanCache | None, jobs: int, progress: Progress | None
    ) -> None:
        self.config = config
        self.cache = cache
        self.index = cache.load_index() if cache else Index()
        self.new_index = Index()
        self.jobs = jobs
        self.progress = progress
        self.data: dict[str, bytes] = {}
        self.parsed: dict[str, FileFacts] = {}
        self.keys: dict[str, str] = {}
        self.unreadable: set[str] = set()
        self.trusted: dict[str, bool] = {}
        self.covered: dict[str, frozenset[str]] = {}
        self.notes: list[str] = []
        self.triggers: set[str] = set()
        self._words: dict[str, frozenset[bytes]] = {}
        self.modules: dict[str, Module] = {}
        self._prefix: str | None = None
        self._below = _below(config.root)
        self._rels: dict[str, str] = {}
        self.manifests = Manifests(config.root)

    def shown(self, rel: str) -> str:
        """A file's path as findings show it: relative to the working directory when
        under it, as ruff shows it, even when the project's root is above it (the root's
        own path is resolved once)."""
        if self._prefix is None:
            root = self.config.relative(self.config.root)
            self._prefix = "" if root == "." else f"{root}/"
        if self._below is not None and rel.startswith(self._below):
            shown = rel[len(self._below) :]
        else:
            shown = f"{self._prefix}{rel}"
        self._rels[shown] = rel
        return shown

    def listed(self, shown: str, language: str) -> frozenset[str]:
        """The SDKs the manifests governing a file (by its shown path) list."""
        rel = self._rels.get(shown, shown)
        return self.manifests.sdks(rel, "python" if language == "python" else "javascript")

    def read(self, source: SourceFile) -> bytes | None:
        if source.rel in self.data:
            return self.data[source.rel]
        if source.rel in self.unreadable:
            return None
        try:
            data = read_regular_file(source.path, self.config.max_file_size)
        except OSError as exc:
            self.unreadable.add(source.rel)
            self.notes.append(
                f"cannot read {self.config.relative(Path(source.path))}: {exc.strerror or exc}"
            )
            return None
        self.data[source.rel] = data
        return data

    def module(self, rel: str, name: tuple[str, bool], facts: FileFacts) -> Module:
        """A parsed file's lookup tables, built once for all the passes."""
        module = self.modules.get(rel)
        if module is None:
            module = self.modules[rel] = Module(name[0], self.shown(rel), name[1], facts)
        return module

    def words(self, rel: str, data: bytes | None) -> frozenset[bytes] | None:
        if data is None:
            return None
        found = self._words.get(rel)
        if found is None:
            found = self._words[rel] = prefilter.identifiers(data)
        return found

    def entry(self, source: SourceFile) -> Entry:
        """This run's index entry of a file: the cached one when its stat is unchanged."""
        entry = self.new_index.files.get(source.rel)
        if entry is None:
            trusted = self.index.trusted(source.rel, source.mtime_ns, source.size)
            entry = trusted or Entry(source.mtime_ns, source.size)
            self.new_index.files[source.rel] = entry
            self.trusted[source.rel] = trusted is not None
        return entry

    def candidates(
        self, sources: Sequence[SourceFile], filter_: prefilter.Prefilter
    ) -> list[SourceFile]:
        """The unparsed files that can hold a call: by the cache's verdicts where they
        hold, else by testing the bytes against the triggers not tested before."""
        found: list[SourceFile] = []
        keys = filter_.keys
        plans: dict[frozenset[str], tuple[frozenset[str] | None, frozenset[str]]] = {}
        for source in sources:
            if source.rel in self.parsed:
                continue
            entry = self.entry(source)
            covered = self.covered.get(source.rel)
            if covered is None:
                if self.trusted[source.rel] and entry.hits:
                    if keys.intersection(entry.hits):
                        found.append(source)
                        continue
                    entry.hits = []  # it hit triggers that no longer exist: test again
                    covered = frozenset()
                else:
                    covered = self.index.tested if self.trusted[source.rel] else frozenset()
            plan = plans.get(covered)
            if plan is None:
                # Files share a few ``covered`` sets: plan each once (None: test all).
                to_test = keys - covered
                plan = plans[covered] = (None if to_test == keys else to_test, covered | keys)
            only, self.covered[source.rel] = plan
            if only is None or only:
                data = self.read(source)
                tested = len(only if only is not None else keys)
                words = self.words(source.rel, data) if tested >= prefilter.WORDS_FROM else None
                hit = filter_.hits(data, only, words) if data is not None else set()
                if hit:
                    entry.hits = sorted(hit.union(entry.hits))
            if entry.hits and keys.intersection(entry.hits):
                found.append(source)
        return found

    def parse(self, name: str, front_end: FrontEnd, sources: Sequence[SourceFile]) -> None:
        # The interpreter's version too: ``ast`` reads the grammar of the Python it runs on.
        version = f"{name}:{front_end.FRONTEND_VERSION}:{sys.version_info[0]}.{sys.version_info[1]}"
        todo: list[tuple[SourceFile, str, bytes]] = []
        for source in sources:
            entry = self.entry(source)
            known = entry.digest if entry.version == version else None
            key = known if known and source.rel not in self.data else None
            facts = self.cache.load_facts(key) if key and self.cache else None
            if facts is None:
                data = self.read(source)
                if data is None:
                    continue
                key = digest(version, data)
                facts = self.cache.load_facts(key) if self.cache else None
                if facts is None:
                    todo.append((source, key, data))
            if facts is not None and key is not None:
                entry.digest, entry.version = key, version
                self.parsed[source.rel] = facts
        if self.progress and len(todo) > 50:
            self.progress(f"parsing {len(todo)} files")
        for (source, key, _), facts in zip(
            todo, self._extract(front_end, version, todo), strict=True
        ):
            entry = self.entry(source)
            entry.digest, entry.version = key, version
            self.parsed[source.rel] = facts
            if self.cache:
                self.cache.save_facts(key, facts)

    def _extract(
        self, front_end: FrontEnd, version: str, todo: list[tuple[SourceFile, str, bytes]]
    ) -> list[FileFacts]:
        """Parse ``(source, digest, data)`` in this process, or over worker processes
        when there is enough to parse to pay for starting them."""
        total = sum(len(data) for _, _, data in todo)
        if self.jobs <= 1 or total < POOL_MIN_BYTES or len(todo) < 2:
            return [front_end.extract(data, source.rel) for source, _, data in todo]
        return extract_in_workers(
            front_end.extract, version, todo, self.jobs, self.config.max_file_size
        )


FRONT_ENDS: dict[str, str] = {
    "python": "evdict.scanner.frontends.python",
    "javascript": "evdict.scanner.frontends.javascript",
    "typescript": "evdict.scanner.frontends.javascript",
}
"""Language (as :mod:`~evdict.scanner.discover` names it) -> its front-end module. A front
end provides ``extract(data, filename) -> FileFacts``, ``module_name(rel) -> (dotted
name, is_package)``, ``FRONTEND_VERSION`` and ``PRESETS_LANGUAGE`` (whose presets
apply, :mod:`evdict.scanner.presets`). Files of a language without one are skipped with
a note."""


class FrontEnd(Protocol):
    FRONTEND_VERSION: int
    PRESETS_LANGUAGE: str

    def extract(self, data: bytes, filename: str) -> FileFacts: ...

    def module_name(self, rel: str) -> tuple[str, bool]: ...


def scan_project(
    config: Config,
    paths: Sequence[Path] = (),
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
    suggest: bool = False,
) -> Inventory:
    """Scan the project of ``config``; report the calls of ``paths`` (all when empty);
    with ``suggest``, also the plausible calls that could not be proven."""
    found = discover(config)
    notes: list[str] = list(found.notes)
    scope = scope_of(config, paths, notes)
    groups: dict[str, list[SourceFile]] = {}
    skipped = 0
    for source in found.files:
        front_end = FRONT_ENDS.get(source.language)
        if front_end is None:
            skipped += 1
        else:
            groups.setdefault(front_end, []).append(source)
    if skipped:
        notes.append(f"{skipped} file(s) not scanned: no front end for their language yet")
    if found.too_large:
        shown = ", ".join(config.relative(Path(source.path)) for source in found.too_large[:5])
        more = f" and {len(found.too_large) - 5} more" if len(found.too_large) > 5 else ""
        notes.append(
            f"skipped {len(found.too_large)} file(s) larger than max_file_size "
            f"({config.max_file_size} bytes): {shown}{more}"
        )
    cache = (
        ScanCache(config.checked_cache_root(), config.root, config.cache_max_bytes)
        if use_cache
        else None
    )
    run = _Run(config, cache, jobs if jobs is not None else _cores(), progress)
    # Facts and resolutions are millions of small objects in few cycles (a 20 MB
    # minified file: 2.4 of its 20 CPU s went to the collector at its default threshold).
    with rare_collections():
        resolutions = [
            _scan_group(run, name, cast(FrontEnd, importlib.import_module(name)), sources)
            for name, sources in sorted(groups.items())
        ]
    notes.extend(run.notes)
    scanned = [source for sources in groups.values() for source in sources]
    inventory = _inventory(config, scope, scanned, run, resolutions, notes)
    if not inventory.calls and scope.full:
        said = sdks_without_calls(
            _imported_sdks(run, scanned), run.manifests.listed(source.rel for source in scanned)
        )
        if said:
            inventory = replace(inventory, notes=(*inventory.notes, said))
    if suggest:
        inventory = replace(inventory, suggestions=_suggestions(run, groups, scope, inventory))
    if cache is not None:  # after the suggestions: their pass parses files too
        run.new_index.tested = frozenset(run.triggers)
        cache.save_index(run.new_index, run.index)
    return inventory


def _suggestions(
    run: _Run, groups: dict[str, list[SourceFile]], scope: Scope, inventory: Inventory
) -> tuple[Suggestion, ...]:
    """The plausible calls of the reported files that ``inventory`` does not hold."""
    # A wrapper's own call is accounted for: its callers are the tracking calls.
    proven = {(call.path, call.pos[0], call.pos[1]) for call in inventory.calls} | {
        (link.path, link.pos[0], link.pos[1])
        for link in (wrapper.chain.link for wrapper in inventory.wrappers)
    }
    relays = _relays(run, groups, scope, proven)  # first: it parses more files
    reported = [module for rel, module in run.modules.items() if scope.reports(rel)]
    offered = [
        *suggestions(reported, proven, run.listed),
        *relays,
        *_fan_outs(run, groups, inventory),
    ]
    offered.sort(key=lambda item: (-item.calls, item.callee, item.event))
    return tuple(offered)


def _relays(
    run: _Run,
    groups: dict[str, list[SourceFile]],
    scope: Scope,
    proven: set[tuple[str, int, int]],
) -> list[Suggestion]:
    """The lines that read the reported calls, not ``proven``, that browser code relays
    to the product's own server (:mod:`evdict.scanner.resolve.server_relay`)."""
    reported = {
        run.shown(s.rel) for sources in groups.values() for s in sources if scope.reports(s.rel)
    }

    def relayed(path: str, line: int, column: int) -> bool:
        return path in reported and (path, line, column) not in proven

    found: list[Suggestion] = []
    for name, sources in sorted(groups.items()):
        front_end = cast(FrontEnd, importlib.import_module(name))
        if front_end.PRESETS_LANGUAGE == "javascript":
            with rare_collections():
                found.extend(_scan_group(run, name, front_end, sources, relayed).suggestions)
    return found


def _fan_outs(
    run: _Run, groups: dict[str, list[SourceFile]], inventory: Inventory
) -> list[Suggestion]:
    """The wrappers up a chain of calls by name to a dynamic SDK call
    (:mod:`evdict.scanner.suggest_fanout`), the files naming them read first."""
    return _read_by_name(
        run,
        groups,
        lambda modules: frontier(modules, inventory.calls),
        lambda modules: fanout_suggestions(modules, inventory.calls),
    )


def _read_by_name(
    run: _Run,
    groups: dict[str, list[SourceFile]],
    names_of: Callable[[list[Module]], set[str]],
    suggest: Callable[[list[Module]], list[Suggestion]],
) -> list[Suggestion]:
    """The Python suggestions found by name: the files naming what ``names_of`` gives
    are parsed (again as long as it gives more), then ``suggest`` reads them all."""
    found: list[Suggestion] = []
    for name, sources in sorted(groups.items()):
        front_end = cast(FrontEnd, importlib.import_module(name))
        if front_end.PRESETS_LANGUAGE != "python":
            continue
        by_rel = {source.rel for source in sources}
        asked: set[str] = set()
        while names := names_of(_parsed(run, front_end, by_rel)) - asked:
            asked |= names
            wanted = prefilter.Prefilter([prefilter.name_trigger(n) for n in sorted(names)])
            run.parse(name, front_end, run.candidates(sources, wanted))
        found.extend(suggest(_parsed(run, front_end, by_rel)))
    return found


def _parsed(run: _Run, front_end: FrontEnd, rels: set[str]) -> list[Module]:
    """The parsed files among ``rels``, as modules."""
    return [
        run.module(rel, front_end.module_name(rel), facts)
        for rel, facts in sorted(run.parsed.items())
        if rel in rels
    ]


def _imported_sdks(run: _Run, sources: list[SourceFile]) -> list[str]:
    """The SDKs the code imports: read only when a scan proved no call, to say why."""
    pattern, sdk_of = sdk_import_pattern()
    found: set[str] = set()
    for source in sources:
        data = run.read(source)
        if data is None or (b"import" not in data and b"require" not in data):
            continue
        for match in pattern.finditer(data):
            found.add(sdk_of[(match["root"] or match["js"]).decode()])
    return sorted(found)


def _below(root: Path) -> str | None:
    """The working directory as a folder of the project (``apps/web/``) when it is one
    below the root; None otherwise."""
    try:
        below = Path.cwd().resolve().relative_to(root.resolve()).as_posix()
    except (OSError, ValueError):
        return None
    return None if below == "." else f"{below}/"


def _root_package(root: Path) -> str:
    """The dotted Python package the project folder is (``repo/mem0`` holding
    ``__init__.py`` is ``mem0``), so that the code's own absolute imports resolve when the
    project is rooted inside its package; empty when the folder is no package."""
    parts: list[str] = []
    folder = root
    while (folder / "__init__.py").is_file() and folder.name.isidentifier():
        parts.append(folder.name)
        folder = folder.parent
    return ".".join(reversed(parts))


def _scan_group(
    run: _Run,
    name: str,
    front_end: FrontEnd,
    sources: list[SourceFile],
    relayed: Callable[[str, int, int], bool] | None = None,
) -> Resolution:
    """Passes over the files of one front end until nothing new turns up; with
    ``relayed``, the relays to the product's server too (``Resolver``)."""
    config = run.config
    try:
        recognizers = Recognizers.from_config(config, front_end.PRESETS_LANGUAGE)
    except WrapperSpecError as exc:
        shown = config.relative(config.path) if config.path else None
        message = str(exc) if str(exc).startswith("sdks:") else f"wrappers: {exc}"
        raise ConfigError(message, shown) from exc
    by_module: dict[str, SourceFile] = {}
    names: dict[str, tuple[str, bool]] = {}
    for source in sources:
        # Not ``name``: that names the front end, which keys the facts in the cache.
        module, is_package = front_end.module_name(source.rel)
        by_module[module] = source
        names[source.rel] = (module, is_package)
    by_rel = {source.rel: source for source in sources}
    module_names = ModuleNames(by_module, _root_package(config.root))
    # JS/TS imports name files (tsconfig paths, workspace packages): read once per scan.
    workspace = (
        Workspace(config.root, {rel: name[0] for rel, name in names.items()})
        if front_end.PRESETS_LANGUAGE == "javascript"
        else None
    )
    # The suggestion pass also reads the files destructuring a hook's ``track``; Python,
    # those naming ``partial`` (an SDK method a dependency provider hands out by name).
    base = [
        *recognizers.base_triggers(),
        *((*RELAY_TRIGGERS, DESTRUCTURED_TRIGGER) if relayed else ()),
        *((PROVIDED_TRIGGER,) if front_end.PRESETS_LANGUAGE == "python" else ()),
    ]
    triggers = {trigger.key: trigger for trigger in base}
    needed: list[SourceFile] = []
    resolution: Resolution | None = None
    while True:
        filter_ = prefilter.Prefilter(triggers.values())
        parsed = len(run.parsed)
        run.parse(name, front_end, [*run.candidates(sources, filter_), *needed])
        if resolution is not None and len(run.parsed) == parsed:
            # Nothing new to read: resolving the same files again gives the same answer
            # (a chain of 3,000 wrappers found in one file was resolved twice).
            run.triggers.update(triggers)
            return resolution
        modules = {
            names[rel][0]: run.module(rel, names[rel], facts)
            for rel, facts in run.parsed.items()
            if rel in by_rel
        }
        if (
            relayed
            and resolution is None
            and not relay_sinks(modules.values())
            and not has_creators(modules.values())
        ):
            return Resolution()  # no file relays an event: nothing to resolve again
        recognizers = with_provided(recognizers, modules.values())
        resolution = Resolver(
            modules, module_names, recognizers, workspace, run.listed, relayed=relayed
        ).run()
        added = {  # the calls of a provided parameter too
            trigger.key: trigger
            for trigger in (*resolution.triggers, *recognizers.base_triggers())
            if trigger.key not in triggers
        }
        needed = [
            by_module[name]
            for name in sorted(resolution.needed)
            if name in by_module and by_module[name].rel not in run.parsed
        ]
        if not added and not needed:
            run.triggers.update(triggers)
            return resolution
        triggers.update(added)


def _inventory(
    config: Config,
    scope: Scope,
    sources: list[SourceFile],
    run: _Run,
    resolutions: list[Resolution],
    notes: list[str],
) -> Inventory:
    shown = {source.rel: run.shown(source.rel) for source in sources}
    reported = {shown[rel] for rel in shown if scope.reports(rel)}
    problems: list[SourceProblem] = []
    suppressions: dict[str, tuple[Suppression, ...]] = {}
    for rel, facts in sorted(run.parsed.items()):
        path = shown.get(rel)
        if path not in reported:
            continue
        if facts.failure is not None:
            problems.append(SourceProblem(path, facts.failure.pos, facts.failure.message))
        if facts.not_read is not None:
            line, column = facts.not_read.pos[:2]
            notes.append(f"{path}:{line}:{column}: {facts.not_read.message}")
        if facts.suppressions:
            suppressions[path] = facts.suppressions
    return Inventory(
        calls=tuple(
            call for resolution in resolutions for call in resolution.calls if call.path in reported
        ),
        problems=tuple(problems),
        suppressions=suppressions,
        wrappers=tuple(wrapper for resolution in resolutions for wrapper in resolution.wrappers),
        notes=tuple(notes),
        files_scanned=len(reported),
        files_parsed=len(run.parsed),
        full_scan=scope.full,
    )


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
