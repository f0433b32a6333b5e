"""An NDJSON export read into DuckDB for ``--engine duckdb``: lines numbered, parsed and
their shapes read in SQL, never one by one in Python.

Python reads the export in chunks of whole lines (decompressing a gzipped one) and
hands each chunk to DuckDB as one string, with the number of its first line; DuckDB
splits it, numbers the lines, parses each once and reads its shape
(:mod:`evdict.commands.validate_shapes`, the data the Python engine reads too; the
common line, a Segment track call, is known by four tests of its fields and skips the
shapes' others). Each line becomes a row of ``records``: a payload (``verdict`` NULL,
its event, own properties and their keys), or why it is none: too long, blank, a
skipped call, no known shape, or ``python`` for a line DuckDB may read differently
from Python's ``json`` (not JSON to DuckDB, ``NaN``, nested deeper than Python parses,
``\\u0000``, a trailing comma, a key twice in its properties or, one a shape reads,
in the record: Python takes the last), which the Python engine judges. The chunks
are the only thing Python holds: memory is bounded by their size and DuckDB's limit.
"""

from __future__ import annotations

import io
import math
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import cast

from evdict.commands import validate
from evdict.commands.validate import Stream, Validation
from evdict.commands.validate_shapes import (
    SHAPES,
    any_twice_sql,
    is_null,
    opens_with,
    own_properties_sql,
    plain_sql,
    read_twice_sql,
    shape_sql,
    top_level_keys,
)

CHUNK = 8 * 2**20
# Fewer brackets than this cannot nest deeper than Python's json parses (about 1,000).
DEPTH = 500
# Python's bytes.strip(): what makes a line blank.
BLANK = "' \t\r\n' || chr(11) || chr(12)"
BLANK_CHARS = "' ', chr(9), chr(10), chr(13), chr(11), chr(12)"
JSON_SPACE = "' \t\r\n'"
# yyjson reads a comma before } or ], Python's json does not.
TRAILING_COMMA = ",[ \\t\\r\\n]*[}\\]]"

Progress = Callable[[int], None]


def chunk_size(stream: Stream, workers: int) -> int:
    """:data:`CHUNK`, or for a file of known size, the size that splits it into a
    multiple of ``workers`` chunks of at most that: the last chunks end together, not
    one worker judging the last while the others wait (0.1 s of 3 on 169 MB)."""
    if not isinstance(stream, io.BufferedReader):  # a gzip stream is not as long as its file
        return CHUNK
    try:
        status = os.fstat(stream.fileno())
        left = status.st_size - stream.tell()
    except OSError:
        return CHUNK
    if not stat.S_ISREG(status.st_mode) or left <= CHUNK:  # one chunk: a moment's work
        return CHUNK
    chunks = workers * math.ceil(left / (CHUNK * workers))
    return math.ceil(left / chunks)


@dataclass(frozen=True, slots=True)
class Chunk:
    first: int  # the number of its first line
    lines: int  # how many
    text: str  # whole lines, joined by newlines


def line_chunks(
    stream: Stream, result: Validation, progress: Progress | None = None, size: int = CHUNK
) -> Iterator[Chunk]:
    """The lines of ``stream`` in chunks; a line longer than ``validate.MAX_LINE`` that
    ends no chunk is skipped as it is read (noted in ``result``), and so is one that is
    not UTF-8 (its place kept by an empty line).

    The export is read into one buffer, the unfinished line moved to its start: each
    chunk is decoded from it in place, not copied twice first (0.25 -> 0.12 s CPU for
    169 MB, holding the GIL the workers' Python needs)."""
    number, skipping, read, held = 1, False, 0, 0
    buffer = bytearray(max(size, 1))
    while True:
        if held == len(buffer):  # one line fills it: room for the rest of it
            buffer.extend(bytes(len(buffer)))
        with memoryview(buffer) as view:
            got = cast(io.BufferedIOBase, stream).readinto(view[held:])
        if not got:
            break
        read += got
        if progress is not None:
            progress(read)
        start, end = 0, held + got
        if skipping:
            start = buffer.find(b"\n", 0, end) + 1
            if not start:
                continue
            skipping, number = False, number + 1
        cut = buffer.rfind(b"\n", start, end)
        if cut < 0:
            if end - start > validate.MAX_LINE:
                result.too_long.append(number)
                skipping, held = True, 0
            else:
                buffer[:held] = buffer[start:end]
                held = end - start
            continue
        lines = buffer.count(b"\n", start, cut) + 1
        with memoryview(buffer) as view:
            yield Chunk(number, lines, _decoded(view[start:cut], number, result))
        number += lines
        held = end - cut - 1
        buffer[:held] = buffer[cut + 1 : end]
    if held > validate.MAX_LINE and not skipping:
        result.too_long.append(number)
    elif held and not skipping:
        with memoryview(buffer) as view:
            yield Chunk(number, 1, _decoded(view[:held], number, result))  # no newline in it


