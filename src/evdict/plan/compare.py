"""Comparing two plans: every change from one to the other, classified (:mod:`evdict.plan.changes`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from evdict.diagnostics import Location
from evdict.plan.changes import (
    _FIXED_IMPACT,
    Change,
    Impact,
    Kind,
    show_value,
)
from evdict.plan.model import Event, Funnel, FunnelStep, Origin, Plan, Property

_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")
_MATCHERS = ("const", "pattern", "format")
_SCHEMA_KEYS = frozenset(
    {"type", "enum", "items", "required", *_LOWER_BOUNDS, *_UPPER_BOUNDS, *_MATCHERS}
)
_ALL_TYPES = frozenset({"string", "integer", "number", "boolean", "array", "object", "null"})
_RENAME_IGNORED_KEYS = frozenset({"renamed_from", "ignore"})


def compare(base: Plan, head: Plan, *, period_days: int, today: date) -> list[Change]:
    """Every change from ``base`` to ``head``, classified; breaking ones first."""
    removed = [name for name in base.events if name not in head.events]
    added = [name for name in head.events if name not in base.events]
    renames = _renames(base, head, removed, added)
    renamed_old = {old for old, _new, _recorded in renames}
    renamed_new = {new for _old, new, _recorded in renames}
    changes: list[Change] = []
    for old, new, recorded in renames:
        event = head.events[new]
        changes.append(
            Change(
                Kind.EVENT_RENAMED,
                Impact.NON_BREAKING if recorded else Impact.BREAKING,
                new,
                event.origin.location(),
                before=old,
                after=new,
                note="recorded in `renamed_from`" if recorded else "not recorded in `renamed_from`",
            )
        )
        changes.extend(_compare_events(base.events[old], event, skip={"renamed_from"}))
    for name in removed:
        if name not in renamed_old:
            event = base.events[name]
            changes.append(_removal(event, _removed_from(head, event.origin), period_days, today))
    for name in added:
        if name not in renamed_new:
            event = head.events[name]
            changes.append(
                Change(Kind.EVENT_ADDED, Impact.NON_BREAKING, name, event.origin.location())
            )
    for name, event in head.events.items():
        if name in base.events:
            changes.extend(_compare_events(base.events[name], event))
    changes.extend(_compare_funnels(base, head, {old: new for old, new, _ in renames}))
    return sorted(changes, key=_order)


def _order(change: Change) -> tuple[int, str, str, str, str]:
    return (
        change.impact.rank,
        change.subject,
        change.kind.value,
        change.field or "",
        show_value(change.before),
    )


def _renames(
    base: Plan, head: Plan, removed: list[str], added: list[str]
) -> list[tuple[str, str, bool]]:
    """(old, new, recorded) pairs: recorded by ``renamed_from``, or guessed from an
    added event whose definition equals a removed one's."""
    pairs: list[tuple[str, str, bool]] = []
    gone = set(removed)
    for name in added:
        for old in head.events[name].renamed_from:
            if old in gone:
                pairs.append((old, name, True))
                gone.discard(old)
    paired_new = {new for _old, new, _recorded in pairs}
    for name in added:
        if name in paired_new:
            continue
        content = _rename_content(head.events[name])
        match = next(
            (
                old
                for old in sorted(gone)
                if content and _rename_content(base.events[old]) == content
            ),
            None,
        )
        if match is not None:
            pairs.append((match, name, False))
            gone.discard(match)
    return pairs


def _rename_content(event: Event) -> dict[str, Any]:
    return {key: value for key, value in event.spec.items() if key not in _RENAME_IGNORED_KEYS}


def _removed_from(head: Plan, origin: Origin) -> Location:
    """Where a removed event or funnel is reported: the section key (``events``,
    ``funnels``) of the file that held it, when the file is still there (its old line
    means nothing in the new file)."""
    for document in head.documents:
        if document.path == origin.file:
            return Location(document.path, *document.locate(origin.path[:1], key=True))
    return origin.location()


def _removal(event: Event, location: Location, period_days: int, today: date) -> Change:

    def removal(impact: Impact, note: str) -> Change:
        return Change(Kind.EVENT_REMOVED, impact, event.name, location, note=note)

    if event.status == "planned":
        return removal(Impact.NON_BREAKING, "was only planned")
    if event.status != "deprecated":
        return removal(Impact.BREAKING, "not deprecated first")
    since = event.deprecated.get("since")
    day = _since_date(since)
    if day is None:
        return removal(Impact.BREAKING, "deprecated with no `since` date")
    age = (today - day).days
    if age < period_days:
        return removal(Impact.BREAKING, f"deprecated since {since}, {age} of {period_days} days")
    return removal(Impact.NON_BREAKING, f"deprecated since {since}, {age} days")


