"""Exports that are not NDJSON (Parquet, CSV, a JSON array) as NDJSON, one payload a line.

DuckDB reads the file (gzipped too) and writes each row, or each element of the
array, as one line of a temporary NDJSON file, in the file's order, which the engine
reads as it is written: the line number is the row's (or the element's) number, from
1, so both engines judge the same lines and point at the same rows. A row is written as the JSON object of its columns; an
element as written, its line breaks read as spaces and the whitespace around it left
out. A CSV or Parquet column named as a shape's properties (``properties``,
``event_properties``) holding text is read as the JSON it holds (text that is no JSON
stays text: no known shape); an empty (NULL) column is a key the payload does not
have. A file DuckDB cannot read (from its start or further on) is a usage error,
with DuckDB's reason, except a JSON array: DuckDB refuses the whole array for one element it cannot read (a lone surrogate
escape, bytes that are no UTF-8, a trailing comma...), so evdict then splits the array
itself (:func:`split_array`) into the same lines, and each engine judges those lines
as it judges NDJSON: what cannot be read is counted and located by its element's
number, the rest is judged.
"""

from __future__ import annotations

import codecs
import io
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TypeVar

from evdict.commands.validate_gzip import GZIP_MAGIC, GzipExport
from evdict.commands.validate_shapes import SHAPES
from evdict.commands.validate_sql import sql_string
from evdict.errors import ConfigError

if TYPE_CHECKING:
    import duckdb
    from _typeshed import WriteableBuffer

T = TypeVar("T")
PARQUET_MAGIC = b"PAR1"
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
MEMORY_LIMIT = "256MB"
READ = 2**20
# Outside a string: what opens or closes a value, separates elements or breaks a line.
_STRUCTURE = re.compile(rb'["\[\]{},\r\n]')
_IN_STRING = re.compile(rb'["\\\r\n]')
_SPACE = frozenset(b" \t\r\n")


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
    if not peeked.startswith(GZIP_MAGIC):
        return peeked
    try:
        return zlib.decompressobj(wbits=31).decompress(peeked, 64)
    except zlib.error:
        return b""  # said when it is read


def judge_export(
    source: Path, kind: str, folder: Path, judge: Callable[[io.BufferedIOBase], T]
) -> T:
    """What ``judge`` makes of ``source`` (of ``kind``, not ``ndjson``) as NDJSON: a
    temporary file in ``folder``, which it reads as DuckDB writes it (DuckDB's thread
    and the engine's at once, not one after the other: on 1,000,000 payloads 4.23 ->
    3.80 s as Parquet, 4.94 -> 4.56 s as CSV, 5.83 -> 4.65 s as a JSON array)."""
    import duckdb  # only for these formats

    target = folder / "export.ndjson"
    connection = duckdb.connect(
        config={
            "memory_limit": MEMORY_LIMIT,
            "temp_directory": str(folder),
            # One thread writes the rows in order as it reads them: two read a JSON
            # array's elements ahead past the memory limit (1,000,000 of them, 161 MB),
            # and take more CPU time for a Parquet file's rows.
            "threads": 1,
        }
    )
    try:
        select = _select(connection, source, kind)
    except duckdb.Error as exc:
        connection.close()
        raise ConfigError(f"cannot read {source}: {str(exc).splitlines()[0]}") from exc
    target.touch()  # to read from the start
    written = threading.Event()
    refused: list[duckdb.Error] = []

    def copy() -> None:
        try:
            connection.execute(
                f"COPY ({select}) TO {sql_string(str(target))} (FORMAT csv, HEADER false, "
                "QUOTE '', ESCAPE '', DELIMITER chr(1), USE_TMP_FILE false)"
            )
        except duckdb.Error as exc:
            refused.append(exc)
        finally:
            written.set()

    writing = threading.Thread(target=copy, name="evdict-export", daemon=True)
    writing.start()
    try:
        with io.BufferedReader(_Written(target, written), READ) as rows:
            judged = judge(rows)
    except BaseException:  # Ctrl-C, an error: the writing stopped before its folder goes
        connection.interrupt()
        raise
    finally:
        writing.join()
        connection.close()
    if not refused:
        return judged
    if kind != "array":
        raise ConfigError(f"cannot read {source}: {str(refused[0]).splitlines()[0]}")
    # What was judged of the array is dropped: evdict splits it, and it is judged again.
    with source.open("rb") as raw, target.open("wb") as out:
        text = GzipExport(raw) if raw.peek(2)[:2] == GZIP_MAGIC else None
        try:
            split_array(text or raw, out, str(source))
        except ConfigError:
            # An array cut short is not closed: the damage is what the user must hear.
            if text is not None and text.damage is not None:
                raise ConfigError(f"cannot read {source}: {text.damage}") from None
            raise
    with target.open("rb") as lines:
        return judge(lines)


