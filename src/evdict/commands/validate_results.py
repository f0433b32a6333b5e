"""The rows of the checks' SQL query turned into evdict's findings: for ``--engine duckdb``
and for ``evdict validate --from-results FILE`` (the rows a warehouse job exported).

A row is (code, event, property, detail, n, first, last, example). Rows coded
``EVxxx?`` are candidates, judged here by the rules' own predicates and summed per
(rule, event, property). Each finding's example payload is then judged by the rules,
so its message is the Python engine's; the payload count is the rows'.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import groupby, islice
from operator import attrgetter

from evdict.checker import Selection, config_for, load_plan
from evdict.commands.validate import (
    BATCH,
    Findings,
    finding_key,
    judge,
    payload_call,
    payload_report,
    properties_at,
    token_span,
)
from evdict.commands.validate_shapes import Payload, read_payload
from evdict.commands.validate_sql import CANDIDATE_MARK, CANDIDATES, COMPILED_CODES
from evdict.commands.validate_warehouse import warehouse_properties
from evdict.config import Config, Options
from evdict.diagnostics import Diagnostic, Location
from evdict.errors import ConfigError
from evdict.pii.names import NameClassifier
from evdict.plan.model import Plan
from evdict.result import CheckResult
from evdict.rules.code import UndeclaredEvent, schema_problem
from evdict.rules.context import call_location
from evdict.rules.nearest import NearestNames
from evdict.rules.pii import personal_value, unhashed_value
from evdict.rules.registry import all_rules
from evdict.scanner.model import TrackingCall

# A results file is the findings of a query, not the payloads: read whole, up to this.
MAX_RESULTS = 256 * 2**20
# What judging the findings' first payloads imports on first use: jsonschema to word an
# EV605, rapidfuzz for an EV601's "did you mean", difflib for a key that fails.
JUDGING_IMPORTS = ("jsonschema", "rapidfuzz.process", "rapidfuzz.distance", "difflib")


def import_judging_modules() -> None:
    """Import :data:`JUDGING_IMPORTS`: on a thread while DuckDB judges the chunks, they
    are not imported after them (60 ms of the run's last 160 on the benchmark)."""
    for name in JUDGING_IMPORTS:
        importlib.import_module(name)


@dataclass(slots=True)  # not frozen: made once a finding (500,000), frozen costs 2x
class Group:
    """One finding of the query: its payloads, where the first is, and its example."""

    code: str
    event: str
    prop: str | None
    detail: str | None  # the missing properties of EV604, a candidate's (first) value
    count: int
    at: int  # the first payload's line (--engine duckdb), or the result row
    example: int | str | None  # the example payload: an offset of its line, or its text


# code, event, property, detail, n, first and last (lines, or a result row), example
# (an offset of the line, or the payload's text): as the query returns them.
Row = tuple[str, str, str | None, str | None, int, int, int, int | str | None]


def is_finding(
    code: str,
    event: str,
    prop: str | None,
    detail: str | None,
    plan: Plan,
    classifier: NameClassifier,
) -> bool:
    """Whether a candidate row (``EV605?``...) is a finding, as the rule judges it;
    KeyError or ValueError when the row names no property of the plan or no value."""
    rule = code.removesuffix(CANDIDATE_MARK)
    if rule == "EV301":
        return prop is not None and classifier.classify(prop, event=event) is not None
    if detail is None or prop is None:
        raise ValueError("a candidate without its property and value")
    value = json.loads(detail)
    if rule == "EV302":
        return personal_value(value) is not None
    if rule == "EV303":
        return unhashed_value(value)
    return schema_problem(plan.events[event].properties[prop], value) is not None


def finding_groups(
    rows: Iterable[Row], plan: Plan, config: Config
) -> tuple[list[Group], list[Row]]:
    """A group per finding of ``rows`` (code, event, property, detail, n, first line,
    example), the candidates judged and summed per (rule, event, property); and the
    candidates that cannot be judged (a property the plan no longer has, no value)."""
    classifier = NameClassifier(config.pii.extra_names, config.pii.safe_names)
    groups: list[Group] = []
    rejected: list[Row] = []
    candidates: dict[tuple[str, str, str | None], Group] = {}
    for row in rows:
        code, event, prop, detail, count, at, _last, example = row
        if not code.endswith(CANDIDATE_MARK):
            groups.append(Group(code, event, prop, detail, count, at, example))
            continue
        try:
            if not is_finding(code, event, prop, detail, plan, classifier):
                continue
        except (KeyError, ValueError, RecursionError):
            rejected.append(row)
            continue
        key = (code.removesuffix(CANDIDATE_MARK), event, prop)
        known = candidates.get(key)
        if known is None or at < known.at:
            known = Group(*key, detail, known.count if known else 0, at, example)
        candidates[key] = replace(known, count=known.count + count)
    return groups + list(candidates.values()), rejected


def example_call(example: str, path: str, line: int) -> TrackingCall | None:
    """The payload of an example (its line as written) as a call at ``path:line``."""
    try:
        record = json.loads(example)
    except (ValueError, RecursionError):
        return None
    payload = read_payload(warehouse_properties(record) if isinstance(record, dict) else record)
    return payload_call(payload, path, line, example) if isinstance(payload, Payload) else None


def event_in_example(path: str) -> Callable[[Group], Location | None]:
    """Where a group's event is written in its example's text, in ``path``: where the
    example's tracking call (:func:`payload_call`) places it."""

    def event_at(group: Group) -> Location | None:
        if not isinstance(group.example, str):
            return None
        return call_location(path, token_span(group.example, group.at, group.event))

    return event_at


def judged_groups(
    groups: Iterable[Group],
    example_of: Callable[[Group], TrackingCall | None],
    plan: Plan,
    config: Config,
    selection: Selection,
    findings: Findings | None = None,
    nearest: NearestNames | None = None,
    *,
    event_at: Callable[[Group], Location | None] | None = None,
) -> tuple[Findings, list[Group]]:
    """Each group's finding as the rules word it on its example (``example_of`` a
    group: of the groups at one payload, the last one given), added to ``findings``
    (new ones when None); and the groups whose example showed no such finding.
    The examples are judged in batches, in line order, as the Python engine judges an
    export: 500,000 distinct findings are as many examples.
    ``nearest``: EV601's "did you mean", as the run's. ``event_at``: where a group's
    event is written in its example (None: not there); an EV601 group it places is
    worded by the rule from its event alone, its example not judged (an undeclared
    event's finding is its name, and a payload per name is a run's costliest case)."""
    findings = Findings() if findings is None else findings
    worded = (
        None if event_at is None else _ev601_worded(plan, selection, nearest, event_at, findings)
    )
    at = attrgetter("at")
    payloads = (list(together) for _line, together in groupby(sorted(groups, key=at), key=at))
    unmatched: list[Group] = []
    while chunk := list(islice(payloads, BATCH)):
        batch: list[list[Group]] = []
        examples: list[TrackingCall] = []
        for together in chunk:
            if worded is not None:
                together = [group for group in together if not worded(group)]
                if not together:
                    continue
            batch.append(together)
            # The groups at one payload share it: one example is read, not one a group
            # (100,000 properties of one payload are 100,000 groups).
            for group in reversed(together):
                if (call := example_of(group)) is not None:
                    examples.append(call)
                    break
        if batch:
            unmatched += _matched(batch, examples, plan, config, selection, findings, nearest)
    return findings, unmatched


def _ev601_worded(
    plan: Plan,
    selection: Selection,
    nearest: NearestNames | None,
    event_at: Callable[[Group], Location | None],
    findings: Findings,
) -> Callable[[Group], bool] | None:
    """A function that adds a group's EV601 finding to ``findings``, worded by the rule
    where ``event_at`` places its event, and says whether it did (not for a group of
    another rule, or of an event the plan declares); None when EV601 is not selected."""
    code = UndeclaredEvent.code
    if not selection.enabled(code):
        return None
    finding = UndeclaredEvent().finder(plan, nearest)
    severity = selection.severity_of(code, UndeclaredEvent.severity)
    declared = plan.events

    def worded(group: Group) -> bool:
        if group.code != code or group.prop is not None or group.event in declared:
            return False
        where = event_at(group)
        if where is None:
            return False
        diagnostic = finding(group.event, where).with_severity(severity)
        findings.add((code, diagnostic.message), diagnostic, group.count)
        return True

    return worded


def _matched(
    batch: list[list[Group]],
    examples: list[TrackingCall],
    plan: Plan,
    config: Config,
    selection: Selection,
    findings: Findings,
    nearest: NearestNames | None,
) -> list[Group]:
    """Add the findings of ``batch`` (groups by payload) its ``examples`` show; return
    the groups they do not. A group with a property matches the finding on it, one
    without every finding of its rule at its payload."""
    properties = properties_at(examples)
    of_rule: dict[tuple[int, str], list[tuple[tuple[str, ...], Diagnostic]]] = {}
    on_property: dict[tuple[int, tuple[str, ...]], list[Diagnostic]] = {}
    for diagnostic in judge(examples, plan, config, _of_groups(batch, selection), nearest):
        key = finding_key(diagnostic, properties)
        line = diagnostic.location.line
        of_rule.setdefault((line, diagnostic.code), []).append((key, diagnostic))
        on_property.setdefault((line, key), []).append(diagnostic)
    unmatched: list[Group] = []
    for group in (group for together in batch for group in together):
        if group.prop is None:
            found = of_rule.get((group.at, group.code), [])
        else:
            key = (group.code, group.event, group.prop)
            found = [(key, diagnostic) for diagnostic in on_property.get((group.at, key), ())]
        for key, diagnostic in found:
            findings.add(key, diagnostic, group.count)
        if not found:
            unmatched.append(group)
    return unmatched


def _of_groups(batch: list[list[Group]], selection: Selection) -> Selection:
    """``selection`` narrowed to the rules of ``batch``'s groups: another rule's findings
    on their examples would match no group (the personal-data rules, a tenth of the
    tail on examples that show none). EV601 runs whenever selected: its "did you mean"
    lookups are counted across the run."""
    codes = {group.code for together in batch for group in together}
    codes.add(UndeclaredEvent.code)
    return Selection(
        select=tuple(sorted(code for code in codes if selection.enabled(code))),
        ignore=(),
        severity=selection.severity,
    )


# --- evdict validate --from-results FILE -------------------------------------------------


def read_results(data: bytes) -> Iterator[tuple[int, Mapping[str, object] | None]]:
    """(row number, row) of a results file: a JSON array, NDJSON, or CSV with a header;
    a row that is no object is None. Column names in any case (Snowflake's ``CODE``)."""
    text = data.decode("utf-8-sig")
    start = text.lstrip()[:1]
    if start == "[":
        records = json.loads(text)
        numbered: Iterable[tuple[int, object]] = enumerate(
            records if isinstance(records, list) else [records], start=1
        )
    elif start == "{":
        numbered = (
            (number, _json_or_none(line))
            for number, line in enumerate(text.splitlines(), start=1)
            if line.strip()
        )
    else:
        numbered = _csv_rows(text)
    for number, record in numbered:
        if isinstance(record, dict):
            yield number, {str(key).lower(): value for key, value in record.items()}
        else:
            yield number, None


def _csv_rows(text: str) -> Iterator[tuple[int, object]]:
    """(line, row) of CSV with a header; a row csv cannot read (a field over its 128 KiB
    limit) is None, and the rows after it are read."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:  # the line is consumed, counted with the next row
            yield reader.line_num + 1, None
            continue
        yield reader.line_num, row


def _json_or_none(line: str) -> object:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def result_row(record: Mapping[str, object], number: int) -> Row:
    """The row as the query wrote it; ValueError saying what is wrong with it."""
    missing = [column for column in ("code", "event", "n") if record.get(column) in (None, "")]
    if missing:
        raise ValueError(f"no {', '.join(missing)}")
    code, event = record["code"], record["event"]
    if code not in COMPILED_CODES and code not in CANDIDATES:
        raise ValueError(f"{code!r} is no rule the query reports")
    if not isinstance(event, str):
        raise ValueError(f"the event is no name: {event!r}")
    count = record["n"]
    if isinstance(count, str) and count.isdigit():
        count = int(count)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"n is not a count of payloads: {count!r}")

    def text(column: str) -> str | None:
        value = record.get(column)
        return None if value in (None, "") else str(value)

    return (
        str(code),
        event,
        text("property"),
        text("detail"),
        count,
        number,
        number,
        text("example"),
    )


def from_results(options: Options, config: Config | None = None) -> CheckResult:
    """``evdict validate --from-results FILE``: the rows of the checks' query (run in a
    warehouse, exported as CSV, NDJSON or JSON) as evdict's findings."""
    config = config or config_for(options)
    plan = load_plan(config, use_cache=options.use_cache)
    selection = Selection.build(config.rules, options.select, options.ignore)
    if len(options.exports) != 1:
        raise ConfigError("--from-results needs the FILE of the query's rows")
    (source,) = options.exports
    try:
        with source.open("rb") as stream:
            data = stream.read(MAX_RESULTS + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read {source}: {exc.strerror or exc}") from exc
    if len(data) > MAX_RESULTS:
        raise ConfigError(f"cannot read {source}: over {MAX_RESULTS // 2**20} MiB of results")
    shown = config.relative(source)
    rows: list[Row] = []
    bad: list[tuple[int, str]] = []
    try:
        records = list(read_results(data))
    except (ValueError, RecursionError, csv.Error) as exc:
        raise ConfigError(f"cannot read {source}: not CSV, NDJSON or JSON ({exc})") from exc
    for number, record in records:
        try:
            if record is None:
                raise ValueError("not a row of the query")
            row = result_row(record, number)
            if selection.enabled(row[0].removesuffix(CANDIDATE_MARK)):
                rows.append(row)
        except ValueError as exc:
            bad.append((number, str(exc)))
    groups, rejected = finding_groups(rows, plan, config)
    for code, event, _prop, _detail, _count, number, _last, _example in rejected:
        bad.append((number, f"{code} of event `{event}`: no property of the plan, or no value"))
    diagnostics = _report(groups, shown, plan, config, selection)
    notes = [f"read {len(records)} result row{'s' if len(records) != 1 else ''}"]
    if bad:
        shown_bad = ", ".join(f"row {number} ({why})" for number, why in sorted(bad)[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        rows_were = "result rows were" if len(bad) != 1 else "result row was"
        notes.append(f"{len(bad)} {rows_were} not understood: {shown_bad}{more}")
    return payload_report(options, plan, config, selection, diagnostics, notes)


def _row_payload(group: Group, plan: Plan) -> str | None:
    """A payload that has what the row says, for the rules to word it when the row has
    no example: the event, the property and the value a candidate was judged on, the
    properties EV604 found missing left out. None for an EV605 row, whose value is
    not in it."""
    props: dict[str, object] = {}
    if group.code == "EV604" and group.event in plan.events:
        missing = set((group.detail or "").split(", "))
        props = {name: None for name in plan.events[group.event].properties if name not in missing}
    elif group.code in ("EV302", "EV303", "EV605"):
        if group.detail is None or group.prop is None:
            return None
        try:
            props = {group.prop: json.loads(group.detail)}
        except (ValueError, RecursionError):
            return None
    elif group.prop is not None:
        props = {group.prop: None}
    return json.dumps({"event": group.event, "properties": props}, ensure_ascii=False)


def _report(
    groups: list[Group], shown: str, plan: Plan, config: Config, selection: Selection
) -> list[Diagnostic]:
    """The groups' findings at their rows of the results file (candidates of one
    finding summed, so one group per finding): worded on the example payload, or by
    the rule's title when the row has none the rules find it in."""

    def example_of(group: Group) -> TrackingCall | None:
        for example in (group.example, _row_payload(group, plan)):
            call = example_call(example, shown, group.at) if isinstance(example, str) else None
            if call is not None:
                return call
        return None

    findings, unmatched = judged_groups(groups, example_of, plan, config, selection)
    titles = {rule.code: rule for rule in all_rules()}
    for group in unmatched:
        rule = titles[group.code]
        where = f"event `{group.event}`" + (f", property `{group.prop}`" if group.prop else "")
        where += f" ({group.detail})" if group.detail else ""
        diagnostic = rule().diagnostic(f"{rule.title}: {where}", Location(shown, group.at))
        severity = selection.severity_of(rule.code, diagnostic.severity)
        findings.add(
            (group.code, group.event, str(group.prop)),
            diagnostic.with_severity(severity),
            group.count,
        )
    # A finding is at its row of the results file; its columns pointed into the example.
    return [
        replace(diagnostic, location=Location(shown, diagnostic.location.line))
        for diagnostic in findings.counted()
    ]
