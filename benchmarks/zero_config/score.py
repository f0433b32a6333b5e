"""Score evdict's zero-config scan against hand-checked inventories of real products.

Usage::

    python score.py --trees /work/products [--evdict PATH_TO_EVDICT] [--product NAME]
                    [--verbose] [--json] [--no-init] [--jobs N]

For each product listed in ``products.json`` (next to this script) the product's tree
is ``TREES/NAME`` (plus the product's ``tree`` subfolder when it has one; that folder
is the scan root). A product may also list a ``scope``: path prefixes (relative to
the repository root) outside which found calls are ignored, neither matched nor
counted as false positives; the scan itself still covers the whole tree, so imports
and wrappers defined outside the scope resolve as they would for a user. The scorer

1. checks that no evdict configuration (``evdict.yaml``, ``evdict.yml``,
   ``.evdict.yaml`` or a ``pyproject.toml`` with ``[tool.evdict]``) is found in the
   scan root or any folder above it, so the run really has no configuration
   (a product with one is reported as an error and skipped);
2. runs ``evdict scan --format json --no-cache --jobs N .`` with the scan root as the
   working directory;
3. matches the calls found to ``inventories/NAME.json`` one to one. The counting unit
   is a call site: a found call and an inventory entry match when they are in the
   same file (path relative to the product's repository root) and the entry's line is
   the found call's ``line``, or, for a call spanning several lines, lies between the
   found call's ``line`` and ``end_line`` (a call reported at the first line of a
   multi-line call expression, e.g. the ``await``/receiver line, still matches an
   entry recorded at the callee's line). Exact-line pairs are made first;
4. prints per product: expected (inventory entries), found (calls evdict reports
   within scope),
   matched, recall (matched / expected), precision (matched / found), names right
   (matched calls whose event name equals the inventory's; an inventory entry whose
   name is built at run time, ``event: null``, counts as right when evdict reports
   the call dynamic, i.e. with no single event name, and, when the entry lists the
   names it is one of, ``events``, with exactly those names), the must-stay-unfound
   negatives that were found, and the number of events drafted by
   ``evdict init --from-code`` run in a temporary copy of the scan root, next to the
   number of distinct event names in the inventory (init drafts from the whole
   tree, tests and out-of-scope folders included, so the two can differ; the copy
   lives under the system temp folder and is deleted afterwards; the product trees
   are never written to).

A product whose calls evdict cannot prove gets the config lines ``evdict scan
--suggest-config`` prints (the scan in step 2 asks for them): when there are any, the
scorer writes exactly those lines as the ``wrappers:`` of an ``evdict.yaml`` in a
temporary copy of the scan root, scans it and scores it again, printed as the row
``NAME +suggested`` under the table with the lines used (not in the total: the total
is the zero-config figure).

``--verbose`` lists misses (inventory entries not found), false positives (found
calls matching no entry) and wrong names, each as ``path:line``. ``--json`` prints
one JSON document instead of the table. The exit code is 0, or 2 when a product
could not be scored (missing tree, configuration found, evdict failed).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# The repository's own venv (the README's setup command makes it).
DEFAULT_EVDICT = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "evdict")
CONFIG_NAMES = ("evdict.yaml", "evdict.yml", ".evdict.yaml")
COPY_IGNORE = shutil.ignore_patterns(".git", "node_modules", ".evdict_cache")
DRAFTED_RE = re.compile(r"\((\d+) event\(s\) from (\d+) tracking call\(s\)")


@dataclass
class Found:
    """One call reported by ``evdict scan``."""

    path: str
    line: int
    end_line: int
    event: str | None
    events: list[str]
    dynamic: bool
    via: str
    properties: list[str] = field(default_factory=list)
    properties_complete: bool = False


@dataclass
class Result:
    """The score of one product."""

    name: str
    expected: int = 0
    found: int = 0
    matched: int = 0
    names_right: int = 0
    expected_events: int = 0
    drafted_events: int | None = None
    drafted_from_calls: int | None = None
    error: str | None = None
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[Found] = field(default_factory=list)
    wrong_names: list[tuple[dict[str, Any], Found]] = field(default_factory=list)
    negatives_found: list[dict[str, Any]] = field(default_factory=list)
    # properties, over the matched call sites whose entry lists them (``properties``)
    property_sites: int = 0
    properties_expected: int = 0
    properties_found: int = 0
    properties_right: int = 0
    property_misses: list[tuple[dict[str, Any], list[str], list[str]]] = field(
        default_factory=list
    )  # (entry, keys missed, keys found that the entry does not send)
    open_claimed_complete: list[dict[str, Any]] = field(default_factory=list)
    suggested: list[str] = field(default_factory=list)  # the `wrappers:` entries printed
    with_suggested: Result | None = None  # scored again with them

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "product": self.name,
            "error": self.error,
            "expected": self.expected,
            "found": self.found,
            "matched": self.matched,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "names_right": self.names_right,
            "inventory_events": self.expected_events,
            "init_drafted_events": self.drafted_events,
            "init_from_calls": self.drafted_from_calls,
            "negatives_found": self.negatives_found,
            "misses": [f"{e['path']}:{e['line']}" for e in self.misses],
            "false_positives": [
                {"at": f"{f.path}:{f.line}", "event": f.event, "via": f.via}
                for f in self.false_positives
            ],
            "wrong_names": [
                {"at": f"{e['path']}:{e['line']}", "expected": e["event"], "found": f.event}
                for e, f in self.wrong_names
            ],
            "properties": {
                "sites": self.property_sites,
                "expected": self.properties_expected,
                "found": self.properties_found,
                "right": self.properties_right,
                "open_claimed_complete": [
                    f"{e['path']}:{e['line']}" for e in self.open_claimed_complete
                ],
            },
            "suggested_config": self.suggested,
            "with_suggested_config": self.with_suggested.as_json() if self.with_suggested else None,
        }


def find_config(start: Path) -> Path | None:
    """The configuration evdict would pick up from ``start``, walking up, if any."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            text = pyproject.read_text(encoding="utf-8", errors="replace")
            if re.search(r"^\[tool\.evdict[\].]", text, re.MULTILINE):
                return pyproject
    return None


