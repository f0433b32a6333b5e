"""What an import produced: plan entries, and notes on what could not be mapped."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The largest source file read: far above a real plan (a 2,000-event Segment plan is
# 2.5 MB), far below what would exhaust memory.
MAX_SOURCE_BYTES = 64_000_000


@dataclass(frozen=True)
class Note:
    """Something read that the plan does not hold, at ``where`` (``file:line:column`` or
    ``file#/json/pointer``)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Imported:
    """The events read (plan entries by name, in the order read) and the notes."""

    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    files_read: int = 0

    def note(self, where: str, message: str) -> None:
        self.notes.append(Note(where, message))

    def add_event(self, name: str, spec: dict[str, Any], where: str) -> None:
        """Add an event; a name read twice keeps the first definition (noted)."""
        if name in self.events:
            self.note(where, f"event {name!r} is defined again: the first definition is kept")
            return
        self.events[name] = spec


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) to ``parts``."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def read_text(path: Path, shown: str, imported: Imported) -> str | None:
    """The text of a source file; None (noted) when it cannot be read or is larger than
    any plan export (:data:`MAX_SOURCE_BYTES`: a hostile file is not read into memory)."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            imported.note(
                shown,
                f"{size:,} bytes, more than the {MAX_SOURCE_BYTES:,} an import reads: skipped",
            )
            return None
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        imported.note(shown, f"cannot be read ({exc}): skipped")
        return None


def read_json(path: Path, shown: str, imported: Imported) -> Any:
    """The JSON document at ``path``; None (noted with its line and column) when it is
    not valid JSON or cannot be read."""
    text = read_text(path, shown, imported)
    return None if text is None else parse_json(text, shown, imported)


def parse_json(text: str, shown: str, imported: Imported) -> Any:
    """The JSON document ``text`` (of the file ``shown``); None (noted with its line and
    column) when it is not valid JSON."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        imported.note(f"{shown}:{exc.lineno}:{exc.colno}", f"invalid JSON ({exc.msg}): skipped")
        return None
    except RecursionError:
        imported.note(shown, "nested too deeply to read: skipped")
        return None
    imported.files_read += 1
    return document


def source_files(
    sources: list[Path], imported: Imported, suffix: str | tuple[str, ...] = ".json"
) -> list[Path]:
    """The files named, and the files under the folders named whose name ends with
    ``suffix`` (or one of them), sorted; a source that does not exist is noted."""
    found: list[Path] = []
    for source in sources:
        if source.is_dir():
            found.extend(
                sorted(
                    p
                    for p in source.rglob("*")
                    if p.name.endswith(suffix) and p.is_file() and not p.is_symlink()
                )
            )
        elif source.is_file():
            found.append(source)
        else:
            imported.note(str(source), "no such file or folder")
    return found
