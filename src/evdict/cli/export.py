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
from evdict.commands.export import EXPORT_FORMATS, FOLDER_FORMATS, ExportFormat
from evdict.config import Options
from evdict.errors import UsageError
from evdict.report.text_report import render


@click.command()
@config_option
@format_option(
    EXPORT_FORMATS,
    "jsonschema: a JSON Schema per event; segment: a Protocols plan (Config API);"
    " segment-protocols: Protocols rules (Public API); iglu: a Snowplow Iglu registry"
    " folder; weaver: an OpenTelemetry Weaver registry folder.",
)
@output_option("the document (default: standard output)")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="The folder iglu and weaver write (new, or written by an earlier export).",
)
@click.option("--vendor", help="The Iglu vendor of the schemas (iglu only): com.example.")
def export(
    config_path: Path | None,
    output_format: str,
    output: Path | None,
    out: Path | None,
    vendor: str | None,
) -> None:
    """Export the plan: a JSON Schema (Draft 2020-12) per event under `$defs`, a
    Segment Protocols tracking plan (Config API or Public API rules), or a registry
    folder (--out DIR): Snowplow Iglu (--vendor) or OpenTelemetry Weaver.

    A plan with structure errors (EV0xx) is not exported: they are printed and the exit
    code is 1. What a format cannot hold is printed as a note.
    """
    fmt = cast(ExportFormat, output_format)
    options = Options(config_path=config_path)
    if fmt in FOLDER_FORMATS:
        if output is not None:
            raise UsageError(f"--format {fmt} writes a folder (--out DIR), not one file (--output)")
        if out is None:
            raise UsageError(f"--format {fmt} writes a folder: name it with --out DIR")
        if vendor is not None and fmt != "iglu":
            raise UsageError("--vendor is for --format iglu")
        _export_folder(options, fmt, out, vendor)
        return
    if out is not None or vendor is not None:
        raise UsageError(
            f"--format {fmt} writes one document (standard output or --output FILE); "
            "--out and --vendor are for iglu and weaver"
        )
    # loaded when the command runs, not when --help lists it
    from evdict.commands.export import export as export_plan

    document, structure = export_plan(options, fmt)
    if document is None:
        render(structure, sys.stderr, color=use_color("auto", sys.stderr.isatty()))
        sys.exit(1)
    # The plan's EV002 refuses .inf and .nan: JSON has neither, so never write them.
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    write_output(output, lambda stream, _: stream.write(text), reads=options)


def _export_folder(options: Options, fmt: ExportFormat, out: Path, vendor: str | None) -> None:
    from evdict.commands.export import export_folder

    result = export_folder(options, fmt, out, vendor)
    if result.broken:
        render(result.structure, sys.stderr, color=use_color("auto", sys.stderr.isatty()))
        sys.exit(1)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if not result.written:
        click.echo(
            f"evdict: no event of the plan can be written as {fmt}: nothing written", err=True
        )
        sys.exit(1)
    click.echo(f"wrote {len(result.written)} file(s) under {out.as_posix()}")
