"""``evdict validate --engine duckdb``: the payload checks run as SQL in DuckDB.

The export is read in chunks of whole lines, and each chunk is judged by one query
(:mod:`evdict.commands.validate_pipeline`: its lines numbered, parsed and their shapes
read in SQL as the Python engine reads them, then checked), which aggregates per
(rule, event, property); the aggregates of the chunks add up. As many chunks as there
are cores (up to four) are judged at once, each on a DuckDB connection of its own
(DuckDB runs one chunk's rows on one thread), with as many read ahead. The first payload
of each finding is then judged again by the rules themselves, so its message,
severity and column are the Python engine's, byte for byte; the few lines DuckDB may
read differently from Python are judged in Python.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from queue import SimpleQueue
from typing import TYPE_CHECKING

from evdict.checker import Selection
from evdict.commands.validate import Findings, Stream, Validation, judge_records
from evdict.commands.validate_ingest import Chunk, Progress, chunk_size, line_chunks
from evdict.commands.validate_pipeline import LINE, chunk_query, create_plan_tables
from evdict.commands.validate_results import (
    Group,
    Row,
    event_in_example,
    example_call,
    finding_groups,
    import_judging_modules,
    judged_groups,
)
from evdict.commands.validate_sql import COMPILED_CODES
from evdict.config import Config
from evdict.plan.model import Plan
from evdict.rules.nearest import COMPARISONS, NearestNames

if TYPE_CHECKING:
    import duckdb

    from evdict.scanner.model import TrackingCall

Aggregates = dict[tuple[str, str, str | None, str | None], tuple[int, int, int | str | None]]
# DuckDB's memory (it spills past it to the temporary folder).
MEMORY_LIMIT = "256MB"
# Chunks judged at once, each on a connection of its own (a DuckDB query over one
# chunk's rows runs on one thread); each holds about 100 MB.
WORKERS = max(1, min(4, os.cpu_count() or 1))
DISABLED_OPTIMIZERS = "common_subplan,build_side_probe_side"


@dataclass
class Judged:
    """What one chunk holds: the query's rows, its lines that are no payload, and the
    lines left to Python."""

    rows: list[Row] = field(default_factory=list)
    payloads: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    too_long: list[int] = field(default_factory=list)
    not_understood: list[int] = field(default_factory=list)
    leftovers: list[tuple[int, str]] = field(default_factory=list)


class Worker:
    """A DuckDB connection judging chunks, one at a time."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, query: str) -> None:
        self.connection = connection
        self.query = query

    def judge(self, chunk: Chunk) -> Judged:
        judged = Judged(payloads=chunk.lines)
        lines: list[str] | None = None
        for row in self.connection.execute(self.query, [chunk.first, chunk.text]).fetchall():
            code, _event, _prop, _detail, count, first, _last, example = row
            if not code.startswith(LINE):
                if example is None:  # a long first line, read from the chunk
                    lines = lines or chunk.text.split("\n")
                    example = lines[first - chunk.first]
                judged.rows.append((*row[:7], example))
                continue
            judged.payloads -= count
            verdict = code.removeprefix(LINE)
            if verdict.startswith("skip:"):
                judged.skipped[verdict.removeprefix("skip:")] += count
            elif verdict == "python":
                judged.leftovers.append((first, example))
            elif verdict == "long":
                judged.too_long.append(first)
            elif verdict == "none":
                judged.not_understood.append(first)
        judged.leftovers.sort()
        return judged


