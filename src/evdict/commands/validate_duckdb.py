"""``evdict validate --engine duckdb``: the payload checks run as one SQL query in DuckDB.

The export is read as the Python engine reads it (same line numbers, same handling of
lines that are too long, not UTF-8, not JSON or no event), staged as NDJSON of
(line, event, properties, line as written) in a temporary folder, and judged by the
query of :mod:`evdict.commands.validate_sql`, which aggregates per (rule, event,
property). Each aggregate's first payload is then judged again by the rules
themselves, so its message, severity and column are the Python engine's, byte for byte.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from evdict.checker import Selection
from evdict.commands.validate import (
    Validation,
    counted_findings,
    finding_key,
    judge,
    payload_call,
    payload_records,
    properties_at,
)
from evdict.commands.validate_results import (
    Row,
    example_call,
    finding_groups,
    judged_groups,
    merge_finding,
)
from evdict.commands.validate_sql import COMPILED_CODES, build_query, sql_string
from evdict.config import Config
from evdict.plan.model import Plan
from evdict.scanner.model import TrackingCall

# DuckDB's memory (it spills past it to its database file in the temporary folder).
MEMORY_LIMIT = "256MB"
# DuckDB holds a buffer this size per thread to read a row; a longer row (from an
# export line near validate's 8 MiB limit) is judged in Python instead.
ROW_LIMIT = 16 * 2**20


def validate_lines_duckdb(
    lines: Iterable[bytes | None], path: str, plan: Plan, config: Config, selection: Selection
) -> Validation:
    """Judge NDJSON ``lines`` (shown as ``path``) with DuckDB; the Python engine's findings."""
    import duckdb  # 60 ms: only when this engine runs

    result = Validation()
    codes = [code for code in COMPILED_CODES if selection.enabled(code)]
    with tempfile.TemporaryDirectory(prefix="evdict-validate-") as name:
        folder = Path(name)
        # The lines as written go to a file of their own, each row keeping its offset:
        # only the few examples are read back, never parsed or copied by DuckDB.
        with (
            (folder / "payloads.ndjson").open("wb") as rows_out,
            (folder / "lines.txt").open("wb") as lines_out,
        ):
            leftovers = _stage(lines, path, rows_out, lines_out, result)
        # A database file, not memory: DuckDB spills to it past its memory limit; the
        # payloads parsed once into a table, as the query reads them several times.
        connection = duckdb.connect(
            str(folder / "payloads.duckdb"),
            config={"memory_limit": MEMORY_LIMIT, "preserve_insertion_order": False},
        )
        staged = sql_string(str(folder / "payloads.ndjson"))
        connection.execute(
            f"CREATE TABLE payloads AS SELECT * FROM read_json({staged}, "
            f"format = 'newline_delimited', columns = {{line: 'BIGINT', event: 'VARCHAR', "
            f"properties: 'JSON', example: 'BIGINT'}}, maximum_object_size = {ROW_LIMIT})"
        )
        rows: list[Row] = connection.execute(build_query(plan, codes, config=config)).fetchall()
        connection.close()
        groups, _ = finding_groups(rows, plan, config)
        # The first payload of each finding judged again, in one batch: its findings by line.
        with (folder / "lines.txt").open("rb") as written:
            examples = {
                group.at: call
                for group in groups
                if isinstance(group.example, int)
                and (call := example_call(_line_at(written, group.example), path, group.at))
            }
    first, seen, _ = judged_groups(groups, examples, plan, config, selection)
    if leftovers:
        properties = properties_at(leftovers)
        for diagnostic in judge(leftovers, plan, config, selection):
            merge_finding(first, seen, finding_key(diagnostic, properties), diagnostic, 1)
    result.diagnostics = counted_findings(first, seen)
    return result


def _stage(
    lines: Iterable[bytes | None],
    path: str,
    rows: BinaryIO,
    written: BinaryIO,
    result: Validation,
) -> list[TrackingCall]:
    """Write each payload of ``lines`` to ``rows`` (its line as written to ``written``);
    return the few DuckDB cannot read (a NaN, a lone surrogate), to be judged in Python."""
    leftovers: list[TrackingCall] = []
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    for number, text, payload in payload_records(lines, result):
        row = {"line": number, "event": payload.event, "properties": payload.properties}
        try:
            encoded = dumps({**row, "example": written.tell()}).encode("utf-8")
        except ValueError:  # NaN/Infinity, a lone surrogate: not JSON DuckDB reads
            encoded = b""
        if not encoded or len(encoded) >= ROW_LIMIT:
            leftovers.append(payload_call(payload, path, number, text))
            continue
        rows.write(encoded + b"\n")
        written.write(text.encode("utf-8") + b"\n")
    return leftovers


def _line_at(written: BinaryIO, offset: int) -> str:
    written.seek(offset)
    return written.readline().decode("utf-8").rstrip("\n")
