"""The export shapes of the tools, as data both engines read (Python and DuckDB's SQL).

A record is the first shape of :data:`SHAPES` whose event key holds a string and whose
condition holds; its properties lose the keys the SDK puts there itself. A shape that
shares Segment's ``event`` key is a skipped Segment call when ``type`` is there and
not ``track``; a record no shape takes is a skipped call when ``type`` says so and it
has no ``event``, else no known shape. Events the SDKs send by themselves are skipped.
:func:`read_payload` applies this to a parsed record, :func:`shape_sql` compiles it
to one SQL expression per column over a line's top-level fields.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeGuard

CALL_KEY = "type"
TRACK = "track"
AUTOMATIC_PREFIXES = ("$", "[Amplitude]")
AUTOMATIC = "automatic events of the SDKs"
# Keys the SDKs put among an event's properties themselves: not the product's properties.
SDK_PROPERTY_KEYS = frozenset({"distinct_id", "time", "token"})
SDK_PROPERTY_PREFIXES = ("$", "mp_")


@dataclass(frozen=True, slots=True)
class Shape:
    """One tool's export record: where the event and its properties are, when it is one."""

    name: str
    event: str
    properties: str
    # Any of these top-level keys present makes it this shape ((): always, once the event is a string).
    has_any: tuple[str, ...] = ()
    # ``type`` equal to this makes it this shape too.
    call: str | None = None
    # Its properties having all these keys makes it this shape.
    properties_have: tuple[str, ...] = ()
    drops_sdk_keys: bool = False
    # A ``type`` other than ``track`` makes the record a Segment call of that type, skipped.
    segment_calls: bool = True

    def conditional(self) -> bool:
        return bool(self.has_any or self.call or self.properties_have)


SHAPES = (
    Shape("amplitude", "event_type", "event_properties", segment_calls=False),
    Shape("segment", "event", "properties", ("userId", "anonymousId", "messageId"), call=TRACK),
    Shape(
        "mixpanel",
        "event",
        "properties",
        properties_have=("time", "distinct_id"),
        drops_sdk_keys=True,
    ),
    Shape("posthog", "event", "properties", drops_sdk_keys=True),
)


class Payload(NamedTuple):
    """One tracked event of an export, in the shape its tool wrote it (a named tuple:
    one is made per payload, at a fifth of a frozen dataclass's cost)."""

    event: str
    properties: Mapping[str, object]
    shape: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that is not a product event: an identify call, an SDK's automatic event."""

    reason: str


def _matches(shape: Shape, record: Mapping[str, object]) -> bool:
    """Whether ``record``, whose event key for ``shape`` holds a string, is of ``shape``."""
    # Membership through keys views and map, not generators: asked twice a payload.
    if shape.has_any and not record.keys().isdisjoint(shape.has_any):
        return True
    if shape.call is not None and record.get(CALL_KEY) == shape.call:
        return True
    if not shape.properties_have:
        return False
    properties = record.get(shape.properties)
    return _is_mapping(properties) and all(map(properties.__contains__, shape.properties_have))


# Each shape with whether it has conditions: read once per record, for every record.
_CONDITIONAL = tuple((shape, shape.conditional()) for shape in SHAPES)


def read_payload(record: object) -> Payload | Skipped | None:
    """The event in an export record, a reason to skip it, or None when it is no known shape."""
    if not _is_mapping(record):
        return None
    kind = record.get(CALL_KEY)
    for shape, conditional in _CONDITIONAL:
        event = record.get(shape.event)
        if not isinstance(event, str) or (conditional and not _matches(shape, record)):
            continue
        if shape.segment_calls and kind is not None and kind != TRACK:
            return Skipped(f"Segment {kind} calls")
        name = str(event)
        if name.startswith(AUTOMATIC_PREFIXES):
            return Skipped(AUTOMATIC)
        properties = record.get(shape.properties)
        if properties is None:
            properties = {}
        if not _is_mapping(properties):
            return None
        if shape.drops_sdk_keys and any(map(_sdk_key, properties)):
            properties = {key: value for key, value in properties.items() if not _sdk_key(key)}
        return Payload(name, properties, shape.name)
    if isinstance(kind, str) and kind != TRACK and "event" not in record:
        return Skipped(f"Segment {kind} calls")
    return None


