"""The dictionary site for product managers: static HTML (or Markdown) built from the plan.

:func:`build_docs` gathers what the site shows (the plan, its findings and its
budget table) and :func:`write_docs` renders it; the CLI's ``evdict docs`` calls the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from evdict._version import __version__
from evdict.budget import BudgetTable, compute_budget
from evdict.checker import check, config_for, lint, load_plan
from evdict.checker import scan as scan_code
from evdict.collector import rare_collections
from evdict.commands.output_guard import ReadFiles
from evdict.config import Config
from evdict.docs.content import Inventory, build_content
from evdict.docs.output import SiteOutput
from evdict.plan.model import Plan
from evdict.result import CheckResult

if TYPE_CHECKING:
    from evdict.config import Options
    from evdict.scanner.model import Inventory as ScanInventory

DocsFormat = Literal["html", "markdown"]
FORMATS: tuple[DocsFormat, ...] = ("html", "markdown")


@dataclass(frozen=True)
class BuiltSite:
    files: list[str]  # relative to the output folder
    notes: tuple[str, ...] = ()  # what the user should know (no plan files found...)


def build_docs(
    options: Options, out_dir: Path, fmt: DocsFormat = "html", *, scan: bool = True
) -> BuiltSite:
    """Load the plan the options point at, scan the code (unless ``scan`` is false),
    check both, count the budget, write the site."""

    config = config_for(options)
    plan = load_plan(config, use_cache=options.use_cache)
    scanned = scan_code(options, config) if scan else None
    # With a scan, the health page counts the code findings too (undeclared, unused events).
    findings = check(options, config, inventory=scanned) if scanned else lint(options, config)
    inventory = tracked_places(scanned) if scanned is not None else None
    tracked = None if inventory is None else {name: len(at) for name, at in inventory.items()}
    files = write_docs(
        plan,
        config,
        out_dir,
        fmt=fmt,
        findings=findings,
        budget=compute_budget(plan, config, tracked),
        inventory=inventory,
        reads=ReadFiles.of_run(options, config),
    )
    return BuiltSite(files, findings.notes)


def tracked_places(inventory: ScanInventory) -> dict[str, list[tuple[str, int]]]:
    """Event name -> where the code tracks it (a call that may send one of several
    names counts for each)."""
    places: dict[str, list[tuple[str, int]]] = {}
    for call in inventory.calls:
        for name in call.events:
            places.setdefault(name, []).append((call.path, call.pos[0]))
    return places


def write_docs(
    plan: Plan,
    config: Config,
    out_dir: Path,
    *,
    fmt: DocsFormat = "html",
    findings: CheckResult,
    budget: BudgetTable,
    inventory: Inventory | None = None,
    reads: ReadFiles | None = None,
) -> list[str]:
    """Write the site into ``out_dir``, all pages or none; return the files written,
    relative to it.

    ``inventory`` maps an event name to the places the code tracks it; without one the
    site says the code was not scanned. No page is written over a file in ``reads``.
    """
    with rare_collections():
        content = build_content(
            plan, config, findings=findings, budget=budget, inventory=inventory, version=__version__
        )
        output = SiteOutput(out_dir, reads)
        if fmt == "markdown":
            from evdict.docs.markdown import write_markdown  # one writer per run: Jinja2 or not

            write_markdown(content, output)
        else:
            from evdict.docs.site import write_html  # Jinja2, 43 ms: HTML only

            write_html(content, output)
        return output.finish()
