"""Real event payloads against the plan: ``evdict validate`` and :func:`validate_event`.

A payload from an export (Segment, PostHog, Mixpanel, Amplitude) becomes the neutral
fact a tracking call in code becomes: a :class:`~evdict.scanner.model.TrackingCall`, here
with every property visible and carrying its value. So the code rules judge payloads
and code alike: undeclared events and properties (EV601, EV603), missing required
properties (EV604), values that break a property's schema (EV605), deprecated events
(EV607), personal data sent under an undeclared name (EV301), as a value (EV302) or
unhashed where the plan promises a hash (EV303).

An export is read as a stream and judged in batches, so a file of any size runs in
bounded memory; a finding that repeats across payloads is reported once, at its first
line, with the number of payloads it was seen in.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, BinaryIO, cast

from evdict.checker import (
    Selection,
    apply_baseline_option,
    config_for,
    load_plan,
    no_plan_notes,
    run_rules,
)
from evdict.collector import rare_collections
from evdict.commands.validate_formats import export_format, head_of, judge_export
from evdict.commands.validate_gzip import GZIP_MAGIC, GzipExport
from evdict.commands.validate_shapes import Payload, Skipped, read_payload
from evdict.config import Config, Options
from evdict.diagnostics import Diagnostic
from evdict.errors import ConfigError
from evdict.plan.model import Plan
from evdict.result import CheckResult
from evdict.rules.context import RuleContext
from evdict.rules.nearest import COMPARISONS, NearestNames
from evdict.rules.registry import all_rules
from evdict.scanner.model import Inventory, Position, PropertySeen, TrackingCall


def payload_codes() -> tuple[str, ...]:
    """The rules that judge a payload (``judges_payloads``); the rest need code or a plan alone."""
    return tuple(rule.code for rule in all_rules() if rule.judges_payloads)


BATCH = 5_000
# A payload line longer than this is skipped unread (Segment caps an event at 32 KB).
MAX_LINE = 8 * 2**20


def _quoted(token: str) -> tuple[str, ...]:
    """``token`` as JSON writes it, as is and escaped to ASCII (``"\\u00e9"``): how a key
    or an event name is found in its line."""
    if token.isascii() and token.isprintable() and '"' not in token and "\\" not in token:
        return (f'"{token}"',)  # nothing to escape (most names): no JSON encoder
    return _escaped(token)


@lru_cache(maxsize=4096)  # only names to escape: distinct plain names would churn it
def _escaped(token: str) -> tuple[str, ...]:
    written = json.dumps(token, ensure_ascii=False)
    escaped = json.dumps(token)
    return (written,) if escaped == written else (written, escaped)


def token_span(text: str, line: int, token: str, start: int = 0) -> Position:
    """Where ``token`` (an event or a key) is first written in ``text``, the payload's
    line, from ``start``; column 1 when it is not found as written."""
    for quoted in _quoted(token):
        column = text.find(quoted, start) + 1
        if column:
            return (line, column, line, column + len(quoted))
    return (line, 1, line, len(token) + 3)


def payload_call(payload: Payload, path: str, line: int, text: str = "") -> TrackingCall:
    """The payload as a tracking call at ``path:line``; columns point into ``text``, the
    line as written, where the event and each property key are found in it."""
    # Keys are written in the order they are read: each is looked for after the one
    # before, so a payload of 100,000 properties is one pass over its line, not 100,000.
    seen: list[PropertySeen] = []
    after = 0
    for name, value in payload.properties.items():
        key = str(name)
        pos = token_span(text, line, key, after)
        if pos[1] > 1:
            after = pos[3] - 1
        seen.append(PropertySeen(key, pos, True, value))  # name, pos, has_value, value
    # Positional (path, pos, event_pos, events, dynamic, kind, via, properties,
    # complete, language): one call per payload, keywords cost a third more.
    return TrackingCall(
        path,
        (line, 1, line, len(text) + 1),
        token_span(text, line, payload.event),
        (payload.event,),
        None,
        "sdk",
        payload.shape,
        tuple(seen),
        True,
        "payload",
    )


@dataclass
class Validation:
    """What a validation run saw and found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    payloads: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    not_understood: list[int] = field(default_factory=list)
    too_long: list[int] = field(default_factory=list)
    # What was left unchecked, said as a note (EV601's "did you mean" past its budget).
    unchecked: list[str] = field(default_factory=list)

    def notes(self) -> tuple[str, ...]:
        notes = [f"validated {self.payloads} payload{'s' if self.payloads != 1 else ''}"]
        if self.too_long:
            shown = ", ".join(str(line) for line in self.too_long[:5])
            notes.append(f"skipped lines longer than {MAX_LINE // 2**20} MiB: line {shown}")
        for reason, count in sorted(self.skipped.items()):
            notes.append(f"skipped {count} record{'s' if count != 1 else ''}: {reason}")
        lines = self.not_understood
        if lines:
            shown = ", ".join(str(line) for line in lines[:5])
            more = f" and {len(lines) - 5} more" if len(lines) > 5 else ""
            notes.append(
                f"{len(lines)} line{'s are' if len(lines) != 1 else ' is'} not an event of a "
                f"known export shape (Segment, PostHog, Mixpanel, Amplitude): line {shown}{more}"
            )
        notes.extend(self.unchecked)
        return tuple(notes)