def _select(connection: duckdb.DuckDBPyConnection, source: Path, kind: str) -> str:
    """The query of ``source``'s rows (elements) as the lines to judge."""
    name = sql_string(str(source))
    if kind == "array":
        # Each element's text as written (read_json would read a STRUCT of a table's
        # columns from an array of like objects), its line breaks spaces (replace:
        # translate takes three times its CPU time, 2.3 against 0.75 s a million).
        return (
            "SELECT replace(replace(json, chr(13), ' '), chr(10), ' ') "
            f"FROM read_json_objects({name}, format = 'array')"
        )
    reader = (
        f"read_parquet({name})"
        if kind == "parquet"
        else f"read_csv({name}, all_varchar = true, header = true)"
    )
    return f"SELECT {record_sql(columns(connection, reader))} FROM {reader}"


class _Written(io.RawIOBase):
    """A file read while it is written: at its end, the reader waits for more, until
    ``written`` is set."""

    def __init__(self, path: Path, written: threading.Event) -> None:
        self.file = path.open("rb", buffering=0)
        self.written = written

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        while True:
            finished = self.written.is_set()  # before reading: what it wrote is read
            got = self.file.readinto(buffer)
            if got or finished:
                return got or 0
            self.written.wait(0.01)

    def close(self) -> None:
        self.file.close()
        super().close()


def split_array(array: io.BufferedIOBase, out: BinaryIO, shown: str) -> None:
    """Write each element of the JSON ``array`` as one line of ``out``, as written, in
    constant memory: a line break between tokens becomes a space, one inside a string
    (which JSON forbids) becomes U+0001, so the element stays one line and stays
    unreadable; the whitespace around it is left out, as DuckDB's reader leaves it out.
    Elements are told apart by brackets and strings only; whether each is JSON is the
    engines' to judge. A file that is no array of balanced elements (not
    opened by ``[``, not closed, text after it) is a :class:`ConfigError`."""
    depth, in_string, escaped, opened, closed = 0, False, False, False, False
    elements = _Elements(out)
    for data in _chunks(array):
        if not opened:
            data = data.lstrip()
            if not data:
                continue
            if data[:1] != b"[":
                raise ConfigError(f"cannot read {shown}: not a JSON array")
            opened, data = True, data[1:]
        if closed:
            if data.strip():
                raise ConfigError(f"cannot read {shown}: text after the JSON array")
            continue
        piece, start = bytearray(), 0
        if escaped and data:  # the chunk before ended in a string's backslash
            piece.append(data[0])
            escaped, start = False, 1
        while (found := (_IN_STRING if in_string else _STRUCTURE).search(data, start)) is not None:
            at, token = found.start(), data[found.start()]
            piece += data[start:at]
            start = at + 1
            if token in b"\r\n":
                piece += b"\x01" if in_string else b" "
            elif token == ord("\\"):
                piece += data[at : at + 2]  # the backslash and what it escapes
                escaped, start = at + 1 == len(data), at + 2
            elif token == ord("]") and depth == 0:  # the array's own bracket
                closed = True
                if data[start:].strip():
                    raise ConfigError(f"cannot read {shown}: text after the JSON array")
                start = len(data)
                break
            elif token == ord(",") and depth == 0:
                piece += b"\n"
            else:
                piece.append(token)
                if token == ord('"'):
                    in_string = not in_string
                elif token in b"[{":
                    depth += 1
                elif token in b"]}":
                    depth = max(depth - 1, 0)  # a stray brace is the element's to judge
        piece += data[start:]
        elements.write(piece)
    if not closed:
        raise ConfigError(f"cannot read {shown}: the JSON array is not closed")
    elements.close()


