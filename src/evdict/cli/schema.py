"""``evdict schema --out DIR``: write the plan and config JSON Schemas for editors."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write plan.schema.json and config.schema.json into.",
)
def schema(out_dir: Path) -> None:
    """Write the plan and config JSON Schemas (for VS Code, JetBrains, check-jsonschema).

    Point a YAML file at one with a first line such as
    `# yaml-language-server: $schema=.evdict/schemas/plan.schema.json`;
    `evdict init` writes them under .evdict/schemas/ and adds those lines itself.
    """
    # loaded when the command runs, not when --help lists it
    from evdict.commands.schemas import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"wrote {path}")
