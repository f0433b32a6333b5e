"""The formats ``evdict import`` reads: name -> (module of evdict.importers, what it reads)."""

from __future__ import annotations

import importlib
from pathlib import Path

from evdict.importers.model import Imported

FORMATS: dict[str, tuple[str, str]] = {
    "segment-protocols": (
        "segment",
        "Segment Protocols: Public API rules, Typewriter plan.json",
    ),
    "jsonschema": ("json_schema", "JSON Schemas, one per event (or $defs of events)"),
    "iglu": ("iglu", "a Snowplow Iglu registry (schemas/<vendor>/<name>/jsonschema/)"),
    "glean": ("glean", "Mozilla Glean metrics.yaml files (event metrics)"),
    "weaver": ("weaver", "an OpenTelemetry Weaver registry (definition/1 and 2)"),
    "avo": ("avo", "Avo: the Export API / webhook JSON, the tracking plan CSV"),
    "amplitude": ("amplitude", "Amplitude Data: the events CSV export, Taxonomy API JSON"),
    "mixpanel-lexicon": (
        "mixpanel_lexicon",
        "Mixpanel Lexicon: its CSV export, its Schemas API JSON",
    ),
    "rudderstack": (
        "rudderstack",
        "RudderStack tracking plans as code (rudder/v1 and rudder/0.1 YAML)",
    ),
}


def read_plan(fmt: str, sources: list[Path]) -> Imported:
    """The events and notes read from ``sources`` in format ``fmt`` (one of FORMATS)."""
    module = importlib.import_module(f"evdict.importers.{FORMATS[fmt][0]}")
    imported = Imported()
    module.read(sources, imported)
    return imported