def validate_lines(
    lines: Iterable[bytes | None], path: str, plan: Plan, config: Config, selection: Selection
) -> Validation:
    """Judge NDJSON ``lines`` (an export, shown as ``path``) in batches; repeats merged.
    The Python engine: the reference the others (``--engine duckdb``) agree with."""
    result = Validation()
    findings = Findings()
    nearest = NearestNames(list(plan.events), COMPARISONS)
    with rare_collections():
        numbered = enumerate(lines, start=1)
        judge_records(numbered, path, plan, config, selection, result, findings, nearest)
        result.diagnostics = findings.counted()
    unsought = nearest.note()
    if unsought is not None:
        result.unchecked.append(unsought)
    return result


def judge_records(
    lines: Iterable[tuple[int, bytes | None]],
    path: str,
    plan: Plan,
    config: Config,
    selection: Selection,
    result: Validation,
    findings: Findings,
    nearest: NearestNames | None = None,
) -> None:
    """Judge the numbered ``lines`` in batches into ``findings``; counted in ``result``.
    ``nearest``: EV601's "did you mean" shared by the batches of a run."""
    calls = (
        payload_call(payload, path, number, text)
        for number, text, payload in payload_records(lines, result)
    )
    for batch in _batches(calls):
        judge_calls(batch, plan, config, selection, findings, nearest)


def judge_calls(
    calls: list[TrackingCall],
    plan: Plan,
    config: Config,
    selection: Selection,
    findings: Findings,
    nearest: NearestNames | None = None,
) -> None:
    """Judge ``calls`` (payloads as tracking calls) into ``findings``."""
    properties = properties_at(calls)
    for diagnostic in judge(calls, plan, config, selection, nearest):
        findings.add(finding_key(diagnostic, properties), diagnostic)


@dataclass
class Findings:
    """Each finding at its first payload, and how many payloads it was seen in."""

    first: dict[tuple[str, ...], Diagnostic] = field(default_factory=dict)
    seen: Counter[tuple[str, ...]] = field(default_factory=Counter)

    def add(self, key: tuple[str, ...], diagnostic: Diagnostic, count: int = 1) -> None:
        seen = self.seen
        # dict.get, not Counter's ``+=``: a new key (each of 500,000 distinct findings)
        # would call Counter.__missing__.
        seen[key] = seen.get(key, 0) + count
        known = self.first.setdefault(key, diagnostic)
        if known is not diagnostic and diagnostic.location.line < known.location.line:
            self.first[key] = diagnostic

    def counted(self) -> list[Diagnostic]:
        """Each finding at its first payload, with the number of payloads it was seen in."""
        return sorted(
            (_counted(diagnostic, self.seen[key]) for key, diagnostic in self.first.items()),
            key=Diagnostic.sort_key,
        )


# An export as read: a file, a pipe, or a gzip stream decompressing one.
Stream = BinaryIO | io.BufferedIOBase
Engine = Callable[[Stream, str, Plan, Config, Selection], Validation]


def validate_stream(
    stream: Stream, path: str, plan: Plan, config: Config, selection: Selection
) -> Validation:
    """The Python engine on an export read as a stream."""
    return validate_lines(bounded_lines(stream), path, plan, config, selection)


def finding_key(
    diagnostic: Diagnostic, properties: Mapping[tuple[int, int], tuple[str, str]]
) -> tuple[str, ...]:
    """What makes findings the same: a finding on a property is one finding whatever the
    value (ids differ in every payload); any other is one per message."""
    where = diagnostic.location
    return (diagnostic.code, *properties.get((where.line, where.column), (diagnostic.message,)))


