"""How long loading and linting a large tracking plan takes, step by step.

Generates a plan of ``--events`` events with ``--props`` properties each (a realistic
mix: reuses of shared properties marked ``{required: true}``, local typed properties
with enums and descriptions), split into one file per team under a temporary
directory, then prints in one run:

  (a)  floor:       reading every plan file
  (b)  compose:     ruamel.yaml composing its node graph (C parser), which the loader
                    used to do; (b') the parse events alone, which the loader walks now
  (c)  load_plan:   parse + plain data + positions + schema validation + merge, no cache
  (c') jsonschema:  the pure-Python validator on the whole plan, which the loader
                    now runs only on entries jsonschema-rs flags
  (d)  cold CLI:    ``evdict lint --select EV0`` (the loader's rules) as a subprocess
                    with an empty cache; (d') the same with every rule
  (e)  warm CLI:    (d) and (e') again, the parse cache filled
  (f)  warm load:   ``load_plan`` in-process with the parse cache filled

Each figure is the median and the best of ``--repeat`` runs. Usage::

    .venv/bin/python benchmarks/lint_plan.py [--events 5000] [--props 10] [--repeat 3]
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
from collections import deque
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

from evdict.api import load_plan
from evdict.config import load_config
from evdict.schema import PLAN_SCHEMA, validator

TEAMS = ("growth", "billing", "enrichment", "integrations", "reporting", "workflows", "admin")
OBJECTS = ("contact", "lead", "report", "workflow", "invoice", "seat", "export", "sync", "list")
VERBS = ("created", "updated", "deleted", "exported", "shared", "viewed", "enriched", "imported")
_WORDS = """
    bulk draft team billing crm csv api manual scheduled shared public private archived custom
    default trial paid free mobile desktop email slack webhook sso audit usage quota credit seat
    role invite domain tag field column filter segment sequence step template theme widget chart
    dashboard alert digest summary comment note task owner partner vendor region locale currency
    tax refund coupon discount plan addon bundle feature flag experiment variant cohort funnel
    goal metric score rating review
"""
QUALIFIERS = tuple(_WORDS.split())
CATEGORIES = ("activation", "adoption", "retention", "friction")
SHARED = 40


def shared_properties() -> dict[str, dict[str, object]]:
    return {
        f"shared_prop_{index}": {
            "type": ("string", "integer", "boolean")[index % 3],
            "description": f"Shared property number {index}, reused by many events.",
        }
        for index in range(SHARED)
    }


def event_spec(rng: random.Random, index: int, props: int) -> dict[str, object]:
    properties: dict[str, object] = {}
    reused = rng.sample(range(SHARED), props // 3)
    for slot in range(props):
        if slot < len(reused):
            properties[f"shared_prop_{reused[slot]}"] = {"required": rng.random() < 0.5}
        elif slot % 3 == 0:
            properties[f"variant_{slot}"] = {
                "type": "string",
                "enum": [f"value_{n}" for n in range(2 + slot % 4)],
                "description": f"Which variant of the action {index} was taken.",
            }
        elif slot % 3 == 1:
            properties[f"count_{slot}"] = {
                "type": "integer",
                "minimum": 0,
                "description": "How many items the action touched.",
            }
        else:
            properties[f"label_{slot}"] = {
                "type": "string",
                "description": "A free-text label the user typed.",
                "required": True,
            }
    return {
        "description": f"Event number {index}: the user did something worth counting.",
        "category": rng.choice(CATEGORIES),
        "interaction": "active",
        "owner": f"team-{TEAMS[index % len(TEAMS)]}",
        "status": "active",
        "properties": properties,
    }


def generate(root: Path, events: int, props: int) -> None:
    rng = random.Random(20260901)
    plan_dir = root / "tracking-plan"
    plan_dir.mkdir(parents=True)
    yaml = YAML()
    yaml.default_flow_style = None
    yaml.width = 4096
    (root / "evdict.yaml").write_text(
        'plan: ["tracking-plan/**/*.yaml"]\nbudget: {min: 1, max: 100000, hard_max: 100000}\n',
        encoding="utf-8",
    )
    with (plan_dir / "shared.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump({"properties": shared_properties()}, handle)
    per_team: dict[str, dict[str, object]] = {team: {} for team in TEAMS}
    for index in range(events):
        qualifier = QUALIFIERS[index // (len(OBJECTS) * len(VERBS)) % len(QUALIFIERS)]
        name = f"{OBJECTS[index % len(OBJECTS)]}_{qualifier}_{VERBS[index // len(OBJECTS) % len(VERBS)]}"
        per_team[TEAMS[index % len(TEAMS)]][name] = event_spec(rng, index, props)
    for team, team_events in per_team.items():
        with (plan_dir / f"{team}.yaml").open("w", encoding="utf-8") as handle:
            yaml.dump({"events": team_events}, handle)


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best of ``repeat`` runs: the best shows what a busy machine hides."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), min(timings)


def cli_lint(root: Path, *options: str) -> None:
    # Exit 0 or 1 are both a completed lint; anything else is a bug worth seeing.
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "lint", "--quiet", *options],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if completed.returncode not in (0, 1):
        raise SystemExit(completed.stderr.decode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--props", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="evdict-bench-") as tmp:
        root = Path(tmp)
        generate(root, args.events, args.props)
        files = sorted((root / "tracking-plan").glob("*.yaml"))
        size = sum(path.stat().st_size for path in files)
        lines = sum(path.read_bytes().count(b"\n") for path in files)
        print(
            f"plan: {args.events} events x {args.props} properties, {len(files)} files, "
            f"{size / 1e6:.1f} MB, {lines} lines"
        )
        config = load_config(root / "evdict.yaml")
        cache = root / ".evdict_cache"
        texts = [path.read_text(encoding="utf-8") for path in files]
        datas = [document.data for document in load_plan(config, use_cache=False).documents]

        def cold_load() -> None:
            load_plan(config, use_cache=False)

        def cold_cli(*options: str) -> Callable[[], None]:
            def run() -> None:
                shutil.rmtree(cache, ignore_errors=True)
                cli_lint(root, *options)

            return run

        figures = {
            "(a) read files": timed(lambda: [path.read_bytes() for path in files], args.repeat),
            "(b) ruamel compose": timed(
                lambda: [list(YAML(typ="safe").compose_all(text)) for text in texts], args.repeat
            ),
            "(b') ruamel parse events": timed(
                lambda: [deque(YAML(typ="safe").parse(text), maxlen=0) for text in texts],
                args.repeat,
            ),
            "(c) load_plan, no cache": timed(cold_load, args.repeat),
            "(c') jsonschema, all": timed(
                lambda: [list(validator(PLAN_SCHEMA).iter_errors(data)) for data in datas], 1
            ),
            "(d) lint --select EV0, cold": timed(cold_cli("--select", "EV0"), args.repeat),
            "(d') lint all rules, cold": timed(cold_cli(), args.repeat),
            "(e) lint --select EV0, warm": timed(
                lambda: cli_lint(root, "--select", "EV0"), args.repeat
            ),
            "(e') lint all rules, warm": timed(lambda: cli_lint(root), args.repeat),
            "(f) load_plan, warm": timed(lambda: load_plan(config), args.repeat),
        }
        print(f"{'':<28} {'median':>8} {'best':>8}")
        for label, (median, best) in figures.items():
            print(f"{label:<28} {median:7.3f}s {best:7.3f}s")


if __name__ == "__main__":
    main()