def _is_mapping(value: object) -> TypeGuard[Mapping[Any, Any]]:
    # ``json.loads`` gives dicts: the ABC check (three a payload) is slower by far.
    return type(value) is dict or isinstance(value, Mapping)


def _sdk_key(key: str) -> bool:
    return key in SDK_PROPERTY_KEYS or key.startswith(SDK_PROPERTY_PREFIXES)


# -- The same as SQL (DuckDB) ------------------------------------------------------------


def top_level_keys() -> tuple[str, ...]:
    """The top-level keys the shapes read, in the order :func:`shape_sql` expects them."""
    keys = [CALL_KEY]
    for shape in SHAPES:
        keys += [shape.event, shape.properties, *shape.has_any]
    return tuple(dict.fromkeys(keys))


# A list up to this long is searched for a key twice by comparing each key's place with
# its first (4x faster than a hash set of its keys, but quadratic: longer ones get the set).
SHORT_LIST = 32


def _placed_twice(keys: str, among: str = "") -> str:
    """Whether a key of the short list ``keys`` (of the SQL list ``among`` when given)
    is not at its first place."""
    test = f"list_position({keys}, k) <> i" + (f" AND k IN ({among})" if among else "")
    return f"list_bool_or(list_transform({keys}, lambda k, i: {test}))"


def read_twice_sql(keys: str) -> str:
    """Whether the list ``keys`` (a record's keys, in order) holds twice a key whose value
    a shape reads (Python's ``json`` keeps the last, DuckDB finds the first); the
    others are only looked for."""
    valued = dict.fromkeys([CALL_KEY, *(key for s in SHAPES for key in (s.event, s.properties))])
    # One key's first and last place, for each key read: linear in the record's keys.
    last = f"len({keys}) + 1 - list_position(list_reverse({keys}), {{key}})"
    long = " OR ".join(
        f"list_position({keys}, {_lit(key)}) <> " + last.format(key=_lit(key)) for key in valued
    )
    short = _placed_twice(keys, ", ".join(map(_lit, valued)))
    return f"CASE WHEN len({keys}) <= {SHORT_LIST} THEN {short} ELSE {long} END"


def any_twice_sql(keys: str) -> str:
    """Whether the list ``keys`` holds a key twice."""
    return (
        f"CASE WHEN len({keys}) <= {SHORT_LIST} THEN {_placed_twice(keys)} "
        f"ELSE list_unique({keys}) <> len({keys}) END"
    )


def _lit(text: str) -> str:
    from evdict.commands.validate_sql import sql_string  # only when SQL is built

    return sql_string(text)


@dataclass(frozen=True, slots=True)
class ShapeSql:
    """SQL expressions over ``f``, the list of a line's :func:`top_level_keys` as JSON
    (NULL when missing): which shape (its index in :data:`SHAPES`, NULL for none), and
    for that shape the event, the properties and why a record is skipped."""

    shape: str
    event: str
    properties: str
    skipped: str
    # A record whose reading in SQL could differ from Python's: a ``type`` that is not
    # a string (its reason would be Python's repr of it).
    unclear: str


def opens_with(value: str, first: str) -> str:
    """Whether JSON ``value`` as ``json_extract`` writes it (minified) opens with ``first``:
    its type, for a third of the time of ``json_type``."""
    return f"starts_with(CAST({value} AS VARCHAR), {_lit(first)})"


def is_null(value: str) -> str:
    """Whether JSON ``value`` as ``json_extract`` writes it is ``null``."""
    return f"CAST({value} AS VARCHAR) = 'null'"


def _at(field: str, key: str) -> str:
    return f"{field}[{top_level_keys().index(key) + 1}]"


def automatic_sql(event: str) -> str:
    """Whether the string ``event`` is one the SDKs send by themselves (:data:`AUTOMATIC_PREFIXES`)."""
    return " OR ".join(f"starts_with({event}, {_lit(prefix)})" for prefix in AUTOMATIC_PREFIXES)


@dataclass(frozen=True, slots=True)
class PlainSql:
    """The common record, read without the tests of :class:`ShapeSql`: a Segment track
    call (``type`` the string ``track``, ``event`` a string, no shape before it with an
    event, the properties an object or missing). ``plain`` says a line's ``f`` is one;
    for it, the shape is ``index`` and the other columns are these (``skipped`` over
    the column ``event``)."""

    index: int
    plain: str
    event: str
    properties: str
    skipped: str