def properties_at(calls: list[TrackingCall]) -> dict[tuple[int, int], tuple[str, str]]:
    """(line, column) -> (event, property) of each property key found in its line."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for call in calls:
        for prop in call.properties:
            if prop.pos[1] > 1:  # column 1: the key was not found as written
                found[prop.pos[0], prop.pos[1]] = (call.events[0], prop.name)
    return found


def _counted(diagnostic: Diagnostic, count: int) -> Diagnostic:
    if count == 1:
        return diagnostic
    return replace(diagnostic, message=f"{diagnostic.message} (first of {count} payloads)")


def bounded_lines(stream: Stream) -> Iterator[bytes | None]:
    """The lines of ``stream``, ``None`` for one longer than :data:`MAX_LINE` bytes (read
    to its end in bounded pieces, never held whole)."""
    while line := stream.readline(MAX_LINE + 1):
        if len(line) <= MAX_LINE or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(MAX_LINE)) and not rest.endswith(b"\n"):
            pass
        yield None


def payload_records(
    lines: Iterable[tuple[int, bytes | None]], result: Validation
) -> Iterator[tuple[int, str, Payload]]:
    """(line number, line as written, payload) of each event in ``lines`` (numbered);
    the lines that are too long, not JSON or no event are counted in ``result``."""
    for number, raw in lines:
        if raw is None:
            result.too_long.append(number)
            continue
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
            record = json.loads(text)
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
            result.not_understood.append(number)
            continue
        payload = read_payload(record)
        if isinstance(payload, Skipped):
            result.skipped[payload.reason] += 1
        elif payload is None:
            result.not_understood.append(number)
        else:
            result.payloads += 1
            yield number, text.rstrip("\r\n"), payload


def _batches(calls: Iterator[TrackingCall]) -> Iterator[list[TrackingCall]]:
    batch: list[TrackingCall] = []
    for call in calls:
        batch.append(call)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def judge(
    calls: list[TrackingCall],
    plan: Plan,
    config: Config,
    selection: Selection,
    nearest: NearestNames | None = None,
) -> list[Diagnostic]:
    """The payload rules on ``calls``; the plan's own findings are left to ``evdict lint``.
    ``nearest``: EV601's "did you mean" shared by the batches of a run."""
    paths = {call.path for call in calls}
    ctx = RuleContext(
        config,
        plan,
        Inventory(calls=tuple(calls)),
        full_scan=False,
        nearest_events=nearest,
        calls_only=True,
    )
    found = run_rules(ctx, payload_selection(selection), ("plan", "code"))
    return [diagnostic for diagnostic in found if diagnostic.location.path in paths]


def _refuse_device(stream: BinaryIO, shown: str) -> None:
    """An export is a file, a pipe or a terminal: a device (``/dev/zero``) is endless."""
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return  # an in-memory stream
    if (stat.S_ISCHR(mode) and not stream.isatty()) or stat.S_ISBLK(mode) or stat.S_ISDIR(mode):
        raise ConfigError(f"cannot read {shown}: not a regular file or a pipe (a device)")


def plan_structure(plan: Plan, config: Config, selection: Selection) -> list[Diagnostic]:
    """The plan's structure findings (EV0xx, as selected): a payload judged against a
    plan that does not load (a ``pattern`` that is no regex...) is judged against part
    of it, so the run must not pass."""
    structure = Selection(select=("EV0",), ignore=(), severity=selection.severity)
    found = run_rules(RuleContext(config, plan), structure, ("plan",))
    return [diagnostic for diagnostic in found if selection.enabled(diagnostic.code)]


def payload_selection(selection: Selection) -> Selection:
    """``selection`` narrowed to the rules that judge payloads."""
    enabled = tuple(code for code in payload_codes() if selection.enabled(code))
    return Selection(select=enabled, ignore=(), severity=selection.severity)


def validate_event(
    plan: Plan, payload: Mapping[str, Any], *, config: Config | None = None
) -> list[Diagnostic]:
    """The findings on one event payload (any supported export shape), for pipelines.

    An identify call or an SDK's automatic event has none; a mapping that is no known
    event shape raises :class:`ValueError`.
    """
    config = config or Config.from_data({}, Path.cwd())
    found = read_payload(payload)
    if found is None:
        raise ValueError(
            "not an event payload: expected Segment/PostHog/Mixpanel `event` and "
            "`properties`, or Amplitude `event_type` and `event_properties`"
        )
    if isinstance(found, Skipped):
        return []
    call = payload_call(found, "<payload>", 1, json.dumps(payload, ensure_ascii=False))
    return judge([call], plan, config, Selection.build(config.rules))


# Reports the bytes of an export read so far (None: done), shown as its path: a progress bar.
FileProgress = Callable[[str, "int | None"], None]


def _engine(name: str, shown: str, progress: FileProgress | None) -> Engine:
    if name == "duckdb":  # imported only when chosen: DuckDB takes 60 ms to load
        from evdict.commands.validate_duckdb import validate_stream_duckdb

        if progress is None:
            return validate_stream_duckdb
        return partial(validate_stream_duckdb, progress=partial(progress, shown))
    return validate_stream