class _Elements:
    """The lines :func:`split_array` writes (elements, split by newlines), each without
    the whitespace around it. The whitespace after an element's last byte so far is held
    until the element goes on or ends; past ``READ`` of it, it is written."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.started = False  # the element's first byte written
        self.space = bytearray()
        self.lines = 0

    def write(self, piece: bytearray) -> None:
        for index, text in enumerate(piece.split(b"\n")):
            if index:
                self.end()
            if not self.started:
                text = text.lstrip()
                if not text:
                    continue
                self.started = True
            body = text.rstrip()
            if body:
                self.out.write(self.space)
                self.out.write(body)
                self.space.clear()
            self.space += text[len(body) :]
            if len(self.space) > READ:
                self.out.write(self.space)
                self.space.clear()

    def end(self) -> None:
        self.out.write(b"\n")
        self.started = False
        self.space.clear()
        self.lines += 1

    def close(self) -> None:
        """The last element ended, unless the array has none (``[]``: no line)."""
        if self.started or self.lines:
            self.end()


def _chunks(stream: io.BufferedIOBase) -> Iterator[bytes]:
    """The bytes of ``stream`` in chunks of up to ``READ``, a UTF-8 BOM left out."""
    head = stream.read(3)
    if head != codecs.BOM_UTF8:
        yield head
    while data := stream.read(READ):
        yield data


class Column(NamedTuple):
    name: str
    type: str  # DuckDB's
    key: str  # the name as JSON text, as DuckDB's ``to_json`` writes it


def columns(connection: duckdb.DuckDBPyConnection, reader: str) -> list[Column]:
    """The columns of the relation ``reader``, in order."""
    described = connection.execute(
        f"SELECT column_name, column_type, to_json(column_name) "
        f"FROM (DESCRIBE SELECT * FROM {reader})"
    ).fetchall()
    return [Column(str(name), str(kind), str(key)) for name, kind, key in described]


def record_sql(table: list[Column]) -> str:
    """A row of ``table`` as the text of a JSON object of its columns that are not NULL
    (a table has every column in every row: an empty one is a key the payload does not
    have); a properties column of text read as the JSON it holds.

    The object is its members' text joined, with the bytes ``to_json`` of a map of them
    wrote, at a quarter of its cost (0.32 against 1.13 s on 1,000,000 rows): each key is
    DuckDB's JSON text for the column's name, and a member whose value is NULL or JSON's
    ``null`` is left out (``||`` with NULL is NULL, which ``concat_ws`` skips)."""
    members = [
        f"{sql_string(column.key + ':')} || nullif({value_sql(column)}, 'null')" for column in table
    ]
    if not members:  # concat_ws takes one at least
        return "'{}'"
    return f"'{{' || concat_ws(',', {', '.join(members)}) || '}}'"


def value_sql(column: Column) -> str:
    """The JSON text of ``column``'s value in a row; a shape's properties column of
    text is read as the JSON it holds (text that is no JSON stays text)."""
    quoted = '"' + column.name.replace('"', '""') + '"'
    value = f"to_json({quoted})"
    if column.type == "VARCHAR" and column.name in {shape.properties for shape in SHAPES}:
        return f"coalesce(try(json({quoted})), {value})"
    return value
