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
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, TypeVar

from evdict.checker import Selection
from evdict.commands.validate import (
    Payload,
    Validation,
    counted_findings,
    finding_key,
    judge,
    payload_call,
    payload_records,
    properties_at,
    read_payload,
)
from evdict.commands.validate_sql import CANDIDATE, COMPILED_CODES, build_query, sql_string
from evdict.config import Config
from evdict.diagnostics import Diagnostic
from evdict.plan.model import Plan
from evdict.rules.code import schema_problem
from evdict.scanner.model import TrackingCall

# The personal-data rules judge values by patterns not compiled to SQL yet.
NOT_COMPILED = ("EV301", "EV302", "EV303")

T = TypeVar("T")
# A row of the query: code, event, property, detail, payloads, first, last, example
# (how the engine finds the first payload: an offset, or the payload itself).
Row = tuple[str, str, str | None, str | None, int, int, int, T]
# A finding of the query: code, event, property, payloads, first line, example.
Group = tuple[str, str, str | None, int, int, T]
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
        rows: list[Row[int]] = connection.execute(build_query(plan, codes)).fetchall()
        connection.close()
        groups = list(finding_groups(rows, plan))
        with (folder / "lines.txt").open("rb") as written:
            examples = {
                line: example_call(_line_at(written, offset), path, line)
                for *_, line, offset in groups
            }
    result.diagnostics = row_findings(groups, examples, leftovers, plan, config, selection)
    skipped = [code for code in NOT_COMPILED if selection.enabled(code)]
    if skipped:
        result.unchecked.append(
            f"the duckdb engine does not check {', '.join(skipped)} (personal data) yet: "
            "run with --engine python for them"
        )
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


def row_findings(
    groups: Iterable[Group[object]],
    examples: Mapping[int, TrackingCall],
    leftovers: list[TrackingCall],
    plan: Plan,
    config: Config,
    selection: Selection,
) -> list[Diagnostic]:
    """The findings of the query's ``groups`` (of :func:`finding_groups`): the first
    payload of each, ``examples[line]``, judged again by the rules in one batch, so
    messages and columns are the Python engine's; ``leftovers`` (payloads the engine
    could not read) judged whole."""
    first: dict[tuple[str, ...], Diagnostic] = {}
    seen: Counter[tuple[str, ...]] = Counter()
    properties = properties_at(list(examples.values()))
    on_line: dict[int, list[tuple[tuple[str, ...], Diagnostic]]] = {}
    for diagnostic in judge(list(examples.values()), plan, config, selection):
        key = finding_key(diagnostic, properties)
        on_line.setdefault(diagnostic.location.line, []).append((key, diagnostic))
    for code, event, prop, count, line, _example in groups:
        for key, diagnostic in on_line.get(line, ()):
            if diagnostic.code == code and (prop is None or key == (code, event, prop)):
                _merge(first, seen, key, diagnostic, count)
    if leftovers:
        properties = properties_at(leftovers)
        for diagnostic in judge(leftovers, plan, config, selection):
            _merge(first, seen, finding_key(diagnostic, properties), diagnostic, 1)
    return counted_findings(first, seen)


def finding_groups(rows: Iterable[Row[T]], plan: Plan) -> Iterator[Group[T]]:
    """(code, event, property, payloads, first line, first payload) per finding; the
    ``EV605?`` candidates (distinct values) judged here and summed per property."""
    candidates: dict[tuple[str, str], tuple[int, int, T]] = {}
    for code, event, prop, detail, count, line, _last, example in rows:
        if code != CANDIDATE:
            yield code, event, prop, count, line, example
            continue
        assert prop is not None and detail is not None
        declared = plan.events[event].properties[prop]
        if schema_problem(declared, json.loads(detail)) is None:
            continue
        total, at, shown = candidates.get((event, prop), (0, line, example))
        if line < at:
            at, shown = line, example
        candidates[event, prop] = (total + count, at, shown)
    for (event, prop), (count, line, example) in candidates.items():
        yield "EV605", event, prop, count, line, example


def example_call(example: str, path: str, line: int) -> TrackingCall:
    """The export line ``example`` (at ``path:line``) as the tracking call it is."""
    payload = read_payload(json.loads(example))
    assert isinstance(payload, Payload)
    return payload_call(payload, path, line, example)


def _merge(
    first: dict[tuple[str, ...], Diagnostic],
    seen: Counter[tuple[str, ...]],
    key: tuple[str, ...],
    diagnostic: Diagnostic,
    count: int,
) -> None:
    seen[key] += count
    known = first.get(key)
    if known is None or diagnostic.location.line < known.location.line:
        first[key] = diagnostic
