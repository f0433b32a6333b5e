"""The pipeline: config and plan loaded, code scanned, rules run (suppressions and
severities applied), baseline applied: a :class:`CheckResult` for ``lint`` and ``check``,
the inventory for ``scan``, the budget table for ``budget``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from evdict.baseline import apply_baseline
from evdict.budget import BudgetTable, compute_budget
from evdict.config import Config, Options, RuleSelection, load_config
from evdict.diagnostics import Diagnostic, Severity, code_matches
from evdict.errors import ConfigError
from evdict.names.lexicon import lexicon_memo, lexicon_memo_path
from evdict.plan.cache import ParseCache
from evdict.plan.load import find_plan_files, load_plan_files
from evdict.plan.model import Plan
from evdict.result import CheckResult
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, Scope, all_rules
from evdict.scanner.model import Inventory
from evdict.suppression import apply_suppressions


@dataclass(frozen=True)
class Selection:
    """Which rules run: the config's selection refined by ``--select``/``--ignore``."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: dict[str, str]

    @classmethod
    def build(
        cls, config: RuleSelection, select: Sequence[str] = (), ignore: Sequence[str] = ()
    ) -> Selection:
        return cls(
            select=tuple(select) or config.select,
            ignore=(*config.ignore, *ignore),
            severity=config.severity,
        )

    def enabled(self, code: str, *, opt_in: bool = False) -> bool:
        if opt_in:
            if code not in self.select:
                return False
        elif not any(code_matches(code, selector) for selector in self.select):
            return False
        return not any(code_matches(code, selector) for selector in self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        # The most specific configured code wins (EV401 over EV4).
        matches = [key for key in self.severity if code.startswith(key)]
        if not matches:
            return default
        return Severity(self.severity[max(matches, key=len)])


def selected_rules(selection: Selection, scopes: Iterable[Scope]) -> list[type[Rule]]:
    wanted = set(scopes)
    return [
        rule
        for rule in all_rules()
        if rule.scope in wanted and selection.enabled(rule.code, opt_in=rule.opt_in)
    ]


def run_rules(ctx: RuleContext, selection: Selection, scopes: Iterable[Scope]) -> list[Diagnostic]:
    """The selected rules of ``scopes`` on ``ctx``; suppressions applied, then the ``meta``
    rules (EV901) on what the suppressions left unused; configured severities last."""
    rules = selected_rules(selection, scopes)
    found: list[Diagnostic] = []
    for rule in rules:
        if rule.scope != "meta":
            found.extend(rule().check(ctx))
    known = ((rule.code, rule.scope == "code") for rule in all_rules())
    kept, unused = apply_suppressions(
        found, ctx.inventory, ctx.plan, {rule.code for rule in rules}, known
    )
    judged = replace(ctx, unused_suppressions=tuple(unused))
    for rule in rules:
        if rule.scope == "meta":
            kept.extend(rule().check(judged))
    return sorted(
        (d.with_severity(selection.severity_of(d.code, d.severity)) for d in kept),
        key=Diagnostic.sort_key,
    )


def load_plan(config: Config | None = None, *, use_cache: bool = True) -> Plan:
    """Load and merge the plan files the config names (default: discovered config).

    Unchanged files come from the parse cache (``cache_dir``, default the project's
    folder in the user's cache folder) unless ``use_cache`` is false.
    """
    config = config or load_config()
    # A plan the config names must be there; the default one may be missing (not set up yet).
    named_by = config.relative(config.path) if config.path and "plan" in config.raw else None
    files = find_plan_files(config.root, config.plan, configured=named_by)
    cache = ParseCache(config.checked_cache_root(), config.cache_max_bytes) if use_cache else None
    return load_plan_files(files, [config.relative(path) for path in files], cache)


def config_for(options: Options) -> Config:
    """``--config``, else the config found walking up from the first PATH (or the working directory)."""
    existing = [path for path in options.paths if path.exists()]
    if options.config_path is not None or not existing:
        return load_config(options.config_path)
    first = existing[0]
    return load_config(start=first if first.is_dir() else first.parent)


def lint(options: Options, config: Config | None = None) -> CheckResult:
    """Check the plan alone (``evdict lint``)."""
    return apply_baseline_option(_lint_plan(options, config), options)


def apply_baseline_option(result: CheckResult, options: Options) -> CheckResult:
    """The last step of ``lint`` and ``check``: hide (or record) baselined findings."""
    if options.baseline is None:
        if options.update_baseline:
            raise ConfigError("--update-baseline needs --baseline FILE")
        return result
    return apply_baseline(result, options.baseline, update=options.update_baseline)


def _lint_plan(
    options: Options,
    config: Config | None,
    *,
    code: bool = False,
    inventory: Inventory | None = None,
) -> CheckResult:
    """The plan rules; with ``code``, the scan (unless ``inventory`` holds one already)
    and the code rules too (project-wide ones only when the whole project was scanned)."""
    config = config or config_for(options)
    plan = load_plan(config, use_cache=options.use_cache)
    if code and inventory is None:
        inventory = scan(options, config)
    selection = Selection.build(config.rules, options.select, options.ignore)
    scopes: tuple[Scope, ...] = ("plan", "meta")
    if inventory is not None:
        scopes = (*scopes, "code", *(("project",) if inventory.full_scan else ()))
    full_scan = inventory is not None and inventory.full_scan
    memo = lexicon_memo_path(config.checked_cache_root()) if options.use_cache else None
    with lexicon_memo(memo):
        diagnostics = run_rules(RuleContext(config, plan, inventory, full_scan), selection, scopes)
    return CheckResult(
        diagnostics=tuple(diagnostics),
        rules=tuple(rule.info() for rule in selected_rules(selection, scopes)),
        files_checked=len(plan.documents) + (inventory.files_scanned if inventory else 0),
        events=len(plan.events),
        tracking_calls=len(inventory.calls) if inventory is not None else None,
        notes=(*no_plan_notes(config, plan), *(inventory.notes if inventory else ())),
    )


def no_plan_notes(config: Config, plan: Plan) -> tuple[str, ...]:
    if plan.documents:
        return ()
    return (
        f"no plan files found (looked for {', '.join(config.plan)} under {config.root}); "
        "`evdict init --from-code` drafts one from the tracking calls in the code",
    )


def budget(options: Options, config: Config | None = None) -> BudgetTable:
    """Event counts against the configured budgets (``evdict budget``)."""
    config = config or config_for(options)
    plan = load_plan(config)
    return replace(compute_budget(plan, config), notes=no_plan_notes(config, plan))


def check(
    options: Options, config: Config | None = None, *, inventory: Inventory | None = None
) -> CheckResult:
    """The main job: the plan, and the code against it (only the calls in
    ``options.paths`` when given; ``inventory``: a scan already made)."""
    return apply_baseline_option(
        _lint_plan(options, config, code=True, inventory=inventory), options
    )


def scan(
    options: Options,
    config: Config | None = None,
    *,
    progress: Callable[[str], object] | None = None,
) -> Inventory:
    """The tracking calls in the code (``evdict scan``), only those in ``options.paths``
    when given; the whole project still provides wrappers and constants. ``progress``
    receives a line about long steps."""
    # The scanner (and tree-sitter) is imported only by the commands that scan.
    from evdict.scanner.engine import scan_project

    config = config or config_for(options)
    return scan_project(
        _scanned_project(config, options.paths),
        options.paths,
        use_cache=options.use_cache,
        jobs=options.jobs,
        progress=progress,
        suggest=options.suggest_config,
    )


def _scanned_project(config: Config, paths: Sequence[Path]) -> Config:
    """The config whose folder is scanned. PATHS given on the command line are scanned
    even when they lie outside the config's folder (``--config`` elsewhere), as a linter
    lints the files it is given: the scan is then rooted at their common folder, with the
    config's settings and cache."""
    given = [path.resolve() for path in paths if path.exists()]
    if not given or any(path.is_relative_to(config.root) for path in given):
        return config
    folders = [path if path.is_dir() else path.parent for path in given]
    return replace(config, root=Path(os.path.commonpath(folders)), cache_dir=config.cache_root)
