"""How long ``evdict import`` takes on large sources.

Generates (a) a Segment Public API tracking plan of ``--events`` TRACK rules with
``--props`` properties each, and (b) an Iglu registry of ``--schemas`` schema files
(a quarter of the schemas with two versions, the rest one). Prints, each the median of
``--repeat`` runs:

  (a) read:    the Segment plan read into plan entries (``read_plan``)
  (a') import: the same, written as one plan file and linted (``import_plan``)
  (b) read:    the Iglu registry read (newest version per schema)
  (b') import: the same, split by category, written and linted
  (c)  read:   an Amplitude events CSV export of the same size as (a) read

Usage::

    .venv/bin/python benchmarks/import_plans.py [--events 2000] [--props 10] [--schemas 500]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from timing import timed

from evdict.commands.import_plan import import_plan
from evdict.importers.registry import read_plan

CATEGORIES = ("activation", "adoption", "retention", "friction")


def _properties(index: int, count: int) -> dict[str, Any]:
    return {
        f"prop_{index}_{number}": {
            "type": ["string", "integer", "number", "boolean"][number % 4],
            "description": f"Property {number} of event {index}.",
            **({"enum": ["a", "b", "c"]} if number % 4 == 0 else {}),
        }
        for number in range(count)
    }


def segment_plan(events: int, props: int) -> dict[str, Any]:
    rules = []
    for index in range(events):
        properties = _properties(index, props)
        rules.append(
            {
                "type": "TRACK",
                "key": f"object_{index} action_done",
                "version": 1,
                "labels": {"category": CATEGORIES[index % 4], "owner": f"team_{index % 7}"},
                "jsonSchema": {
                    "$schema": "http://json-schema.org/draft-07/schema#",
                    "description": f"Event number {index} happened.",
                    "type": "object",
                    "properties": {
                        "context": {},
                        "traits": {},
                        "properties": {
                            "type": "object",
                            "properties": properties,
                            "required": list(properties)[:2],
                        },
                    },
                },
            }
        )
    return {"data": {"rules": rules}}


def iglu_registry(root: Path, schemas: int, props: int) -> None:
    written = 0
    index = 0
    while written < schemas:
        versions = ["1-0-0", "1-0-1"] if index % 4 == 0 and written + 2 <= schemas else ["1-0-0"]
        for version in versions:
            folder = root / "schemas" / "com.acme" / f"thing_{index}_seen" / "jsonschema"
            folder.mkdir(parents=True, exist_ok=True)
            schema = {
                "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
                "description": f"Thing {index} was seen.",
                "self": {
                    "vendor": "com.acme",
                    "name": f"thing_{index}_seen",
                    "format": "jsonschema",
                    "version": version,
                },
                "type": "object",
                "properties": _properties(index, props),
                "additionalProperties": False,
            }
            (folder / version).write_text(json.dumps(schema), encoding="utf-8")
            written += 1
        index += 1


def amplitude_csv(events: int, props: int) -> str:
    """Amplitude Data's events CSV: an ``Event`` row, then a row per property."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            *("Object Type", "Object Name", "Object Description", "Event Category"),
            *("Event Property Name", "Property Value Type", "Property Required", "Enum Values"),
        ]
    )
    for index in range(events):
        event = ["Event", f"Object {index} Action Done", f"Event number {index}."]
        writer.writerow([*event, CATEGORIES[index % 4], "", "", "", ""])
        for number in range(props):
            kind = ["enum", "string", "number", "boolean"][number % 4]
            values = "a,b,c" if kind == "enum" else ""
            writer.writerow(
                ["", "", "", "", f"prop_{index}_{number}", kind, str(number < 2), values]
            )
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--props", type=int, default=10)
    parser.add_argument("--schemas", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        plan = root / "segment.json"
        plan.write_text(json.dumps(segment_plan(args.events, args.props)), encoding="utf-8")
        registry = root / "iglu"
        iglu_registry(registry, args.schemas, args.props)
        table = root / "amplitude.csv"
        table.write_text(amplitude_csv(args.events, args.props), encoding="utf-8")
        out = root / "out"

        def segment_import() -> None:
            shutil.rmtree(out, ignore_errors=True)
            import_plan("segment-protocols", [plan], out)

        def iglu_import() -> None:
            shutil.rmtree(out, ignore_errors=True)
            import_plan("iglu", [registry], out, split="category")

        size = plan.stat().st_size / 1e6
        print(f"segment plan: {args.events} events x {args.props} properties ({size:.1f} MB)")
        print(
            f"  (a)  read:   {timed(lambda: read_plan('segment-protocols', [plan]), args.repeat):.3f} s"
        )
        print(f"  (a') import: {timed(segment_import, args.repeat):.3f} s (written and linted)")
        print(f"iglu registry: {args.schemas} schema files")
        print(f"  (b)  read:   {timed(lambda: read_plan('iglu', [registry]), args.repeat):.3f} s")
        print(f"  (b') import: {timed(iglu_import, args.repeat):.3f} s (written and linted)")
        size = table.stat().st_size / 1e6
        print(
            f"amplitude events CSV: {args.events} events x {args.props} properties ({size:.1f} MB)"
        )
        print(f"  (c)  read:   {timed(lambda: read_plan('amplitude', [table]), args.repeat):.3f} s")


if __name__ == "__main__":
    main()