def run_scan(evdict: str, scan_root: Path, prefix: str, jobs: int) -> tuple[list[Found], list[str]]:
    """Run ``evdict scan --suggest-config`` in ``scan_root``: the calls (paths relative
    to the repo root) and the ``wrappers:`` entries suggested for the unproven ones."""
    cmd = [evdict, "scan", "--format", "json", "--suggest-config", "--no-cache", "--jobs"]
    cmd += [str(jobs), "."]
    proc = subprocess.run(cmd, cwd=scan_root, capture_output=True, text=True, check=False)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"evdict scan exited {proc.returncode} without JSON: {proc.stderr.strip()[:500]}"
        ) from exc
    calls: list[Found] = []
    for call in report.get("calls", []):
        rel = Path(call["path"]).as_posix()
        rel = rel.removeprefix("./")
        calls.append(
            Found(
                path=f"{prefix}{rel}",
                line=int(call["line"]),
                end_line=int(call.get("end_line") or call["line"]),
                event=call.get("event"),
                events=list(call.get("events") or []),
                dynamic=call.get("dynamic") is not None,
                via=str(call.get("via")),
                properties=sorted({str(p["name"]) for p in call.get("properties") or []}),
                properties_complete=bool(call.get("properties_complete")),
            )
        )
    return calls, [str(found["config"]) for found in report.get("suggestions") or []]


