"""How evdict's cost grows on hostile, generated inputs, each case next to its floor
measured in the same run: time and peak memory (each case runs in its own process).

  ev202-5000, ev202-65675   EV202 (near duplicates) on that many generated event names
                            (object phrases x verbs x a version suffix, 5 % injected
                            duplicates); floor: reading every name (`finder.read`)
  validate-wide             `evdict validate` on one payload of 100,000 properties;
                            floor: `json.loads` of the line
  validate-names            `evdict validate` on 500,000 payloads of distinct undeclared
                            events; floor: `json.loads` of every line
  py-chain, js-chain        a chain of 3,000 wrappers (each calls the one before, the
                            first calls the SDK), scanned; floor: the parser alone
  py-chain-json,            a chain of 1,500 wrappers, scanned and printed by
  py-chain-explain,         `scan --format json` or `scan --explain-wrappers` (each
  js-chain-json,            wrapper's evidence); floor: the parser alone
  js-chain-explain
  py-lines                  one Python file of 1,000,000 lines (size limit raised);
                            floor: `ast.parse`
  js-minified               one 20 MB minified JavaScript file holding one `é` (limit
                            raised); floor: tree-sitter's parse

Each side prints its wall-clock seconds, its CPU seconds (steadier on a busy machine)
and its peak resident MB; ``--before SRC`` adds the same case run by another checkout's
evdict (``--before /path/to/main/src``), in the same minutes.

Usage::

    .venv/bin/python benchmarks/scaling.py [--case NAME ...] [--before SRC]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CASES = (
    "ev202-5000",
    "ev202-65675",
    "validate-wide",
    "validate-names",
    "py-chain",
    "js-chain",
    "py-chain-json",
    "py-chain-explain",
    "js-chain-json",
    "js-chain-explain",
    "py-lines",
    "js-minified",
)
PLAN = "events:\n  report_exported:\n    description: A report was exported.\n"
CONFIG = "plan: [plan.yaml]\nsources:\n  max_file_size: 100000000\n"


def event_names(count: int) -> list[str]:
    sys.path.insert(0, str(Path(__file__).parent))
    from naming_duplicates import generate_names

    names, _ = generate_names(min(count, 50_000))
    rng = random.Random(5)
    while len(names) < count:  # beyond the generator's combinations: versioned names
        names.append(f"{rng.choice(names)}_v{len(names)}")
    return names


def ev202(count: int) -> tuple[Callable[[], object], Callable[[], object]]:
    from evdict.config import Config
    from evdict.plan.model import Event, Origin
    from evdict.rules.duplicates import NearDuplicateFinder
    from evdict.yamlsource import YamlDocument

    document = YamlDocument("plan.yaml", {})
    events = [Event(name, {}, Origin(document, ("events", name))) for name in event_names(count)]
    finder = NearDuplicateFinder.from_config(Config.from_data({}, Path.cwd()))
    return (lambda: [finder.read(event) for event in events]), (lambda: finder.find(events))


def write_project(directory: Path, files: dict[str, str | bytes]) -> None:
    for name, content in {"evdict.yaml": CONFIG, "plan.yaml": PLAN, **files}.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def run_cli(directory: Path, *args: str) -> Callable[[], object]:
    from click.testing import CliRunner

    from evdict.cli import cli

    def invoke() -> object:
        previous = Path.cwd()
        os.chdir(directory)
        try:
            result = CliRunner().invoke(cli, [*args, "--no-cache"], catch_exceptions=False)
        finally:
            os.chdir(previous)
        # 0 or 1 (findings): a crash (an internal error exits 70) is no figure.
        if result.exit_code not in (0, 1):
            tail = "\n".join(result.output.splitlines()[-5:])
            raise SystemExit(f"evdict {' '.join(args)} exited {result.exit_code}:\n{tail}")
        return result

    return invoke


def validate_wide(directory: Path) -> tuple[Callable[[], object], Callable[[], object]]:
    properties = {f"prop_{index}": index for index in range(100_000)}
    line = json.dumps({"event": "report_exported", "properties": properties}) + "\n"
    write_project(directory, {"export.ndjson": line})
    return (lambda: json.loads(line)), run_cli(directory, "validate", "export.ndjson")


def validate_names(directory: Path) -> tuple[Callable[[], object], Callable[[], object]]:
    lines = [
        json.dumps({"event": f"event_{index}_seen", "properties": {"n": index}}) + "\n"
        for index in range(500_000)
    ]
    write_project(directory, {"export.ndjson": "".join(lines)})
    return (lambda: [json.loads(line) for line in lines]), run_cli(
        directory, "validate", "export.ndjson"
    )


def chain(
    directory: Path, language: str, depth: int = 3000, *output: str
) -> tuple[Callable[[], object], Callable[[], object]]:
    if language == "py":
        lines = ["import analytics\n", "def w0(event):\n    analytics.track('u', event)\n"]
        lines += [f"def w{i}(event):\n    w{i - 1}(event)\n" for i in range(1, depth)]
        lines.append(f"w{depth - 1}('report_exported')\n")
    else:
        # A default import of 'analytics' proves no call: a Segment client does.
        lines = ["import { AnalyticsBrowser } from '@segment/analytics-next';\n"]
        lines.append("const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n")
        lines.append("function w0(event) { analytics.track(event); }\n")
        lines += [f"function w{i}(event) {{ w{i - 1}(event); }}\n" for i in range(1, depth)]
        lines.append(f"w{depth - 1}('report_exported');\n")
    source = "".join(lines)
    write_project(directory, {f"app.{language}": source})
    return parser_floor(source, language), run_cli(directory, "scan", *output)


def py_lines(directory: Path) -> tuple[Callable[[], object], Callable[[], object]]:
    body = "import analytics\n" + "x = 1\n" * 999_998 + "analytics.track('u', 'report_exported')\n"
    write_project(directory, {"big.py": body})
    return parser_floor(body, "py"), run_cli(directory, "scan")


def js_minified(directory: Path) -> tuple[Callable[[], object], Callable[[], object]]:
    unit = "var a=function(b){return b+1};analytics.track('report_exported',{n:1});"
    body = "import analytics from 'analytics';var s='\u00e9';" + unit * (20_000_000 // len(unit))
    write_project(directory, {"bundle.js": body})  # *.min.js is excluded by default
    return parser_floor(body, "js"), run_cli(directory, "scan")


def parser_floor(source: str, language: str) -> Callable[[], object]:
    if language == "py":
        import ast

        return lambda: ast.parse(source)
    from evdict.scanner.frontends.javascript import parse_tree_only

    data = source.encode()
    return lambda: parse_tree_only(data, "app.js")


def build(case: str, directory: Path) -> tuple[Callable[[], object], Callable[[], object]]:
    if case.startswith("ev202-"):
        return ev202(int(case.removeprefix("ev202-")))
    if case == "validate-wide":
        return validate_wide(directory)
    if case == "validate-names":
        return validate_names(directory)
    if case in ("py-chain", "js-chain"):
        return chain(directory, case[:2])
    if case.endswith("-chain-json"):
        return chain(directory, case[:2], 1500, "--format", "json")
    if case.endswith("-chain-explain"):
        return chain(directory, case[:2], 1500, "--explain-wrappers")
    if case == "py-lines":
        return py_lines(directory)
    return js_minified(directory)


def child(case: str, part: str) -> None:
    """Run one side of one case in this process and print its seconds."""
    with tempfile.TemporaryDirectory() as folder:
        floor, work = build(case, Path(folder))
        action = floor if part == "floor" else work
        start, cpu = time.perf_counter(), time.process_time()
        action()
        print(time.perf_counter() - start, time.process_time() - cpu)


def measure(case: str, part: str, source: str | None = None) -> tuple[float, float, float]:
    """(seconds, CPU seconds, peak resident MB) of one side of one case, in a fresh
    process, importing evdict from ``source`` when given; the set-up (generating the
    input) is included in the peak, not in the times."""
    environment = {**os.environ, "PYTHONPATH": source} if source else None
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", case, part],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{case} {part} failed ({process.returncode})")
    seconds, cpu = output.strip().splitlines()[-1].split()
    return float(seconds), float(cpu), usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=CASES)
    parser.add_argument(
        "--before",
        metavar="SRC",
        help="also run evdict imported from SRC (another checkout's src/) in the same run",
    )
    parser.add_argument("--child", nargs=2, metavar=("CASE", "PART"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sides: list[tuple[str, str, str | None]] = [("floor", "floor", None), ("evdict", "work", None)]
    if args.before:
        sides.append(("before", "work", args.before))
    print(f"{'':16}" + "".join(f" {name + ' s':>9} {'cpu s':>7} {'MB':>6}" for name, _, _ in sides))
    for case in args.case or CASES:
        row = f"{case:16}"
        for _, part, source in sides:
            seconds, cpu, mb = measure(case, part, source)
            row += f" {seconds:9.2f} {cpu:7.2f} {mb:6.0f}"
        print(row, flush=True)


if __name__ == "__main__":
    main()
