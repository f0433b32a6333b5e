"""The library API: options in, a :class:`CheckResult` out. The CLI is a thin shell over it.

A run is a plain pipeline: load the config and the plan, run the rules, report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evdict.config import Config, load_config
from evdict.errors import ConfigError
from evdict.result import CheckResult

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from typing import BinaryIO

    from evdict.budget import BudgetTable
    from evdict.commands.diff import PlanDiff
    from evdict.commands.export import ExportFormat
    from evdict.plan.model import Plan
    from evdict.rules.registry import Scope
    from evdict.scan.model import Inventory


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


def load_plan(config: Config | None = None, *, use_cache: bool = True) -> Plan:
    """Load and merge the plan files the config names (default: discovered config).

    Unchanged files come from the parse cache (``cache_dir``, default
    ``.evdict_cache/`` beside the config) unless ``use_cache`` is false.
    """
    # The plan's YAML and schema machinery is only imported by the commands that read it.
    from evdict.plan.cache import ParseCache
    from evdict.plan.load import find_plan_files, load_plan_files

    config = config or load_config()
    files = find_plan_files(config.root, config.plan)
    cache = ParseCache(config.cache_root) if use_cache else None
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
    return _apply_baseline(_lint_plan(options, config), options)


def _apply_baseline(result: CheckResult, options: Options) -> CheckResult:
    """The last step of ``lint`` and ``check``: hide (or record) baselined findings."""
    if options.baseline is None:
        if options.update_baseline:
            raise ConfigError("--update-baseline needs --baseline FILE")
        return result
    from evdict.baseline import apply_baseline

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
    from evdict.checker import Selection, run_rules, selected_rules
    from evdict.names import lexicon_memo, lexicon_memo_path
    from evdict.rules.context import RuleContext

    config = config or config_for(options)
    plan = load_plan(config, use_cache=options.use_cache)
    if code and inventory is None:
        inventory = scan(options, config)
    selection = Selection.build(config.rules, options.select, options.ignore)
    scopes: tuple[Scope, ...] = ("plan", "meta")
    if inventory is not None:
        scopes = (*scopes, "code", *(("project",) if inventory.full_scan else ()))
    full_scan = inventory is not None and inventory.full_scan
    with lexicon_memo(lexicon_memo_path(config.cache_root) if options.use_cache else None):
        diagnostics = run_rules(RuleContext(config, plan, inventory, full_scan), selection, scopes)
    return CheckResult(
        diagnostics=tuple(diagnostics),
        rules=tuple(rule.info() for rule in selected_rules(selection, scopes)),
        files_checked=len(plan.documents) + (inventory.files_scanned if inventory else 0),
        notes=(*_no_plan_notes(config, plan), *(inventory.notes if inventory else ())),
    )


def _no_plan_notes(config: Config, plan: Plan) -> tuple[str, ...]:
    if plan.documents:
        return ()
    return (
        f"no plan files found (looked for {', '.join(config.plan)} under {config.root}); "
        "`evdict init --from-code` drafts one from the tracking calls in the code",
    )


def budget(options: Options, config: Config | None = None) -> BudgetTable:
    """Event counts against the configured budgets (``evdict budget``)."""
    from dataclasses import replace

    from evdict.budget import compute_budget

    config = config or config_for(options)
    plan = load_plan(config)
    return replace(compute_budget(plan, config), notes=_no_plan_notes(config, plan))


def check(
    options: Options, config: Config | None = None, *, inventory: Inventory | None = None
) -> CheckResult:
    """The main job: the plan, and the code against it (only the calls in
    ``options.paths`` when given; ``inventory``: a scan already made)."""
    return _apply_baseline(_lint_plan(options, config, code=True, inventory=inventory), options)


def scan(
    options: Options,
    config: Config | None = None,
    *,
    progress: Callable[[str], object] | None = None,
) -> Inventory:
    """The tracking calls in the code (``evdict scan``), only those in ``options.paths``
    when given; the whole project still provides wrappers and constants. ``progress``
    receives a line about long steps."""
    from evdict.scan.engine import scan_project

    config = config or config_for(options)
    return scan_project(
        config, options.paths, use_cache=options.use_cache, jobs=options.jobs, progress=progress
    )


def validate(
    options: Options, config: Config | None = None, *, stdin: BinaryIO | None = None
) -> CheckResult:
    """Event payloads against the plan (``evdict validate``): the NDJSON export in
    ``options.paths[0]``, or ``stdin`` when there is none or it is ``-``."""
    from evdict.checker import Selection
    from evdict.commands.validate import PAYLOAD_CODES, validate_lines

    config = config or load_config(options.config_path)
    plan = load_plan(config, use_cache=options.use_cache)
    selection = Selection.build(config.rules, options.select, options.ignore)
    source = options.paths[0] if options.paths and str(options.paths[0]) != "-" else None
    if source is None:
        import sys

        seen = validate_lines(stdin or sys.stdin.buffer, "<stdin>", plan, config, selection)
    else:
        try:
            with source.open("rb") as lines:
                seen = validate_lines(lines, config.relative(source), plan, config, selection)
        except OSError as exc:
            raise ConfigError(f"cannot read {source}: {exc.strerror or exc}") from exc
    from evdict.rules.registry import all_rules

    rules = [rule.info() for rule in all_rules() if rule.code in PAYLOAD_CODES]
    result = CheckResult(
        diagnostics=tuple(seen.diagnostics),
        rules=tuple(rule for rule in rules if selection.enabled(rule.code)),
        files_checked=1,
        notes=(*_no_plan_notes(config, plan), *seen.notes()),
    )
    return _apply_baseline(result, options)


def export(
    options: Options, fmt: ExportFormat, config: Config | None = None
) -> tuple[dict[str, Any] | None, CheckResult]:
    """The plan in format ``fmt`` (``evdict export``), with the structure findings
    (EV0xx); no document when one of them is an error: a broken plan is not exported."""
    from dataclasses import replace

    from evdict.commands.export import export_plan

    config = config or config_for(options)
    structure = lint(replace(options, select=("EV0",), ignore=()), config)
    if structure.exit_code:
        return None, structure
    plan = load_plan(config, use_cache=options.use_cache)
    title = f"{config.root.name} tracking plan" if config.root.name else "Tracking plan"
    return export_plan(plan, fmt, title), structure


def diff(
    config: Config | None = None,
    base: str | None = None,
    head: str | None = None,
    *,
    today: date | None = None,
) -> PlanDiff:
    """The plan at git revision ``base`` against ``head`` (default: the merge-base with the
    default branch against the working tree), every change classified, EV701 for breaking ones."""
    from dataclasses import replace

    from evdict.commands.diff import diff_revisions
    from evdict.rules.change import BreakingChange

    config = config or load_config()
    result = diff_revisions(config, base, head, load_working_tree=load_plan, today=today)
    return replace(result, diagnostics=tuple(BreakingChange().findings(result.changes)))