def run_with_suggested(
    evdict: str, scan_root: Path, prefix: str, jobs: int, lines: list[str]
) -> list[Found]:
    """The calls found in a throwaway copy of the tree whose ``evdict.yaml`` holds exactly
    the suggested ``wrappers:`` entries."""
    with tempfile.TemporaryDirectory(prefix="evdict-zc-") as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(scan_root, copy, symlinks=True, ignore=COPY_IGNORE)
        config = "wrappers:\n" + "".join(f"  - {line}\n" for line in lines)
        (copy / "evdict.yaml").write_text(config, encoding="utf-8")
        return run_scan(evdict, copy, prefix, jobs)[0]


def run_init(evdict: str, scan_root: Path) -> tuple[int, int]:
    """Events drafted by ``evdict init --from-code`` in a throwaway copy of the tree."""
    with tempfile.TemporaryDirectory(prefix="evdict-zc-") as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(scan_root, copy, symlinks=True, ignore=COPY_IGNORE)
        proc = subprocess.run(
            [evdict, "init", "--from-code"], cwd=copy, capture_output=True, text=True, check=False
        )
        match = DRAFTED_RE.search(proc.stdout + proc.stderr)
        if match:
            return int(match.group(1)), int(match.group(2))
        plan = copy / "tracking-plan" / "events.yaml"
        if plan.is_file():
            return count_plan_events(plan.read_text(encoding="utf-8")), -1
        raise RuntimeError(f"evdict init exited {proc.returncode}: {proc.stderr.strip()[:500]}")


def count_plan_events(text: str) -> int:
    """Count the keys directly under the top-level ``events:`` mapping of a plan file."""
    count, inside = 0, False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            inside = line.startswith("events:") and line.strip() != "events: {}"
            continue
        if inside and re.match(r"^ {2}[^ #-][^:]*:", line):
            count += 1
    return count


def _names(entry: dict[str, Any]) -> list[str]:
    """The event names an entry sends: its one name, or the names it is one of."""
    return [entry["event"]] if entry["event"] is not None else list(entry.get("events", []))


def name_right(entry: dict[str, Any], found: Found) -> bool:
    """Whether evdict names the call as the inventory does."""
    if entry["event"] is None and entry.get("events"):
        # one of known names: evdict must give exactly those
        return found.event is None and sorted(found.events) == sorted(entry["events"])
    if entry["event"] is None:
        return found.event is None and found.dynamic
    return bool(found.event == entry["event"])


def match(entries: list[dict[str, Any]], calls: list[Found], result: Result) -> None:
    """Pair entries and found calls one to one: exact lines first, then spans."""
    free = list(range(len(calls)))
    pairs: list[tuple[dict[str, Any], Found]] = []
    unmatched: list[dict[str, Any]] = []
    for exact in (True, False):
        pending = entries if exact else unmatched
        unmatched = []
        for entry in pending:
            hit = None
            for i in free:
                call = calls[i]
                if call.path != entry["path"]:
                    continue
                line = int(entry["line"])
                if call.line == line or (not exact and call.line <= line <= call.end_line):
                    hit = i
                    break
            if hit is None:
                unmatched.append(entry)
            else:
                free.remove(hit)
                pairs.append((entry, calls[hit]))
    result.matched = len(pairs)
    result.misses = sorted(unmatched, key=lambda e: (e["path"], e["line"]))
    result.false_positives = sorted((calls[i] for i in free), key=lambda f: (f.path, f.line))
    for entry, call in pairs:
        if name_right(entry, call):
            result.names_right += 1
        else:
            result.wrong_names.append((entry, call))
        if "properties" in entry:
            tally_properties(entry, call, result)


def tally_properties(entry: dict[str, Any], found: Found, result: Result) -> None:
    """Count the property keys evdict reports for a call against the hand-read ones.

    An entry's ``properties`` are the keys the event carries from that call site, read
    from the source: those the site passes and those the project's wrappers add on the
    way to the SDK (not what the SDK adds by itself); ``properties_open: true`` says it
    also carries keys no reader of the source can list (an object built at run time),
    so evdict must not report the call's properties as complete.
    """
    expected = set(entry["properties"])
    reported = set(found.properties)
    result.property_sites += 1
    result.properties_expected += len(expected)
    result.properties_found += len(reported)
    result.properties_right += len(expected & reported)
    if expected != reported:
        result.property_misses.append(
            (entry, sorted(expected - reported), sorted(reported - expected))
        )
    if entry.get("properties_open") and found.properties_complete:
        result.open_claimed_complete.append(entry)


