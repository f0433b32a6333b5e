"""``evdict export``: the plan as JSON Schema or as another tool's tracking plan."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import cast

import click

from evdict.cli.common import (
    config_option,
    format_option,
    output_option,
    use_color,
    write_output,
)
from evdict.commands.export import EXPORT_FORMATS, ExportFormat
from evdict.config import Options
from evdict.report.text_report import render


@click.command()
@config_option
@format_option(
    EXPORT_FORMATS,
    "jsonschema: a JSON Schema per event; segment: a Protocols plan (Config API);"
    " segment-protocols: Protocols rules (Public API).",
)
@output_option("the document (default: standard output)")
def export(config_path: Path | None, output_format: str, output: Path | None) -> None:
    """Export the plan: a JSON Schema (Draft 2020-12) per event under `$defs`, or a
    Segment Protocols tracking plan (Config API or Public API rules).

    A plan with structure errors (EV0xx) is not exported: they are printed and the exit
    code is 1.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.export import export as export_plan

    options = Options(config_path=config_path)
    document, structure = export_plan(options, cast(ExportFormat, output_format))
    if document is None:
        render(structure, sys.stderr, color=use_color("auto", sys.stderr.isatty()))
        sys.exit(1)
    # The plan's EV002 refuses .inf and .nan: JSON has neither, so never write them.
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    write_output(output, lambda stream, _: stream.write(text), reads=options)