def plain_sql(field: str = "f") -> PlainSql:
    index = next(i for i, shape in enumerate(SHAPES) if shape.call == TRACK)
    shape = SHAPES[index]
    # The earlier shapes cannot match when their event keys are missing; the SDK's keys
    # are not dropped, the properties are read as they are.
    earlier = [s.event for s in SHAPES[:index]]
    assert shape.event not in earlier and not shape.drops_sdk_keys and shape.segment_calls
    props = _at(field, shape.properties)
    tests = [
        *(f"{_at(field, key)} IS NULL" for key in earlier),
        f"CAST({_at(field, CALL_KEY)} AS VARCHAR) = {_lit(json.dumps(TRACK))}",
        opens_with(_at(field, shape.event), '"'),
        f"({props} IS NULL OR {opens_with(props, '{')})",
    ]
    return PlainSql(
        index,
        "(" + " AND ".join(tests) + ")",
        f"{_at(field, shape.event)} ->> '$'",
        props,
        f"CASE WHEN {automatic_sql('event')} THEN {_lit(AUTOMATIC)} END",
    )


def shape_sql(field: str = "f") -> ShapeSql:
    def at(key: str) -> str:
        return _at(field, key)

    def string(key: str) -> str:
        return opens_with(at(key), '"')

    def condition(shape: Shape) -> str:
        if not shape.conditional():
            return string(shape.event)
        tests = [f"{at(key)} IS NOT NULL" for key in shape.has_any]
        if shape.call is not None:
            tests.append(f"({string(CALL_KEY)} AND {at(CALL_KEY)} ->> '$' = {_lit(shape.call)})")
        if shape.properties_have:
            props = at(shape.properties)
            tests.append(
                f"({opens_with(props, '{')} AND "
                + " AND ".join(
                    f"json_exists({props}, {_lit('$.' + k)})" for k in shape.properties_have
                )
                + ")"
            )
        return f"({string(shape.event)} AND ({' OR '.join(tests)}))"

    def per_shape(values: list[str], otherwise: str = "NULL") -> str:
        whens = " ".join(f"WHEN {index} THEN {value}" for index, value in enumerate(values))
        return f"CASE shape {whens} ELSE {otherwise} END"

    kind = at(CALL_KEY)
    is_call = f"({kind} IS NOT NULL AND json_type({kind}) <> 'NULL' AND ({kind} ->> '$') IS DISTINCT FROM {_lit(TRACK)})"
    call_reason = f"'Segment ' || ({kind} ->> '$') || ' calls'"
    shape = (
        "CASE " + " ".join(f"WHEN {condition(s)} THEN {i}" for i, s in enumerate(SHAPES)) + " END"
    )
    event = per_shape([f"{at(s.event)} ->> '$'" for s in SHAPES])
    properties = per_shape([at(s.properties) for s in SHAPES])
    automatic = automatic_sql("event")
    calls = per_shape([is_call if s.segment_calls else "FALSE" for s in SHAPES])
    skipped = (
        f"CASE WHEN shape IS NULL THEN CASE WHEN {string(CALL_KEY)} AND {is_call} "
        f"AND {at('event')} IS NULL THEN {call_reason} END "
        f"WHEN {calls} THEN {call_reason} WHEN {automatic} THEN {_lit(AUTOMATIC)} END"
    )
    unclear = f"({kind} IS NOT NULL AND json_type({kind}) NOT IN ('VARCHAR', 'NULL'))"
    return ShapeSql(shape, event, properties, skipped, unclear)


def own_properties_sql(properties: str) -> str:
    """``properties`` (JSON object) without the SDK's keys: those keys patched to null."""
    dropped = " OR ".join(
        [f"k IN ({', '.join(_lit(k) for k in sorted(SDK_PROPERTY_KEYS))})"]
        + [f"starts_with(k, {_lit(prefix)})" for prefix in SDK_PROPERTY_PREFIXES]
    )
    drop = f"list_filter(json_keys({properties}), lambda k: {dropped})"
    return (
        f"CASE WHEN len({drop}) = 0 THEN {properties} ELSE json_merge_patch({properties}, "
        f"to_json(map_from_entries(list_transform({drop}, lambda k: {{'k': k, 'v': NULL::JSON}})))) END"
    )
