"""How long ``evdict docs`` takes on a large plan, step by step.

Generates a plan of ``--events`` events (default 5,000) with a realistic mix of shared
and local properties, Markdown descriptions, owners, categories and funnels, then
prints, each the median of ``--repeat`` runs:

  (a) load:     loading the plan (the floor every command pays)
  (b) lint:     ``evdict.api.lint`` on it (the health page's findings)
  (c) html:     building the content and writing every HTML page
  (d) markdown: the same pages as Markdown files
  (e) command:  ``evdict docs --out DIR`` end to end, as a subprocess
  (f) floor:    writing the same files (same names and sizes) into a new folder

Usage::

    .venv/bin/python benchmarks/docs_site.py [--events 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TEAMS = ("growth", "billing", "enrichment", "integrations", "reporting", "workflows")
CATEGORIES = ("activation", "adoption", "retention", "friction")
OBJECTS = ("contact", "lead", "report", "workflow", "invoice", "seat", "export", "sync", "list")
VERBS = ("created", "updated", "deleted", "exported", "viewed", "shared", "archived", "imported")
SHARED = ("workspace_id", "user_id", "plan_tier", "email_hash", "source_page")


def synthetic_event_name(index: int) -> str:
    """The name of the ``index``-th generated event (``report_00042_exported``)."""
    return f"{OBJECTS[index % len(OBJECTS)]}_{index:05d}_{VERBS[index % len(VERBS)]}"


def write_synthetic_plan(directory: Path, events: int, *, seed: int = 7) -> Path:
    """A plan of ``events`` events in one file per team; returns its ``evdict.yaml``."""
    rng = random.Random(seed)
    plan_dir = directory / "tracking-plan"
    plan_dir.mkdir(parents=True, exist_ok=True)
    shared = ["properties:"]
    for name in SHARED:
        shared += [f"  {name}:", "    type: string", f"    description: The {name} of the actor."]
        if name == "email_hash":
            shared.append("    pii: hashed")
    per_team: dict[str, list[str]] = {team: ["events:"] for team in TEAMS}
    for index in range(events):
        name = synthetic_event_name(index)
        obj = name.split("_")[0]
        team = TEAMS[index % len(TEAMS)]
        per_team[team] += [
            f"  {name}:",
            f"    description: A {obj} was changed ({index}) from the *{team}* screen; see `{obj}_id`.",
            f"    category: {rng.choice(CATEGORIES)}",
            f"    owner: team-{team}",
            f"    status: {'deprecated' if index % 97 == 0 else 'active'}",
            "    properties:",
            *(f"      {prop}: {{required: true}}" for prop in rng.sample(SHARED, 3)),
        ]
        for field in range(rng.randint(2, 7)):
            per_team[team] += [
                f"      {obj}_field_{field}:",
                "        type: string",
                f"        enum: [{', '.join(rng.sample(VERBS, 3))}]",
                f"        description: Field {field} of the {obj}.",
            ]
    shared.append("funnels:")
    for funnel in range(5):
        shared += [f"  funnel_{funnel}:", "    steps:"]
        steps = rng.sample(range(events), min(4, events))
        shared += [f"      - {{event: {synthetic_event_name(i)}, within: 7d}}" for i in steps]
    (plan_dir / "shared.yaml").write_text("\n".join(shared) + "\n", encoding="utf-8")
    for team, lines in per_team.items():
        (plan_dir / f"{team}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = directory / "evdict.yaml"
    config.write_text(
        'plan: ["tracking-plan/**/*.yaml"]\n'
        f"budget: {{min: 1, max: {events * 2}, hard_max: {events * 3}}}\n",
        encoding="utf-8",
    )
    return config


def _median(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _write_all(directory: Path, pages: list[tuple[Path, bytes]]) -> None:
    """Write ``pages`` into a fresh ``directory``: what the file system alone costs."""
    shutil.rmtree(directory, ignore_errors=True)
    for relative, data in pages:
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from evdict.api import Options, lint, load_plan
    from evdict.budget import compute_budget
    from evdict.config import load_config
    from evdict.docs import write_docs

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config_path = write_synthetic_plan(root / "project", args.events)
        config = load_config(config_path)
        plan = load_plan(config)
        findings = lint(Options(), config)
        budget = compute_budget(plan, config)
        files = len(write_docs(plan, config, root / "warm", findings=findings, budget=budget))
        figures = {
            "(a) load": _median(lambda: load_plan(config), args.repeat),
            "(b) lint": _median(lambda: lint(Options(), config), args.repeat),
            "(c) html": _median(
                lambda: write_docs(plan, config, root / "html", findings=findings, budget=budget),
                args.repeat,
            ),
            "(d) markdown": _median(
                lambda: write_docs(
                    plan, config, root / "md", fmt="markdown", findings=findings, budget=budget
                ),
                args.repeat,
            ),
            "(e) command": _median(
                lambda: subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "evdict",
                        "docs",
                        "--config",
                        str(config_path),
                        "--out",
                        str(root / "cli"),
                    ],
                    check=True,
                    capture_output=True,
                ),
                args.repeat,
            ),
        }
        pages = [
            (path.relative_to(root / "html"), path.read_bytes())
            for path in sorted((root / "html").rglob("*"))
            if path.is_file()
        ]
        figures["(f) floor"] = _median(lambda: _write_all(root / "floor", pages), args.repeat)
        index_size = (root / "html" / "index.html").stat().st_size
    print(
        f"plan: {args.events} events, {files} files written, index.html {index_size / 1e6:.1f} MB"
    )
    for label, seconds in figures.items():
        print(f"{label:<14} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
