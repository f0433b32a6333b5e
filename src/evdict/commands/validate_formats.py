"""Exports that are not NDJSON (Parquet, CSV, a JSON array) as NDJSON, one payload a line.

DuckDB reads the file (gzipped too) and writes each row, or each element of the
array, as one line of a temporary NDJSON file, in the file's order: the line number
is the row's (or the element's) number, from 1, so both engines judge the same lines
and point at the same rows. A CSV or Parquet column named as a shape's properties
(``properties``, ``event_properties``) holding text is read as the JSON it holds (text
that is no JSON stays text: no known shape); an empty (NULL) column is a key the
payload does not have. A file DuckDB cannot read is a usage error, with DuckDB's reason.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from evdict.commands.validate_shapes import SHAPES
from evdict.commands.validate_sql import sql_string
from evdict.errors import ConfigError

if TYPE_CHECKING:
    import duckdb

PARQUET_MAGIC = b"PAR1"
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
MEMORY_LIMIT = "256MB"


def export_format(source: Path, head: bytes) -> str:
    """``ndjson``, ``parquet``, ``csv`` or ``array``: by the file's first bytes
    (``head``, decompressed) and its name (``.csv``, a ``.json`` that opens with ``[``)."""
    suffixes = [suffix.lower() for suffix in source.suffixes if suffix.lower() != ".gz"]
    last = suffixes[-1] if suffixes else ""
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    if last in CSV_SUFFIXES:
        return "csv"
    if last == ".json" and head.lstrip().startswith(b"["):
        return "array"
    return "ndjson"


def head_of(peeked: bytes) -> bytes:
    """The first bytes of an export from its first ``peeked`` bytes, decompressed when
    it is gzipped."""
    if not peeked.startswith(b"\x1f\x8b"):
        return peeked
    try:
        return zlib.decompressobj(wbits=31).decompress(peeked, 64)
    except zlib.error:
        return b""  # said when it is read


def as_ndjson(source: Path, kind: str, folder: Path) -> Path:
    """``source`` (of ``kind``, not ``ndjson``) written as NDJSON in ``folder``."""
    import duckdb  # only for these formats

    target = folder / "export.ndjson"
    name = sql_string(str(source))
    connection = duckdb.connect(
        config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(folder)}
    )
    try:
        if kind == "array":
            select = f"SELECT json FROM read_json({name}, format = 'array', records = false)"
        else:
            reader = (
                f"read_parquet({name})"
                if kind == "parquet"
                else f"read_csv({name}, all_varchar = true, header = true)"
            )
            select = f"SELECT {_record(connection, reader)} FROM {reader}"
        connection.execute(
            f"COPY ({select}) TO {sql_string(str(target))} "
            "(FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER chr(1))"
        )
    except duckdb.Error as exc:
        raise ConfigError(f"cannot read {source}: {str(exc).splitlines()[0]}") from exc
    finally:
        connection.close()
    return target


def _record(connection: duckdb.DuckDBPyConnection, reader: str) -> str:
    """A row as a JSON object of its columns that are not NULL (a table has every column
    in every row: an empty one is a key the payload does not have); a properties column
    of text read as the JSON it holds."""
    described = connection.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()
    properties = {shape.properties for shape in SHAPES}
    entries = []
    for name, kind, *_ in described:
        column = '"' + str(name).replace('"', '""') + '"'
        value = f"to_json({column})"
        if name in properties and kind == "VARCHAR":
            value = f"coalesce(try(json({column})), {value})"
        entries.append(f"{{'k': {sql_string(str(name))}, 'v': {value}}}")
    return (
        f"to_json(map_from_entries(list_filter([{', '.join(entries)}], "
        "lambda e: e.v IS NOT NULL AND e.v <> 'null')))"
    )
