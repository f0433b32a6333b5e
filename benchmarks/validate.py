"""How fast ``evdict validate`` judges a large export, per engine, against DuckDB's floor.

Generates a ``--events``-event plan (six properties each: a required string enum, an
integer, a number with a minimum, a boolean, a patterned id, an optional string) and
an NDJSON export of ``--payloads`` Segment track calls (about 1 in 20 wrong: an
undeclared event or property, a missing required property, a value off its enum),
then prints in one run, each step in its own process with its wall and CPU time (all
threads) and its peak RSS:

  (a)  floor:   DuckDB's ``count(*)`` over the file, parsing its JSON columns
  (b)  duckdb:  ``evdict validate EXPORT --engine duckdb`` (the default engine)
  (c)  before:  the same, by another checkout's evdict (``--before SRC``, its ``src/``)
  (d)  python:  ``evdict validate EXPORT --engine python`` on the first
                ``--python-payloads`` lines (the Python engine takes minutes on a
                million; its payloads/s is what compares)

With ``--context`` each payload also carries what analytics.js sends besides the call
(ids, timestamps, the page's ``context``): about 1 KB a line, as real exports are.

Usage::

    .venv/bin/python benchmarks/validate.py [--events 500] [--payloads 1000000]
        [--python-payloads 100000] [--context] [--before SRC] [--repeat N]
        [--format ndjson|parquet|csv|array]

With ``--repeat N`` every step runs N times, in rounds, and its median run is shown.
With ``--format``, (b) and (c) judge the same payloads as a Parquet file, a CSV file
(a header, then ``type,event,userId,properties`` a row) or a JSON array (the NDJSON
lines as its elements), which evdict writes as NDJSON before judging; the floor and
the Python engine still read the NDJSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from timing import compile_sources

# Runs a command and prints its wall time, CPU time (all threads) and peak RSS: on a
# machine shared with other work the CPU time is the steadier figure.
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, done.returncode)
"""
FLOOR = """
import duckdb, sys
duckdb.sql(
    "SELECT count(*), count(DISTINCT event), sum(json_array_length(json_keys(properties))) "
    f"FROM read_json('{sys.argv[1]}', format = 'newline_delimited', "
    "columns = {event: 'VARCHAR', properties: 'JSON'})"
).fetchall()
"""
FORMATS = ["csv", "xlsx", "pdf", "json"]


