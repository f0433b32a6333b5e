"""The modules the DuckDB engine imports ahead, while the chunks are judged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from evdict.commands.validate_results import JUDGING_IMPORTS

# Runs `evdict validate` in the folder given and, as it ends, prints the modules the
# run imported.
RUN = """
import atexit, os, sys
os.chdir(sys.argv[1])
before = set(sys.modules)
atexit.register(lambda: print("imported:", *sorted(set(sys.modules) - before), flush=True))
from evdict.cli import main
sys.argv = ["evdict", "validate", "export.ndjson", "--engine", "python"]
main()
"""


def test_the_modules_imported_ahead_are_the_ones_a_run_needs(tmp_path: Path) -> None:
    # A value off its enum (EV605, worded with jsonschema) and an event one letter off a
    # declared one (EV601's "did you mean", with rapidfuzz): what the Python engine
    # imports to judge them must include every module imported ahead, or one is stale.
    (tmp_path / "events.yaml").write_text(
        "events:\n  report_exported:\n    description: Exported.\n"
        "    properties:\n      format: {type: string, enum: [csv]}\n"
    )
    (tmp_path / "export.ndjson").write_text(
        '{"event": "report_exported", "properties": {"format": "x"}}\n'
        '{"event": "report_exportd", "properties": {"format": {"a": 1}}}\n'
    )
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "EV605" in done.stdout and "EV601" in done.stdout
    imported = set(done.stdout.splitlines()[-1].removeprefix("imported: ").split())
    assert set(JUDGING_IMPORTS) <= imported