def _decoded(lines: memoryview, first: int, result: Validation) -> str:
    try:
        return str(lines, "utf-8")
    except UnicodeDecodeError:
        pass
    kept: list[str] = []
    for number, line in enumerate(bytes(lines).split(b"\n"), start=first):
        try:
            kept.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            noted = result.too_long if len(line) > validate.MAX_LINE else result.not_understood
            noted.append(number)
            kept.append("")
    return "\n".join(kept)


def records_sql() -> str:
    """One chunk ($1 its first line's number, $2 its text) as the relation ``records``
    (line, verdict, event, properties, keys, text): the common table expressions that
    end with it. ``keys``, the properties' keys in their order, are read here with the
    record's, so they are parsed no more."""
    shapes = shape_sql()
    paths = ", ".join("'$.\"" + key + "\"'" for key in top_level_keys())
    objects = dict.fromkeys(shape.properties for shape in SHAPES)
    key_paths = ", ".join(["'$'", *("'$.\"" + key + "\"'" for key in objects)])

    def own_index(index: int) -> int:
        return list(objects).index(SHAPES[index].properties) + 2

    whens = " ".join(f"WHEN {index} THEN keys[{own_index(index)}]" for index in range(len(SHAPES)))
    # The common line (a Segment track call) skips the shapes' tests.
    fast = plain_sql()
    # A key twice in the record (one a shape reads) or in its properties object (none
    # for a missing one) is read by Python as its last, by DuckDB as its first
    # (the other shapes' objects are not read).
    twice = f"{read_twice_sql('keys[1]')} OR {any_twice_sql('own_keys')}"
    brackets = "strlen(text) - strlen(replace(replace(text, '{', ''), '[', ''))"
    drops = [index for index, shape in enumerate(SHAPES) if shape.drops_sdk_keys]
    own = own_properties_sql("props")
    dropping = f"shape IN ({', '.join(map(str, drops))})"
    properties = (
        f"CASE WHEN props IS NULL OR {is_null('props')} THEN '{{}}'::JSON "
        f"WHEN {dropping} THEN {own} ELSE props END"
    )
    # Read again only where the SDK's keys were dropped.
    kept_keys = f"CASE WHEN {dropping} THEN json_keys(properties) ELSE coalesce(own_keys, []) END"
    return f"""
lines AS (
  SELECT $1 + i - 1 AS line, t AS text
  FROM unnest(string_split($2, chr(10))) WITH ORDINALITY AS u(t, i)),
early AS (
  SELECT line, text, CASE
    WHEN strlen(text) > {validate.MAX_LINE} THEN 'long'
    WHEN NOT starts_with(text, '{{')
      AND (text = '' OR (text[1] IN ({BLANK_CHARS}) AND trim(text, {BLANK}) = '')) THEN 'blank'
    WHEN contains(text, 'NaN') OR contains(text, 'Infinity') OR contains(text, '\\u0000')
      OR (strlen(text) >= {DEPTH} AND {brackets} >= {DEPTH}) THEN 'python'
  END AS early FROM lines),
parsed AS (
  SELECT line, text, early,
    CASE WHEN early IS NULL THEN try(json_extract(text, [{paths}])) END AS f,
    CASE WHEN early IS NULL THEN try(json_keys(text, [{key_paths}])) END AS keys
  FROM early),
shaped AS (
  SELECT *, CASE WHEN plain THEN {fast.index} ELSE {shapes.shape} END AS shape
  FROM (SELECT *, {fast.plain} AS plain FROM parsed)),
named AS (
  SELECT *, CASE WHEN plain THEN {fast.event} ELSE {shapes.event} END AS event,
    CASE WHEN plain THEN {fast.properties} ELSE {shapes.properties} END AS props,
    CASE WHEN plain THEN keys[{own_index(fast.index)}] ELSE CASE shape {whens} END END AS own_keys
  FROM shaped),
reasons AS (
  SELECT *, CASE WHEN plain THEN {fast.skipped} ELSE {shapes.skipped} END AS skipped FROM named),
judged AS (
  SELECT line, text, event, shape, props, own_keys, CASE
    WHEN early IS NOT NULL THEN early
    WHEN f IS NULL OR regexp_matches(text, '{TRAILING_COMMA}') THEN 'python'
    WHEN {twice} THEN 'python'
    WHEN plain THEN 'skip:' || skipped  -- NULL, a payload, unless an SDK's event
    WHEN NOT starts_with(ltrim(text, {JSON_SPACE}), '{{') THEN 'none'
    WHEN {shapes.unclear} THEN 'python'
    WHEN skipped IS NOT NULL THEN 'skip:' || skipped
    WHEN shape IS NULL THEN 'none'
    WHEN props IS NOT NULL AND NOT ({opens_with("props", "{")} OR {is_null("props")}) THEN 'none'
  END AS verdict FROM reasons),
records AS (SELECT line, verdict, event, properties,
  CASE WHEN verdict IS NULL THEN {kept_keys} END AS keys, text
FROM (SELECT line, verdict, shape, own_keys, text,
  CASE WHEN verdict IS NULL THEN event END AS event,
  CASE WHEN verdict IS NULL THEN {properties} END AS properties
  FROM judged))
"""
