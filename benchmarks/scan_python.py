"""What scanning a large Python tree costs, against the floor, in one run on one tree.

The tree is SymPy 1.13.3's source distribution (about 1,560 files, 745,000 lines,
downloaded once with pip into ``--work``), with the acme-enrich example's backend,
tracking plan and a config dropped in: 78 tracking calls through four SDKs, a
declared wrapper and inferred ones. Printed, each the median of ``--repeat`` runs:

  (a) floor:        walking the tree and reading every .py file, in-process
      start-up:     ``python -c pass`` and ``python -c "import evdict.cli"``
  (b) cold scan:    ``evdict scan --no-cache`` as a subprocess
  (c) warm scan:    ``evdict scan`` as a subprocess, the cache filled
  (d) libcst:       ``libcst.parse_module`` of every file, the naive design: a sample
                    of files by default, extrapolated by bytes (``--libcst-all`` for all)
      ast:          ``ast.parse`` of every file, for reference
  (e) check 5:      ``evdict check`` on 5 files changed since the last run (3 of SymPy's,
                    2 tracking files), warm cache otherwise, start-up included

Goals: (b) within 3x (a) plus start-up; (c) under 0.5 s; (e) under 0.5 s. Usage::

    .venv/bin/python benchmarks/scan_python.py [--work /tmp/evdict-bench] [--repeat 5]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from timing import compile_sources, timed

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "acme-enrich"
SDIST = "sympy-1.13.3"
BIN = Path(sys.executable).parent
CONFIG = """\
plan: ["tracking-plan/**/*.yaml"]
wrappers:
  - {callee: track_event, event: 1, properties: 2}
"""


def prepare(work: Path) -> Path:
    """SymPy's sdist unpacked once, with the tracking files and plan dropped in."""
    tree = work / "tree"
    if tree.exists():
        return tree
    archive = work / f"{SDIST}.tar.gz"
    if not archive.exists():
        subprocess.run(
            [
                BIN / "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                "sympy==1.13.3",
                "-d",
                work,
            ],
            check=True,
            capture_output=True,
        )
    with tarfile.open(archive) as bundle:
        bundle.extractall(work, filter="data")
    (work / SDIST).rename(tree)
    shutil.copytree(EXAMPLE / "backend", tree / "backend")
    shutil.copytree(EXAMPLE / "tracking-plan", tree / "tracking-plan")
    (tree / "evdict.yaml").write_text(CONFIG, encoding="utf-8")
    return tree


def python_files(tree: Path) -> list[Path]:
    return sorted(path for path in tree.rglob("*.py") if ".evdict_cache" not in path.parts)


def read_all(tree: Path) -> int:
    """Walk the tree and read every .py file: what any scanner must at least do."""
    total = 0
    stack = [str(tree)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    stack.append(entry.path)
                elif entry.name.endswith(".py"):
                    with open(entry.path, "rb") as handle:  # noqa: PTH123
                        total += len(handle.read())
    return total


def evdict(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIN / "evdict", *args], cwd=tree, capture_output=True, text=True, check=False
    )


def parse_seconds(files: list[Path], parse: Callable[[bytes], object]) -> float:
    start = time.perf_counter()
    for path in files:
        with contextlib.suppress(Exception):  # a file the parser rejects still cost its time
            parse(path.read_bytes())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/evdict-bench"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--libcst-sample", type=int, default=150)
    parser.add_argument("--libcst-all", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    tree = prepare(args.work)
    compile_sources()
    files = python_files(tree)
    size = sum(path.stat().st_size for path in files)
    lines = sum(path.read_bytes().count(b"\n") for path in files)
    print(f"tree: {tree} ({len(files)} .py files, {lines:,} lines, {size / 1e6:.1f} MB)")

    floor = timed(lambda: read_all(tree), args.repeat)
    start_python = timed(
        lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.repeat
    )
    start_evdict = timed(
        lambda: subprocess.run([sys.executable, "-c", "import evdict.cli"], check=True), args.repeat
    )
    print(f"(a) floor, walk + read every file:   {floor:7.3f} s")
    print(
        f"    start-up: python {start_python:.3f} s, python + import evdict.cli {start_evdict:.3f} s"
    )

    cold = timed(lambda: evdict(tree, "scan", "--no-cache"), args.repeat)
    inventory = evdict(tree, "scan", "--no-cache").stdout.splitlines()[-1]
    print(f"(b) evdict scan --no-cache (cold):   {cold:7.3f} s   [{inventory}]")
    evdict(tree, "scan")
    warm = timed(lambda: evdict(tree, "scan"), args.repeat)
    print(f"(c) evdict scan (warm cache):        {warm:7.3f} s")

    sample = (
        files
        if args.libcst_all
        else random.Random(0).sample(files, min(args.libcst_sample, len(files)))
    )
    sample_bytes = sum(path.stat().st_size for path in sample)
    import libcst

    libcst_seconds = parse_seconds(sample, lambda data: libcst.parse_module(data))
    estimate = libcst_seconds * size / sample_bytes
    how = "every file" if args.libcst_all else f"{len(sample)} files, extrapolated by bytes"
    print(f"(d) libcst.parse_module of the tree: {estimate:7.3f} s   [{how}]")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ast_seconds = parse_seconds(files, ast.parse)
    print(f"    ast.parse of every file:         {ast_seconds:7.3f} s")

    changed = [*random.Random(1).sample([p for p in files if "backend" not in p.parts], 3)]
    changed += [tree / "backend/acme/services/growth.py", tree / "backend/acme/services/billing.py"]
    originals = {path: path.read_bytes() for path in changed}
    evdict(tree, "check")
    times = []
    try:
        for round_ in range(args.repeat):
            for path, content in originals.items():
                path.write_bytes(content + f"\n# edit {round_}\n".encode())
            start = time.perf_counter()
            result = evdict(tree, "check", *(str(path.relative_to(tree)) for path in changed))
            times.append(time.perf_counter() - start)
    finally:
        for path, content in originals.items():
            path.write_bytes(content)
    check5 = statistics.median(times)
    print(
        f"(e) evdict check on 5 changed files: {check5:7.3f} s   [{result.stdout.splitlines()[-1]}]"
    )

    budget = 3 * floor + start_evdict
    print()
    print(
        f"goal (b) <= 3 x (a) + start-up = {budget:.3f} s: {'met' if cold <= budget else 'MISSED'}"
    )
    print(f"goal (c) < 0.5 s: {'met' if warm < 0.5 else 'MISSED'}")
    print(f"goal (e) < 0.5 s: {'met' if check5 < 0.5 else 'MISSED'}")
    print(f"naive libcst design / cold scan: {estimate / cold:.0f}x")


if __name__ == "__main__":
    main()