def validate_stream_duckdb(
    stream: Stream,
    path: str,
    plan: Plan,
    config: Config,
    selection: Selection,
    progress: Progress | None = None,
) -> Validation:
    """Judge the NDJSON export ``stream`` (shown as ``path``) with DuckDB; the Python
    engine's findings."""
    import duckdb  # 60 ms: only when this engine runs

    result = Validation()
    findings = Findings()
    codes = [code for code in COMPILED_CODES if selection.enabled(code)]
    query = chunk_query(plan, codes, config)
    merged: Aggregates = {}

    def add(judged: Judged) -> None:
        _merge_rows(merged, judged.rows)
        result.payloads += judged.payloads
        result.skipped.update(judged.skipped)
        result.too_long.extend(judged.too_long)
        result.not_understood.extend(judged.not_understood)
        numbered = ((line, text.encode("utf-8")) for line, text in judged.leftovers)
        judge_records(numbered, path, plan, config, selection, result, findings)

    with tempfile.TemporaryDirectory(prefix="evdict-validate-") as name:
        database = duckdb.connect(
            config={"memory_limit": MEMORY_LIMIT, "temp_directory": name, "threads": 1}
        )
        # Looking for repeated parts of the chunk's query took DuckDB 0.19 s a chunk,
        # more than judging it, and the query repeats none; and the payloads' join to
        # the plan builds its hash table on the plan as written, not on the chunk's
        # 48,000 rows, which DuckDB's row estimate for them (one) would choose (-4 %).
        database.execute(f"SET GLOBAL disabled_optimizers = '{DISABLED_OPTIMIZERS}'")
        # The plan made tables once: planning a query with 3,000 rows inline costs a second.
        create_plan_tables(database, plan)
        workers = [Worker(database.cursor(), query) for _ in range(WORKERS)]
        idle: SimpleQueue[Worker] = SimpleQueue()
        for worker in workers:
            idle.put(worker)

        def judge(chunk: Chunk) -> Judged:
            worker = idle.get()
            try:
                return worker.judge(chunk)
            finally:
                idle.put(worker)

        # Chunks are read ahead, one per worker: a worker done with one takes the next
        # at once, not once the oldest is added up and the next read (4-8 % idle).
        pending: deque[Future[Judged]] = deque()
        importing = threading.Thread(target=import_judging_modules, daemon=True)
        importing.start()
        with ThreadPoolExecutor(WORKERS) as pool:
            try:
                for chunk in line_chunks(stream, result, progress, chunk_size(stream, WORKERS)):
                    pending.append(pool.submit(judge, chunk))
                    while len(pending) > 2 * WORKERS:
                        add(pending.popleft().result())
                for done in pending:
                    add(done.result())
            except BaseException:
                # Ctrl-C or an export that cannot be read: the chunks read ahead are
                # dropped and those being judged stopped, not judged to the end first.
                pool.shutdown(cancel_futures=True, wait=False)
                for worker in workers:
                    worker.connection.interrupt()
                raise
        database.close()
    importing.join()
    groups, _rejected = finding_groups(_rows(merged), plan, config)
    merged.clear()  # the groups hold what is needed: its 500,000 entries freed
    groups.sort(key=lambda group: group.at)
    nearest = NearestNames(list(plan.events), COMPARISONS, name_unsought=True)

    def example_of(group: Group) -> TrackingCall | None:
        if not isinstance(group.example, str):
            return None
        return example_call(group.example, path, group.at)

    # In line order: the names the Python engine looks up before "did you mean" runs out.
    judged_groups(
        groups,
        example_of,
        plan,
        config,
        selection,
        findings,
        nearest,
        event_at=event_in_example(path),
    )
    assert nearest.unsought_names is not None
    nearest.unsought = sum(
        group.count
        for group in groups
        if group.code == "EV601" and group.event in nearest.unsought_names
    )
    if (unsought := nearest.note()) is not None:
        result.unchecked.append(unsought)
    result.diagnostics = findings.counted()
    result.too_long.sort()
    result.not_understood.sort()
    return result


def _merge_rows(merged: Aggregates, rows: list[Row]) -> None:
    """A chunk's aggregates added to the run's: counts summed, the first line kept."""
    for code, event, prop, detail, count, line, _last, example in rows:
        key = (code, event, prop, detail)
        total, first, shown = merged.get(key, (0, line, example))
        merged[key] = (
            (total + count, line, example) if line < first else (total + count, first, shown)
        )


def _rows(merged: Aggregates) -> list[Row]:
    """The run's aggregates as the query's rows (first line, example)."""
    return [
        (code, event, prop, detail, count, line, line, example)
        for (code, event, prop, detail), (count, line, example) in merged.items()
    ]