def _since_date(value: Any) -> date | None:
    """``2026-09-15``, ``2026-09`` (its first day) or ``2026`` (its first day)."""
    if isinstance(value, date):
        return value
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value or "").strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _metadata_changes(
    old: dict[str, Any],
    new: dict[str, Any],
    origin: Origin,
    skip: set[str],
    *,
    event: str | None = None,
    funnel: str | None = None,
) -> Iterator[Change]:
    """A metadata change per top-level key (outside ``skip``) whose value changed."""
    for key in sorted((set(old) | set(new)) - skip):
        if old.get(key) != new.get(key):
            yield Change(
                Kind.METADATA_CHANGED,
                Impact.METADATA,
                event,
                origin.location(key),
                field=key,
                before=old.get(key),
                after=new.get(key),
                funnel=funnel,
            )


def _compare_events(
    old: Event, new: Event, skip: frozenset[str] | set[str] = frozenset()
) -> Iterator[Change]:
    """Metadata, then property changes; ``skip`` keys are already reported (a rename)."""
    name = new.name
    yield from _metadata_changes(old.spec, new.spec, new.origin, {"properties", *skip}, event=name)
    for prop_name in old.properties:
        if prop_name not in new.properties:
            yield Change(
                Kind.PROPERTY_REMOVED,
                Impact.BREAKING,
                name,
                new.origin.location("properties"),
                prop_name,
            )
    for prop_name, prop in new.properties.items():
        before = old.properties.get(prop_name)
        if before is None:
            kind = Kind.REQUIRED_PROPERTY_ADDED if prop.required else Kind.PROPERTY_ADDED
            yield Change(kind, _FIXED_IMPACT[kind], name, prop.origin.location(), prop_name)
        else:
            yield from _compare_property(before, prop, name)


def _compare_property(old: Property, new: Property, event: str) -> Iterator[Change]:
    if old.effective == new.effective:
        return
    for kind, field_name, before, after in _schema_changes(old.effective, new.effective, ""):
        location = new.origin.location(*field_name.split("."))
        yield Change(
            kind, _FIXED_IMPACT[kind], event, location, new.name, field_name, before, after
        )


SchemaChange = tuple[Kind, str, Any, Any]


def _schema_changes(
    old: dict[str, Any], new: dict[str, Any], prefix: str
) -> Iterator[SchemaChange]:
    """Changes between two property schemas; ``prefix`` is ``items.`` inside an array's items."""
    yield from _type_changes(old, new, prefix)
    yield from _enum_changes(old.get("enum"), new.get("enum"), prefix)
    required = (bool(old.get("required")), bool(new.get("required")))
    if required[0] != required[1]:
        kind = Kind.CONSTRAINT_TIGHTENED if required[1] else Kind.CONSTRAINT_LOOSENED
        yield kind, f"{prefix}required", required[0], required[1]
    for key in (*_LOWER_BOUNDS, *_UPPER_BOUNDS, *_MATCHERS):
        before, after = old.get(key), new.get(key)
        if before != after:
            yield _constraint_kind(key, before, after), f"{prefix}{key}", before, after
    old_items, new_items = old.get("items"), new.get("items")
    if old_items != new_items:
        yield from _schema_changes(
            old_items if isinstance(old_items, dict) else {},
            new_items if isinstance(new_items, dict) else {},
            f"{prefix}items.",
        )
    for key in sorted((set(old) | set(new)) - _SCHEMA_KEYS):
        if old.get(key) != new.get(key):
            yield Kind.METADATA_CHANGED, f"{prefix}{key}", old.get(key), new.get(key)


def _types(schema: dict[str, Any]) -> frozenset[str]:
    """The JSON types a schema accepts (no ``type`` = any); ``number`` includes ``integer``."""
    value = schema.get("type")
    if isinstance(value, str):
        types = {value}
    elif isinstance(value, list) and value:
        types = {item for item in value if isinstance(item, str)}
    else:  # absent, or malformed (EV002 reports it): no restriction
        return _ALL_TYPES
    if "number" in types:
        types.add("integer")
    return frozenset(types)


def _type_changes(old: dict[str, Any], new: dict[str, Any], prefix: str) -> Iterator[SchemaChange]:
    before, after = _types(old), _types(new)
    if before == after:
        return
    if before < after:
        kind = Kind.TYPE_WIDENED
    elif after < before:
        kind = Kind.TYPE_NARROWED
    else:
        kind = Kind.TYPE_CHANGED
    yield kind, f"{prefix}type", old.get("type"), new.get("type")


def _enum_changes(before: Any, after: Any, prefix: str) -> Iterator[SchemaChange]:
    if before == after:
        return
    name = f"{prefix}enum"
    if not isinstance(before, list) or not isinstance(after, list):
        # An enum appearing restricts the values; one disappearing frees them.
        kind = Kind.CONSTRAINT_TIGHTENED if isinstance(after, list) else Kind.CONSTRAINT_LOOSENED
        yield kind, name, before, after
        return
    for value in before:
        if value not in after:
            yield Kind.ENUM_VALUE_REMOVED, name, value, None
    for value in after:
        if value not in before:
            yield Kind.ENUM_VALUE_ADDED, name, None, value


