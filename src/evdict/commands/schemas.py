"""``evdict schema``: the plan and config JSON Schemas written out for editors.

``init`` writes them under the project (``.evdict/schemas/``) and points each file it
scaffolds at its schema with a relative ``# yaml-language-server: $schema=`` line, so
completion and hover work offline and match the installed evdict.
"""

from __future__ import annotations

import os
from pathlib import Path

from evdict.anchored import reason, write_file
from evdict.errors import UsageError
from evdict.schema import CONFIG_SCHEMA, PLAN_SCHEMA, schema_dir

# Where ``init`` writes the schemas, relative to the project's root.
PROJECT_SCHEMAS = Path(".evdict") / "schemas"
SCHEMAS = (PLAN_SCHEMA, CONFIG_SCHEMA)


def write_schemas(out_dir: Path) -> list[Path]:
    """Write the plan and config schemas into ``out_dir`` (made when missing)."""
    written = []
    try:
        for name in SCHEMAS:
            target = out_dir / name
            write_file(target, (schema_dir() / name).read_bytes())
            written.append(target)
    except OSError as exc:
        raise UsageError(f"cannot write {out_dir}: {reason(exc)}") from exc
    return written


def schema_line(document: Path, schema: Path) -> str:
    """The editor's line pointing ``document`` at ``schema``, by a relative path."""
    relative = Path(os.path.relpath(schema, document.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}"