def write_plan(root: Path, events: int) -> list[str]:
    names = [f"object_{index}_updated" for index in range(events)]
    lines = ["events:"]
    for name in names:
        lines += [
            f"  {name}:",
            "    description: Generated for the benchmark.",
            "    properties:",
            f"      format: {{type: string, enum: {json.dumps(FORMATS)}, required: true}}",
            "      count: {type: integer}",
            "      amount: {type: number, minimum: 0}",
            "      express: {type: boolean}",
            '      object_id: {type: string, pattern: "^obj_[0-9]+$"}',
            "      note: {type: string}",
        ]
    (root / "events.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def segment_fields(pick: random.Random, number: int) -> dict[str, object]:
    """What analytics.js sends besides the call (``--context``): ids, timestamps and the
    ``context`` of a browser page, about 850 bytes a line."""
    return {
        "anonymousId": f"{pick.getrandbits(128):032x}",
        "context": {
            "ip": f"10.{number % 250}.{pick.randrange(250)}.{pick.randrange(250)}",
            "library": {"name": "analytics.js", "version": "next-1.53.0"},
            "locale": "en-US",
            "page": {
                "path": "/app/orders",
                "referrer": "https://www.google.com/",
                "search": "",
                "title": "Orders - Acme",
                "url": "https://app.acme.example/app/orders",
            },
            "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
            "userAgentData": {
                "brands": [{"brand": "Google Chrome", "version": "119"}],
                "mobile": False,
                "platform": "macOS",
            },
        },
        "integrations": {},
        "messageId": f"ajs-next-{pick.getrandbits(128):032x}",
        "originalTimestamp": "2026-11-30T10:11:12.345Z",
        "receivedAt": "2026-11-30T10:11:13.001Z",
        "sentAt": "2026-11-30T10:11:12.400Z",
        "timestamp": "2026-11-30T10:11:12.946Z",
    }


def write_export(
    path: Path, names: list[str], payloads: int, *, context: bool = False, seed: int = 19
) -> None:
    pick = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(payloads):
            props: dict[str, object] = {
                "format": pick.choice(FORMATS),
                "count": pick.randint(0, 50),
                "amount": round(pick.random() * 100, 2),
                "express": pick.random() < 0.5,
                "object_id": f"obj_{number}",
            }
            event = pick.choice(names)
            wrong = pick.randrange(100)
            if wrong == 0:
                event += "_typo"
            elif wrong == 1:
                props["colour"] = "red"
            elif wrong == 2:
                del props["format"]
            elif wrong == 3:
                props["format"] = "CSV"
            elif wrong == 4:
                props["amount"] = -1
            record = {"type": "track", "event": event, "userId": f"u{number}", "properties": props}
            if context:
                record |= segment_fields(pick, number)
            out.write(json.dumps(record) + "\n")


def write_format(export: Path, kind: str) -> Path:
    """The NDJSON ``export`` as a file of ``kind`` beside it (itself for ``ndjson``)."""
    if kind == "ndjson":
        return export
    if kind == "array":
        target = export.with_suffix(".json")
        with export.open("rb") as lines, target.open("wb") as out:
            out.write(b"[")
            for number, line in enumerate(lines):
                out.write((b",\n" if number else b"\n") + line.rstrip(b"\n"))
            out.write(b"\n]\n")
        return target
    import duckdb

    target = export.with_suffix(f".{kind}")
    options = "FORMAT parquet" if kind == "parquet" else "FORMAT csv, HEADER true"
    duckdb.execute(
        f"COPY (SELECT * FROM read_json('{export}', format = 'newline_delimited', columns = "
        "{type: 'VARCHAR', event: 'VARCHAR', userId: 'VARCHAR', properties: 'JSON'})) "
        f"TO '{target}' ({options})"
    )
    return target


@dataclass(frozen=True)
class Measured:
    elapsed: float
    cpu: float
    peak: int  # MB


def measure(*command: str, cwd: Path, source: str | None = None) -> Measured:
    """One command's figures, importing evdict from ``source`` when given."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": source} if source else None,
    )
    elapsed, cpu, peak, code = done.stdout.split()
    if int(code) not in (0, 1):  # 1: findings; a crash (an internal error exits 70) is no figure
        raise SystemExit(f"{' '.join(command)} failed ({code})")
    return Measured(float(elapsed), float(cpu), int(peak) // 1024)


def median_run(runs: list[Measured]) -> Measured:
    """The run of median wall time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda run: run.elapsed)[(len(runs) - 1) // 2]


def report(label: str, payloads: int, run: Measured, floor: Measured, share: float = 1) -> None:
    """One step's figures; ``share``: the part of the export it read, for the floor's."""
    print(
        f"{label:<7} {payloads:>9,} payloads {run.elapsed:7.2f} s {payloads / run.elapsed:>9,.0f}"
        f" payloads/s {run.elapsed / (floor.elapsed * share):5.1f}x floor  CPU {run.cpu:6.2f} s"
        f" {run.cpu / (floor.cpu * share):5.1f}x floor  peak RSS {run.peak:,} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--payloads", type=int, default=1_000_000)
    parser.add_argument("--python-payloads", type=int, default=100_000)
    parser.add_argument(
        "--before",
        metavar="SRC",
        help="also run the duckdb engine of another checkout's evdict (its src/)",
    )
    parser.add_argument(
        "--context",
        action="store_true",
        help="payloads as analytics.js sends them (ids, timestamps, a page's context): "
        "about 1 KB a line instead of 170 bytes",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run every step this many times, in rounds, and report each one's median run",
    )
    parser.add_argument(
        "--format",
        choices=["ndjson", "parquet", "csv", "array"],
        default="ndjson",
        help="the export the duckdb engine judges (the floor and Python read the NDJSON)",
    )
    args = parser.parse_args()
    if args.context and args.format in ("parquet", "csv"):
        parser.error("--context payloads are judged as NDJSON or a JSON array only")
    with tempfile.TemporaryDirectory(prefix="evdict-bench-validate-") as folder:
        root = Path(folder)
        names = write_plan(root, args.events)
        export = root / "export.ndjson"
        write_export(export, names, args.payloads, context=args.context)
        sample = root / "sample.ndjson"
        with export.open("rb") as source, sample.open("wb") as out:
            for _ in range(min(args.python_payloads, args.payloads)):
                out.write(source.readline())
        megabytes = export.stat().st_size / 2**20
        print(f"{args.events} events, {args.payloads:,} payloads, {megabytes:,.0f} MB of NDJSON")
        judged = write_format(export, args.format).name
        if args.format != "ndjson":
            megabytes = (root / judged).stat().st_size / 2**20
            print(f"judged as {judged}: {megabytes:,.0f} MB")
        compile_sources(*([args.before] if args.before else []))
        evdict = (sys.executable, "-m", "evdict", "validate", "--no-cache")
        sampled = min(args.python_payloads, args.payloads)
        steps: dict[str, tuple[tuple[str, ...], str | None]] = {
            "floor": ((sys.executable, "-c", FLOOR, str(export)), None),
            "duckdb": ((*evdict, judged, "--engine", "duckdb"), None),
        }
        if args.before:
            steps["before"] = ((*evdict, judged, "--engine", "duckdb"), args.before)
        steps["python"] = ((*evdict, "sample.ndjson", "--engine", "python"), None)
        # Each round runs every step once, so a machine growing busier weighs on all.
        runs: dict[str, list[Measured]] = {label: [] for label in steps}
        for _ in range(args.repeat):
            for label, (command, source) in steps.items():
                runs[label].append(measure(*command, cwd=root, source=source))
        chosen = {label: median_run(measured) for label, measured in runs.items()}
        floor = chosen["floor"]
        for label, run in chosen.items():
            if label == "python":  # against the floor's figures for as many payloads
                report(label, sampled, run, floor, sampled / args.payloads)
            else:
                report(label, args.payloads, run, floor)


if __name__ == "__main__":
    main()