def _constraint_kind(key: str, before: Any, after: Any) -> Kind:
    """Tightened: a bound appears or moves inwards, a matcher appears or changes."""
    if after is None:
        return Kind.CONSTRAINT_LOOSENED
    if before is None or key in _MATCHERS:
        return Kind.CONSTRAINT_TIGHTENED
    if not _is_number(before) or not _is_number(after):
        return Kind.CONSTRAINT_TIGHTENED
    raised = after > before
    return (
        Kind.CONSTRAINT_TIGHTENED if raised == (key in _LOWER_BOUNDS) else Kind.CONSTRAINT_LOOSENED
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_RATES_CHANGE = "conversion rates change meaning"
_WINDOW_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}


def _compare_funnels(base: Plan, head: Plan, renamed: dict[str, str]) -> Iterator[Change]:
    """Funnels added, removed or redefined; ``renamed`` maps old event names to new ones,
    so a step that follows its event's rename is not a step change."""
    for name, funnel in base.funnels.items():
        if name not in head.funnels:
            yield Change(
                Kind.FUNNEL_REMOVED,
                Impact.BREAKING,
                None,
                _removed_from(head, funnel.origin),
                note="dashboards and alerts built on it lose their definition",
                funnel=name,
            )
    for name, funnel in head.funnels.items():
        before = base.funnels.get(name)
        if before is None:
            yield Change(
                Kind.FUNNEL_ADDED, Impact.NON_BREAKING, None, funnel.origin.location(), funnel=name
            )
        else:
            yield from _compare_funnel(before, funnel, renamed)


def _compare_funnel(old: Funnel, new: Funnel, renamed: dict[str, str]) -> Iterator[Change]:
    name = new.name
    yield from _metadata_changes(old.spec, new.spec, new.origin, {"steps"}, funnel=name)
    old_events = [renamed.get(step.event, step.event) for step in old.steps]
    new_events = [step.event for step in new.steps]
    pairs = _matched_steps(old_events, new_events)
    kept_old = {old_index for old_index, _ in pairs}
    kept_new = {new_index for _, new_index in pairs}

    def step_change(kind: Kind, location: Location, **values: Any) -> Change:
        return Change(kind, _FIXED_IMPACT[kind], None, location, funnel=name, **values)

    steps_key = new.origin.location("steps")
    for index, event in enumerate(old_events):
        if index not in kept_old:
            note = f"was step {index + 1} of {len(old_events)}, so {_RATES_CHANGE}"
            yield step_change(Kind.FUNNEL_STEP_REMOVED, steps_key, before=event, note=note)
    for index, step in enumerate(new.steps):
        if index not in kept_new:
            note = f"now step {index + 1} of {len(new_events)}, so {_RATES_CHANGE}"
            yield step_change(
                Kind.FUNNEL_STEP_ADDED, step.origin.location(), after=step.event, note=note
            )
    in_new_order = sorted(pairs, key=lambda pair: pair[1])
    if [old_index for old_index, _ in in_new_order] != sorted(kept_old):
        yield step_change(
            Kind.FUNNEL_STEPS_REORDERED,
            steps_key,
            before=[old_events[old_index] for old_index in sorted(kept_old)],
            after=[new_events[new_index] for _, new_index in in_new_order],
            note=_RATES_CHANGE,
        )
    for old_index, new_index in in_new_order:
        change = _window_change(old.steps[old_index], new.steps[new_index], new_index)
        if change is not None:
            kind, note = change
            step = new.steps[new_index]
            location = step.origin.location("within", key=False)
            yield step_change(
                kind,
                location,
                field="within",
                before=old.steps[old_index].within,
                after=step.within,
                note=note,
            )


def _matched_steps(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """(old index, new index) of the steps both funnels keep: the k-th step on an event in
    one is the k-th step on that event in the other."""
    positions: dict[str, list[int]] = {}
    for index, event in enumerate(new):
        positions.setdefault(event, []).append(index)
    seen: dict[str, int] = {}
    pairs = []
    for index, event in enumerate(old):
        occurrence = seen.get(event, 0)
        seen[event] = occurrence + 1
        if occurrence < len(positions.get(event, ())):
            pairs.append((index, positions[event][occurrence]))
    return pairs


def _window_change(old: FunnelStep, new: FunnelStep, index: int) -> tuple[Kind, str] | None:
    """Tightened (a window appears or shrinks) or loosened; either way past conversion
    rates were counted with another window. An unreadable window (EV002) reads as a
    tightening: the change is breaking whichever word it gets."""
    if old.within == new.within:
        return None
    before, after = _window_minutes(old.within), _window_minutes(new.within)
    if before is not None and before == after:  # the same duration written otherwise: 24h, 1d
        return None
    note = f"step {index + 1} `{new.event}`: past conversion rates no longer compare"
    if new.within is None or (before is not None and after is not None and after > before):
        return Kind.FUNNEL_WINDOW_LOOSENED, note
    return Kind.FUNNEL_WINDOW_TIGHTENED, note


def _window_minutes(within: str | None) -> int | None:
    match = re.fullmatch(r"([0-9]+)([mhdw])", within or "")
    return int(match[1]) * _WINDOW_UNIT_MINUTES[match[2]] if match else None