def export_paths(paths: Iterable[Path]) -> list[Path | None]:
    """The exports to read: each path, a glob (``exports/*.ndjson.gz``) as the files it
    matches, sorted; None for standard input (no path, or ``-``)."""
    found: list[Path | None] = []
    for path in paths:
        text = str(path)
        if text == "-":
            found.append(None)
        elif not path.exists() and any(char in text for char in "*?["):
            base = Path(path.anchor) if path.is_absolute() else Path()
            matches = sorted(base.glob(str(path.relative_to(base))))
            if not matches:
                raise ConfigError(f"no file matches {text}")
            found.extend(matches)
        else:
            found.append(path)
    return found or [None]


def validate(
    options: Options, config: Config | None = None, *, stdin: BinaryIO | None = None
) -> CheckResult:
    """Event payloads against the plan (``evdict validate``): the NDJSON exports in
    ``options.exports`` (globs too), or ``stdin`` when there is none or for ``-``. Each
    export is judged on its own; with several, each one's notes name it."""
    config = config or config_for(options)
    plan = load_plan(config, use_cache=options.use_cache)
    selection = Selection.build(config.rules, options.select, options.ignore)
    name = str(options.extra.get("engine", "python"))
    progress = cast("FileProgress | None", options.extra.get("progress"))
    seen: list[tuple[str, Validation]] = []
    # Every engine allocates objects by the million: a finding, its group, its example.
    with rare_collections():
        for source in export_paths(options.exports):
            shown = "<stdin>" if source is None else config.relative(source)
            engine = _engine(name, shown, progress)
            if source is None:
                stream = stdin or sys.stdin.buffer
                _refuse_device(stream, "standard input")
                seen.append((shown, engine(stream, shown, plan, config, selection)))
            else:
                seen.append((shown, _validate_file(source, shown, engine, plan, config, selection)))
            if progress is not None:
                progress(shown, None)
    several = len(seen) > 1
    return payload_report(
        options,
        plan,
        config,
        selection,
        [d for _shown, each in seen for d in each.diagnostics],
        [f"{shown}: {note}" if several else note for shown, each in seen for note in each.notes()],
        files_checked=len(seen),
    )


def payload_report(
    options: Options,
    plan: Plan,
    config: Config,
    selection: Selection,
    found: Iterable[Diagnostic],
    notes: Iterable[str],
    *,
    files_checked: int = 1,
) -> CheckResult:
    """The findings on payloads as a run's result, with the plan's structure findings."""
    structure = plan_structure(plan, config, selection)
    codes = {*payload_codes(), *(diagnostic.code for diagnostic in structure)}
    rules = [rule.info() for rule in all_rules() if rule.code in codes]
    result = CheckResult(
        diagnostics=(*structure, *found),
        rules=tuple(rule for rule in rules if selection.enabled(rule.code)),
        files_checked=files_checked,
        notes=(*no_plan_notes(config, plan), *notes),
    )
    return apply_baseline_option(result, options)


def _validate_file(
    source: Path, shown: str, engine: Engine, plan: Plan, config: Config, selection: Selection
) -> Validation:
    try:
        with source.open("rb") as raw:
            _refuse_device(raw, str(source))
            peeked = raw.peek(2**12)
            kind = export_format(source, head_of(peeked))
            if kind == "ndjson":
                # A gzipped export (``.ndjson.gz``) is read as it is decompressed.
                if peeked[:2] != GZIP_MAGIC:
                    return engine(raw, shown, plan, config, selection)
                text = GzipExport(raw)
                judged = engine(text, shown, plan, config, selection)
                if text.damage is not None:
                    if not text.given:  # nothing read: the export cannot be read at all
                        raise ConfigError(f"cannot read {source}: {text.damage}")
                    judged.unchecked.append(
                        f"{text.damage}: the payloads before it were judged, the rest of the"
                        " file was not read"
                    )
                return judged
        with tempfile.TemporaryDirectory(prefix="evdict-export-") as folder:
            return judge_export(
                source,
                kind,
                Path(folder),
                lambda rows: engine(rows, shown, plan, config, selection),
            )
    except OSError as exc:
        raise ConfigError(f"cannot read {source}: {exc.strerror or exc}") from exc


def warehouse_query(options: Options, dialect: str, table: str, shape: str | None = None) -> str:
    """The plan's payload checks as ``dialect``'s SQL over ``table`` (``--sql``), in
    ``shape``'s warehouse schema if given: the selected rules the query builder
    compiles (see :mod:`evdict.commands.validate_sql`)."""
    from evdict.commands.validate_sql import COMPILED_CODES, transpile
    from evdict.commands.validate_warehouse import shaped_query

    config = config_for(options)
    plan = load_plan(config, use_cache=options.use_cache)
    selection = Selection.build(config.rules, options.select, options.ignore)
    codes = [code for code in COMPILED_CODES if selection.enabled(code)]
    try:
        if shape is not None:
            return shaped_query(plan, codes, table, dialect, shape, config)
        return transpile(plan, codes, table, dialect, config=config)
    except ValueError as exc:
        raise ConfigError(f"--table: {exc}") from exc
