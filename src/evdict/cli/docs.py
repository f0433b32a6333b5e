"""``evdict docs``: the static dictionary site product managers browse (or Markdown files)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from evdict.cli.common import config_option, format_option, usage_error
from evdict.config import Options

if TYPE_CHECKING:
    from evdict.docs import DocsFormat


@click.command()
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the site into (created if missing; files of an earlier build are replaced).",
)
@format_option(
    ("html", "markdown"), help="A static HTML site, or Markdown files for wikis and MkDocs."
)
@config_option
@click.option(
    "--no-scan",
    is_flag=True,
    help="Do not scan the code: the site then says nothing of where events are tracked.",
)
def docs(out_dir: Path, output_format: str, config_path: Path | None, no_scan: bool) -> None:
    """Write the event dictionary as a static site: an index with search and filters,
    a page per event and per shared property, funnels, budget and health.

    The HTML needs no server and no network: open index.html, or publish the folder
    on any static host (GitHub Pages, S3).
    """
    # loaded when the command runs, not when --help lists it
    from evdict.docs import build_docs

    fmt: DocsFormat = "markdown" if output_format == "markdown" else "html"
    try:
        site = build_docs(Options(config_path=config_path), out_dir, fmt, scan=not no_scan)
    except OSError as exc:
        usage_error(f"cannot write the site to {out_dir}: {exc.strerror or exc}")
    for note in site.notes:
        click.echo(f"evdict: note: {note}", err=True)
    index = out_dir / ("index.html" if fmt == "html" else "index.md")
    click.echo(f"Wrote {len(site.files)} files to {out_dir}; open {index}")
