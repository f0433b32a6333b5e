"""Tracking plans kept as spreadsheets (Avo's and Amplitude's CSV exports): the table
read with its header, each row with the line it starts on, and the steps both
formats share (a row's cells as plan values, property groups joined to events).

Column names are matched without regard to case or repeated spaces (Amplitude's
reference writes ``Object type``, its exports ``Object Type``); values are kept as
written, names byte for byte.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evdict.importers.model import Imported, read_text, source_files

TRUE_WORDS = frozenset({"true", "yes"})
FALSE_WORDS = frozenset({"false", "no", ""})


@functools.lru_cache(maxsize=1024)  # a handful of names, looked up for every cell read
def column_key(header: str) -> str:
    """A column's name as compared: lower case, spaces collapsed."""
    return " ".join(header.split()).lower()


@dataclass(frozen=True)
class Row:
    """One record of the table: where it starts (``file:line``) and its cells by
    :func:`column_key`."""

    where: str
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column_key(column), "")


@dataclass
class Table:
    shown: str
    headers: dict[str, str]  # column_key -> the header as written
    rows: list[Row] = field(default_factory=list)

    def has(self, column: str) -> bool:
        return column_key(column) in self.headers


def read_table(path: Path, shown: str, imported: Imported) -> Table | None:
    """The CSV file at ``path``; None (noted) when it cannot be read or has no header."""
    text = read_text(path, shown, imported)
    return None if text is None else parse_table(text, shown, imported)


def parse_table(text: str, shown: str, imported: Imported) -> Table | None:
    """The CSV ``text`` (of the file ``shown``); None (noted) when it is not CSV or has
    no header."""
    reader = csv.reader(io.StringIO(text, newline=""))
    table: Table | None = None
    start = 1
    try:
        for record in reader:
            if table is None:
                table = _header(record, shown, imported)
            elif any(cell.strip() for cell in record):
                if len(record) > len(table.headers):
                    imported.note(
                        f"{shown}:{start}",
                        f"{len(record)} cells, the header names {len(table.headers)}: "
                        "the cells past the last column are not kept",
                    )
                keys = list(table.headers)
                table.rows.append(Row(f"{shown}:{start}", dict(zip(keys, record, strict=False))))
            start = reader.line_num + 1
    except csv.Error as exc:
        imported.note(f"{shown}:{start}", f"not CSV ({exc}): skipped")
        return None
    if table is None:
        imported.note(shown, "empty (no header row): skipped")
        return None
    imported.files_read += 1
    return table


def usable(
    table: Table, required: tuple[str, ...], known: frozenset[str], imported: Imported
) -> bool:
    """Whether ``table`` has the ``required`` columns (else noted: the file is skipped);
    the columns not ``known`` (keys) that hold a value are one note."""
    missing = [name for name in required if not table.has(name)]
    if missing:
        listed = ", ".join(map(repr, missing))
        imported.note(f"{table.shown}:1", f"no {listed} column: skipped")
        return False
    unknown = [
        written
        for key, written in table.headers.items()
        if key not in known
        and "\0" not in key
        and any(row.cells.get(key, "").strip() for row in table.rows)
    ]
    if unknown:
        listed = ", ".join(map(repr, unknown))
        imported.note(f"{table.shown}:1", f"column(s) {listed} not kept (a plan has none)")
    return True


def _header(record: list[str], shown: str, imported: Imported) -> Table:
    headers: dict[str, str] = {}
    for written in record:
        key = column_key(written)
        if key in headers:
            imported.note(f"{shown}:1", f"column {written!r} is named twice: the first is read")
            key = f"{key}\0{len(headers)}"  # kept apart, never matched
        headers[key] = written
    return Table(shown, headers)


def flag(row: Row, column: str, imported: Imported) -> bool:
    """A True/False cell (blank is False); another value is noted and read as False."""
    value = row.get(column).strip()
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() not in FALSE_WORDS:
        imported.note(row.where, f"{column} {value!r} is neither True nor False: read as False")
    return False


def number(row: Row, column: str, imported: Imported) -> int | float | None:
    """A number cell (None when blank; another value is noted)."""
    value = row.get(column).strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        pass
    try:
        parsed = float(value)
    except ValueError:
        parsed = math.nan
    if not math.isfinite(parsed):
        imported.note(row.where, f"{column} {value!r} is not a number: not kept")
        return None
    return parsed


def split_list(value: str, separator: str = ",") -> list[str]:
    """The items of a list cell (``iOS, Android``), blanks dropped."""
    return [item.strip() for item in value.split(separator) if item.strip()]


def bounds(row: Row, columns: tuple[tuple[str, str], ...], imported: Imported) -> dict[str, Any]:
    """The plan keys (``minimum``...) of the number cells named in ``columns``."""
    found: dict[str, Any] = {}
    for column, key in columns:
        value = number(row, column, imported)
        if value is not None:
            found[key] = value
    return found


def as_array(item: dict[str, Any]) -> dict[str, Any]:
    """An array property whose values are ``item``."""
    return {"type": "array", "items": item} if item else {"type": "array"}


def join_groups(
    imported: Imported,
    groups: dict[str, dict[str, dict[str, Any]]],
    uses: list[tuple[dict[str, Any], list[str], str]],
    kind: str,
) -> None:
    """Give each event the properties of the groups it names (``uses``: the event's
    plan entry, the group names, where it names them), after its own."""
    for spec, names, where in uses:
        for name in names:
            if name not in groups:
                imported.note(where, f"{kind} {name!r} is not defined in the file: not kept")
                continue
            properties = spec.setdefault("properties", {})
            for prop, prop_spec in groups[name].items():
                properties.setdefault(prop, dict(prop_spec))


def table_and_json_files(sources: list[Path], imported: Imported) -> list[Path]:
    """The files named, and the ``.csv`` and ``.json`` files under the folders named."""
    found = source_files(sources, imported, suffix=".csv")
    folders = [source for source in sources if source.is_dir()]
    found.extend(source_files(folders, imported, suffix=".json"))
    return found
