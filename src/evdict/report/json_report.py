"""The JSON report (versioned; the shape is documented in the README)."""

from __future__ import annotations

import json
from typing import TextIO

from evdict._version import __version__
from evdict.diagnostics import Severity
from evdict.result import CheckResult

SCHEMA_VERSION = 1


def render(result: CheckResult, out: TextIO, *, color: bool) -> None:
    counts = result.counts
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "evdict", "version": __version__},
        "summary": {
            "files": result.files_checked,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "baseline_matched": result.baseline_matched,
            "baseline_fixed": result.baseline_fixed,
            "baseline_recorded": result.baseline_recorded,
            "events": result.events,
            "tracking_calls": result.tracking_calls,
        },
        "notes": list(result.notes),
        "diagnostics": [diagnostic.to_dict() for diagnostic in result.diagnostics],
    }
    json.dump(document, out, indent=2)
    out.write("\n")
