"""A Snowplow Iglu registry: ``schemas/<vendor>/<name>/jsonschema/<MODEL-REVISION-ADDITION>``.

The newest version of each schema is an event named by its ``self.name`` (the path's
name when there is no ``self``), or one event per name when an ``event`` property
lists them (``enum``). The schema's Iglu URI is kept as a tag
(``iglu:com.acme/signup/jsonschema/1-0-2``). A ``self`` that disagrees with its path
is noted (the path wins, as Iglu serves it).
"""

from __future__ import annotations

import re
from pathlib import Path

from evdict.importers.json_schema import read_event, read_schema
from evdict.importers.model import Imported
from evdict.importers.schema_map import SchemaReader

_VERSION = re.compile(r"([0-9]+)-([0-9]+)-([0-9]+)")


def read(sources: list[Path], imported: Imported) -> None:
    found: dict[tuple[str, str], list[tuple[tuple[int, ...], Path]]] = {}
    for source in sources:
        if not source.is_dir():
            imported.note(str(source), "not a folder (an Iglu registry is one): skipped")
            continue
        for path in sorted(source.rglob("*")):
            parts = path.parts
            if (
                path.is_symlink()
                or not path.is_file()
                or len(parts) < 4
                or parts[-2] != "jsonschema"
            ):
                continue
            match = _VERSION.fullmatch(parts[-1])
            if match is None:
                imported.note(path.as_posix(), "not named MODEL-REVISION-ADDITION: skipped")
                continue
            version = tuple(int(part) for part in match.groups())
            found.setdefault((parts[-4], parts[-3]), []).append((version, path))
    older = 0
    for (vendor, name), versions in found.items():
        versions.sort()
        older += len(versions) - 1
        _read_schema(vendor, name, versions[-1][1], imported)
    if older:
        imported.note(
            ", ".join(dict.fromkeys(source.as_posix() for source in sources)),
            f"{older} older schema version(s) not imported (the newest of each schema is)",
        )


def _read_schema(vendor: str, name: str, path: Path, imported: Imported) -> None:
    shown = path.as_posix()
    document = read_schema(path, shown, imported)
    if document is None:
        return
    reader = SchemaReader(document, shown, imported)
    version = path.name
    self_ = document.get("self")
    if isinstance(self_, dict):
        expected = {"vendor": vendor, "name": name, "format": "jsonschema", "version": version}
        for key, value in expected.items():
            if key in self_ and self_[key] != value:
                reader.note(
                    ("self", key),
                    f"{key} {self_[key]!r} disagrees with the path ({value!r}): the path is used",
                )
    else:
        reader.note((), "no `self` (not a self-describing schema): named from its path")
    tag = f"iglu:{vendor}/{name}/jsonschema/{version}"
    for event in read_event(reader, document, (), name):
        imported.events[event]["tags"] = [tag]
