"""YAML sources read by evdict's own reader: plain data (anchors and merge keys
honoured, never an object built), each node's line and column for the notes."""

from __future__ import annotations

from pathlib import Path

from evdict.importers.model import Imported, read_text, source_files
from evdict.yamlsource import PathKey, YamlDocument, load_yaml


class Located:
    """A YAML document read for an import: its data and where each node is."""

    def __init__(self, document: YamlDocument, imported: Imported) -> None:
        self.document = document
        self.imported = imported

    def where(self, path: PathKey) -> str:
        line, column = self.document.locate(path, key=True)
        return f"{self.document.path}:{line}:{column}"

    def note(self, path: PathKey, message: str) -> None:
        self.imported.note(self.where(path), message)


def read_yaml_files(
    sources: list[Path], imported: Imported, suffix: str | tuple[str, ...] = ".yaml"
) -> list[Located]:
    """The YAML files named, and the ``suffix`` files under the folders named, read; what
    cannot be read (or a tag, a duplicate key) is a note."""
    read = []
    for path in source_files(sources, imported, suffix):
        shown = path.as_posix()
        text = read_text(path, shown, imported)
        if text is None:
            continue
        document = load_yaml(text, shown)
        for problem in document.problems:
            imported.note(f"{shown}:{problem.line}:{problem.column}", problem.message)
        if not isinstance(document.data, dict):
            if document.data is not None:
                imported.note(shown, "not a YAML mapping: skipped")
            continue
        imported.files_read += 1
        read.append(Located(document, imported))
    return read
