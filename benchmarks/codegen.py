"""How long ``evdict codegen`` takes on a large plan, next to loading that plan.

Generates a plan of ``--events`` events with ``--props`` properties each (a third of
them optional, one in five an enum, every tenth event deprecated), then prints, each
the median of ``--repeat`` runs:

  (a) load:        the plan (``load_plan``, no cache): the floor every command pays
  (b) python:      rendering the Python module (Segment client)
  (c) typescript:  rendering the TypeScript module (PostHog client)
  (d) command:     ``evdict codegen python --out ... --check`` end to end, as a subprocess

Usage::

    .venv/bin/python benchmarks/codegen.py [--events 5000] [--props 8] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import timed

from evdict.checker import load_plan
from evdict.codegen.clients import Client
from evdict.codegen.command import render
from evdict.config import load_config


def plan_yaml(events: int, props: int) -> str:
    lines = ["events:"]
    for number in range(events):
        lines += [
            f"  object{number}_viewed:",
            f"    description: Object {number} was viewed, with its {props} facts.",
        ]
        if number % 10 == 0:
            lines.append("    status: deprecated")
        lines.append("    properties:")
        for prop in range(props):
            spec = ["type: string"] if prop % 5 else ["type: string", "enum: [alpha, beta, gamma]"]
            if prop % 3:
                spec.append("required: true")
            lines.append(f"      fact_{prop}: {{{', '.join(spec)}}}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--props", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "evdict.yaml").write_text("plan: [plan.yaml]\n", encoding="utf-8")
        (root / "plan.yaml").write_text(plan_yaml(args.events, args.props), encoding="utf-8")
        config = load_config(root / "evdict.yaml")
        plan = load_plan(config, use_cache=False)
        sources = ["plan.yaml"]
        python, _ = render(plan, "python", Client("segment"), sources)
        (root / "tracking.py").write_text(python, encoding="utf-8")
        figures = {
            "(a) load": timed(lambda: load_plan(config, use_cache=False), args.repeat),
            "(b) python": timed(
                lambda: render(plan, "python", Client("segment"), sources), args.repeat
            ),
            "(c) typescript": timed(
                lambda: render(plan, "typescript", Client("posthog"), sources), args.repeat
            ),
            "(d) command": timed(
                lambda: subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "evdict",
                        "codegen",
                        "python",
                        "--out",
                        "tracking.py",
                        "--check",
                    ],
                    cwd=root,
                    check=True,
                    capture_output=True,
                ),
                args.repeat,
            ),
        }
    print(f"{args.events} events x {args.props} properties, median of {args.repeat}:")
    for step, seconds in figures.items():
        print(f"  {step:<16} {seconds:7.3f} s")
    print(f"  generated Python: {len(python.splitlines()):,} lines, {len(python) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
