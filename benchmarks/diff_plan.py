"""How long ``evdict diff`` and baselines take on a large plan, step by step.

Generates a plan of ``--events`` events with ``--props`` properties each, split into
one file per team, commits it in a temporary git repository, then changes a tenth of
the events in the working tree (properties added, removed, retyped, enums cut,
events removed and added). Prints, each the median of ``--repeat`` runs:

  (a) git floor:  ``git ls-tree`` + one ``git cat-file --batch`` of the plan files
  (b) load:       the plan at HEAD read through git (``load_plan_at``), and
  (b') load:      the working-tree plan (``load_plan``, no cache), for comparison
  (c) compare:    classifying every change between the two loaded plans
  (d) command:    ``evdict diff --format json`` end to end, as a subprocess
  (d') baseline:  ``evdict lint --select EV0`` end to end in the same repository
  (e) baseline:   recording, then splitting, ``--findings`` synthetic findings

Usage::

    .venv/bin/python benchmarks/diff_plan.py [--events 2000] [--props 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from timing import timed

TEAMS = ("growth", "billing", "enrichment", "integrations", "reporting", "workflows")


def event_yaml(name: str, props: int, rng: random.Random, changed: bool) -> str:
    lines = [
        f"  {name}:",
        f"    description: The {name.replace('_', ' ')} happened.",
        "    properties:",
    ]
    for index in range(props):
        kind = "integer" if index % 3 else "string"
        if changed and index == 0:
            kind = "number"  # widened or changed
        enum = (
            " enum: [a, b, c],"
            if index == 1 and not changed
            else (" enum: [a, c]," if index == 1 else "")
        )
        if changed and index == props - 1:
            continue  # property removed
        lines.append(f"      prop_{index}: {{type: {kind},{enum} maximum: {100 + index}}}")
    if changed:
        lines.append("      added_prop: {type: string, required: true}")
    return "\n".join(lines) + "\n"


def write_plan(root: Path, events: int, props: int, change: bool) -> None:
    rng = random.Random(7)
    files: dict[str, list[str]] = {team: [] for team in TEAMS}
    for index in range(events):
        team = TEAMS[index % len(TEAMS)]
        changed = change and index % 10 == 0
        if change and index % 50 == 1:
            continue  # event removed
        files[team].append(event_yaml(f"{team}_item_{index}_created", props, rng, changed))
    if change:
        files[TEAMS[0]].append(event_yaml("brand_new_thing_created", props, rng, False))
    for team, chunks in files.items():
        path = root / "tracking-plan" / f"{team}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("events:\n" + "".join(chunks), encoding="utf-8")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--props", type=int, default=10)
    parser.add_argument("--findings", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from evdict.api import load_plan
    from evdict.baseline import Baseline
    from evdict.config import load_config
    from evdict.diagnostics import Diagnostic, Location, Severity
    from evdict.plan.compare import compare
    from evdict.plan.git import Repository, load_plan_at, match_plan_files

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "evdict.yaml").write_text('plan: ["tracking-plan/**/*.yaml"]\n', encoding="utf-8")
        write_plan(root, args.events, args.props, change=False)
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-qm", "plan")
        write_plan(root, args.events, args.props, change=True)
        os.chdir(root)
        config = load_config(root / "evdict.yaml")
        repo = Repository.find(root)
        commit = repo.resolve("HEAD")
        size = sum(p.stat().st_size for p in (root / "tracking-plan").glob("*.yaml"))
        print(f"plan: {args.events} events x {args.props} properties, {size / 1e6:.1f} MB")

        def floor() -> None:
            paths = match_plan_files(repo.files_at(commit), "", config.plan)
            repo.read_files(commit, paths)

        base = load_plan_at(repo, commit, root, config.plan, ".").plan
        head = load_plan(config, use_cache=False)
        changes = compare(base, head, period_days=90, today=date.today())
        print(f"changes classified: {len(changes)}")
        print(f"(a)  git floor:        {timed(floor, args.repeat):.3f} s")
        at_head = timed(lambda: load_plan_at(repo, commit, root, config.plan, "."), args.repeat)
        print(f"(b)  load at HEAD:     {at_head:.3f} s")
        working = timed(lambda: load_plan(config, use_cache=False), args.repeat)
        print(f"(b') load work tree:   {working:.3f} s")
        classify = timed(
            lambda: compare(base, head, period_days=90, today=date.today()), args.repeat
        )
        print(f"(c)  compare:          {classify:.3f} s")
        evdict = [sys.executable, "-m", "evdict"]
        command = timed(
            lambda: subprocess.run(
                [*evdict, "diff", "HEAD", "--format", "json"], capture_output=True
            ),
            args.repeat,
        )
        print(f"(d)  evdict diff:      {command:.3f} s")
        lint = timed(
            lambda: subprocess.run([*evdict, "lint", "--select", "EV0"], capture_output=True),
            args.repeat,
        )
        print(f"(d') evdict lint EV0:  {lint:.3f} s")

        findings = [
            Diagnostic(
                f"EV{400 + i % 5}",
                "x",
                Severity.WARNING,
                f"event 'e_{i}' has a problem at events.yaml:{i}",
                Location("events.yaml", i + 1, 3),
                entry=f"events.e_{i}",
            )
            for i in range(args.findings)
        ]
        recorded = Baseline.record(findings, root)
        record = timed(lambda: Baseline.record(findings, root), args.repeat)
        split = timed(lambda: recorded.split(findings, root), args.repeat)
        print(
            f"(e)  baseline, {args.findings} findings: record {record:.3f} s, split {split:.3f} s"
        )


if __name__ == "__main__":
    main()