def score(product: dict[str, Any], trees: Path, evdict: str, jobs: int, init: bool) -> Result:
    name = product["name"]
    result = Result(name)
    inventory = json.loads((HERE / "inventories" / f"{name}.json").read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = inventory["entries"]
    result.expected = len(entries)
    result.expected_events = len({name for e in entries for name in _names(e)})
    sub = product.get("tree") or ""
    scan_root = (trees / name / sub).resolve()
    prefix = f"{sub.strip('/')}/" if sub else ""
    if not scan_root.is_dir():
        result.error = f"no tree at {scan_root}"
        return result
    config = find_config(scan_root)
    if config is not None:
        result.error = f"a configuration is in reach: {config}"
        return result
    try:
        calls, result.suggested = run_scan(evdict, scan_root, prefix, jobs)
        if init:
            result.drafted_events, result.drafted_from_calls = run_init(evdict, scan_root)
        if result.suggested:
            configured = run_with_suggested(evdict, scan_root, prefix, jobs, result.suggested)
    except RuntimeError as exc:
        result.error = str(exc)
        return result
    scope = [str(prefix) for prefix in product.get("scope") or []]
    tally(result, calls, scope, inventory)
    if result.suggested:
        result.with_suggested = Result(f"{name} +suggested", result.expected)
        result.with_suggested.expected_events = result.expected_events
        tally(result.with_suggested, configured, scope, inventory)
    return result


def tally(result: Result, calls: list[Found], scope: list[str], inventory: dict[str, Any]) -> None:
    """Score ``calls`` (those in ``scope``) against the inventory into ``result``."""
    if scope:
        calls = [c for c in calls if any(c.path.startswith(prefix) for prefix in scope)]
    result.found = len(calls)
    match(inventory["entries"], calls, result)
    fp_at = {(f.path, f.line) for f in result.false_positives}
    result.negatives_found = [
        n for n in inventory.get("negatives", []) if (n["path"], int(n["line"])) in fp_at
    ]


def pct(value: float) -> str:
    return f"{100 * value:5.1f}%"


def print_table(results: list[Result], verbose: bool) -> None:
    head = (
        f"{'product':<21} {'expected':>8} {'found':>6} {'matched':>7} {'recall':>7} "
        f"{'precision':>9} {'names right':>11} {'negatives hit':>13} {'init events':>11} "
        f"{'(inventory events)':>18}"
    )
    print(head)
    print("-" * len(head))
    tot = Result("TOTAL")
    for r in results:
        if r.error:
            print(f"{r.name:<21} ERROR: {r.error}")
            continue
        print_row(r)
        tot.expected += r.expected
        tot.found += r.found
        tot.matched += r.matched
        tot.names_right += r.names_right
        tot.negatives_found += r.negatives_found
    print("-" * len(head))
    print(
        f"{'TOTAL':<21} {tot.expected:>8} {tot.found:>6} {tot.matched:>7} {pct(tot.recall):>7} "
        f"{pct(tot.precision):>9} {f'{tot.names_right}/{tot.matched}':>11} "
        f"{len(tot.negatives_found):>13}"
    )
    print_properties([r for r in results if not r.error and r.property_sites])
    configured = [r for r in results if r.with_suggested is not None]
    if configured:
        print("\nWith exactly the config lines `evdict scan --suggest-config` printed:\n")
        for r in configured:
            assert r.with_suggested is not None
            print_row(r.with_suggested)
            print("    wrappers:")
            for line in r.suggested:
                print(f"      - {line}")
    if not verbose:
        return
    for r in [*results, *(r.with_suggested for r in configured if r.with_suggested)]:
        if r.error:
            continue
        print(f"\n== {r.name}")
        for e in r.misses:
            shown = e["event"] if e["event"] is not None else f"<dynamic {e.get('template')}>"
            print(f"  miss  {e['path']}:{e['line']}  {shown}  [{e['via']}; {e['shape']}]")
        for f in r.false_positives:
            print(f"  fp    {f.path}:{f.line}  {f.event!r}  via {f.via}")
        for e, f in r.wrong_names:
            print(f"  name  {e['path']}:{e['line']}  expected {e['event']!r}, found {f.event!r}")
        for n in r.negatives_found:
            print(f"  neg   {n['path']}:{n['line']}  {n['why']}")
        for e, missed, extra in r.property_misses:
            print(f"  prop  {e['path']}:{e['line']}  missed {missed}, not sent {extra}")
        for e in r.open_claimed_complete:
            print(f"  open  {e['path']}:{e['line']}  reported complete, sends keys not listed")


def print_properties(results: list[Result]) -> None:
    """Property keys at the matched call sites whose inventory entries list them."""
    if not results:
        return
    print("\nProperties, at the matched call sites whose inventory lists the keys they send:\n")
    head = (
        f"{'product':<21} {'sites':>6} {'expected':>8} {'found':>6} {'right':>6} {'recall':>7} "
        f"{'precision':>9} {'open called complete':>20}"
    )
    print(head)
    print("-" * len(head))
    tot = Result("TOTAL")
    for r in [*results, tot]:
        if r is tot:
            print("-" * len(head))
        recall = r.properties_right / r.properties_expected if r.properties_expected else 1.0
        precision = r.properties_right / r.properties_found if r.properties_found else 1.0
        print(
            f"{r.name:<21} {r.property_sites:>6} {r.properties_expected:>8} "
            f"{r.properties_found:>6} {r.properties_right:>6} {pct(recall):>7} "
            f"{pct(precision):>9} {len(r.open_claimed_complete):>20}"
        )
        if r is not tot:
            tot.property_sites += r.property_sites
            tot.properties_expected += r.properties_expected
            tot.properties_found += r.properties_found
            tot.properties_right += r.properties_right
            tot.open_claimed_complete += r.open_claimed_complete


def print_row(r: Result) -> None:
    init = "-" if r.drafted_events is None else str(r.drafted_events)
    print(
        f"{r.name:<21} {r.expected:>8} {r.found:>6} {r.matched:>7} {pct(r.recall):>7} "
        f"{pct(r.precision):>9} {f'{r.names_right}/{r.matched}':>11} "
        f"{len(r.negatives_found):>13} {init:>11} {r.expected_events:>18}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--trees", type=Path, required=True, help="folder holding one tree per product"
    )
    parser.add_argument("--evdict", default=DEFAULT_EVDICT, help="the evdict executable to measure")
    parser.add_argument("--product", action="append", help="only this product (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--no-init", action="store_true", help="skip `evdict init --from-code`")
    parser.add_argument("--jobs", type=int, default=1, help="evdict scan --jobs (default 1)")
    args = parser.parse_args(argv)
    products = json.loads((HERE / "products.json").read_text(encoding="utf-8"))["products"]
    if args.product:
        unknown = set(args.product) - {p["name"] for p in products}
        if unknown:
            parser.error(f"unknown product(s): {', '.join(sorted(unknown))}")
        products = [p for p in products if p["name"] in args.product]
    # Each scan runs in its product's tree: a relative path to evdict is this folder's.
    evdict = str(Path(args.evdict).resolve()) if "/" in args.evdict else args.evdict
    results = [
        score(p, args.trees.resolve(), evdict, args.jobs, not args.no_init) for p in products
    ]
    if args.json:
        print(
            json.dumps({"evdict": args.evdict, "results": [r.as_json() for r in results]}, indent=1)
        )
    else:
        print(f"evdict: {args.evdict}  (zero config, scan --no-cache)\n")
        print_table(results, args.verbose)
    return 2 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
